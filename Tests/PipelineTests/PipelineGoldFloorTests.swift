import Testing
@testable import Pipeline
import TestSupport

/// The whole pipeline, scored against the seed gold, under each entity decision. The floors
/// are the scores reached when they were set; they only ever go up. `model` (the default)
/// has its own entity floors: it reads the seeds by CoNLL-2003's conventions where the
/// seeds' gold differs ("White House" a place; `docs/quality.md`), and issue 12's floor for
/// it is entities F1 >= 0.95.
@Suite struct PipelineGoldFloorTests {
    static let floors: [EvaluationTask: (precision: Double, recall: Double, f1: Double)] = [
        .boilerplate: (1.0, 1.0, 1.0),
        .entities: (0.99, 0.98, 0.99),
        .mentions: (0.99, 0.99, 0.99),
        .values: (0.99, 0.98, 0.99),
        .events: (0.83, 0.80, 0.81),
        .quotes: (0.96, 1.0, 0.98),
    ]
    /// Where `model` differs from `floors`.
    static let modelFloors: [EvaluationTask: (precision: Double, recall: Double, f1: Double)] = [
        .entities: (0.94, 0.95, 0.95),
        .mentions: (0.98, 0.97, 0.97),
    ]

    @Test(arguments: EntityDecision.allCases)
    func seedScoresStayAtOrAboveTheirFloors(decision: EntityDecision) throws {
        let corpus = try PackageRoot.seedGold()
        #expect(corpus.entries.count == 5)
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner(), analyzer = TextAnalyzer(entities: decision), events = EventExtractor(convention: .monadic)
        let report = CorpusEvaluator().evaluate(corpus) { input throws(PipelineError) in
            try events.process(analyzer.process(cleaner.process(decoder.process(input))))
        }
        for (task, floor) in Self.floors {
            let floor = decision == .model ? Self.modelFloors[task] ?? floor : floor
            let counts = report.total(task)
            #expect(counts.precision >= floor.precision, "\(decision) \(task) precision \(counts.precision) fell below \(floor.precision)")
            #expect(counts.recall >= floor.recall, "\(decision) \(task) recall \(counts.recall) fell below \(floor.recall)")
            #expect(counts.f1 >= floor.f1, "\(decision) \(task) F1 \(counts.f1) fell below \(floor.f1)")
        }
    }
}
