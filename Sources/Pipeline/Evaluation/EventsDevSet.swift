/// The events development set (`corpus/events-dev/`): hand-coded (source, target, code)
/// triples for sentences of a shared corpus, referenced by file, document and sentence.
///
/// Promises: `init(annotations:)` reads the annotation table (format in
/// `corpus/events-dev/README.md`) and fails with a line number on a malformed row;
/// `articles(reading:)` rebuilds every referenced document from its CoNLL file, the
/// same way every time, and keeps where each referenced sentence lies.
public struct EventsDevSet: Sendable {
    /// One annotated sentence and the events it holds (empty: none).
    public struct Sentence: Sendable, Hashable {
        public var file: String
        public var document: Int
        public var sentence: Int
        public var events: [Triple]
    }

    /// An event as the set codes it. `source`/`target` are actor codes.
    public struct Triple: Sendable, Hashable {
        public var source: String
        public var target: String
        public var code: String
    }

    /// A rebuilt document: its input for the pipeline and the text of each referenced
    /// sentence by its index.
    public struct Article: Sendable {
        public var file: String
        public var document: Int
        public var input: ArticleInput
        public var sentenceText: [Int: String]
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    public private(set) var sentences: [Sentence] = []

    public init(annotations text: String) throws(FormatError) {
        var index: [String: Int] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 6, let document = Int(cols[1]), let sentence = Int(cols[2]) else {
                throw FormatError(description: "annotations line \(n + 1): expected file, document, sentence, source, target, code")
            }
            let key = "\(cols[0])\t\(document)\t\(sentence)"
            if index[key] == nil {
                index[key] = sentences.count
                sentences.append(Sentence(file: cols[0], document: document, sentence: sentence, events: []))
            }
            if cols[5] != "-" {
                sentences[index[key]!].events.append(Triple(source: cols[3], target: cols[4], code: cols[5]))
            }
        }
    }

    /// Every referenced document, rebuilt from `read(file)` (the text of a CoNLL file).
    public func articles(reading read: (String) throws -> String) throws -> [Article] {
        var wanted: [String: Set<Int>] = [:]
        for s in sentences { wanted[s.file, default: []].insert(s.document) }
        var articles: [Article] = []
        for file in wanted.keys.sorted() {
            let documents = CoNLLDocuments.parse(try read(file))
            for d in wanted[file]!.sorted() where d < documents.count {
                articles.append(Self.article(documents[d], file: file, document: d))
            }
        }
        return articles
    }

    /// The headline as the title, the dateline's date as the published date, and every
    /// other sentence a paragraph of the body.
    static func article(_ sentences: [[String]], file: String, document: Int) -> Article {
        let texts = sentences.map(CoNLLDocuments.detokenize)
        var published: String?
        for text in texts.prefix(3) {
            if let last = text.split(separator: " ").last, CalendarDate(iso: String(last)) != nil, last.count == 10 {
                published = String(last)
                break
            }
        }
        var w = JSONWriter()
        w.beginObject()
        w.key("title"); w.string(texts.first ?? "")
        w.key("published"); w.string(published)
        w.key("text"); w.string(texts.dropFirst().joined(separator: "\n\n"))
        w.endObject()
        var byIndex: [Int: String] = [:]
        for (k, t) in texts.enumerated() { byIndex[k] = t }
        let input = ArticleInput(source: ArticleSource(path: "\(file)#\(document).json"), bytes: w.bytes)
        return Article(file: file, document: document, input: input, sentenceText: byIndex)
    }
}

/// CoNLL-2003 files: documents (`-DOCSTART-`), sentences (blank lines), tokens (first column).
enum CoNLLDocuments {
    static func parse(_ text: String) -> [[[String]]] {
        var documents: [[[String]]] = []
        var current: [[String]]?
        var sentence: [String] = []
        func closeSentence() {
            if !sentence.isEmpty { current?.append(sentence); sentence = [] }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-DOCSTART-") {
                closeSentence()
                if let current { documents.append(current) }
                current = []
                continue
            }
            if line.allSatisfy({ $0 == " " || $0 == "\r" }) { closeSentence(); continue }
            if let token = line.split(separator: " ").first { sentence.append(String(token)) }
        }
        closeSentence()
        if let current { documents.append(current) }
        return documents
    }

    private static let noSpaceBefore: Set<String> = [",", ".", ":", ";", "?", "!", ")", "'s", "n't", "%", "'"]

    /// Tokens joined by spaces, none before closing punctuation and none after "(".
    static func detokenize(_ tokens: [String]) -> String {
        var out = ""
        for (i, t) in tokens.enumerated() {
            if i > 0 && !noSpaceBefore.contains(t) && !out.hasSuffix("(") { out += " " }
            out += t
        }
        return out
    }
}
