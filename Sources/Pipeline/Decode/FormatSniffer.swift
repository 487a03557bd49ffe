/// Guesses an article's format from its content when no extension says it.
enum FormatSniffer {
    static func sniff(_ text: String) -> DocumentFormat {
        let head = text.unicodeScalars.prefix(2048)
        let trimmed = String(String.UnicodeScalarView(head.drop { $0.properties.isWhitespace }))
        if trimmed.hasPrefix("{") { return .json }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.contains("<body")
            || (lower.hasPrefix("<") && lower.contains("</p>")) {
            return .html
        }
        return .text
    }
}
