import Dispatch

/// Measures the analyze stage's throughput (tokenize, sentence split, rule and tagger NER,
/// resolution, values) on one thread over a set of texts.
///
/// Promises: counts tokens as the analyzer's `Tokenizer` makes them; the figure is wall time
/// on the calling thread only.
public struct AnalyzerBenchmark: Sendable {
    public struct Result: Sendable {
        public var documents: Int
        public var tokens: Int
        public var seconds: Double
        public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
    }

    public init() {}

    /// Analyzes every text `rounds` times after one warm-up round.
    public func run(texts: [String], rounds: Int) -> Result {
        let analyzer = TextAnalyzer()
        let documents = texts.enumerated().map { k, text in
            CleanDocument(decoded: DecodedDocument(sha256: "bench\(k)", source: ArticleSource(path: "bench\(k).txt"),
                                                   format: .text, text: text),
                          text: text, removed: [])
        }
        let tokenizer = Tokenizer()
        let tokensPerRound = texts.reduce(0) { $0 + tokenizer.tokenize(Array($1.unicodeScalars)).count }
        var entities = 0
        for document in documents { entities += (try? analyzer.process(document))?.entities.count ?? 0 }
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(1, rounds) {
            for document in documents { entities += (try? analyzer.process(document))?.entities.count ?? 0 }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        precondition(entities >= 0)
        return Result(documents: documents.count * max(1, rounds), tokens: tokensPerRound * max(1, rounds), seconds: seconds)
    }
}
