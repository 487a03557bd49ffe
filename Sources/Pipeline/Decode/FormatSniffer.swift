/// Guesses an article's format from its content: JSON opens with `{`, HTML with a
/// doctype, `<html>` or a tag followed by block markup; Markdown shows ATX headings or
/// link syntax at line starts; anything else is plain text.
enum FormatSniffer {
    static func sniff(_ text: String) -> DocumentFormat {
        var head = String.UnicodeScalarView()
        head.append(contentsOf: text.unicodeScalars.prefix(4096).drop { $0.properties.isWhitespace || $0 == "\u{FEFF}" })
        let trimmed = String(head)
        if trimmed.hasPrefix("{") { return .json }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.hasPrefix("<?xml") && lower.contains("<html")
            || lower.contains("<body") || (lower.hasPrefix("<") && (lower.contains("</p>") || lower.contains("</div>"))) {
            return .html
        }
        var markdownSigns = 0
        for line in lower.split(separator: "\n").prefix(60) {
            if line.hasPrefix("# ") || line.hasPrefix("## ") || line.hasPrefix("### ") { markdownSigns += 2 }
            if line.contains("](") { markdownSigns += 1 }
            if line.hasPrefix("**") || line.hasPrefix("> ") { markdownSigns += 1 }
        }
        if lower.hasPrefix("---\n"), lower.dropFirst(4).contains("\n---") { markdownSigns += 2 }
        return markdownSigns >= 2 ? .markdown : .text
    }
}
