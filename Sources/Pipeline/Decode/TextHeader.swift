/// Reads the header lines writers put above a plain-text or Markdown article
/// ("Title: ...", "By Jane Doe", "Published: 2019-05-01", YAML front matter keys) into
/// metadata. It only reads: the lines stay in the text, so no article line can be lost
/// to a guess; the cleaner decides what to remove.
enum TextHeader {
    /// Header keys, lower-cased, and the field they fill.
    enum Field { case title, byline, published, site, url, language }

    static let keys: [String: Field] = [
        "title": .title, "headline": .title,
        "author": .byline, "authors": .byline, "byline": .byline, "by": .byline, "writer": .byline,
        "published": .published, "date": .published, "posted": .published, "updated": .published,
        "published at": .published, "publication date": .published, "datepublished": .published, "pubdate": .published,
        "source": .site, "site": .site, "publication": .site, "site name": .site, "publisher": .site,
        "url": .url, "link": .url, "canonical": .url, "canonical url": .url,
        "language": .language, "lang": .language,
    ]

    /// Metadata from the first lines of `text`, stopping at the first line of prose.
    static func read(_ text: String, into metadata: inout DocumentMetadata) {
        var seen = 0
        for rawLine in leadingLines(of: text) {
            let line = String(rawLine).trimmingCharactersInSpaces()
            if line.isEmpty || line == "---" { continue }
            seen += 1
            if seen > 8 { break }
            if let name = byline(line) {
                if metadata.byline == nil { metadata.byline = name }
                continue
            }
            // The byte scan only spares the Character search on lines without a colon.
            guard line.utf8.contains(UInt8(ascii: ":")), let colon = line.firstIndex(of: ":") else {
                if isLong(line) { break } else { continue }
            }
            let key = line[..<colon].lowercased().trimmingCharactersInSpaces()
            let value = String(line[line.index(after: colon)...]).trimmingCharactersInSpaces()
                .trimmingCharacters(quotes: true)
            guard !value.isEmpty, let field = keys[key] else {
                if isLong(line) { break } else { continue }
            }
            switch field {
            case .title: metadata.title = metadata.title ?? value
            case .byline: metadata.byline = metadata.byline ?? strippingBy(value)
            case .published: metadata.published = metadata.published ?? PublishedDate.normalized(value)
            case .site: metadata.siteName = metadata.siteName ?? value
            case .url: if value.hasPrefix("http") { metadata.url = metadata.url ?? value }
            case .language: metadata.language = metadata.language ?? value
            }
        }
    }

    /// The non-empty lines of `text`, produced one at a time: the header is a few lines
    /// long, so splitting the whole article up front is wasted work (see `TextLines` for
    /// the line ends).
    private static func leadingLines(of text: String) -> some Sequence<Substring> {
        TextLines(text).lazy.filter { !$0.isEmpty }
    }

    /// More than twelve words: prose, so the header is over. `line` is trimmed (it ends in
    /// a non-space), so the split may stop after twelve separators and count the same.
    private static func isLong(_ line: String) -> Bool {
        line.split(separator: " ", maxSplits: 12).count > 12
    }

    /// Whether the first word may be "By", "BY" or "by": a check on two scalars that
    /// spares splitting every prose line into words. (A space joined to a combining mark
    /// is no separator, and no "B" either, so skipping U+0020 scalars here is exact.)
    private static func mayOpenWithBy(_ line: String) -> Bool {
        var scalars = line.unicodeScalars.makeIterator()
        var first = scalars.next()
        while first == " " { first = scalars.next() }
        let second = scalars.next()
        return (first == "B" && (second == "y" || second == "Y")) || (first == "b" && second == "y")
    }

    /// The names of a byline line ("By Jane Doe and Omar Said" -> "Jane Doe and Omar Said"),
    /// or `nil` when the line is not one: short, "By" then capitalised words, no sentence.
    static func byline(_ line: String) -> String? {
        guard mayOpenWithBy(line) else { return nil }
        let words = line.split(separator: " ")
        guard words.count >= 2, words.count <= 10, words[0] == "By" || words[0] == "BY" || words[0] == "by",
              let initial = words[1].unicodeScalars.first, initial.properties.isUppercase,
              !line.hasSuffix(".") || words.count <= 4 else { return nil }
        return strippingBy(line)
    }

    /// The byline of a rendered block, when the block is one.
    static func byline(in text: String, block: TextBlock) -> String? {
        guard block.end - block.start <= 80 else { return nil }
        let scalars = text.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: block.start)
        let end = scalars.index(start, offsetBy: block.end - block.start)
        let line = String(scalars[start..<end])
        guard let name = byline(line) else { return nil }
        // "By Jane Doe, Reporter | 4 March 2024": keep the names, drop what follows a bar.
        return name.split(separator: "|").first.map { String($0).trimmingCharactersInSpaces() }
    }

    static func strippingBy(_ value: String) -> String {
        let trimmed = value.trimmingCharactersInSpaces()
        for prefix in ["By ", "BY ", "by "] where trimmed.hasPrefix(prefix) {
            return String(trimmed.dropFirst(prefix.count)).trimmingCharactersInSpaces()
        }
        return trimmed
    }
}

extension String {
    func trimmingCharacters(quotes: Bool) -> String {
        guard count >= 2, let first = first, let last = last,
              (first == "\"" && last == "\"") || (first == "'" && last == "'") else { return self }
        return String(dropFirst().dropLast())
    }
}
