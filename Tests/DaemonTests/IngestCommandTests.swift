import Foundation
import Testing

/// `gleaner ingest` stores every seed once, however often it runs.
@Suite struct IngestCommandTests {
    static let tables = ["documents", "removed_spans", "entities", "entity_aliases", "mentions",
                         "value_mentions", "events", "quotes", "files"]

    @Test func ingestingTwiceStoresNothingTwice() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("g.sqlite")
        let first = try GleanerProcess.run(["ingest", PackageRoot.corpus.path, "--db", db])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let before = try DatabaseProbe(path: db).counts(Self.tables)
        #expect(before["documents"] == 5)
        #expect(before["files"] == 5)
        #expect((before["entities"] ?? 0) > 20)
        #expect((before["events"] ?? 0) > 10)

        let second = try GleanerProcess.run(["ingest", PackageRoot.corpus.path, "--db", db])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.contains("5 duplicate"))
        let after = try DatabaseProbe(path: db).counts(Self.tables)
        #expect(after == before)
    }

    @Test func exportPrintsWhatExtractPrints() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("g.sqlite")
        let files = PackageRoot.seedFiles.map(\.path)
        #expect(try GleanerProcess.run(["ingest"] + files + ["--db", db]).status == 0)
        let exported = try GleanerProcess.run(["export", "--db", db])
        #expect(exported.status == 0, "stderr: \(exported.stderr)")
        let extracted = try GleanerProcess.run(["extract"] + files)
        let normalize = { (text: String) in Set(text.split(separator: "\n").map(String.init)) }
        #expect(normalize(exported.stdout).count == 5)
        #expect(normalize(exported.stdout) == normalize(extracted.stdout))
    }

    @Test func searchFindsWordsAndExplainsBadQueries() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("g.sqlite")
        #expect(try GleanerProcess.run(["ingest", PackageRoot.corpus.path, "--db", db]).status == 0)
        let hit = try GleanerProcess.run(["search", "soybeans", "--db", db])
        #expect(hit.status == 0)
        #expect(hit.stdout.contains("003_38021f703ce14f0b.txt"))
        #expect(!hit.stdout.contains("001_5b30e1d4bfebb3f5.txt"))
        let bad = try GleanerProcess.run(["search", "\"unbalanced", "--db", db])
        #expect(bad.status != 0)
        #expect(bad.status < 128, "crashed with signal \(bad.status)")
        #expect(bad.stderr.lowercased().contains("query"))
        let entities = try GleanerProcess.run(["entities", "--db", db, "--type", "PERSON"])
        #expect(entities.status == 0)
        #expect(entities.stdout.contains("Robert Lighthizer"))
        let events = try GleanerProcess.run(["events", "--db", db, "--root", "16"])
        #expect(events.status == 0)
        #expect(events.stdout.contains("163"))
    }
}
