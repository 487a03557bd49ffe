/// A fixed word-keyed table, probed by an FNV-1a hash of the word's UTF-8: the analyzer looks
/// words up in its tables for nearly every token, and the standard library's seeded String
/// hashing costs several times more than this.
///
/// Promises: `table[word]` equals the source dictionary's `[word]` for every string; a hash
/// match counts only when the stored word is equal, so collisions never change an answer.
///
/// Word lookups, one way each (see `docs/benchmark.md`, "Lookup tables"): a `Set` or
/// `Dictionary` by default; this table where a `String` is looked up for every token,
/// because it was measured: with callgrind on `gleaner extract` of the 130 Readability
/// test pages (release build, 2026-12-03, the same output byte for byte),
/// `TextAnalyzer.process` costs 1306.6M instructions with these tables and 1424.5M when
/// each looks up the `Dictionary` it was made from (the entity recognizer's scan 176.5M
/// against 252.0M). `PackedWordTable` where the word is a byte buffer, not a `String`;
/// `LabelCountTable` for the tagger's counts by word hash.
struct WordTable<Value: Sendable>: Sendable {
    private let words: [String]
    private let hashes: [UInt64]
    /// nil marks an empty slot.
    private let values: [Value?]
    private let mask: Int

    init(_ table: [String: Value]) {
        var capacity = 16
        while capacity < table.count * 2 { capacity *= 2 }
        var words = [String](repeating: "", count: capacity)
        var hashes = [UInt64](repeating: 0, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        mask = capacity - 1
        for (word, value) in table {
            let h = Self.hash(word)
            var k = Self.slot(h, mask)
            while values[k] != nil { k = (k + 1) & mask }
            words[k] = word; hashes[k] = h; values[k] = value
        }
        self.words = words; self.hashes = hashes; self.values = values
    }

    subscript(word: String) -> Value? {
        let h = Self.hash(word)
        var k = Self.slot(h, mask)
        while let value = values[k] {
            if hashes[k] == h && words[k] == word { return value }
            k = (k + 1) & mask
        }
        return nil
    }

    @inline(__always) private static func slot(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    @inline(__always) private static func hash(_ word: String) -> UInt64 {
        // Native strings lend their bytes as a buffer, far cheaper to walk than the view.
        if let h = word.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return h }
        return hash(bytes: word.utf8)
    }

    @inline(__always) private static func hash<Bytes: Sequence<UInt8>>(bytes: Bytes) -> UInt64 {
        var h = FNV1a.offsetBasis
        for byte in bytes { h = FNV1a.step(h, UInt64(byte)) }
        return h
    }
}
