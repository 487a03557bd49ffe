/// The raw source text split into lines, to turn the gold's `(line, start)` positions
/// into Unicode-scalar offsets of the whole text.
///
/// Lines end at `\n` (the `\n` belongs to the line before it); a final line without `\n`
/// counts, as the gold's `lines` field does.
public struct SourceLines: Sendable {
    public let text: ScalarText
    /// Offset of the first character of each line; `lineStarts[0]` is line 1.
    public let lineStarts: [Int]

    public init(_ source: String) {
        text = ScalarText(source)
        var starts = [0]
        for (i, scalar) in text.scalars.enumerated() where scalar == "\n" && i + 1 < text.count {
            starts.append(i + 1)
        }
        lineStarts = starts
    }

    public var count: Int { lineStarts.count }

    /// The offset of `start` in 1-based `line`, or `nil` when the line does not exist.
    public func offset(line: Int, start: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        return lineStarts[line - 1] + start
    }

    /// The span of 1-based `line` without its `\n`.
    public func span(ofLine line: Int) -> (start: Int, end: Int) {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : text.count
        if end > start, text.scalars[end - 1] == "\n" { end -= 1 }
        return (start, end)
    }

    /// The offset where `needle` occurs at or after `from`, or `nil`.
    public func find(_ needle: [Unicode.Scalar], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= text.count else { return nil }
        let scalars = text.scalars
        var i = max(0, from)
        while i + needle.count <= scalars.count {
            if scalars[i] == first, scalars[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
