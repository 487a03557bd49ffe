/// Guesses an article's format from its content: JSON opens with `{`, HTML with a
/// doctype, `<html>` or a tag followed by block markup; Markdown shows ATX headings or
/// link syntax at line starts; anything else is plain text.
///
/// Looks at the first 4 KiB only, as ASCII-folded bytes: it runs on every file, so it
/// must cost next to nothing.
enum FormatSniffer {
    static func sniff(_ text: String) -> DocumentFormat {
        var copy = text
        let head = copy.withUTF8 { utf8 in
            // Skip leading whitespace and a UTF-8 byte-order mark (within the first
            // 4 KiB + 16 bytes), then take up to 4 KiB, ASCII letters lower-cased.
            let limit = min(utf8.count, 4096 + 16)
            var start = 0
            while start < limit, Self.isLeadingFiller(utf8[start]) { start += 1 }
            let length = min(limit - start, 4096)
            // Written straight into the array's storage: this loop touches every head byte.
            return [UInt8](unsafeUninitializedCapacity: 4096) { buffer, count in
                for k in 0..<length {
                    let byte = utf8[start + k]
                    buffer[k] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                }
                count = length
            }
        }
        if head.first == UInt8(ascii: "{") { return .json }
        func has(_ needle: String) -> Bool { contains(head, Array(needle.utf8)) }
        func starts(_ prefix: String) -> Bool { head.starts(with: prefix.utf8) }
        if starts("<!doctype html") || starts("<html") || (starts("<?xml") && has("<html")) || has("<body")
            || (starts("<") && (has("</p>") || has("</div>"))) {
            return .html
        }
        var markdownSigns = 0
        var lines = 0
        let link: [UInt8] = Array("](".utf8)
        var lineStart = 0
        // The first 60 lines of the head (the last may be cut short), without an array per
        // line. A line ends at "\n", "\r\n" or a lone "\r", so CRLF files sniff as LF ones.
        while lineStart <= head.count {
            var lineEnd = lineStart
            while lineEnd < head.count && head[lineEnd] != 0x0A && head[lineEnd] != 0x0D { lineEnd += 1 }
            let line = head[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if lineEnd + 1 < head.count, head[lineEnd] == 0x0D, head[lineEnd + 1] == 0x0A { lineStart += 1 }
            lines += 1
            if lines > 60 { break }
            if opensWithHeading(line) { markdownSigns += 2 }
            if contains(line, link) { markdownSigns += 1 }
            if opens(line, UInt8(ascii: "*"), UInt8(ascii: "*")) || opens(line, UInt8(ascii: ">"), UInt8(ascii: " ")) { markdownSigns += 1 }
        }
        // YAML front matter: an opening "---" line and a later line that starts with "---".
        let opening = starts("---\r\n") ? 5 : starts("---\n") || starts("---\r") ? 4 : 0
        if opening > 0, contains(head.dropFirst(opening), Array("\n---".utf8)) || contains(head.dropFirst(opening), Array("\r---".utf8)) {
            markdownSigns += 2
        }
        return markdownSigns >= 2 ? .markdown : .text
    }

    /// Space, tab, line ends and the bytes of a UTF-8 byte-order mark.
    @inline(__always)
    private static func isLeadingFiller(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }

    /// "# ", "## " or "### " at the start of `line`: one to three marks, then a space.
    private static func opensWithHeading(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, index - line.startIndex < 4, line[index] == UInt8(ascii: "#") { index += 1 }
        let marks = index - line.startIndex
        return marks >= 1 && marks <= 3 && index < line.endIndex && line[index] == UInt8(ascii: " ")
    }

    /// Whether `line` opens with the bytes `first`, `second` (a byte compare, where
    /// `starts(with:)` on a string's UTF-8 goes through the generic path).
    @inline(__always)
    private static func opens(_ line: ArraySlice<UInt8>, _ first: UInt8, _ second: UInt8) -> Bool {
        line.count >= 2 && line[line.startIndex] == first && line[line.startIndex + 1] == second
    }

    /// Whether `needle` occurs in `haystack`: a plain scan, the inputs are small.
    private static func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8, C.Index == Int {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
