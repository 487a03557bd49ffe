import Glibc

/// Tells the writer which text columns the SQLite store can leave out (schema version 7).
///
/// Promises: `stored(_:start:end:)` is nil exactly when the text is the clean text's
/// Unicode scalars from `start` to `end` (end exclusive), which the views of version 7
/// put back (`substr(clean_text, start + 1, end - start)`); otherwise it is the text
/// itself, so nothing a document carried is lost whatever its offsets say.
///
/// The comparison is of UTF-8 bytes (the same scalars are the same bytes): one pass over
/// the clean text finds where each scalar starts, and each text is then one byte compare.
struct CleanTextSlices {
    private let utf8: [UInt8]
    /// Where each scalar of the clean text starts in `utf8`, and `utf8.count` after the last.
    private let scalarStarts: [Int]

    init(_ cleanText: String) {
        utf8 = Array(cleanText.utf8)
        var starts: [Int] = []
        starts.reserveCapacity(utf8.count + 1)
        // A byte that is not a continuation byte (10xxxxxx) starts a scalar.
        for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
        starts.append(utf8.count)
        scalarStarts = starts
    }

    /// The value to store for a text column whose offsets are `start` and `end`.
    func stored(_ text: String, start: Int, end: Int) -> String? {
        guard start >= 0, start <= end, end < scalarStarts.count else { return text }
        let slice = scalarStarts[start]..<scalarStarts[end]
        var text = text
        let same = text.withUTF8 { bytes in
            bytes.count == slice.count && (bytes.isEmpty || utf8.withUnsafeBufferPointer { clean in
                memcmp(bytes.baseAddress!, clean.baseAddress! + slice.lowerBound, bytes.count) == 0
            })
        }
        return same ? nil : text
    }
}
