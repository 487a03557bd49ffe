import Testing
@testable import Pipeline
import TestSupport

/// The events stage on the seed gold through the real pipeline (the analyzer's own
/// entities, not the gold's): precision against all gold events, recall on core events,
/// and what every event must carry for a GDELT-shaped export.
@Suite struct EventsGoldTests {
    private static func run() throws -> (EvaluationReport, [ExtractedDocument]) {
        let corpus = try PackageRoot.seedGold()
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner(), analyzer = TextAnalyzer(), events = EventExtractor(convention: .monadic)
        var documents: [ExtractedDocument] = []
        let report = CorpusEvaluator().evaluate(corpus) { input throws(PipelineError) in
            let doc = try events.process(analyzer.process(cleaner.process(decoder.process(input))))
            documents.append(doc)
            return doc
        }
        return (report, documents)
    }

    @Test func precisionAndCoreRecallOnTheSeeds() throws {
        let (report, _) = try Self.run()
        let counts = report.total(.events)
        #expect(counts.precision >= 0.80, "events precision \(counts.precision)")
        #expect(counts.recall >= 0.80, "events core recall \(counts.recall)")
    }

    /// `ContractEncoding.line` writes without a tree; it must print the reference tree's text.
    @Test func contractLineIsTheSerializedTreeOnTheSeeds() throws {
        let (_, documents) = try Self.run()
        #expect(!documents.isEmpty)
        for doc in documents {
            #expect(ContractEncoding.line(doc) == ContractTree.jsonValue(doc).serialized(), "\(doc.analyzed.clean.decoded.source.path)")
        }
    }

    @Test func everyEventCarriesWhatGDELTNeeds() throws {
        let (_, documents) = try Self.run()
        let events = documents.flatMap(\.events)
        #expect(events.count > 50)
        for event in events {
            let entry = try #require(CAMEOCodebook.entry(for: event.code))
            #expect(event.root == entry.root && event.quadClass == entry.quadClass && event.goldstein == entry.goldstein)
            #expect(event.source != nil && event.source?.isEmpty == false)
            #expect(event.start <= event.triggerStart && event.triggerEnd <= event.end)
            if event.time != nil { #expect(event.timeNormalized != nil, "\(event.trigger): \(event.time!)") }
        }
        // Persons acting for a country are rolled up to it somewhere in the seeds.
        #expect(events.contains { $0.sourceAffiliation != nil && $0.sourceAffiliation != $0.source })
    }
}
