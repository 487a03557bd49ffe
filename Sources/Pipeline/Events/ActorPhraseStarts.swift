/// How many words the longest phrase of a dictionary that opens with a given word has, at
/// least: a bound `ActorCoder.code` skips runs of words by.
///
/// `ActorCoder.code` tries every run of a phrase's words, longest first, against the actor
/// and agent tables; most words open no phrase of two words or more, and joining a run into
/// a `String` to look it up cost more than the rest of the coding. A run whose first word
/// opens no table phrase that long could match nothing, and is skipped.
///
/// Promises: for every phrase given to `init` (words joined by single spaces),
/// `longest(openingWith:)` of its first word is at least its word count when that is two or
/// more; a word that opens no phrase of two words or more gives less than 2 (most often 0); a
/// word holding a space (it is then no single word of a table phrase) gives `Int.max`, so it
/// is never skipped. Words are bucketed by a hash of their bytes, and a bucket keeps the
/// largest count of the words in it, so a bound may be larger than the word's own (never
/// smaller): the table is 64 KB however many phrases it holds, and building it makes no
/// `String`, once per process for the 50,000 phrases of the embedded tables.
struct ActorPhraseStarts: Sendable {
    private static let bucketBits = 16
    private let longest: [UInt8]

    init<Phrases: Sequence>(phrases: Phrases) where Phrases.Element == String {
        var longest = [UInt8](repeating: 0, count: 1 << Self.bucketBits)
        for var phrase in phrases {
            phrase.withUTF8 { bytes in
                var hash = FNV1a.offsetBasis
                var words = 1
                var inFirst = true
                for byte in bytes {
                    if byte == UInt8(ascii: " ") {
                        words += 1
                        inFirst = false
                    } else if inFirst {
                        hash = FNV1a.step(hash, UInt64(byte))
                    }
                }
                guard words >= 2 else { return }
                let bucket = Self.bucket(hash)
                longest[bucket] = max(longest[bucket], UInt8(clamping: words))
            }
        }
        self.longest = longest
    }

    @inline(__always) private static func bucket(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - bucketBits))
    }

    /// The bound for runs that open with `word` (see the promises).
    func longest(openingWith word: String) -> Int {
        var hash = FNV1a.offsetBasis
        for byte in word.utf8 {
            if byte == UInt8(ascii: " ") { return Int.max }
            hash = FNV1a.step(hash, UInt64(byte))
        }
        let bound = Int(longest[Self.bucket(hash)])
        // A bucket holds at most 255 (`UInt8`); a longer phrase is never skipped.
        return bound == 255 ? Int.max : bound
    }
}
