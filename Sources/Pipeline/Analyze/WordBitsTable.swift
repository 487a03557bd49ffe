/// `Gazetteer.wordBits` again, as an open-addressing table probed by an FNV-1a hash of the
/// word's UTF-8: the tagger looks up every word of every sentence, and the standard
/// library's seeded String hashing costs several times more than this.
///
/// Promises: `bits(of: word)` equals `wordBits[word] ?? 0` for every string; a hash match
/// counts only when the stored word is equal, so collisions never change an answer.
struct WordBitsTable: Sendable {
    private let words: [String]
    private let hashes: [UInt64]
    private let values: [UInt32]
    private let occupied: [Bool]
    private let mask: Int

    init(_ table: [String: UInt32]) {
        var capacity = 16
        while capacity < table.count * 2 { capacity *= 2 }
        var words = [String](repeating: "", count: capacity)
        var hashes = [UInt64](repeating: 0, count: capacity)
        var values = [UInt32](repeating: 0, count: capacity)
        var occupied = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
        for (word, bits) in table {
            let h = Self.hash(word)
            var k = Self.slot(h, mask)
            while occupied[k] { k = (k + 1) & mask }
            words[k] = word; hashes[k] = h; values[k] = bits; occupied[k] = true
        }
        self.words = words; self.hashes = hashes; self.values = values; self.occupied = occupied
    }

    func bits(of word: String) -> UInt32 {
        let h = Self.hash(word)
        var k = Self.slot(h, mask)
        while occupied[k] {
            if hashes[k] == h && words[k] == word { return values[k] }
            k = (k + 1) & mask
        }
        return 0
    }

    @inline(__always) private static func slot(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    @inline(__always) private static func hash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
