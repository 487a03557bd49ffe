/// Tags and parses sentences: the part-of-speech tagger, then the dependency parser over
/// its tags.
///
/// Promises: `parse` returns one tag, head and relation per word (see `SyntaxTree`); it
/// expects words as the pipeline's `Tokenizer` splits them (possessive `'s` apart, `don't`
/// and `anti-war` whole), which is how the models were trained.
public struct SyntaxParser: Sendable {
    public let tagger: POSTagger
    public let parser: DependencyParser

    public init(tagger: POSTagger, parser: DependencyParser) {
        self.tagger = tagger
        self.parser = parser
    }

    /// The parser with the models embedded in the binary (nil only when the build embedded
    /// none). Decoded once per process, on first use.
    public static let embedded: SyntaxParser? = {
        guard let pos = EmbeddedData.bytes(named: "models/pos.model"),
              let dep = EmbeddedData.bytes(named: "models/parser.model"),
              let tagger = try? POSTagger(decoding: pos),
              let parser = try? DependencyParser(decoding: dep) else { return nil }
        return SyntaxParser(tagger: tagger, parser: parser)
    }()

    /// The words of `text` as the pipeline's tokenizer splits them.
    public static func words(of text: String) -> [String] {
        Tokenizer().tokenize(Tokenizer.scalars(of: text)).map(\.text)
    }

    public func parse(_ words: [String]) -> SyntaxTree {
        guard !words.isEmpty else { return SyntaxTree(words: [], tags: [], heads: [], labels: []) }
        let forms = SyntaxWords(words)
        let tagIndices = tagger.tagIndices(forms)
        let tags = tagIndices.map { tagger.weights.classes[$0] }
        let input = ParserFeatures.Input(forms: forms, tags: tags.map(SyntaxWords.hash))
        let (heads, labels) = parser.parse(input, count: words.count)
        return SyntaxTree(words: words, tags: tags, heads: heads, labels: labels.map { parser.labels[$0] })
    }
}
