import Pipeline

/// Measures the analyze stage's throughput (tokenize, sentence split, rule and tagger NER,
/// resolution, values) on one thread over a set of texts.
///
/// Promises: counts tokens as the analyzer's `Tokenizer` makes them; `seconds` is the CPU time
/// of the calling thread (other processes on a shared machine do not count against it).
public struct AnalyzerBenchmark: Sendable {
    public struct Result: Sendable {
        public var documents: Int
        public var tokens: Int
        public var seconds: Double
        public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
    }

    public init() {}

    /// Analyzes every text `rounds` times after one warm-up round.
    public func run(texts: [String], rounds: Int, tagger: NERTagger? = NERTagger.embedded,
                    entities: EntityDecision = .standard) -> Result {
        let analyzer = TextAnalyzer(tagger: tagger, entities: entities)
        let documents = texts.enumerated().map { k, text in
            CleanDocument(decoded: DecodedDocument(sha256: "bench\(k)", source: ArticleSource(path: "bench\(k).txt"),
                                                   format: .text, text: text),
                          text: text, removed: [])
        }
        let tokenizer = Tokenizer()
        let tokensPerRound = texts.reduce(0) { $0 + tokenizer.tokenize(Array($1.unicodeScalars)).count }
        var entities = 0
        for document in documents { entities += (try? analyzer.process(document))?.entities.count ?? 0 }
        let started = ThreadCPUClock.seconds()
        for _ in 0..<max(1, rounds) {
            for document in documents { entities += (try? analyzer.process(document))?.entities.count ?? 0 }
        }
        let seconds = ThreadCPUClock.seconds() - started
        precondition(entities >= 0)
        return Result(documents: documents.count * max(1, rounds), tokens: tokensPerRound * max(1, rounds), seconds: seconds)
    }
}
