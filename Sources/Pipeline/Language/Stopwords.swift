/// Function-word lists per language (`data/stopwords/stopwords.tsv`, derived from
/// stopwords-iso by `scripts/generate-stopwords`): one signal of running prose where a
/// page's language is known. Words are lower-case; keys are ISO 639-1 codes.
public struct Stopwords: Sendable {
    let lists: [String: Set<String>]

    /// The lists built from the embedded data file.
    public static let shared = Stopwords(data: embeddedText)

    private static var embeddedText: String { EmbeddedData.text(named: "data/stopwords/stopwords.tsv") ?? "" }

    init(data: String) {
        var lists: [String: Set<String>] = [:]
        for cols in TabSeparatedRows(data) where cols.count >= 2 {
            lists[cols[0]] = Self.words(of: cols)
        }
        self.lists = lists
    }

    /// One language's list from the embedded file, without building the other languages'
    /// sets as `shared` does (about 43M instructions): for a reader that needs one list.
    static func embeddedList(for language: String) -> Set<String> {
        for cols in TabSeparatedRows(embeddedText) where cols.count >= 2 && cols[0] == language {
            return words(of: cols)
        }
        return []
    }

    /// Everything after the first tab is the list, as the file has one tab per line.
    private static func words(of cols: [String]) -> Set<String> {
        Set(cols.dropFirst().joined(separator: "\t").dataParts(separatedBy: " "))
    }

    /// The list for a BCP 47 tag's primary language ("pt-BR" uses "pt"), if there is one.
    public func list(for language: String?) -> Set<String>? {
        guard let language else { return nil }
        return lists[LanguageTag.primary(language)]
    }
}

/// BCP 47 tags as pages write them.
public enum LanguageTag {
    /// The primary subtag, lower-cased: "en-US", "en_GB" and "EN" give "en".
    public static func primary(_ tag: String) -> String {
        String(tag.lowercased().prefix { $0.isLetter && $0.isASCII })
    }

    /// A page's tag in BCP 47 form ("pt_BR" gives "pt-BR"), or `nil` when it is not a
    /// language tag at all.
    public static func normalized(_ tag: String) -> String? {
        let parts = tag.trimmingCharactersInSpaces().split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        var result = first.lowercased()
        for part in parts.dropFirst() {
            guard part.allSatisfy({ ($0.isLetter || $0.isNumber) && $0.isASCII }), (2...8).contains(part.count) else { break }
            result += "-" + (part.count == 2 ? part.uppercased() : part.count == 4 ? part.prefix(1).uppercased() + part.dropFirst().lowercased() : part.lowercased())
        }
        return result
    }
}
