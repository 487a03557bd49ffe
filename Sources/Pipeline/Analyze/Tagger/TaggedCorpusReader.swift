/// Parses the text of tagged NER corpora into documents.
///
/// Two formats: CoNLL-2003 (`token POS chunk NER` columns, IOB1 tags, `-DOCSTART-` lines
/// between documents, blank lines between sentences) and UNER (`index token tag ...` columns,
/// IOB2 tags, `#` comment lines, `# newdoc` between documents). Promises: every returned tag
/// sequence is BIO; labels outside PER/ORG/LOC/MISC read as O.
public struct TaggedCorpusReader: Sendable {
    public enum Format: Sendable {
        case conll2003
        case uner
    }

    public init() {}

    public func read(_ text: String, format: Format) -> [TaggedDocument] {
        var documents: [TaggedDocument] = []
        var sentences: [TaggedSentence] = []
        var words: [String] = []
        var rawTags: [Substring] = []

        func closeSentence() {
            guard !words.isEmpty else { return }
            sentences.append(TaggedSentence(words: words, tags: Self.bio(rawTags)))
            words.removeAll(keepingCapacity: true)
            rawTags.removeAll(keepingCapacity: true)
        }
        func closeDocument() {
            closeSentence()
            if !sentences.isEmpty { documents.append(TaggedDocument(sentences: sentences)) }
            sentences.removeAll()
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty { closeSentence(); continue }
            switch format {
            case .conll2003:
                if trimmed.hasPrefix("-DOCSTART-") { closeDocument(); continue }
                let columns = trimmed.split(separator: " ")
                guard columns.count >= 2 else { continue }
                words.append(String(columns[0]))
                rawTags.append(columns[columns.count - 1])
            case .uner:
                if trimmed.hasPrefix("#") {
                    if trimmed.hasPrefix("# newdoc") { closeDocument() }
                    continue
                }
                let columns = trimmed.split(separator: "\t")
                guard columns.count >= 3 else { continue }
                words.append(String(columns[1]))
                rawTags.append(columns[2])
            }
        }
        closeDocument()
        return documents
    }

    /// IOB1 or IOB2 tags to BIO: an I- tag that does not continue its label begins a span.
    static func bio(_ raw: [Substring]) -> [BIOTag] {
        var out: [BIOTag] = []
        out.reserveCapacity(raw.count)
        var previous = BIOTag.outside
        for tag in raw {
            var next = BIOTag.outside
            if tag.count > 2, let label = NERLabel(conll: tag.dropFirst(2)) {
                if tag.hasPrefix("B-") || previous.label != label {
                    next = .begin(label)
                } else {
                    next = .inside(label)
                }
            }
            out.append(next)
            previous = next
        }
        return out
    }
}
