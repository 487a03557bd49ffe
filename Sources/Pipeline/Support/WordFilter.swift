/// A one-hash Bloom filter over folded words, to skip dictionary lookups that must miss.
///
/// Promises: `mayContain(slot)` is true for the slot of every word the filter was built
/// from, so a `false` proves the word is absent and the lookup behind it can be skipped;
/// a `true` may be a false positive, and the caller still looks the word up. A slot
/// hashes a word's length and first two bytes, which is far cheaper than hashing the
/// whole String the way a Dictionary does, and most words of a sentence are in no table.
struct WordFilter: Sendable {
    private static let slotBits = 16
    private var bits: [UInt64]

    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        bits = [UInt64](repeating: 0, count: (1 << Self.slotBits) / 64)
        for word in words {
            let slot = Int(Self.slot(of: word))
            bits[slot >> 6] |= 1 << UInt64(slot & 63)
        }
    }

    /// The filter slot of `word`: its UTF-8 length and first two bytes, mixed.
    static func slot(of word: String) -> UInt16 {
        let utf8 = word.utf8
        var bytes = utf8.makeIterator()
        let first = bytes.next() ?? 0, second = bytes.next() ?? 0
        return slot(first: first, second: second, length: utf8.count)
    }

    /// The slot of a word of `length` bytes that starts with `first` and `second` (0 when
    /// the word has one byte).
    @inline(__always)
    static func slot(first: UInt8, second: UInt8, length: Int) -> UInt16 {
        let key = UInt32(first) | UInt32(second) << 8 | UInt32(truncatingIfNeeded: length) << 16
        // Fibonacci hashing: the top bits of the product spread nearby keys apart.
        return UInt16(truncatingIfNeeded: (key &* 0x9E37_79B1) >> (32 - UInt32(slotBits)))
    }

    func mayContain(slot: UInt16) -> Bool {
        let index = Int(slot)
        return bits[index >> 6] & (1 << UInt64(index & 63)) != 0
    }
}
