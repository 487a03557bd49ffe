/// Guesses an article's format from its content: JSON opens with `{`, HTML with a
/// doctype, `<html>` or a tag followed by block markup; Markdown shows ATX headings or
/// link syntax at line starts; anything else is plain text.
///
/// Looks at the first 4 KiB only, as ASCII-folded bytes: it runs on every file, so it
/// must cost next to nothing.
enum FormatSniffer {
    static func sniff(_ text: String) -> DocumentFormat {
        var copy = text
        // Written straight into the array's storage: this loop touches every head byte.
        let head = copy.withUTF8 { utf8 in
            [UInt8](unsafeUninitializedCapacity: 4096) { buffer, count in
                var started = false
                var n = 0
                for byte in utf8.prefix(4096 + 16) {
                    // Skip leading whitespace and a UTF-8 byte-order mark.
                    if !started, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xEF || byte == 0xBB || byte == 0xBF {
                        continue
                    }
                    started = true
                    buffer[n] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    n += 1
                    if n == 4096 { break }
                }
                count = n
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
            if line.starts(with: "# ".utf8) || line.starts(with: "## ".utf8) || line.starts(with: "### ".utf8) { markdownSigns += 2 }
            if contains(line, link) { markdownSigns += 1 }
            if line.starts(with: "**".utf8) || line.starts(with: "> ".utf8) { markdownSigns += 1 }
        }
        // YAML front matter: an opening "---" line and a later line that starts with "---".
        let opening = starts("---\r\n") ? 5 : starts("---\n") || starts("---\r") ? 4 : 0
        if opening > 0, contains(head.dropFirst(opening), Array("\n---".utf8)) || contains(head.dropFirst(opening), Array("\r---".utf8)) {
            markdownSigns += 2
        }
        return markdownSigns >= 2 ? .markdown : .text
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
