/// One line of a text, located by Unicode-scalar offsets.
///
/// A line runs from `start` to `end`; `contentEnd` is where its terminator ("\n", "\r\n"
/// or "\r") begins, so `start..<contentEnd` is the line as a reader sees it, trailing
/// spaces included, and `contentEnd..<end` is the terminator (empty on a last line that
/// has none).
struct TextLine: Sendable, Hashable {
    var start: Int
    var contentEnd: Int
    var end: Int
    /// True when the line holds only whitespace (spaces, tabs, no-break spaces).
    var isBlank: Bool

    /// Splits `scalars` into lines. A text that ends with a terminator has no empty line
    /// after it, so the count matches what an editor shows.
    static func split(_ scalars: [Unicode.Scalar]) -> [TextLine] {
        var lines: [TextLine] = []
        var start = 0
        var blank = true
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                var end = index + 1
                if scalar == "\r", end < count, scalars[end] == "\n" { end += 1 }
                lines.append(TextLine(start: start, contentEnd: index, end: end, isBlank: blank))
                start = end
                index = end
                blank = true
                continue
            }
            if blank, !ScalarClass.isWhitespace(scalar) { blank = false }
            index += 1
        }
        if start < count {
            lines.append(TextLine(start: start, contentEnd: count, end: count, isBlank: blank))
        }
        return lines
    }
}
