/// The lines of a text, one at a time, each ended by "\n", "\r\n" or a lone "\r", so a file
/// from a Windows (or old Mac) writer reads as its LF twin does. The last line is whatever
/// follows the last line end (empty when the text ends with one), as
/// `split(separator:omittingEmptySubsequences: false)` would give.
///
/// The scan is on UTF-8 bytes: a `Character` comparison sees "\r\n" as one grapheme, equal
/// to neither "\r" nor "\n". Line ends are ASCII, so every line starts and ends on a scalar.
struct TextLines: Sequence, IteratorProtocol {
    private let text: String
    private var lineStart: String.Index
    private var position: String.Index
    private var finished = false

    init(_ text: String) {
        self.text = text
        lineStart = text.utf8.startIndex
        position = lineStart
    }

    mutating func next() -> Substring? {
        guard !finished else { return nil }
        let utf8 = text.utf8
        while position < utf8.endIndex {
            let byte = utf8[position]
            let here = position
            utf8.formIndex(after: &position)
            guard byte == 0x0A || byte == 0x0D else { continue }
            // "\r\n" is one line end: step over its "\n" too.
            if byte == 0x0D, position < utf8.endIndex, utf8[position] == 0x0A { utf8.formIndex(after: &position) }
            let start = lineStart
            lineStart = position
            return text[start..<here]
        }
        finished = true
        return text[lineStart..<utf8.endIndex]
    }
}
