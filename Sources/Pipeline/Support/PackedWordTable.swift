/// A read-only table of short words (one to eight UTF-8 bytes), found by their bytes
/// packed into one integer, for lookups in a scan over every word of a document.
///
/// Promises: `value(for:)` returns the value of exactly the word whose bytes are given,
/// or `nil` for any other word and for words longer than eight bytes (the caller decides
/// what those mean). Words are bucketed by length and first byte and sorted within their
/// bucket, so a lookup is a binary search over a few integers and never hashes a String.
/// (A bucket of the trigger lexicon's 9,256 words holds up to 174, and most words of a
/// text are in no table: a scan to the end of the bucket cost a miss hundreds of
/// instructions, `TriggerLexicon.number(of:)` 0.155M per document of `gleaner extract`.)
///
/// Why a second word table beside `WordTable`: its callers hold a word as bytes in the
/// line or sentence they scan, and making a `String` of every word to look it up costs
/// more than the lookup. Measured with callgrind on `gleaner extract` of the 130
/// Readability test pages (release build, 2026-12-03, the same output byte for byte): the
/// cleaner's function-word lookups through this table against a `String` and the
/// `Dictionary` it stands for, `BoilerplateCleaner.process` 596.6M instructions against
/// 714.7M (`LineFeatures.scanWords` 162.0M against 277.3M). When the events stage's word
/// classes moved to it: 163.4M -> 160.5M.
struct PackedWordTable<Value: Sendable>: Sendable {
    /// Buckets are `length * 256 + first byte`; `starts[b]..<starts[b + 1]` are bucket b's entries.
    private let starts: [Int32]
    private let keys: [UInt64]
    private let values: [Value]

    private static var bucketCount: Int { 9 * 256 }

    init(_ words: [String: Value]) {
        var entries: [(bucket: Int, key: UInt64, value: Value)] = []
        for (word, value) in words {
            let bytes = Array(word.utf8)
            guard (1...8).contains(bytes.count) else { continue }
            let key = bytes.withUnsafeBufferPointer { Self.pack($0) }
            entries.append((bytes.count * 256 + Int(bytes[0]), key, value))
        }
        entries.sort { $0.bucket != $1.bucket ? $0.bucket < $1.bucket : $0.key < $1.key }
        var starts = [Int32](repeating: 0, count: Self.bucketCount + 1)
        for entry in entries { starts[entry.bucket + 1] += 1 }
        for b in 0..<Self.bucketCount { starts[b + 1] += starts[b] }
        self.starts = starts
        keys = entries.map(\.key)
        values = entries.map(\.value)
    }

    /// Little-endian bytes in one integer. Words hold no zero byte, so two words of one
    /// length never pack alike.
    @inline(__always)
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            key |= UInt64(byte) << shift
            shift += 8
        }
        return key
    }

    /// The value of the word of `length` bytes (1...8) whose bytes, packed as `pack`
    /// packs them, are `key`.
    func value(forPacked key: UInt64, length: Int) -> Value? {
        guard length >= 1, length <= 8 else { return nil }
        return value(forPacked: key, inBucket: length * 256 + Int(key & 0xFF))
    }

    func value(for word: UnsafeBufferPointer<UInt8>) -> Value? {
        guard word.count >= 1, word.count <= 8 else { return nil }
        let bucket = word.count * 256 + Int(word[0])
        guard starts[bucket] < starts[bucket + 1] else { return nil }
        return value(forPacked: Self.pack(word), inBucket: bucket)
    }

    /// The value of `key` in `bucket`, whose keys `init` sorted: a binary search.
    @inline(__always)
    private func value(forPacked key: UInt64, inBucket bucket: Int) -> Value? {
        var lo = Int(starts[bucket]), hi = Int(starts[bucket + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(starts[bucket + 1]) && keys[lo] == key ? values[lo] : nil
    }
}
