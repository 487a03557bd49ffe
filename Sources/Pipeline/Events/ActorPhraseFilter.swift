/// A Bloom filter over the phrases of the actor dictionaries, so `ActorCoder.code` can rule
/// out a run of words without joining it into a `String` and hashing that String for the
/// actor table and again for the agent table (most runs are in neither).
///
/// Promises: `mayContain(h)` is true whenever `h` is the hash of a phrase given to `init`:
/// FNV-1a over its UTF-8 bytes, from `emptyHash`, a byte at a time by `continued(_:with:)`.
/// So a `false` proves the phrase is in neither table and both lookups may be skipped; a
/// `true` may be a false positive, and the caller looks the phrase up as before. A caller
/// hashes a run word by word, a space between words, without making the phrase. Two bits
/// a phrase in 2^19 (64 KB), for the about 50,000 phrases of the embedded tables.
struct ActorPhraseFilter: Sendable {
    private static let bitCount = 19
    private let bits: [UInt64]

    init<Phrases: Sequence>(phrases: Phrases) where Phrases.Element == String {
        var bits = [UInt64](repeating: 0, count: (1 << Self.bitCount) / 64)
        for var phrase in phrases {
            // Over the contiguous bytes: the 50,000 phrases of the embedded tables at start-up.
            let h = phrase.withUTF8 { $0.reduce(Self.emptyHash) { FNV1a.step($0, UInt64($1)) } }
            let (a, b) = Self.slots(h)
            bits[a >> 6] |= 1 << UInt64(a & 63)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.bits = bits
    }

    /// The hash of the empty phrase, which `continued` extends.
    static var emptyHash: UInt64 { FNV1a.offsetBasis }

    /// `hash` continued with one byte.
    @inline(__always)
    static func continued(_ hash: UInt64, with byte: UInt8) -> UInt64 {
        FNV1a.step(hash, UInt64(byte))
    }

    /// Two bit positions from the hash's top bits.
    @inline(__always)
    private static func slots(_ hash: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: hash >> UInt64(64 - bitCount)),
         Int(truncatingIfNeeded: (hash >> UInt64(64 - 2 * bitCount)) & ((1 << UInt64(bitCount)) - 1)))
    }

    func mayContain(_ hash: UInt64) -> Bool {
        let (a, b) = Self.slots(hash)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
