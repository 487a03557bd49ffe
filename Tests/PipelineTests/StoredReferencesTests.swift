import Foundation
import GRDB
import Testing
@testable import Pipeline
import TestSupport

/// The writer does not have SQLite check references on every insert (see `ArticleStore`),
/// so the references it writes are checked here, on real articles.
@Suite struct StoredReferencesTests {
    @Test func everyReferenceTheWriterStoresPointsAtARow() throws {
        let temporary = try TemporaryFolder()
        let folder = temporary.url
        let path = folder.appendingPathComponent("g.sqlite").path
        let store = try ArticleStore(path: path)
        let pipeline = DocumentPipeline(configuration: PipelineConfiguration(parallelism: 2, maxBatch: 3), sink: store) { _ in }
        let seeds = try PackageRoot.seedGold().entries
        var sequence = 0
        // Each seed twice under two names (a duplicate), and once more with a sentence of its
        // own, so entities and events are shared across documents and batches.
        for round in 0..<3 {
            for entry in seeds {
                var bytes = entry.bytes
                if round == 2 { bytes += Array("\n\nOfficials met in Geneva on Tuesday, round \(sequence).\n".utf8) }
                pipeline.submit(ArticleInput(source: ArticleSource(path: "\(round)-\(entry.name).txt"), bytes: bytes,
                                             sequence: sequence))
                sequence += 1
            }
        }
        pipeline.waitUntilIdle()
        #expect(try store.counts().documents == seeds.count * 2)
        let (broken, events, mentions) = try store.reading { db in
            (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM event_mentions WHERE event_id IS NULL") ?? -1)
        }
        #expect(broken.isEmpty, "rows whose references point nowhere: \(broken.prefix(5))")
        #expect(events > 0)
        #expect(mentions == 0)
    }
}
