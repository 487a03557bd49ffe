/// 64-bit FNV-1a, one value at a time: cheap, and the same in every process (the standard
/// library's `Hasher` is seeded per run), for the word tables, the tagger's features and
/// the site-furniture fingerprints stored in the database.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash `h` continued with `value`.
    @inline(__always) static func step(_ h: UInt64, _ value: UInt64) -> UInt64 {
        (h ^ value) &* prime
    }
}
