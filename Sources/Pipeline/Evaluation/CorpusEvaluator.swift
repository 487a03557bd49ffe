/// Runs an extraction over every seed of a gold corpus and scores the results: the body
/// of `gleaner eval corpus/`.
///
/// The extraction is the caller's (the CLI composes the stages it ships), so this type
/// does not depend on how the pipeline is wired. A seed the extraction refuses is scored
/// as an empty prediction — every gold answer missed — and its error is listed as a miss,
/// so a crash-free but useless stage cannot score well.
public struct CorpusEvaluator: Sendable {
    public var scorer: GoldScorer

    public init(scorer: GoldScorer = GoldScorer()) {
        self.scorer = scorer
    }

    /// Extracts and scores every entry, in corpus order. `elapsedSeconds` of the report
    /// is the time spent inside `extract` only (not loading or scoring).
    public func evaluate(_ corpus: GoldCorpus,
                         extract: (ArticleInput) throws(PipelineError) -> ExtractedDocument) -> EvaluationReport {
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var scores: [DocumentScore] = []
        for (sequence, entry) in corpus.entries.enumerated() {
            let input = ArticleInput(source: ArticleSource(path: entry.sourcePath), bytes: entry.bytes, sequence: sequence)
            let started = clock.now
            let result = Result { () throws(PipelineError) in try extract(input) }
            elapsed += clock.now - started
            switch result {
            case .success(let document):
                scores.append(scorer.score(document, against: entry.gold, name: entry.name))
            case .failure(let error):
                var score = scorer.score(Self.emptyDocument(for: entry), against: entry.gold, name: entry.name)
                score.misses.insert(ScoringMiss(task: .boilerplate, kind: .falseNegative,
                                                detail: "extraction failed: \(error)"), at: 0)
                scores.append(score)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return EvaluationReport(documents: scores, elapsedSeconds: seconds)
    }

    /// A document with the seed's text, nothing removed and nothing found.
    static func emptyDocument(for entry: GoldCorpus.Entry) -> ExtractedDocument {
        let text = String(decoding: entry.bytes, as: UTF8.self)
        let decoded = DecodedDocument(sha256: "", source: ArticleSource(path: entry.sourcePath), format: .text, text: text)
        let clean = CleanDocument(decoded: decoded, text: text, removed: [])
        return ExtractedDocument(analyzed: AnalyzedDocument(clean: clean, sentences: [], entities: [], values: []),
                                 events: [], quotes: [])
    }
}
