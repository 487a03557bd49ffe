import Testing
@testable import Pipeline
import TestSupport

/// The whole pipeline, scored against the seed gold. The floors are the scores reached
/// when they were set; they only ever go up.
@Suite struct PipelineGoldFloorTests {
    static let floors: [EvaluationTask: (precision: Double, recall: Double, f1: Double)] = [
        .boilerplate: (1.0, 1.0, 1.0),
        .entities: (0.99, 0.98, 0.99),
        .mentions: (0.99, 0.99, 0.99),
        .values: (0.99, 0.98, 0.99),
        .events: (0.83, 0.80, 0.81),
        .quotes: (0.96, 1.0, 0.98),
    ]

    @Test func seedScoresStayAtOrAboveTheirFloors() throws {
        let corpus = try PackageRoot.seedGold()
        #expect(corpus.entries.count == 5)
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner(), analyzer = TextAnalyzer(), events = EventExtractor()
        let report = CorpusEvaluator().evaluate(corpus) { input throws(PipelineError) in
            try events.process(analyzer.process(cleaner.process(decoder.process(input))))
        }
        for (task, floor) in Self.floors {
            let counts = report.total(task)
            #expect(counts.precision >= floor.precision, "\(task) precision \(counts.precision) fell below \(floor.precision)")
            #expect(counts.recall >= floor.recall, "\(task) recall \(counts.recall) fell below \(floor.recall)")
            #expect(counts.f1 >= floor.f1, "\(task) F1 \(counts.f1) fell below \(floor.f1)")
        }
    }
}
