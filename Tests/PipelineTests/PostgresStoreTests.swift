import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Pipeline
import TestSupport

/// The PostgreSQL store against a real server: the SQLite store's promises, and what
/// many writers on one database add.
@Suite struct PostgresStoreTests {
    @Test func migrationsCreateTheSchemaOnceAndReadersRefuseAnUnmigratedDatabase() throws {
        let cluster = try startPostgres()
        #expect(throws: StoreError.olderSchema(path: StoreLocation.redacted(cluster.uri()))) {
            _ = try PostgresStore(uri: cluster.uri(), mode: .readOnly)
        }
        let store = try PostgresStore(uri: cluster.uri())
        #expect(try store.schemaVersion() == StoreSchema.version)
        let tables = try cluster.psql("""
            SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
            WHERE table_schema = 'public'
            """).split(separator: ",").map(String.init)
        for table in ["documents", "removed_spans", "sentences", "entities", "entity_aliases", "document_entities",
                      "mentions", "value_mentions", "events", "event_mentions", "gdelt_events", "quotes", "files",
                      "stage_timings", "furniture_fingerprints", "schema_info", "schema_migrations"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try cluster.psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_search'").contains("gin"))
        // Opening again migrates nothing; a reader now opens.
        _ = try PostgresStore(uri: cluster.uri())
        #expect(try cluster.psql("SELECT count(*) FROM schema_migrations") == "\(PostgresSchema.migrations.count)")
        #expect(try PostgresStore(uri: cluster.uri(), mode: .readOnly).schemaVersion() == StoreSchema.version)
        // A migration this Gleaner does not know is a newer Gleaner's.
        try cluster.psql("INSERT INTO schema_migrations(identifier) VALUES ('pg v99 from the future')")
        #expect(throws: StoreError.newerSchema(path: StoreLocation.redacted(cluster.uri()),
                                               unknownMigrations: ["pg v99 from the future"])) {
            _ = try PostgresStore(uri: cluster.uri())
        }
    }

    /// Both stores, given the same batches, answer every question the same way.
    @Test func bothStoresStoreAndAnswerAlike() throws {
        let cluster = try startPostgres()
        let folder = try TemporaryFolder()
        let stores: [any ArticleDatabase] = [try ArticleStore(path: folder.path("g.sqlite")),
                                             try PostgresStore(uri: cluster.uri())]
        var first = Sample.trade(path: "inbox/a.txt", body: " first report")
        var second = Sample.trade(path: "inbox/b.txt", body: " second report")
        first.analyzed.clean.decoded.metadata.published = "2019-05-01T10:00:00Z"
        second.analyzed.clean.decoded.metadata.published = "2019-05-01"
        let batch: [PipelineItem] = [.document(first), .failure(Sample.failure()), .document(Sample.followUp()),
                                     .document(second), .document(Sample.trade(path: "inbox/copy.txt", body: " first report"))]
        var answers: [[String]] = []
        for store in stores {
            let outcomes = try store.write(batch)
            let again = try store.write(batch)
            var lines = outcomes.map { "\($0.sequence) \($0.disposition)" } + again.map { "\($0.sequence) \($0.disposition)" }
            let counts = try store.counts()
            lines.append("\(counts)")
            try store.exportDocuments { lines.append(ContractEncoding.line($0)) }
            try store.gdeltEvents { fields in
                // DATEADDED is when the row was written; the rest must agree.
                lines.append(fields.enumerated().filter { ArticleStore.gdeltColumns[$0.offset] != "DATEADDED" }
                    .map(\.element).joined(separator: "\t"))
            }
            lines += try store.entitySummaries(type: nil, limit: 50).map { "\($0)" }
            lines += try store.eventRows(codePrefix: "16", root: nil, limit: 10).map { "\($0.documentID) \($0.event.code) \($0.path)" }
            lines += try store.eventRows(codePrefix: nil, root: "01", limit: 10).map { "\($0.documentID) \($0.event.code)" }
            lines += try store.recentFailures(limit: 5).map { "\($0.path) \($0.kind ?? "") \($0.error ?? "")" }
            lines += try store.ledgerRows(after: 0, limit: 100).map { "\($0.id) \($0.path) \($0.state)" }
            lines += try store.stageTimings().map { "\($0.stage) \($0.documents) \($0.meanMicroseconds)" }
            // Ranks differ (bm25 against ts_rank_cd), the documents found do not.
            lines += try store.search("Lighthizer", limit: 10).map { "\($0.documentID) \($0.path)" }.sorted()
            lines += try store.search("\"made a lot\"", limit: 10).map { "\($0.documentID) \($0.path)" }.sorted()
            answers.append(lines)
        }
        #expect(answers[0] == answers[1])
        #expect(answers[1].contains("\(StoreCounts.expected)"))
        // Distinct events counted by mention and document, as in SQLite.
        #expect(try cluster.psql("SELECT string_agg(code || ':' || num_mentions || ':' || num_documents, ',' ORDER BY code) FROM events")
                == "010:2:2,163:2:2")
        #expect(try cluster.psql("SELECT text FROM removed_spans LIMIT 1") == "Subscribe now for full access.")
    }

    @Test func searchUsesTheTsvectorIndexAndExplainsAnEmptyQuery() throws {
        let cluster = try startPostgres()
        let store = try PostgresStore(uri: cluster.uri())
        _ = try store.write([.document(Sample.trade()), .document(Sample.followUp())])
        let hits = try store.search("tariffs", limit: 10)
        #expect(hits.map(\.path) == ["inbox/trade.txt"])
        #expect(hits.first?.snippet.contains("[tariffs]") == true)
        #expect(try store.search("\"made a lot\"", limit: 10).count == 1)
        #expect(try store.search("Lighthizer -tariffs", limit: 10).map(\.path) == ["inbox/follow.md"])
        #expect(try store.search("nonexistentword", limit: 10).isEmpty)
        #expect(throws: StoreError.badSearchQuery(query: "  ", reason: "the query is empty")) {
            _ = try store.search("  ", limit: 10)
        }
        // An analyst's role that may only read gets answers and cannot write.
        let reader = try PostgresStore(uri: cluster.uri(), mode: .readOnly)
        #expect(try reader.search("tariffs", limit: 10).count == 1)
        #expect(throws: PipelineError.self) { _ = try reader.write([.document(Sample.followUp())]) }
    }

    @Test func anItemTheServerRefusesFailsAloneAndTheRestIsStored() throws {
        let cluster = try startPostgres()
        let store = try PostgresStore(uri: cluster.uri())
        var poisoned = Sample.followUp()
        // PostgreSQL text cannot hold NUL: this item's row is refused (SQLSTATE 22021).
        poisoned.analyzed.clean.decoded.metadata.title = "bad\u{0}title"
        let outcomes = try store.write([.document(Sample.trade()), .document(poisoned)])
        guard case .stored = outcomes[0].disposition, case .failed(let error) = outcomes[1].disposition else {
            Issue.record("expected stored then failed, got \(outcomes.map(\.disposition))")
            return
        }
        #expect(error.message.contains("refused") && error.message.contains("NUL"))
        #expect(try store.counts().documents == 1)
        #expect(try store.counts().filesFailed == 1)
    }

    /// Two daemons' stores writing overlapping batches at once: every document once,
    /// every event mention counted once, no lost update.
    @Test func twoWritersOnOneDatabaseStoreEachDocumentOnceAndCountEveryMention() throws {
        let cluster = try startPostgres()
        let a = try PostgresStore(uri: cluster.uri())
        let b = try PostgresStore(uri: cluster.uri())
        // 40 distinct documents reporting the same two events; each writer gets 30 of
        // them (20 shared), in opposite orders, in batches of 5.
        let documents = (0..<40).map { Sample.trade(path: "inbox/\($0).txt", body: " report \($0)") }
        let forA = Array(documents[0..<30])
        // B's inbox is another folder: the same content under another path.
        let forB = (10..<40).reversed().map { Sample.trade(path: "other-inbox/\($0).txt", body: " report \($0)") }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let (store, mine) = index == 0 ? (a, forA) : (b, forB)
            for start in stride(from: 0, to: mine.count, by: 5) {
                let batch = mine[start..<(start + 5)].map(PipelineItem.document)
                // The pipeline retries a batch the server aborted (a deadlock); so do we.
                var attempts = 0
                while true {
                    do {
                        _ = try store.write(batch)
                        break
                    } catch {
                        attempts += 1
                        if attempts > 20 { failures.withLock { $0.append("\(error)") }; break }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try a.counts().documents == 40)
        #expect(try cluster.psql("SELECT count(*) FROM files") == "60")
        #expect(try cluster.psql("SELECT count(*) FROM files WHERE state = 'duplicate'") == "20")
        #expect(try cluster.psql("SELECT count(*) FROM event_mentions") == "80")
        #expect(try cluster.psql("SELECT string_agg(code || ':' || num_mentions || ':' || num_documents, ',' ORDER BY code) FROM events")
                == "010:40:40,163:40:40")
        #expect(try cluster.psql("SELECT count(*) FROM entities WHERE name = 'Robert Lighthizer'") == "1")
        #expect(try cluster.psql("SELECT sum(mention_count) FROM document_entities de JOIN entities e ON e.id = de.entity_id WHERE e.name = 'Robert Lighthizer'") == "80")
    }

    /// The server stopped before a batch: the write throws (the pipeline keeps the batch
    /// and retries); once the server is back the same batch commits, once.
    @Test func aBatchWrittenWhileTheServerIsDownCommitsOnceItIsBack() throws {
        let cluster = try startPostgres()
        let store = try PostgresStore(uri: cluster.uri())
        _ = try store.write([.document(Sample.followUp())])
        try cluster.stop()
        let batch: [PipelineItem] = [.document(Sample.trade())]
        do {
            _ = try store.write(batch)
            Issue.record("a write with the server down did not throw")
        } catch {
            #expect(error.message.contains("cannot reach the PostgreSQL database"), "\(error.message)")
        }
        // A store opened for the daemon while the server is down opens, and waits.
        let waiting = try PostgresStore(uri: cluster.uri(), waitForServer: true)
        try cluster.restart()
        let outcomes = try store.write(batch)
        guard case .stored = outcomes[0].disposition else {
            Issue.record("not stored after the restart: \(outcomes[0].disposition)")
            return
        }
        // The waiting store writes once the server is up; the content is already there.
        let late = try waiting.write(batch)
        guard case .duplicate = late[0].disposition else {
            Issue.record("not a duplicate: \(late[0].disposition)")
            return
        }
        #expect(try store.counts().documents == 2)
        #expect(try cluster.psql("SELECT count(*) FROM event_mentions") == "2")
    }

    /// A backend the server kills in the middle of a transaction (`pg_terminate_backend`,
    /// as an operator or a restart would): the transaction is rolled back by the server
    /// and the store runs the batch again, whole, on a new connection.
    @Test func aTransactionTheServerKillsIsRetriedWhole() throws {
        let cluster = try startPostgres()
        let store = try PostgresStore(uri: cluster.uri())
        _ = try store.write([.document(Sample.followUp())])
        // Another session holds the documents table, so the writer's transaction waits
        // inside its insert; that waiting backend is then killed.
        let holder = DispatchGroup()
        DispatchQueue.global().async(group: holder) {
            _ = try? cluster.psql("BEGIN; LOCK TABLE documents IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT")
        }
        #expect(eventually(within: 10) {
            (try? cluster.psql("SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'documents'::regclass")) == "1"
        })
        let result = Mutex<[PipelineOutcome]?>(nil)
        let writing = DispatchGroup()
        DispatchQueue.global().async(group: writing) {
            let outcomes = try? store.write([.document(Sample.trade())])
            result.withLock { $0 = outcomes }
        }
        let killed = eventually(within: 10) {
            (try? cluster.psql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = 'gleaner' AND wait_event_type = 'Lock'
                """)) == "1"
        }
        #expect(killed, "the writer's backend was never seen waiting")
        writing.wait()
        holder.wait()
        guard let outcomes = result.withLock({ $0 }), case .stored = outcomes[0].disposition else {
            Issue.record("the batch was not stored after its backend was killed: \(String(describing: result.withLock { $0 }))")
            return
        }
        #expect(try cluster.psql("SELECT count(*) FROM documents") == "2")
        #expect(try cluster.psql("SELECT count(*) FROM files") == "2")
        #expect(try cluster.psql("SELECT sum(num_mentions) FROM events") == "2")
    }

    @Test func arrayLiteralsCarryAnyText() {
        #expect(ArrayColumns.literal(["a", nil, "NULL", "x,y", "{}", "q\"uote", "back\\slash", ""])
                == #"{"a",NULL,"NULL","x,y","{}","q\"uote","back\\slash",""}"#)
        #expect(PostgresRowSource.numbered("SELECT '?', \"a?\" FROM t WHERE x = ? AND y = ?")
                == "SELECT '?', \"a?\" FROM t WHERE x = $1 AND y = $2")
        #expect(StoreLocation.redacted("postgresql://gleaner:secret@db.example/news?sslmode=require")
                == "postgresql://gleaner@db.example/news?sslmode=require")
        #expect(StoreLocation("postgresql:///news?host=/run/postgresql") == .postgres(uri: "postgresql:///news?host=/run/postgresql"))
        #expect(StoreLocation("var/gleaner.sqlite") == .sqlite(path: "var/gleaner.sqlite"))
    }
}

private extension StoreCounts {
    /// What the batch of `bothStoresStoreAndAnswerAlike` leaves: three documents, five
    /// files (one failed, one duplicate).
    static var expected: StoreCounts {
        var counts = StoreCounts()
        counts.documents = 3
        counts.filesStored = 3
        counts.filesDuplicate = 1
        counts.filesFailed = 1
        counts.entities = 3
        counts.mentions = 10
        counts.values = 6
        counts.events = 4
        counts.quotes = 4
        return counts
    }
}
