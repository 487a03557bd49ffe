/// Cleans an author value as pages write it into a name or a list of names: "By Jane Doe"
/// gives "Jane Doe", "Jane Doe, Staff Writer" gives "Jane Doe", "Von Max Muster | 3. Mai"
/// gives "Max Muster"; a value with no capitalised word left is no name (`nil`).
enum AuthorName {
    /// Words that open a byline in several languages, before the name.
    static let openers: Set<String> = ["by", "von", "por", "par", "door", "av", "af", "autor", "author", "written"]

    /// Lower-case words of a role or affiliation after a comma ("Staff Writer", "for Reuters");
    /// the first part is always the name ("A. Reporter" is somebody's name).
    static let roleWords: Set<String> = [
        "writer", "reporter", "correspondent", "editor", "staff", "contributor", "columnist", "journalist",
        "senior", "chief", "political", "news", "bureau", "for", "at", "in", "photographer", "analyst", "redakteur",
        "redakteurin", "korrespondent", "korrespondentin", "rédaction", "redacción", "updated", "published",
    ]

    /// Words that no name holds and that follow names in bylines.
    static let trailers: Set<String> = [
        "updated", "published", "follow", "posted", "am", "pm", "on", "|", "•", "·",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    static func endsName(_ word: String) -> Bool {
        word.first == "@" || word.first?.isNumber == true || trailers.contains(word.lowercased().trimmingCharacters(in: ",.:"))
    }

    static func cleaned(_ raw: String) -> String? {
        var value = raw.trimmingCharactersInSpaces()
        for bar in [" | ", " - ", " — ", " · ", "\n"] {
            if let range = value.range(of: bar) { value = String(value[..<range.lowerBound]) }
        }
        // Drop an opener ("By", "Von"), with its colon, when a capitalised name follows.
        var words = value.split(separator: " ").map(String.init)
        // Two words at least must follow an opener other than "By": "Von Trapp" is a name.
        while let first = words.first, openers.contains(first.lowercased().trimmingCharacters(in: ":")),
              words.count > (first.lowercased().hasPrefix("by") ? 1 : 2) {
            words.removeFirst()
        }
        if words.first?.lowercased() == "by" { words.removeFirst() }
        // A byline line runs on into its date or a follow button: "Jane Doe March 18 at 3:57 PM",
        // "Jane Doe@janedoe Updated ...": the name ends before the first such word.
        if let end = words.indices.dropFirst().first(where: { Self.endsName(words[$0]) }) {
            words.removeSubrange(end...)
        }
        if let last = words.last, let at = last.firstIndex(where: { $0 == "@" || $0.isNumber }), at > last.startIndex {
            words[words.count - 1] = String(last[..<at])
        }
        value = words.joined(separator: " ")
        // Comma-separated parts: names stay, roles go.
        let parts = value.split(separator: ",").map { String($0).trimmingCharactersInSpaces() }
        let names = parts.enumerated().filter { index, part in
            let partWords = part.split(separator: " ").map { $0.lowercased() }
            return !partWords.isEmpty && (index == 0 || !partWords.contains(where: roleWords.contains))
                && part.unicodeScalars.first.map { $0.properties.isUppercase || !$0.properties.isAlphabetic || !$0.properties.isLowercase } == true
        }
        let result = names.map(\.element).joined(separator: ", ")
        guard result.unicodeScalars.contains(where: { $0.properties.isAlphabetic }), result.count <= 120 else { return nil }
        return result
    }
}

private extension String {
    func trimmingCharacters(in characters: String) -> String {
        var result = Substring(self)
        while let last = result.last, characters.contains(last) { result.removeLast() }
        return String(result)
    }
}
