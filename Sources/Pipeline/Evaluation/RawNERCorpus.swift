/// A tagged NER corpus turned back into raw documents, with its gold spans as offsets of the
/// text it made, so the whole pipeline can run on the text and be scored against the gold.
///
/// CoNLL-2003 (`-DOCSTART-` between documents) has no raw text: its tokens are joined with
/// English spacing (no space before closing punctuation, clitics and possessive endings, none
/// after opening brackets and currency signs), one sentence per line. UNER files carry each
/// sentence's raw text in a `# text =` line; tokens are found in it left to right, and a
/// sentence whose tokens cannot all be found falls back to joining. Promises: every gold span
/// covers exactly the words of one gold entity, as Unicode-scalar offsets of `text`.
public struct RawNERDocument: Sendable {
    /// A gold or predicted name: scalar offsets of `RawNERDocument.text`, end exclusive.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var label: NERLabel
        public init(start: Int, end: Int, label: NERLabel) {
            self.start = start
            self.end = end
            self.label = label
        }
    }

    public var text: String
    public var gold: [Span]
    public var tokenCount: Int
}

public enum RawNERCorpus {
    /// The documents of `text`, a CoNLL-2003 or UNER (IOB2) file.
    public static func documents(_ text: String, format: TaggedCorpusReader.Format) -> [RawNERDocument] {
        switch format {
        case .conll2003:
            return TaggedCorpusReader().read(text, format: .conll2003).map { document in
                build(document.sentences.map { ($0, nil) })
            }
        case .uner:
            return unerDocuments(text)
        }
    }

    /// UNER: sentences with their `# text =` line, grouped by `# newdoc`.
    private static func unerDocuments(_ text: String) -> [RawNERDocument] {
        var documents: [RawNERDocument] = []
        var sentences: [(TaggedSentence, String?)] = []
        var raw: String? = nil
        var words: [String] = []
        var tags: [Substring] = []
        func closeSentence() {
            if !words.isEmpty { sentences.append((TaggedSentence(words: words, tags: TaggedCorpusReader.bio(tags)), raw)) }
            words.removeAll(); tags.removeAll(); raw = nil
        }
        func closeDocument() {
            closeSentence()
            if !sentences.isEmpty { documents.append(build(sentences)) }
            sentences.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty { closeSentence(); continue }
            if trimmed.hasPrefix("#") {
                if trimmed.hasPrefix("# newdoc") { closeDocument() }
                if trimmed.hasPrefix("# text = ") { raw = String(trimmed.dropFirst("# text = ".count)) }
                continue
            }
            let columns = trimmed.split(separator: "\t")
            guard columns.count >= 3 else { continue }
            words.append(String(columns[1]))
            tags.append(columns[2])
        }
        closeDocument()
        return documents
    }

    /// One document: each sentence on its own line; gold spans from the word offsets.
    private static func build(_ sentences: [(TaggedSentence, String?)]) -> RawNERDocument {
        var scalars: [Unicode.Scalar] = []
        var gold: [RawNERDocument.Span] = []
        var tokens = 0
        for (sentence, raw) in sentences {
            let base = scalars.count
            let offsets = raw.flatMap { locate(sentence.words, in: Array($0.unicodeScalars)) }
            var line: [Unicode.Scalar]
            var bounds: [(Int, Int)]
            if let offsets, let raw {
                line = Array(raw.unicodeScalars)
                bounds = offsets
            } else {
                (line, bounds) = join(sentence.words)
            }
            scalars += line
            scalars.append("\n")
            tokens += sentence.words.count
            for span in NERSpanScore.spans(sentence.tags) {
                gold.append(.init(start: base + bounds[span.start].0, end: base + bounds[span.end - 1].1, label: span.label))
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return RawNERDocument(text: text, gold: gold, tokenCount: tokens)
    }

    /// Each word's offsets in `line`, found left to right, or nil when one is missing.
    private static func locate(_ words: [String], in line: [Unicode.Scalar]) -> [(Int, Int)]? {
        var out: [(Int, Int)] = []
        var position = 0
        for word in words {
            let w = Array(word.unicodeScalars)
            guard !w.isEmpty else { return nil }
            var found: Int? = nil
            var k = position
            // A word is expected within a few characters of the previous one.
            while k + w.count <= line.count, k <= position + 8 {
                if line[k] == w[0], Array(line[k..<(k + w.count)]) == w { found = k; break }
                k += 1
            }
            guard let start = found else { return nil }
            out.append((start, start + w.count))
            position = start + w.count
        }
        return out
    }

    /// Words joined with English spacing; each word's offsets.
    static func join(_ words: [String]) -> ([Unicode.Scalar], [(Int, Int)]) {
        var line: [Unicode.Scalar] = []
        var bounds: [(Int, Int)] = []
        var openQuote = false
        var previous = ""
        for word in words {
            var space = !line.isEmpty
            if noSpaceBefore.contains(word) || word.hasPrefix("'") && word.count <= 3 && word != "'" || word == "n't" { space = false }
            if noSpaceAfter.contains(previous) { space = false }
            if word == "\"" {
                if openQuote { space = false }
                openQuote.toggle()
            } else if previous == "\"" && openQuote {
                space = false
            }
            if space { line.append(" ") }
            let start = line.count
            line += word.unicodeScalars
            bounds.append((start, line.count))
            previous = word
        }
        return (line, bounds)
    }

    private static let noSpaceBefore: Set<String> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S"]
    private static let noSpaceAfter: Set<String> = ["(", "[", "{", "$", "US$", "#"]
}

/// Exact-span scores of predicted names against a raw corpus's gold, per label and overall,
/// with or without MISC.
public struct RawNERScore: Sendable {
    public private(set) var withMisc = NERSpanScore.Counts()
    public private(set) var withoutMisc = NERSpanScore.Counts()
    public private(set) var byLabel: [NERLabel: NERSpanScore.Counts] = [:]

    public init() {}

    /// The counts of one label (zero when it never occurred).
    public func counts(of label: NERLabel) -> NERSpanScore.Counts { byLabel[label] ?? .init() }

    /// Adds one document: spans compared as (start, end, label).
    public mutating func add(predicted: [RawNERDocument.Span], gold: [RawNERDocument.Span]) {
        let ours = Set(predicted), theirs = Set(gold)
        for span in theirs {
            let hit = ours.contains(span)
            count(span.label, tp: hit ? 1 : 0, fp: 0, fn: hit ? 0 : 1)
        }
        for span in ours where !theirs.contains(span) { count(span.label, tp: 0, fp: 1, fn: 0) }
    }

    private mutating func count(_ label: NERLabel, tp: Int, fp: Int, fn: Int) {
        func bump(_ c: inout NERSpanScore.Counts) {
            c.truePositives += tp; c.falsePositives += fp; c.falseNegatives += fn
        }
        bump(&withMisc)
        if label != .miscellaneous { bump(&withoutMisc) }
        bump(&byLabel[label, default: .init()])
    }

    /// The label a pipeline entity type is scored as: NORP, MISC and EVENT_NAME are MISC.
    public static func label(of type: EntityType) -> NERLabel {
        switch type {
        case .person: .person
        case .organization: .organization
        case .location: .location
        case .eventName, .norp, .misc: .miscellaneous
        }
    }

    /// The predicted spans of an analysed document, as offsets of its decoded text.
    public static func spans(of document: ExtractedDocument) -> [RawNERDocument.Span] {
        let clean = document.analyzed.clean
        var out: [RawNERDocument.Span] = []
        for entity in document.analyzed.entities {
            for mention in entity.mentions {
                out.append(.init(start: clean.sourceOffset(of: mention.start),
                                 end: clean.sourceOffset(of: mention.end - 1) + 1, label: label(of: mention.type ?? entity.type)))
            }
        }
        return out
    }
}
