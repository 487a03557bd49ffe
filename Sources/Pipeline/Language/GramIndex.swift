/// The language profiles' n-grams by their integer keys (`LanguageIdentifier.key(of:)`),
/// each to its range of per-language entries: the lookup `LanguageIdentifier` makes three
/// times per letter of every document's sample.
///
/// Promises: `range(of:)` answers exactly what the `Dictionary` it was built from answers,
/// for every key (nil for a key it does not hold). Keys are never 0 (every scalar of a key
/// is stored plus one), so 0 marks an empty slot.
///
/// Why not the `Dictionary` itself: its lookup hashes the key with the seeded SipHash, and
/// that was most of the identifier's cost (measured with callgrind, 100 benchmark articles,
/// see `docs/benchmark.md`); here a key is one multiplication and most lookups read one
/// slot of a table about twice as large as the 18,800 grams.
struct GramIndex: Sendable {
    private let shift: UInt64
    private let mask: Int
    private let keys: [UInt64]
    private let lowers: [Int32]
    private let uppers: [Int32]

    init(_ grams: [UInt64: Range<Int32>]) {
        var bits = 4
        while (1 << bits) < grams.count * 2 { bits += 1 }
        let size = 1 << bits
        var keys = [UInt64](repeating: 0, count: size)
        var lowers = [Int32](repeating: 0, count: size)
        var uppers = [Int32](repeating: 0, count: size)
        shift = UInt64(64 - bits)
        mask = size - 1
        for (key, range) in grams {
            precondition(key != 0, "an n-gram key is never 0")
            var slot = Self.slot(key, shift: shift)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            lowers[slot] = range.lowerBound
            uppers[slot] = range.upperBound
        }
        self.keys = keys
        self.lowers = lowers
        self.uppers = uppers
    }

    /// Fibonacci hashing: the top bits of the key times 2^64 / φ.
    @inline(__always) private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The entries' range of the n-gram `key`, or nil when no profile lists it.
    @inline(__always) func range(of key: UInt64) -> Range<Int32>? {
        var slot = Self.slot(key, shift: shift)
        while true {
            let found = keys[slot]
            if found == key { return lowers[slot]..<uppers[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
