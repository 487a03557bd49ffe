import Foundation
import TestSupport
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

    /// A document that states no date is dated by its file's time: "last Tuesday" in a file
    /// last written on Thursday 7 March 2019 is 5 March, in the database and in GDELT's
    /// SQLDATE, whatever day it is ingested.
    @Test func anUndatedFileIsDatedByItsModificationTime() throws {
        let folder = try TemporaryFolder()
        let article = folder.path("undated.txt")
        try "Kenyan police arrested two opposition leaders in Nairobi last Tuesday.\n\nThey were released on bail.\n"
            .write(toFile: article, atomically: true, encoding: .utf8)
        let thursday = Date(timeIntervalSince1970: 1_551_952_800) // 2019-03-07T10:00:00Z
        try FileManager.default.setAttributes([.modificationDate: thursday], ofItemAtPath: article)
        let db = folder.path("g.sqlite")
        let run = try GleanerProcess.run(["ingest", article, "--db", db])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let probe = try DatabaseProbe(path: db)
        #expect(try probe.strings("SELECT event_date FROM events WHERE code = '173'") == ["2019-03-05"])
        #expect(try probe.strings("SELECT SQLDATE FROM gdelt_events WHERE EventCode = '173'") == ["20190305"])
        #expect(try probe.strings("SELECT count(*) FROM documents WHERE published IS NULL") == ["1"])
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

/// Events as GDELT tools read them.
@Suite struct GDELTExportTests {
    @Test func exportsDistinctEventsAsTSVWithGDELTColumns() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("g.sqlite")
        #expect(try GleanerProcess.run(["ingest", PackageRoot.corpus.path, "--db", db]).status == 0)
        let run = try GleanerProcess.run(["export", "--format", "gdelt", "--db", db])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        for column in ["GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor2Name", "EventCode", "EventRootCode", "QuadClass",
                       "GoldsteinScale", "NumMentions", "ActionGeo_FullName", "SOURCEURL"] {
            #expect(header.contains(column), "missing \(column)")
        }
        let rows = lines.dropFirst()
        #expect(rows.count >= 20)
        #expect(rows.allSatisfy { $0.count == header.count })
        let code = try #require(header.firstIndex(of: "EventCode"))
        let root = try #require(header.firstIndex(of: "EventRootCode"))
        let mentions = try #require(header.firstIndex(of: "NumMentions"))
        let date = try #require(header.firstIndex(of: "SQLDATE"))
        // Codes keep their leading zeros; every event has a root matching its code and a date.
        #expect(rows.contains { $0[code].hasPrefix("0") })
        #expect(rows.allSatisfy { $0[code].hasPrefix($0[root]) && $0[root].count == 2 })
        #expect(rows.allSatisfy { $0[date].count == 8 || $0[date].count == 6 || $0[date].count == 4 })
        let totalMentions = rows.reduce(0) { $0 + (Int($1[mentions]) ?? 0) }
        let probe = try DatabaseProbe(path: db)
        #expect(totalMentions == (try probe.count("event_mentions")))
        #expect(rows.count == (try probe.count("events")))
        #expect(rows.count <= totalMentions)
    }
}
