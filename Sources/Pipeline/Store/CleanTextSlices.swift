/// Tells the writer which text columns the SQLite store can leave out (schema version 7).
///
/// Promises: `stored(_:start:end:)` is nil exactly when the text is the clean text's
/// Unicode scalars from `start` to `end` (end exclusive), which the views of version 7
/// put back (`substr(clean_text, start + 1, end - start)`); otherwise it is the text
/// itself, so nothing a document carried is lost whatever its offsets say.
struct CleanTextSlices {
    private let scalars: [Unicode.Scalar]

    init(_ cleanText: String) {
        scalars = Array(cleanText.unicodeScalars)
    }

    /// The value to store for a text column whose offsets are `start` and `end`.
    func stored(_ text: String, start: Int, end: Int) -> String? {
        guard start >= 0, start <= end, end <= scalars.count else { return text }
        var position = start
        for scalar in text.unicodeScalars {
            guard position < end, scalars[position] == scalar else { return text }
            position += 1
        }
        return position == end ? nil : text
    }
}
