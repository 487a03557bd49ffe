/// Renders Markdown as the plain text a reader sees: headings without `#`, emphasis and
/// code marks dropped, links reduced to their text, images and reference definitions
/// dropped, list and quote markers removed, soft-wrapped lines joined into one line per
/// paragraph, a blank line between blocks. YAML front matter becomes metadata.
///
/// Rendering happens at decode time, as for HTML, so the clean stage's `removed` offsets
/// index the rendered text and the offset invariant holds unchanged.
enum MarkdownRenderer {
    struct Page {
        var text: String
        var metadata: DocumentMetadata
    }

    static func read(_ markdown: String) -> Page {
        var lines = Self.lines(of: markdown)
        var metadata = DocumentMetadata()
        if lines.first?.trimmingCharactersInSpaces() == "---",
           let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharactersInSpaces() == "---" || $0.trimmingCharactersInSpaces() == "..." }) {
            TextHeader.read(lines[1..<close].joined(separator: "\n"), into: &metadata)
            lines.removeSubrange(0...close)
        }
        var blocks: [String] = []
        var paragraph: [String] = []
        var inFence = false
        func flush() {
            if !paragraph.isEmpty {
                let joined = paragraph.joined(separator: " ")
                if !joined.isEmpty { blocks.append(joined) }
                paragraph.removeAll()
            }
        }
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharactersInSpaces()
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                flush()
                inFence.toggle()
                continue
            }
            if inFence {
                if !line.isEmpty { blocks.append(raw) }
                continue
            }
            if line.isEmpty { flush(); continue }
            if isRule(line) {
                // A rule under a paragraph line is a setext heading's underline.
                flush()
                continue
            }
            if isReferenceDefinition(line) { continue }
            var content = Substring(line)
            var startsBlock = false
            while content.hasPrefix(">") {
                content = content.dropFirst().drop { $0 == " " }
                startsBlock = true
            }
            if content.hasPrefix("#") {
                let level = content.prefix { $0 == "#" }.count
                if level <= 6, content.dropFirst(level).first == " " || content.count == level {
                    flush()
                    var heading = String(content.dropFirst(level)).trimmingCharactersInSpaces()
                    while heading.hasSuffix("#") { heading.removeLast() }
                    let text = inline(heading.trimmingCharactersInSpaces())
                    if !text.isEmpty { blocks.append(text) }
                    continue
                }
            }
            if let item = listItem(content) {
                flush()
                content = item
                startsBlock = true
            }
            if startsBlock, raw.first != " " { flush() }
            // A setext heading: this line is underlined by === or ---.
            if index + 1 < lines.count, paragraph.isEmpty, isSetextUnderline(lines[index + 1].trimmingCharactersInSpaces()) {
                blocks.append(inline(String(content)))
                continue
            }
            paragraph.append(inline(String(content)))
        }
        flush()
        return Page(text: blocks.joined(separator: "\n\n"), metadata: metadata)
    }

    /// The lines of `markdown`, empty ones included (see `TextLines` for the line ends).
    private static func lines(of markdown: String) -> [String] {
        TextLines(markdown).map(String.init)
    }

    private static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, first == "-" || first == "*" || first == "_" || first == "=" else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isSetextUnderline(_ line: String) -> Bool {
        !line.isEmpty && (line.allSatisfy { $0 == "=" } || (line.count >= 2 && line.allSatisfy { $0 == "-" }))
    }

    private static func isReferenceDefinition(_ line: String) -> Bool {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return false }
        return line[line.index(after: close)...].hasPrefix(":")
    }

    /// The item's text when `line` is a list item ("- x", "* x", "+ x", "1. x", "2) x").
    private static func listItem(_ line: Substring) -> Substring? {
        if let first = line.first, first == "-" || first == "*" || first == "+", line.dropFirst().first == " " {
            return line.dropFirst(2)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = line.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " { return rest.dropFirst(2) }
        }
        return nil
    }

    /// Inline markup to text: `[text](url)` -> text, `![alt](src)` dropped, emphasis and
    /// code marks and HTML tags removed, backslash escapes resolved.
    static func inline(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isWordChar(_ j: Int) -> Bool { j >= 0 && j < s.count && (s[j].properties.isAlphabetic || (s[j].value >= 48 && s[j].value <= 57)) }
        /// Index after the bracketed destination starting at `j` ("(" or "["), or nil.
        func skipDestination(_ j: Int) -> Int? {
            guard j < s.count, s[j] == "(" || s[j] == "[" else { return nil }
            let close: Unicode.Scalar = s[j] == "(" ? ")" : "]"
            var k = j + 1
            while k < s.count, s[k] != close { k += 1 }
            return k < s.count ? k + 1 : nil
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\" where i + 1 < s.count && !s[i + 1].properties.isAlphabetic:
                out.append(s[i + 1])
                i += 2
            case "!" where i + 1 < s.count && s[i + 1] == "[":
                // An image: drop alt text and source.
                var k = i + 2
                while k < s.count, s[k] != "]" { k += 1 }
                if k < s.count, let after = skipDestination(k + 1) { i = after } else { out.append(c); i += 1 }
            case "[":
                var k = i + 1
                var depth = 1
                while k < s.count { if s[k] == "[" { depth += 1 } else if s[k] == "]" { depth -= 1; if depth == 0 { break } }; k += 1 }
                if k < s.count, let after = skipDestination(k + 1) {
                    out.append(contentsOf: inline(String(String.UnicodeScalarView(s[(i + 1)..<k]))).unicodeScalars)
                    i = after
                } else if k < s.count {
                    // "[text]" with no destination: keep the text, drop the brackets only
                    // when a reference style link "[text][]" follows; otherwise keep as is.
                    out.append(c)
                    i += 1
                } else {
                    out.append(c)
                    i += 1
                }
            case "<":
                var k = i + 1
                while k < s.count, s[k] != ">", s[k] != "<" { k += 1 }
                let body = String(String.UnicodeScalarView(s[(i + 1)..<min(k, s.count)]))
                if k < s.count, s[k] == ">", body.hasPrefix("http") {
                    out.append(contentsOf: body.unicodeScalars)
                    i = k + 1
                } else if k < s.count, s[k] == ">", let first = body.unicodeScalars.first, first.properties.isAlphabetic || first == "/" {
                    i = k + 1
                } else {
                    out.append(c)
                    i += 1
                }
            case "`":
                i += 1
            case "*", "_":
                // Emphasis marks touch a word on one side only; "snake_case" and "3 * 4" stay.
                let before = i > 0 && !s[i - 1].properties.isWhitespace
                var run = i
                while run < s.count, s[run] == c { run += 1 }
                let after = run < s.count && !s[run].properties.isWhitespace
                let intraword = c == "_" && isWordChar(i - 1) && isWordChar(run)
                if (before != after || (before && after && c == "*")) && !intraword {
                    i = run
                } else {
                    for _ in i..<run { out.append(c) }
                    i = run
                }
            default:
                out.append(c)
                i += 1
            }
        }
        return String(out).trimmingCharactersInSpaces()
    }
}
