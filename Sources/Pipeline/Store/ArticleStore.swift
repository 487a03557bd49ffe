import GRDB
import GRDBSQLite
import Glibc

/// The SQLite database of articles: the pipeline's sink and the analyst's source.
///
/// Promises:
/// - Opening creates the file if needed, puts it in WAL mode, and migrates it to `StoreSchema.version`; it refuses (typed `StoreError`) a file that is
///   not a Gleaner database or was migrated by a newer Gleaner.
/// - `write` commits a whole batch in one `BEGIN IMMEDIATE` transaction or nothing, and
///   never stores the same content (sha256) twice.
/// - Readers (`search`, `export`, …) read a committed snapshot and never block the writer,
///   nor does the writer block them (WAL); other processes may read with
///   `sqlite3 -readonly` at the same time.
///
/// One process should write a database at a time; a second writer waits up to the busy
/// timeout and then gets `.locked`.
public final class ArticleStore: ArticleDatabase {
    /// Whether this process may write.
    public typealias AccessMode = StoreAccessMode

    /// The database file.
    public let path: String
    public var location: String { path }
    public let mode: AccessMode
    /// The one connection that writes (nil when read-only). A queue, not a pool's writer:
    /// opening a `DatabasePool` on an empty WAL file (which the idle checkpoint leaves)
    /// writes and drops a table, so a daemon restarted while another connection held the
    /// write lock could not open its database at all. The queue writes nothing when it
    /// opens; the file's WAL mode is set once, when the file is new.
    private let writer: DatabaseQueue?
    /// Read-only connections for `search`, `export` and the other readers: they read a
    /// committed snapshot beside the writer.
    private let pool: DatabasePool
    /// The entity memo the writer carries from batch to batch.
    private let resolverMemo = CanonicalEntityIndexMemo()

    /// Opens (or creates, when `mode` is `.readWrite`) the database at `path`.
    ///
    /// - parameter busyTimeout: seconds to wait for another connection's lock before
    ///   failing with `.locked`.
    public init(path: String, mode: AccessMode = .readWrite, busyTimeout: Double = 10) throws(StoreError) {
        self.path = path
        self.mode = mode
        var configuration = Configuration()
        configuration.label = "gleaner.store"
        // The schema declares its references (and ON DELETE CASCADE for anyone who deletes a
        // document with foreign keys on), but this process does not check them on every
        // insert: the writer only ever references rows it has just inserted or looked up in
        // the same transaction, and checking cost the store about a tenth of its time.
        // `PRAGMA foreign_key_check` on an ingested corpus is part of the tests.
        configuration.foreignKeysEnabled = false
        configuration.readonly = mode == .readOnly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // 16 MiB of page cache per connection: the documents' indexes stay hot.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            // The writer's values come from Swift enums, so they meet the schema's CHECK
            // constraints by construction. SQLite 3.40 builds a temporary b-tree for each
            // `CHECK (x IN (...))` on every row it checks, which made the store's cheapest
            // rows its dearest. The constraints stay in the schema for every other writer.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            // WAL mode persists in the file; NORMAL is what WAL mode wants of each connection.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Keep -wal and -shm when the last connection closes: analysts with read-only
            // access to the folder cannot recreate them, and could not open the database.
            var persist: Int32 = 1
            sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        do {
            switch mode {
            case .readWrite:
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.writeWithoutTransaction { db in
                    try Self.checkIdentity(db, path: path)
                    // A no-op without a lock on a file already in WAL mode.
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw StoreError.notGleanerDatabase(path: path, reason: "it cannot be put in WAL mode")
                    }
                }
                try StoreSchema.migrator.migrate(queue)
                writer = queue
                configuration.readonly = true
                pool = try DatabasePool(path: path, configuration: configuration)
            case .readOnly:
                writer = nil
                pool = try DatabasePool(path: path, configuration: configuration)
                try pool.read { db in
                    try Self.checkIdentity(db, path: path)
                    guard try StoreSchema.migrator.hasCompletedMigrations(db) else {
                        throw StoreError.olderSchema(path: path)
                    }
                }
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Refuses files that are not Gleaner databases, and Gleaner databases from the future.
    private static func checkIdentity(_ db: Database, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            """)
        if tables.isEmpty, applicationID == 0 { return }  // a new file
        if applicationID != 0, applicationID != StoreSchema.applicationID {
            throw StoreError.notGleanerDatabase(path: path, reason: "its application_id is \(applicationID)")
        }
        guard tables.contains("grdb_migrations") else {
            throw StoreError.notGleanerDatabase(path: path, reason: "it has tables but no Gleaner migrations")
        }
        let known = Set(StoreSchema.migrator.migrations)
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            // Before our application_id is stamped, foreign migrations mean a foreign app.
            if applicationID == 0 {
                throw StoreError.notGleanerDatabase(path: path, reason: "its migrations are not Gleaner's")
            }
            throw StoreError.newerSchema(path: path, unknownMigrations: unknown)
        }
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if userVersion > StoreSchema.version {
            throw StoreError.newerSchema(path: path, unknownMigrations: ["user_version \(userVersion)"])
        }
    }

    /// `PRAGMA user_version`: the schema version the file is at.
    public func schemaVersion() throws(StoreError) -> Int {
        try reading { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    // MARK: - Site furniture

    /// Warms `index` with the furniture counts stored so far: every (site, fingerprint)
    /// that at least `minimumDocuments` documents held. Rarer blocks stay out of memory;
    /// they start again from zero in this process, which only delays them.
    ///
    /// - returns: the number of fingerprints loaded.
    @discardableResult
    public func loadFurniture(into index: SiteFurniture, minimumDocuments: Int) throws(StoreError) -> Int {
        try reading { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT site, fingerprint, documents FROM furniture_fingerprints WHERE documents >= ?
                """, arguments: [minimumDocuments])
            var loaded = 0
            while let row = try rows.next() {
                let stored: Int64 = row[1]
                index.load(site: row[0], fingerprint: UInt64(bitPattern: stored), documents: row[2])
                loaded += 1
            }
            return loaded
        }
    }

    // MARK: - Writing

    /// Commits the batch in one IMMEDIATE transaction; see `DocumentSink`.
    ///
    /// An item the database rejects on its own (a constraint, a value too big) is rolled
    /// back alone and recorded as a `.storage` failure; an error of the database itself
    /// (disk full, locked, I/O) rolls back the whole batch and is thrown.
    public func write(_ batch: [PipelineItem]) throws(PipelineError) -> [PipelineOutcome] {
        guard !batch.isEmpty else { return [] }
        guard mode == .readWrite else {
            throw PipelineError(.storage, stage: .store, StoreError.readOnly(path: path).description)
        }
        do {
            return try writing { db in
                do {
                    return try write(batch, isolatingItems: false, in: db)
                } catch let error as DatabaseError where Self.isItemError(error) {
                    // Some item is one the schema refuses. The batch rolled back whole; it
                    // is written again with a savepoint per item, so only that item fails.
                    // Savepoints are not the fast path because each one costs every
                    // statement after it a statement journal.
                    return try write(batch, isolatingItems: true, in: db)
                }
            }
        } catch {
            throw PipelineError(.storage, stage: .store, StoreError.from(error, path: path).description)
        }
    }

    private func write(_ batch: [PipelineItem], isolatingItems: Bool, in db: Database) throws -> [PipelineOutcome] {
        var outcomes: [PipelineOutcome] = []
        outcomes.reserveCapacity(batch.count)
        // Taken out for the batch and put back only after the commit, so a rolled back
        // batch leaves no id behind in the memo.
        var resolver = resolverMemo.take()
        try db.inTransaction(.immediate) {
            var writer = try BatchWriter(resolver: resolver, in: db)
            resolver = CanonicalEntityIndex()  // one owner, so the memo is never copied
            for item in batch {
                if isolatingItems {
                    outcomes.append(try Self.writeIsolated(item, with: &writer, in: db))
                } else {
                    outcomes.append(try writer.write(item, in: db))
                }
            }
            try writer.indexFullText(in: db)
            resolver = writer.resolver
            return .commit
        }
        resolverMemo.put(resolver)
        return outcomes
    }

    /// Writes one item inside a savepoint so that a row the schema rejects costs only
    /// that item, not the batch (the pipeline would otherwise retry a poisoned batch forever).
    private static func writeIsolated(_ item: PipelineItem, with writer: inout BatchWriter,
                                      in db: Database) throws -> PipelineOutcome {
        var outcome: PipelineOutcome?
        do {
            try db.inSavepoint {
                outcome = try writer.write(item, in: db)
                return .commit
            }
        } catch let error as DatabaseError where isItemError(error) {
            writer.itemRolledBack(sha256: sha256(of: item))
            let failure = PipelineError(.storage, stage: .store,
                                        "the database refused this article: \(error.message ?? "\(error.resultCode)")")
            let failed = FailedArticle(source: item.source, sequence: item.sequence, sha256: sha256(of: item),
                                       byteCount: byteCount(of: item), error: failure)
            return try writer.write(.failure(failed), in: db)
        }
        guard let outcome else { preconditionFailure("a committed savepoint always sets the outcome") }
        return outcome
    }

    private static func isItemError(_ error: DatabaseError) -> Bool {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CONSTRAINT, .SQLITE_TOOBIG, .SQLITE_MISMATCH, .SQLITE_RANGE: return true
        default: return false
        }
    }

    private static func sha256(of item: PipelineItem) -> String? {
        switch item {
        case .document(let doc): return doc.sha256
        case .failure(let failed): return failed.sha256
        }
    }

    private static func byteCount(of item: PipelineItem) -> Int {
        switch item {
        case .document(let doc): return doc.analyzed.clean.decoded.byteCount
        case .failure(let failed): return failed.byteCount
        }
    }

    /// Copies the WAL back into the database file so the WAL cannot grow without bound
    /// while readers come and go.
    ///
    /// PASSIVE never waits: it copies what no reader still needs. With `truncate`, it then
    /// waits (up to the busy timeout) for readers to finish and empties the WAL file; if
    /// readers stay, the passive result stands and no error is thrown — the next call
    /// tries again. Returns the WAL's frame count and how many frames are checkpointed.
    @discardableResult
    public func checkpoint(truncate: Bool) throws(StoreError) -> (walFrames: Int, checkpointed: Int) {
        guard mode == .readWrite else { throw .readOnly(path: path) }
        do {
            return try writing { db in
                let passive = try db.checkpoint(.passive)
                guard truncate else { return (passive.walFrameCount, passive.checkpointedFrameCount) }
                do {
                    let full = try db.checkpoint(.truncate)
                    return (full.walFrameCount, full.checkpointedFrameCount)
                } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY {
                    return (passive.walFrameCount, passive.checkpointedFrameCount)
                }
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Closes the connections; later calls fail. Checkpoint first for a compact file.
    public func close() throws(StoreError) {
        do {
            try writer?.close()
            try pool.close()
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    // MARK: - Reading

    /// Calls `handler` with every stored document, oldest first, rebuilt into the model
    /// values the pipeline produced (see `DocumentReader`), from one consistent snapshot.
    ///
    /// Throws a `StoreError`, or whatever `handler` throws (which stops the export).
    public func exportDocuments(handler: (ExtractedDocument) throws -> Void) throws {
        let reader = DocumentReader(path: path)
        do {
            try pool.read { db in try reader.forEachDocument(in: SQLiteRowSource(db: db), handler) }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Full-text search over titles and clean texts, best first.
    ///
    /// `query` is FTS5 syntax: words (all must occur), `"a phrase"`, `OR`, `NOT`,
    /// `prefix*`, `title: word`. A query FTS5 cannot parse throws `.badSearchQuery`.
    public func search(_ query: String, limit: Int) throws(StoreError) -> [SearchHit] {
        guard query.contains(where: { !$0.isWhitespace }) else {
            throw .badSearchQuery(query: query, reason: "the query is empty")
        }
        do {
            return try pool.read { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT d.id, d.title, d.source_path,
                           snippet(documents_fts, -1, '[', ']', '…', 12),
                           bm25(documents_fts) AS rank
                    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                    WHERE documents_fts MATCH ?
                    ORDER BY rank LIMIT ?
                    """)
                return try Row.fetchAll(statement, arguments: [query, limit]).map { row in
                    SearchHit(documentID: row[0], title: row[1], path: row[2], snippet: row[3], rank: row[4])
                }
            }
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_ERROR {
            // FTS5 reports every query problem ("fts5: syntax error near …", "unterminated
            // string", "no such column: x") as a plain SQLITE_ERROR of the MATCH.
            throw .badSearchQuery(query: query, reason: error.message ?? "syntax error")
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The most mentioned canonical entities, optionally of one type.
    public func entitySummaries(type: EntityType?, limit: Int) throws(StoreError) -> [EntitySummary] {
        let filter = type == nil ? "" : "WHERE e.type = ?"
        var arguments: StatementArguments = type.map { [$0.rawValue] } ?? []
        arguments += [limit]
        return try reading { db in
            let statement = try db.cachedStatement(sql: """
                SELECT e.name, e.type, COUNT(DISTINCT de.document_id) AS documents,
                       SUM(de.mention_count) AS mentions
                FROM entities e JOIN document_entities de ON de.entity_id = e.id
                \(filter)
                GROUP BY e.id ORDER BY mentions DESC, documents DESC, e.name LIMIT ?
                """)
            return try Row.fetchAll(statement, arguments: arguments).compactMap { row in
                guard let type = EntityType(rawValue: row[1]) else { return nil }
                return EntitySummary(name: row[0], type: type, documents: row[2], mentions: row[3])
            }
        }
    }

    /// Stored events, newest first, whose CAMEO code starts with `codePrefix` ("16",
    /// "163") and/or whose root is `root` ("16").
    public func eventRows(codePrefix: String?, root: String?, limit: Int) throws(StoreError) -> [EventRow] {
        // Filters go through `events`, which is indexed by code and root; a mention follows
        // from its event (`event_mentions_event`), as GDELT's mentions follow their events.
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let codePrefix {
            conditions.append("v.code GLOB ?")
            arguments += [Self.globPrefix(codePrefix)]
        }
        if let root {
            conditions.append("v.root = ?")
            arguments += [root]
        }
        arguments += [limit]
        let source = conditions.isEmpty
            ? "event_mentions e"
            : "events v JOIN event_mentions e ON e.event_id = v.id"
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try reading { db in
            let statement = try db.cachedStatement(sql: """
                SELECT e.code, e.root, e.quad_class, e.goldstein, e.source, e.target, e.location, e.time,
                       e.polarity, e.trigger, e.sentence, e.start, e."end", e.trigger_start, e.trigger_end,
                       e.source_affiliation, e.target_affiliation, e.time_normalized, e.quantities,
                       e.document_id, d.source_path, d.published,
                       e.source_code, e.source_country, e.source_type1, e.source_type2,
                       e.target_code, e.target_country, e.target_type1, e.target_type2, e.event_date
                FROM \(source) JOIN documents d ON d.id = e.document_id
                \(filter)
                ORDER BY e.id DESC LIMIT ?
                """)
            return try Row.fetchAll(statement, arguments: arguments).map { row in
                EventRow(documentID: row[19], path: row[20], published: row[21],
                         event: DocumentReader.event(from: row, actorsAt: 22))
            }
        }
    }

    /// A GLOB pattern matching strings that start with `prefix` literally.
    private static func globPrefix(_ prefix: String) -> String {
        var pattern = ""
        for character in prefix {
            switch character {
            case "*", "?", "[": pattern += "[\(character)]"
            default: pattern.append(character)
            }
        }
        return pattern + "*"
    }

    /// Row counts of the main tables. Event mentions are counted in their table: the view
    /// would look up every mention's event (schema 8) for the same number.
    public func counts() throws(StoreError) -> StoreCounts {
        try reading { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM documents),
                       (SELECT count(*) FROM files WHERE state = 'stored'),
                       (SELECT count(*) FROM files WHERE state = 'duplicate'),
                       (SELECT count(*) FROM files WHERE state = 'failed'),
                       (SELECT count(*) FROM entities),
                       (SELECT count(*) FROM mentions),
                       (SELECT count(*) FROM value_mentions),
                       (SELECT count(*) FROM event_mention_rows),
                       (SELECT count(*) FROM quotes)
                """)
            var counts = StoreCounts()
            guard let row else { return counts }
            counts.documents = row[0]
            counts.filesStored = row[1]
            counts.filesDuplicate = row[2]
            counts.filesFailed = row[3]
            counts.entities = row[4]
            counts.mentions = row[5]
            counts.values = row[6]
            counts.events = row[7]
            counts.quotes = row[8]
            return counts
        }
    }

    /// The file, its WAL and its shared-memory index, in bytes.
    public func sizeInBytes() throws(StoreError) -> Int64 {
        ["", "-wal", "-shm"].reduce(Int64(0)) { total, suffix in
            var info = stat()
            return total + (stat(path + suffix, &info) == 0 ? Int64(info.st_size) : 0)
        }
    }

    /// Runs `body` on the writer connection, outside a transaction (`body` opens its own).
    private func writing<T>(_ body: (Database) throws -> T) throws -> T {
        guard let writer else { throw StoreError.readOnly(path: path) }
        return try writer.writeWithoutTransaction(body)
    }

    /// Runs `body` on a reader connection, mapping SQLite's errors to `StoreError`
    /// (internal: tests inspect rows through it).
    func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}
