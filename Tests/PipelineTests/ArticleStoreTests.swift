import Foundation
import GRDB
import Testing
@testable import Pipeline
import TestSupport

/// Hand-built documents whose offsets are computed from the text, as the pipeline would.
enum Sample {
    /// Scalar offsets of the first `needle` in `text` at or after `from`.
    static func span(_ needle: String, in text: String, from: Int = 0) -> (start: Int, end: Int) {
        let hay = Array(text.unicodeScalars)
        let pin = Array(needle.unicodeScalars)
        var i = from
        while i + pin.count <= hay.count {
            if Array(hay[i..<(i + pin.count)]) == pin { return (i, i + pin.count) }
            i += 1
        }
        Issue.record("\(needle) not in text")
        return (0, 0)
    }

    static func mention(_ surface: String, in text: String, from: Int = 0, sentence: Int = 0,
                        metonymFor: String? = nil) -> Mention {
        let s = span(surface, in: text, from: from)
        return Mention(text: surface, start: s.start, end: s.end, sentence: sentence, metonymFor: metonymFor)
    }

    static func trade(path: String = "inbox/trade.txt", body: String = "") -> ExtractedDocument {
        let boiler = "Subscribe now for full access.\n"
        let clean = """
            Café owners in Zürich said tariffs of $50 billion hit 25% of trade 🙂. \
            "We've made a lot of progress," Robert Lighthizer said on 8 May. \
            Lighthizer met Beijing officials.\(body)
            """
        let raw = boiler + clean
        let sha = SHA256.hexDigest(of: Array(raw.utf8))
        let decoded = DecodedDocument(
            sha256: sha, source: ArticleSource(path: path), format: .text, text: raw,
            metadata: DocumentMetadata(title: "Tariffs hit café trade", byline: "A. Writer",
                                       published: "2018-06-15", siteName: "Wire", url: "https://example.org/a",
                                       language: "en"),
            warnings: ["invalid UTF-8 replaced by U+FFFD"], sequence: 7, byteCount: raw.utf8.count)
        let cleaned = CleanDocument(decoded: decoded, text: clean,
                                    removed: [RemovedSpan(start: 0, end: boiler.unicodeScalars.count,
                                                          reason: .subscription)])
        let firstEnd = span("🙂.", in: clean).end
        let secondEnd = span("8 May.", in: clean).end
        let sentences = [SentenceSpan(start: 0, end: firstEnd),
                         SentenceSpan(start: firstEnd + 1, end: secondEnd),
                         SentenceSpan(start: secondEnd + 1, end: clean.unicodeScalars.count)]
        let lighthizer = Entity(name: "Robert Lighthizer", type: .person, role: "Trade Representative", mentions: [
            mention("Robert Lighthizer", in: clean, sentence: 1),
            mention("Lighthizer", in: clean, from: secondEnd, sentence: 2),
        ])
        let zurich = Entity(name: "Zürich", type: .location, mentions: [mention("Zürich", in: clean)])
        let beijing = Entity(name: "Beijing", type: .location, mentions: [
            mention("Beijing", in: clean, sentence: 2, metonymFor: "China"),
        ])
        let money = span("$50 billion", in: clean)
        let percent = span("25%", in: clean)
        let date = span("8 May", in: clean)
        let values = [
            ValueMention(type: .money, text: "$50 billion", start: money.start, end: money.end,
                         normalized: .object([("amount", .double(5e10)), ("currency", .string("USD"))])),
            ValueMention(type: .percent, text: "25%", start: percent.start, end: percent.end,
                         normalized: .object([("value", .int(25))])),
            ValueMention(type: .date, text: "8 May", start: date.start, end: date.end,
                         normalized: .object([("value", .string("XXXX-05-08")), ("resolved", .string("2018-05-08")),
                                              ("note", .array([.null, .bool(true), .double(-0.5), .string("a\"b\\c\n")]))])),
        ]
        let trigger = span("tariffs", in: clean)
        let events = [
            Event(code: "163", root: "16", quadClass: 4, goldstein: -8.0, source: "United States", target: "China",
                  location: "Zürich", time: "8 May", polarity: .asserted, trigger: "tariffs",
                  sentence: String(String.UnicodeScalarView(Array(clean.unicodeScalars)[0..<firstEnd])),
                  start: 0, end: firstEnd, triggerStart: trigger.start, triggerEnd: trigger.end),
            Event(code: "010", root: "01", quadClass: 1, goldstein: 0.0, source: "Robert Lighthizer", target: nil,
                  location: nil, time: nil, polarity: .hypothetical, trigger: "said",
                  sentence: "s", start: firstEnd + 1, end: secondEnd, triggerStart: 0, triggerEnd: 4),
        ]
        let said = span("We've made a lot of progress,", in: clean)
        let quotes = [Quote(speaker: "Robert Lighthizer", text: "We've made a lot of progress,", start: said.start, end: said.end),
                      Quote(speaker: nil, text: "x", start: 1, end: 2)]
        var timings = StageTimings()
        timings.record(.decode, nanoseconds: 1200)
        timings.record(.analyze, nanoseconds: 45_000)
        return ExtractedDocument(
            analyzed: AnalyzedDocument(clean: cleaned, sentences: sentences,
                                       entities: [lighthizer, zurich, beijing], values: values),
            events: events, quotes: quotes, timings: timings)
    }

    /// A second article that calls the same man only "Lighthizer".
    static func followUp() -> ExtractedDocument {
        let text = "Lighthizer flew to Beijing."
        let decoded = DecodedDocument(sha256: SHA256.hexDigest(of: Array(text.utf8)),
                                      source: ArticleSource(path: "inbox/follow.md"), format: .markdown,
                                      text: text, byteCount: text.utf8.count)
        let entities = [
            Entity(name: "Lighthizer", type: .person, mentions: [mention("Lighthizer", in: text)]),
            Entity(name: "Beijing", type: .location, mentions: [mention("Beijing", in: text)]),
        ]
        return ExtractedDocument(
            analyzed: AnalyzedDocument(clean: CleanDocument(decoded: decoded, text: text, removed: []),
                                       sentences: [SentenceSpan(start: 0, end: text.unicodeScalars.count)],
                                       entities: entities, values: []),
            events: [], quotes: [])
    }

    static func failure(path: String = "inbox/blob.bin") -> FailedArticle {
        FailedArticle(source: ArticleSource(path: path), sequence: 3, sha256: String(repeating: "ab", count: 32),
                      byteCount: 1024, error: PipelineError(.binary, stage: .decode, "the file holds binary data (NUL bytes)"))
    }
}

@Suite struct ArticleStoreTests {
    @Test func migrationsCreateTheSchema() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        #expect(try store.schemaVersion() == StoreSchema.version)
        let tables = try store.reading { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        }
        for table in ["documents", "removed_spans", "sentences", "entities", "entity_aliases", "document_entities",
                      "mentions", "value_mentions", "events", "event_mentions", "gdelt_events", "quotes", "files",
                      "stage_timings", "documents_fts", "schema_info"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let (journal, applicationID, version) = try store.reading { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "SELECT value FROM schema_info WHERE key = 'schema_version'"))
        }
        #expect(journal == "wal")
        #expect(applicationID == StoreSchema.applicationID)
        #expect(version == "\(StoreSchema.version)")
        let codeType = try store.reading { db in
            try String.fetchAll(db, sql: "SELECT type FROM pragma_table_info('events') WHERE name = 'code'")
        }
        #expect(codeType == ["TEXT"])
        // `event_mentions` reads its code through `events` (schema 8) with TEXT affinity: a
        // code keeps its leading zero, and a number compared with it is compared as text.
        _ = try store.write([.document(Sample.trade())])
        let codes = try store.reading { db in
            try String.fetchAll(db, sql: """
                SELECT typeof(code) || ':' || code || ':' || (code = 163) || ':' || (code = '010')
                FROM event_mentions ORDER BY id
                """)
        }
        #expect(codes == ["text:163:1:0", "text:010:0:1"])

        // Reopening an up-to-date file migrates nothing and keeps the version.
        try store.close()
        let again = try ArticleStore(path: dir.path("g.sqlite"))
        #expect(try again.schemaVersion() == StoreSchema.version)
    }

    @Test func writingTheSameBatchTwiceStoresNothingTwice() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        let batch: [PipelineItem] = [.document(Sample.trade()), .failure(Sample.failure()), .document(Sample.followUp())]

        let first = try store.write(batch)
        #expect(first.map(\.sequence) == [7, 3, 0])
        guard case .stored(let tradeID) = first[0].disposition, case .stored = first[2].disposition else {
            Issue.record("expected stored, got \(first.map(\.disposition))")
            return
        }
        #expect(first[1].disposition == .failed(Sample.failure().error))
        let countsAfterFirst = try store.counts()
        #expect(countsAfterFirst.documents == 2)
        #expect(countsAfterFirst.filesStored == 2)
        #expect(countsAfterFirst.filesFailed == 1)
        #expect(countsAfterFirst.events == 2)
        #expect(countsAfterFirst.quotes == 2)
        #expect(countsAfterFirst.values == 3)
        #expect(countsAfterFirst.mentions == 6)
        let rowsAfterFirst = try tableRowCounts(store)

        let second = try store.write(batch)
        #expect(second[0].disposition == .duplicate(documentID: tradeID))
        if case .duplicate = second[2].disposition {} else { Issue.record("follow-up not a duplicate: \(second[2].disposition)") }
        #expect(second[1].disposition == .failed(Sample.failure().error))
        #expect(try store.counts() == countsAfterFirst)
        #expect(try tableRowCounts(store) == rowsAfterFirst)

        // The same content from another path is a duplicate with its own ledger row.
        let copy = try store.write([.document(Sample.trade(path: "inbox/copy-of-trade.txt"))])
        #expect(copy[0].disposition == .duplicate(documentID: tradeID))
        let afterCopy = try store.counts()
        #expect(afterCopy.documents == 2)
        #expect(afterCopy.filesDuplicate == 1)
    }

    @Test func aSecondCopyInOneBatchIsADuplicateOfTheFirst() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        let outcomes = try store.write([.document(Sample.trade()), .document(Sample.trade(path: "inbox/again.txt"))])
        guard case .stored(let id) = outcomes[0].disposition else {
            Issue.record("first copy not stored: \(outcomes[0].disposition)")
            return
        }
        #expect(outcomes[1].disposition == .duplicate(documentID: id))
        #expect(try store.counts().documents == 1)
    }

    @Test func entitiesAreSharedAcrossDocumentsThroughAliases() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        _ = try store.write([.document(Sample.trade())])
        _ = try store.write([.document(Sample.followUp())])
        let people = try store.entitySummaries(type: .person)
        #expect(people == [EntitySummary(name: "Robert Lighthizer", type: .person, documents: 2, mentions: 3)])
        let places = try store.entitySummaries(type: .location).map(\.name)
        #expect(places == ["Beijing", "Zürich"])
        // Events and quotes link to the canonical rows by name.
        let speakerLinked = try store.reading { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM quotes q JOIN entities e ON e.id = q.speaker_entity_id
                WHERE e.name = 'Robert Lighthizer'
                """)
        }
        #expect(speakerLinked == 1)
    }

    @Test func aFailureLandsInTheFilesLedgerWithItsReason() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        let failure = Sample.failure()
        _ = try store.write([.failure(failure)])
        let row = try store.reading { db in
            try Row.fetchOne(db, sql: """
                SELECT state, error_kind, error_stage, error, size, sha256, document_id, first_seen_at, last_seen_at
                FROM files WHERE path = ?
                """, arguments: [failure.source.path])
        }
        guard let row else {
            Issue.record("no files row for the failure")
            return
        }
        #expect(row["state"] as String? == "failed")
        #expect(row["error_kind"] as String? == "binary")
        #expect(row["error_stage"] as String? == "decode")
        #expect(row["error"] as String? == failure.error.message)
        #expect(row["size"] as Int? == 1024)
        #expect(row["sha256"] as String? == failure.sha256)
        #expect(row["document_id"] as Int64? == nil)
        #expect((row["first_seen_at"] as String?)?.hasPrefix("20") == true)

        // An unreadable file (no hash) seen twice is still one row.
        var unreadable = failure
        unreadable.sha256 = nil
        unreadable.source = ArticleSource(path: "inbox/fifo")
        _ = try store.write([.failure(unreadable)])
        _ = try store.write([.failure(unreadable)])
        #expect(try store.counts().filesFailed == 2)
    }

    @Test func anItemTheDatabaseRefusesFailsAloneAndTheRestIsStoredAndSearchable() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        _ = try ArticleStore(path: path)
        // A rule of the database's own, as an operator might add: it refuses one path.
        let admin = try DatabaseQueue(path: path)
        try admin.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_poison BEFORE INSERT ON document_rows WHEN new.source_path LIKE '%poison%'
                BEGIN SELECT RAISE(ABORT, 'poisoned by policy'); END
                """)
        }
        try admin.close()
        let store = try ArticleStore(path: path)
        let outcomes = try store.write([.document(Sample.trade(path: "inbox/a.txt", body: " alpha")),
                                        .document(Sample.trade(path: "inbox/poison.txt", body: " beta")),
                                        .document(Sample.trade(path: "inbox/c.txt", body: " gamma"))])
        #expect(outcomes.count == 3)
        if case .stored = outcomes[0].disposition {} else { Issue.record("first: \(outcomes[0].disposition)") }
        if case .failed(let error) = outcomes[1].disposition {
            #expect(error.kind == .storage)
            #expect(error.message.contains("poisoned by policy"))
        } else {
            Issue.record("the refused item was not failed: \(outcomes[1].disposition)")
        }
        if case .stored = outcomes[2].disposition {} else { Issue.record("third: \(outcomes[2].disposition)") }
        #expect(try store.counts().documents == 2)
        #expect(try store.counts().filesFailed == 1)
        // The full-text index holds exactly the stored documents, once each.
        #expect(try store.search("alpha").count == 1)
        #expect(try store.search("gamma").count == 1)
        #expect(try store.search("beta").isEmpty)
        #expect(try store.search("tariffs").count == 2)
    }

    @Test func aVersion4DatabaseIsMigratedAndStaysSearchable() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        // A file as Gleaner with schema 4 left it: its full-text index kept by a trigger.
        let old = try DatabasePool(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v4 site furniture fingerprints")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO documents(sha256, source_path, format, title, ingested_at, byte_count, raw_text, clean_text, word_count)
                VALUES ('00', 'inbox/old.txt', 'txt', 'Harbour news', '2026-01-01T00:00:00Z', 20, 'dredging the harbour', 'dredging the harbour', 3)
                """)
        }
        try old.close()

        let store = try ArticleStore(path: path)
        #expect(try store.schemaVersion() == StoreSchema.version)
        let triggers = try store.reading { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        }
        #expect(triggers == ["documents_fts_delete", "documents_fts_update"])
        let mentionIndexes = try store.reading { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event_mention_rows' AND sql IS NOT NULL ORDER BY name
                """)
        }
        #expect(mentionIndexes == ["event_mentions_document", "event_mentions_event"])
        _ = try store.write([.document(Sample.trade())])
        #expect(try store.search("dredging").count == 1)
        #expect(try store.search("tariffs").count == 1)
        #expect(try store.search("harbour OR tariffs").count == 2)
        // FTS5's own consistency check of the index against the documents it indexes.
        let writer = try DatabaseQueue(path: path)
        try writer.write { db in
            try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        }
    }

    @Test func exportRebuildsTheSameContractLine() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        let originals = [Sample.trade(), Sample.followUp()]
        _ = try store.write(originals.map(PipelineItem.document))
        var exported: [ExtractedDocument] = []
        try store.exportDocuments { exported.append($0) }
        #expect(exported.count == 2)
        for (original, copy) in zip(originals, exported) {
            #expect(ContractEncoding.line(copy) == ContractEncoding.line(original))
            #expect(copy.analyzed.sentences == original.analyzed.sentences)
            #expect(copy.analyzed.clean.decoded.text == original.analyzed.clean.decoded.text)
            #expect(copy.timings == original.timings)
        }
        // The stored removed span keeps the words cleaning cut out.
        let removedText = try store.reading { db in try String.fetchOne(db, sql: "SELECT text FROM removed_spans") }
        #expect(removedText == "Subscribe now for full access.\n")
    }

    @Test func searchFindsWordsAndExplainsBadQueries() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        _ = try store.write([.document(Sample.trade()), .document(Sample.followUp())])

        let hits = try store.search("tariffs")
        #expect(hits.count == 1)
        #expect(hits.first?.path == "inbox/trade.txt")
        #expect(hits.first?.snippet.contains("[tariffs]") == true)
        #expect(try store.search("cafe").count == 1, "diacritics are folded")
        #expect(try store.search("Lighthizer").count == 2)
        #expect(try store.search("\"made a lot\"").count == 1)
        #expect(try store.search("nonexistentword").isEmpty)

        for bad in ["\"unbalanced", "AND AND", "   "] {
            do {
                _ = try store.search(bad)
                Issue.record("query \(bad) did not throw")
            } catch {
                guard case .badSearchQuery(let query, _) = error else {
                    Issue.record("query \(bad) threw \(error)")
                    continue
                }
                #expect(query == bad)
                #expect(error.description.contains("double quotes"))
            }
        }
    }

    @Test func eventCodesStayStrings() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        _ = try store.write([.document(Sample.trade())])
        let statements = try store.eventRows(codePrefix: "01")
        #expect(statements.map(\.event.code) == ["010"])
        #expect(statements.first?.path == "inbox/trade.txt")
        let sanctions = try store.eventRows(root: "16")
        #expect(sanctions.map(\.event.code) == ["163"])
        #expect(sanctions.first?.event.target == "China")
        #expect(try store.eventRows(codePrefix: "10").isEmpty)
        #expect(try store.eventRows().count == 2)
    }

    @Test func theSameEventReportedTwiceIsOneEventWithTwoMentions() throws {
        let dir = try TemporaryFolder()
        let store = try ArticleStore(path: dir.path("g.sqlite"))
        var first = Sample.trade(path: "inbox/a.txt", body: "first report")
        var second = Sample.trade(path: "inbox/b.txt", body: "second report")
        first.analyzed.clean.decoded.metadata.published = "2019-05-01T10:00:00Z"
        second.analyzed.clean.decoded.metadata.published = "2019-05-01"
        _ = try store.write([.document(first), .document(second)])
        let (events, mentions, counted) = try store.reading { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM event_mentions") ?? 0,
             try Row.fetchAll(db, sql: "SELECT code, num_mentions, num_documents, event_date FROM events ORDER BY code"))
        }
        #expect(mentions == 4)
        #expect(events == 2)
        for row in counted {
            #expect(row[1] as Int == 2 && row[2] as Int == 2 && row[3] as String == "2019-05-01")
        }
        var gdelt: [[String]] = []
        try store.gdeltEvents { gdelt.append($0) }
        #expect(gdelt.count == 2)
        let code = ArticleStore.gdeltColumns.firstIndex(of: "EventCode")!
        let mentionsColumn = ArticleStore.gdeltColumns.firstIndex(of: "NumMentions")!
        #expect(Set(gdelt.map { $0[code] }) == ["010", "163"])
        #expect(gdelt.allSatisfy { $0[mentionsColumn] == "2" && $0[1] == "20190501" })
    }

    /// Three reports of one distinct event whose mentions code the target differently and
    /// name different places: whatever order they arrive in, the row is the same, and its
    /// code and parts come from one mention (the most specific code), never mixed.
    @Test func aDistinctEventIsTheSameWhateverOrderItsMentionsArriveIn() throws {
        func report(_ name: String, target: ActorCode?, location: String?) -> ExtractedDocument {
            var document = Sample.trade(path: "inbox/\(name).txt", body: name)
            document.analyzed.clean.decoded.metadata.published = "2019-05-01"
            document.events = [document.events[0]]
            document.events[0].targetActor = target
            document.events[0].location = location
            return document
        }
        let reports = [
            report("bare", target: ActorCode(code: "CHN", country: "CHN", type1: nil, type2: nil), location: "Zürich"),
            report("none", target: nil, location: nil),
            report("government", target: ActorCode(code: "CHNGOV", country: "CHN", type1: "GOV", type2: nil),
                   location: "Beijing"),
        ]
        let dir = try TemporaryFolder()
        var rows: [[String]] = []
        for (index, order) in [reports, reports.reversed()].enumerated() {
            let store = try ArticleStore(path: dir.path("\(index).sqlite"))
            for document in order { _ = try store.write([.document(document)]) }
            var gdelt: [[String]] = []
            try store.gdeltEvents { gdelt.append($0) }
            #expect(gdelt.count == 1)
            // Without the id, the time the row was added, and the first report's URL.
            rows.append(gdelt[0].enumerated().filter { ![0, 24, 25].contains($0.offset) }.map(\.element))
        }
        #expect(rows[0] == rows[1])
        let column = { (name: String) in ArticleStore.gdeltColumns.firstIndex(of: name)! - 1 }
        #expect(rows[0][column("Actor2Code")] == "CHNGOV")
        #expect(rows[0][column("Actor2Type1Code")] == "GOV")
        #expect(rows[0][column("ActionGeo_FullName")] == "Beijing")
        #expect(rows[0][column("NumMentions")] == "3")
    }

    /// A database in `dir` with one stored article, checkpointed to a 0-byte WAL and
    /// closed, as a daemon leaves it once it falls idle and stops.
    private func closedWithEmptiedWAL(in dir: TemporaryFolder) throws -> String {
        let path = dir.path("g.sqlite")
        let store = try ArticleStore(path: path)
        _ = try store.write([.document(Sample.trade())])
        _ = try store.checkpoint(truncate: true)
        try store.close()
        return path
    }

    @Test func theWALFilesOutliveTheWriterForReadOnlyReaders() throws {
        let dir = try TemporaryFolder()
        let path = try closedWithEmptiedWAL(in: dir)
        // A reader who may not create files in the folder still finds -wal and -shm.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        let reader = try ArticleStore(path: path, mode: .readOnly)
        #expect(try reader.counts().documents == 1)
    }

    @Test func readersReadWhileAWriteTransactionIsOpen() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        let store = try ArticleStore(path: path, busyTimeout: 0.2)
        _ = try store.write([.document(Sample.trade())])

        // Another connection (as another process would) holds the write lock, mid-transaction.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true  // the point is to leave the transaction open
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try other.inDatabase { db in
            try db.beginTransaction(.immediate)
            try db.execute(sql: "DELETE FROM quote_rows")
        }
        defer { try? other.inDatabase { db in try db.rollback() } }

        let readOnly = try ArticleStore(path: path, mode: .readOnly)
        #expect(try readOnly.counts().quotes == 2, "readers see the last commit, not the open transaction")
        #expect(try store.search("tariffs").count == 1)
        var exported = 0
        try readOnly.exportDocuments { _ in exported += 1 }
        #expect(exported == 1)

        // A second writer waits out the busy timeout, then fails without committing.
        #expect(throws: PipelineError.self) { try store.write([.document(Sample.followUp())]) }
        #expect(throws: StoreError.readOnly(path: path)) { try readOnly.checkpoint() }
    }

    @Test func aBatchThatFailsLeavesNothingBehind() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        let store = try ArticleStore(path: path, busyTimeout: 0.1)
        _ = try store.write([.document(Sample.trade())])

        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try other.inDatabase { db in try db.beginTransaction(.immediate) }
        do {
            _ = try store.write([.document(Sample.followUp())])
            Issue.record("a write under another writer's lock succeeded")
        } catch {
            #expect(error.kind == .storage)
            #expect(error.stage == .store)
            #expect(error.message.contains("locked"))
        }
        try other.inDatabase { db in try db.rollback() }

        let retried = try store.write([.document(Sample.followUp())])
        if case .stored = retried[0].disposition {} else { Issue.record("retry not stored: \(retried[0].disposition)") }
        #expect(try store.counts().documents == 2)
        #expect(try store.entitySummaries(type: .person).first?.documents == 2)
    }

    @Test func checkpointEmptiesTheWAL() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        let store = try ArticleStore(path: path)
        _ = try store.write([.document(Sample.trade())])
        let passive = try store.checkpoint()
        #expect(passive.walFrames > 0)
        #expect(passive.checkpointed == passive.walFrames)
        _ = try store.checkpoint(truncate: true)
        let walSize = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? -1
        #expect(walSize == 0)
    }

    /// The idle checkpoint leaves a 0-byte WAL. A writer that opens then, while another
    /// connection holds the write lock, opens and reads at once and waits only to write.
    @Test func opensOnAnEmptiedWALWhileAnotherConnectionHoldsTheWriteLock() throws {
        let dir = try TemporaryFolder()
        let path = try closedWithEmptiedWAL(in: dir)
        #expect((try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) == 0)

        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try other.inDatabase { db in try db.beginTransaction(.immediate) }
        let reopened = try ArticleStore(path: path, busyTimeout: 0.1)
        #expect(try reopened.counts().documents == 1)
        #expect(throws: PipelineError.self) { try reopened.write([.document(Sample.followUp())]) }
        try other.inDatabase { db in try db.rollback() }
        _ = try reopened.write([.document(Sample.followUp())])
        #expect(try reopened.counts().documents == 2)
    }

    @Test func refusesFilesThatAreNotGleanerDatabases() throws {
        let dir = try TemporaryFolder()
        let text = dir.path("notes.txt")
        try Data("these are notes, not a database, and they are long enough to be a header".utf8)
            .write(to: URL(fileURLWithPath: text))
        #expect {
            _ = try ArticleStore(path: text)
        } throws: { error in
            guard case .notGleanerDatabase(let path, _) = error as? StoreError else { return false }
            return path == text
        }

        let foreign = dir.path("other.sqlite")
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE recipes(id INTEGER)") }
        #expect {
            _ = try ArticleStore(path: foreign)
        } throws: { error in
            if case .notGleanerDatabase = error as? StoreError { return true }
            return false
        }

        #expect {
            _ = try ArticleStore(path: dir.path("no/such/dir/g.sqlite"))
        } throws: { error in
            if case .cannotOpen = error as? StoreError { return true }
            return false
        }
    }

    @Test func refusesADatabaseFromANewerGleaner() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        try ArticleStore(path: path).close()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v9 something new')")
        }
        #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v9 something new"])) {
            _ = try ArticleStore(path: path)
        }
    }

    /// Row counts of every table a write touches.
    private func tableRowCounts(_ store: ArticleStore) throws -> [String: Int] {
        try store.reading { db in
            var counts: [String: Int] = [:]
            for table in ["documents", "removed_spans", "sentences", "entities", "entity_aliases", "document_entities",
                          "mentions", "value_mentions", "events", "quotes", "files", "stage_timings"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }
}

@Suite struct JSONValueParserTests {
    @Test func roundTripsSerializedValues() throws {
        let values: [JSONValue] = [
            .object([("z", .int(1)), ("a", .double(5e10)), ("m", .double(0.25)), ("big", .double(1e300))]),
            .array([.null, .bool(false), .bool(true), .int(-42), .double(-0.5), .string("")]),
            .string("quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂 \u{2028}"),
            .object([]),
            .array([.object([("nested", .array([.array([])]))])]),
        ]
        for value in values {
            let parsed = try JSONValueParser.parse(value.serialized())
            #expect(parsed.serialized() == value.serialized())
        }
        // Numbers keep their case: 3 is an int, 3.0 a double.
        guard case .int(3) = try JSONValueParser.parse("3"), case .double(3) = try JSONValueParser.parse("3.0") else {
            Issue.record("number cases not kept")
            return
        }
    }

    @Test func decodesEscapesIncludingSurrogatePairs() throws {
        #expect(try JSONValueParser.parse(#""\u00e9\ud83d\ude42\/""#) == .string("é🙂/"))
        #expect(try JSONValueParser.parse(#" { "k" : [ 1 , 2 ] } "#) == .object([("k", .array([.int(1), .int(2)]))]))
    }

    @Test func rejectsMalformedText() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "01x", "1 2", "{\"a\":}"] {
            #expect(throws: JSONValueParser.SyntaxError.self, "\(bad) should not parse") {
                _ = try JSONValueParser.parse(bad)
            }
        }
    }
}

extension ArticleStoreTests {
    /// Version 6 rebuilds `entities` to take NORP and MISC: rows keep their ids, what
    /// pointed at them still does, and other type names are still refused.
    @Test func aVersion5DatabaseTakesTheNewEntityTypes() throws {
        let dir = try TemporaryFolder()
        let path = dir.path("g.sqlite")
        let old = try DatabasePool(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v5 event mentions reached through their events")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO documents(id, sha256, source_path, format, title, ingested_at, byte_count, raw_text, clean_text, word_count)
                VALUES (1, '00', 'inbox/old.txt', 'txt', 'Harbour news', '2026-01-01T00:00:00Z', 20, 'Li Wei spoke', 'Li Wei spoke', 3);
                INSERT INTO entities(id, name, type) VALUES (41, 'Li Wei', 'PERSON');
                INSERT INTO document_entities(document_id, ordinal, entity_id, name, mention_count) VALUES (1, 0, 41, 'Li Wei', 1);
                INSERT INTO mentions(document_id, entity_id, entity_ordinal, text, start, "end", sentence)
                VALUES (1, 41, 0, 'Li Wei', 0, 6, 0);
                """)
            #expect(throws: (any Error).self) { try db.execute(sql: "INSERT INTO entities(name, type) VALUES ('Swiss', 'NORP')") }
        }
        try old.close()

        let store = try ArticleStore(path: path)
        #expect(try store.schemaVersion() == StoreSchema.version)
        let (name, joined, broken) = try store.reading { db throws -> (String?, Int?, Int) in
            (try String.fetchOne(db, sql: "SELECT name FROM entities WHERE id = 41"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
        }
        #expect(name == "Li Wei")
        #expect(joined == 1)
        #expect(broken == 0)
        let pool = try DatabasePool(path: path)
        try pool.write { db in
            try db.execute(sql: "INSERT INTO entities(name, type) VALUES ('Swiss', 'NORP'), ('Walkman', 'MISC')")
            #expect(throws: (any Error).self) { try db.execute(sql: "INSERT INTO entities(name, type) VALUES ('X', 'THING')") }
        }
        try pool.close()
    }
}
