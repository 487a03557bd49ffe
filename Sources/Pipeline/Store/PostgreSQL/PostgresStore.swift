import CLibPQ
import Synchronization

/// The articles in a PostgreSQL database: one database that many daemons write and many
/// analysts read (`docs/scaling.md`).
///
/// Promises, beyond `ArticleDatabase`'s:
/// - Opening read-write connects and migrates (`PostgresSchema`); with `waitForServer`,
///   a server that cannot be reached is not an error: the store opens disconnected and
///   every `write` tries again to connect (and migrate) first, throwing
///   `.serverUnavailable` until it can — the pipeline keeps the batch and retries it.
/// - `write` commits a batch in one transaction or nothing. A connection lost in the
///   middle (the server stopped, restarted, or ended the backend) or a transaction the
///   server aborted (a deadlock or serialization conflict with another daemon) throws,
///   and the next `write` runs the batch again whole on a new connection; what an earlier
///   attempt did commit comes back as duplicates, never as a second copy.
/// - Readers read committed data; `exportDocuments` and `gdeltEvents` read one snapshot
///   (`REPEATABLE READ`) however long they take.
///
/// Two connections, each behind its own lock: the writer's (used by the pipeline's one
/// store queue) and the readers'.
public final class PostgresStore: ArticleDatabase {
    public let location: String
    public let mode: StoreAccessMode
    private let uri: String
    private let writer = Mutex<PostgresConnection?>(nil)
    private let reader = Mutex<PostgresConnection?>(nil)
    /// Whether this process has run the migrations (only the writer's connection does).
    private let migrated = Atomic<Bool>(false)
    private let resolverMemo = CanonicalEntityIndexMemo()

    /// Connects to the database at `uri` (`postgresql://…`).
    ///
    /// - parameter waitForServer: for the daemon: open even when the server cannot be
    ///   reached yet (see the type's promises). Other errors (a newer schema, a database
    ///   that refuses the role) still throw.
    public init(uri: String, mode: StoreAccessMode = .readWrite, waitForServer: Bool = false) throws(StoreError) {
        self.uri = uri
        self.mode = mode
        self.location = StoreLocation.redacted(uri)
        do {
            switch mode {
            case .readWrite:
                try writer.withLock { connection in connection = try self.connectWriter() }
            case .readOnly:
                try reader.withLock { connection in connection = try self.connectReader() }
            }
        } catch let error as PostgresError where waitForServer && mode == .readWrite && error.isConnectionLoss {
            return
        } catch {
            throw StoreError.from(error, path: location)
        }
    }

    private func connectWriter() throws -> PostgresConnection {
        let connection = try PostgresConnection(uri: uri)
        if !migrated.load(ordering: .acquiring) {
            try PostgresSchema.migrate(connection, location: location)
            migrated.store(true, ordering: .releasing)
        }
        return connection
    }

    private func connectReader() throws -> PostgresConnection {
        let connection = try PostgresConnection(uri: uri)
        if mode == .readOnly {
            try connection.run("SET default_transaction_read_only = on")
            try PostgresSchema.checkCurrent(connection, location: location)
        }
        return connection
    }

    // MARK: - Writing

    /// Commits the batch in one transaction; see `DocumentSink` and the type's promises.
    public func write(_ batch: [PipelineItem]) throws(PipelineError) -> [PipelineOutcome] {
        guard !batch.isEmpty else { return [] }
        guard mode == .readWrite else {
            throw PipelineError(.storage, stage: .store, StoreError.readOnly(path: location).description)
        }
        do {
            return try writer.withLock { slot in
                // A kept connection may have died since its last batch (the server was
                // restarted) without libpq knowing yet: such a loss costs one new
                // connection and one more try, not a failed batch.
                var fresh = false
                while true {
                    if slot == nil || slot?.isBroken == true {
                        slot = nil
                        slot = try connectWriter()
                        fresh = true
                    }
                    guard let connection = slot else { preconditionFailure("connected above") }
                    do {
                        do {
                            return try write(batch, isolatingItems: false, on: connection)
                        } catch let error as PostgresError where error.isItemError {
                            // As in SQLite: the batch is written again with a savepoint per
                            // item, so only the item the schema refuses fails.
                            return try write(batch, isolatingItems: true, on: connection)
                        }
                    } catch let error as PostgresError where error.isConnectionLoss {
                        slot = nil
                        if fresh { throw error }
                    }
                }
            }
        } catch {
            throw PipelineError(.storage, stage: .store, StoreError.from(error, path: location).description)
        }
    }

    private func write(_ batch: [PipelineItem], isolatingItems: Bool,
                       on connection: PostgresConnection) throws -> [PipelineOutcome] {
        var resolver = resolverMemo.take()
        var outcomes: [PipelineOutcome] = []
        outcomes.reserveCapacity(batch.count)
        try connection.run("BEGIN")
        do {
            var batchWriter = try PostgresBatchWriter(resolver: resolver, connection: connection)
            resolver = CanonicalEntityIndex()
            for item in batch {
                if isolatingItems {
                    outcomes.append(try Self.writeIsolated(item, with: &batchWriter, on: connection))
                } else {
                    outcomes.append(try batchWriter.write(item))
                }
            }
            try connection.run("COMMIT")
            resolverMemo.put(batchWriter.resolver)
        } catch {
            // The memo may hold ids the rollback undid; it starts again empty.
            if !connection.isBroken { _ = try? connection.run("ROLLBACK") }
            throw error
        }
        return outcomes
    }

    private static func writeIsolated(_ item: PipelineItem, with writer: inout PostgresBatchWriter,
                                      on connection: PostgresConnection) throws -> PipelineOutcome {
        try connection.run("SAVEPOINT item")
        do {
            let outcome = try writer.write(item)
            try connection.run("RELEASE SAVEPOINT item")
            return outcome
        } catch let error as PostgresError where error.isItemError {
            try connection.run("ROLLBACK TO SAVEPOINT item")
            try connection.run("RELEASE SAVEPOINT item")
            let sha256: String?
            let byteCount: Int
            switch item {
            case .document(let doc):
                sha256 = doc.sha256
                byteCount = doc.analyzed.clean.decoded.byteCount
            case .failure(let failed):
                sha256 = failed.sha256
                byteCount = failed.byteCount
            }
            writer.itemRolledBack(sha256: sha256)
            let failure = PipelineError(.storage, stage: .store, "the database refused this article: \(error.message)")
            let failed = FailedArticle(source: item.source, sequence: item.sequence, sha256: sha256,
                                       byteCount: byteCount, error: failure)
            return try writer.write(.failure(failed))
        }
    }

    /// The server checkpoints on its own; nothing to do.
    @discardableResult
    public func checkpoint(truncate: Bool) throws(StoreError) -> (walFrames: Int, checkpointed: Int) { (0, 0) }

    // MARK: - Reading

    /// Runs `body` on the readers' connection, connecting (again) when needed.
    private func reading<T: Sendable>(_ body: (PostgresConnection) throws -> T) throws(StoreError) -> T {
        do {
            return try reader.withLock { slot in
                if slot == nil || slot?.isBroken == true {
                    slot = nil
                    slot = try connectReader()
                }
                guard let connection = slot else { preconditionFailure("connected above") }
                do {
                    return try body(connection)
                } catch {
                    if connection.isBroken { slot = nil }  // the next read connects anew
                    throw error
                }
            }
        } catch {
            throw StoreError.from(error, path: location)
        }
    }

    /// Runs `body` in one `REPEATABLE READ` read-only transaction: one snapshot.
    private func readingSnapshot(_ body: (PostgresConnection) throws -> Void) throws {
        try reading { connection in
            try connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                try body(connection)
                try connection.run("COMMIT")
            } catch {
                if !connection.isBroken { _ = try? connection.run("ROLLBACK") }
                throw error
            }
        }
    }

    public func schemaVersion() throws(StoreError) -> Int {
        try reading { connection in
            Int(try connection.run("SELECT value FROM schema_info WHERE key = 'schema_version'").all.first?.text(0) ?? "0") ?? 0
        }
    }

    @discardableResult
    public func loadFurniture(into index: SiteFurniture, minimumDocuments: Int) throws(StoreError) -> Int {
        try reading { connection in
            let rows = try connection.run("""
                SELECT site, fingerprint, documents FROM furniture_fingerprints WHERE documents >= $1
                """, [String(minimumDocuments)])
            for row in rows.all {
                index.load(site: row.requiredText(0), fingerprint: UInt64(bitPattern: row.integer(1) ?? 0),
                           documents: row.requiredInt(2))
            }
            return rows.count
        }
    }

    public func exportDocuments(handler: (ExtractedDocument) throws -> Void) throws {
        let reader = DocumentReader(path: location)
        try readingSnapshot { connection in
            try reader.forEachDocument(in: PostgresRowSource(connection: connection), handler)
        }
    }

    public func gdeltEvents(_ handler: ([String]) -> Void) throws(StoreError) {
        let columns = ArticleStore.gdeltColumns.joined(separator: ", ")
        let goldstein = ArticleStore.gdeltColumns.firstIndex(of: "GoldsteinScale") ?? -1
        do {
            try readingSnapshot { connection in
                try PostgresRowSource(connection: connection).forEachRow("""
                    SELECT \(columns) FROM gdelt_events ORDER BY GLOBALEVENTID
                    """) { row in
                    handler((0..<ArticleStore.gdeltColumns.count).map { index in
                        guard let text = row.text(index) else { return "" }
                        if index == goldstein, let value = Double(text) { return ArticleStore.gdeltField(value) }
                        return text
                    })
                }
            }
        } catch {
            throw StoreError.from(error, path: location)
        }
    }

    /// Full-text search with `websearch_to_tsquery`: words (all must occur), `"a phrase"`,
    /// `or`, `-word`; best first by `ts_rank_cd` (reported negated, so lower is better as
    /// with FTS5's bm25).
    public func search(_ query: String, limit: Int) throws(StoreError) -> [SearchHit] {
        guard query.contains(where: { !$0.isWhitespace }) else {
            throw .badSearchQuery(query: query, reason: "the query is empty")
        }
        return try reading { connection in
            try connection.run(prepared: """
                SELECT h.id, h.title, h.source_path,
                       ts_headline('simple', h.clean_text, h.q,
                                   'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
                       h.rank
                FROM (SELECT d.id, d.title, d.source_path, d.clean_text, q, -ts_rank_cd(d.search, q) AS rank
                      FROM documents d, websearch_to_tsquery('simple', $1) q
                      WHERE d.search @@ q ORDER BY rank, d.id LIMIT $2) h
                ORDER BY h.rank, h.id
                """, [query, String(limit)]).all.map { row in
                SearchHit(documentID: row.integer(0) ?? 0, title: row.text(1), path: row.requiredText(2),
                          snippet: row.requiredText(3), rank: row.requiredReal(4))
            }
        }
    }

    public func entitySummaries(type: EntityType?, limit: Int) throws(StoreError) -> [EntitySummary] {
        try reading { connection in
            try connection.run(prepared: """
                SELECT e.name, e.type, COUNT(DISTINCT de.document_id) AS documents,
                       SUM(de.mention_count) AS mentions
                FROM entities e JOIN document_entities de ON de.entity_id = e.id
                WHERE $1::text IS NULL OR e.type = $1
                GROUP BY e.id ORDER BY mentions DESC, documents DESC, e.name LIMIT $2
                """, [type?.rawValue, String(limit)]).all.compactMap { row in
                guard let type = EntityType(rawValue: row.requiredText(1)) else { return nil }
                return EntitySummary(name: row.requiredText(0), type: type, documents: row.requiredInt(2),
                                     mentions: row.requiredInt(3))
            }
        }
    }

    public func eventRows(codePrefix: String?, root: String?, limit: Int) throws(StoreError) -> [EventRow] {
        var conditions: [String] = []
        var parameters: [String?] = []
        if let codePrefix {
            parameters.append(Self.likePrefix(codePrefix))
            conditions.append("v.code LIKE $\(parameters.count)")
        }
        if let root {
            parameters.append(root)
            conditions.append("v.root = $\(parameters.count)")
        }
        parameters.append(String(limit))
        let source = conditions.isEmpty ? "event_mentions e" : "events v JOIN event_mentions e ON e.event_id = v.id"
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try reading { connection in
            try connection.run(prepared: """
                SELECT e.code, e.root, e.quad_class, e.goldstein, e.source, e.target, e.location, e.time,
                       e.polarity, e.trigger, e.sentence, e.start, e."end", e.trigger_start, e.trigger_end,
                       e.source_affiliation, e.target_affiliation, e.time_normalized, e.quantities,
                       e.document_id, d.source_path, d.published,
                       e.source_code, e.source_country, e.source_type1, e.source_type2,
                       e.target_code, e.target_country, e.target_type1, e.target_type2, e.event_date
                FROM \(source) JOIN documents d ON d.id = e.document_id
                \(filter)
                ORDER BY e.id DESC LIMIT $\(parameters.count)
                """, parameters).all.map { row in
                EventRow(documentID: row.integer(19) ?? 0, path: row.requiredText(20), published: row.text(21),
                         event: DocumentReader.event(from: row, actorsAt: 22))
            }
        }
    }

    /// A LIKE pattern matching strings that start with `prefix` literally.
    private static func likePrefix(_ prefix: String) -> String {
        var pattern = ""
        for character in prefix {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }

    public func counts() throws(StoreError) -> StoreCounts {
        try reading { connection in
            let rows = try connection.run("""
                SELECT (SELECT count(*) FROM documents),
                       (SELECT count(*) FROM files WHERE state = 'stored'),
                       (SELECT count(*) FROM files WHERE state = 'duplicate'),
                       (SELECT count(*) FROM files WHERE state = 'failed'),
                       (SELECT count(*) FROM entities),
                       (SELECT count(*) FROM mentions),
                       (SELECT count(*) FROM value_mentions),
                       (SELECT count(*) FROM event_mentions),
                       (SELECT count(*) FROM quotes)
                """)
            var counts = StoreCounts()
            guard rows.count == 1 else { return counts }
            let row = rows[0]
            counts.documents = row.requiredInt(0)
            counts.filesStored = row.requiredInt(1)
            counts.filesDuplicate = row.requiredInt(2)
            counts.filesFailed = row.requiredInt(3)
            counts.entities = row.requiredInt(4)
            counts.mentions = row.requiredInt(5)
            counts.values = row.requiredInt(6)
            counts.events = row.requiredInt(7)
            counts.quotes = row.requiredInt(8)
            return counts
        }
    }

    public func stageTimings() throws(StoreError) -> [StageTimingSummary] {
        try reading { connection in
            try connection.run("""
                SELECT stage, count(*), avg(nanoseconds) / 1000.0 FROM stage_timings GROUP BY stage
                """).all.map { row in
                StageTimingSummary(stage: row.requiredText(0), documents: row.requiredInt(1),
                                   meanMicroseconds: row.requiredReal(2))
            }.sorted { (StageName(rawValue: $0.stage)?.order ?? 99) < (StageName(rawValue: $1.stage)?.order ?? 99) }
        }
    }

    public func recentFailures(limit: Int) throws(StoreError) -> [FailedFileRow] {
        try reading { connection in
            try connection.run("""
                SELECT path, error_kind, error_stage, error, last_seen_at FROM files
                WHERE state = 'failed' ORDER BY last_seen_at DESC, id DESC LIMIT $1
                """, [String(limit)]).all.map { row in
                FailedFileRow(path: row.requiredText(0), kind: row.text(1), stage: row.text(2), error: row.text(3),
                              lastSeenAt: row.requiredText(4))
            }
        }
    }

    public func ledgerRows(after id: Int64, limit: Int) throws(StoreError) -> [(id: Int64, path: String, state: String)] {
        let rows: [LedgerRow] = try reading { connection in
            try connection.run("SELECT id, path, state FROM files WHERE id > $1 ORDER BY id LIMIT $2",
                               [String(id), String(limit)]).all.map {
                LedgerRow(id: $0.integer(0) ?? 0, path: $0.requiredText(1), state: $0.requiredText(2))
            }
        }
        return rows.map { (id: $0.id, path: $0.path, state: $0.state) }
    }

    private struct LedgerRow: Sendable {
        var id: Int64
        var path: String
        var state: String
    }

    public func sizeInBytes() throws(StoreError) -> Int64 {
        try reading { connection in
            try connection.run("SELECT pg_database_size(current_database())").firstID ?? 0
        }
    }
}

/// Rows for `DocumentReader` from a PostgreSQL connection inside a transaction.
struct PostgresRowSource: StoredRowSource {
    let connection: PostgresConnection

    func rows(_ sql: String, documentID: Int64) throws -> [PostgresRow] {
        try connection.run(prepared: Self.numbered(sql), [String(documentID)]).all
    }

    /// Reads through a cursor, a few hundred rows at a time.
    func forEachRow(_ sql: String, _ body: (PostgresRow) throws -> Void) throws {
        try connection.run("DECLARE gleaner_rows NO SCROLL CURSOR FOR " + sql)
        while true {
            let chunk = try connection.run("FETCH 200 FROM gleaner_rows")
            for row in chunk.all { try body(row) }
            if chunk.count < 200 { break }
        }
        try connection.run("CLOSE gleaner_rows")
    }

    /// `?` placeholders (outside quotes) as PostgreSQL's `$1`, `$2`, ….
    static func numbered(_ sql: String) -> String {
        var result = ""
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "?" {
                number += 1
                result += "$\(number)"
                continue
            }
            result.append(character)
        }
        return result
    }
}
