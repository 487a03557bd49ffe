/// What the pipeline's writer and Gleaner's commands need from a database of articles,
/// whichever kind holds it: SQLite (`ArticleStore`, one file) or PostgreSQL
/// (`PostgresStore`, one server many daemons share).
///
/// Promises of every conformer: the same tables and meaning (`docs/schema.md`); opening
/// read-write migrates the schema to `StoreSchema.version` and refuses a database that a
/// newer Gleaner migrated; opening read-only never writes and refuses a schema that is
/// not exactly this Gleaner's; `write` (see `DocumentSink`) commits a batch whole or
/// throws and commits nothing, stores each content (sha256) once, and records every
/// item's file in the `files` ledger; readers see committed data only.
public protocol ArticleDatabase: DocumentSink {
    /// Where the database is, for messages: a file path or a connection URI without its
    /// password.
    var location: String { get }
    var mode: StoreAccessMode { get }

    /// The schema version the database is at.
    func schemaVersion() throws(StoreError) -> Int

    /// Warms `index` with the stored site-furniture counts of at least `minimumDocuments`
    /// documents; returns how many fingerprints it loaded.
    @discardableResult
    func loadFurniture(into index: SiteFurniture, minimumDocuments: Int) throws(StoreError) -> Int

    /// Housekeeping once the writer is idle: SQLite copies its write-ahead log back into
    /// the file (`truncate`: and empties it); a server database has nothing to do.
    @discardableResult
    func checkpoint(truncate: Bool) throws(StoreError) -> (walFrames: Int, checkpointed: Int)

    /// Every stored document, oldest first, from one consistent snapshot.
    func exportDocuments(handler: (ExtractedDocument) throws -> Void) throws

    /// Every distinct event as GDELT-shaped text fields, in `ArticleStore.gdeltColumns` order.
    func gdeltEvents(_ handler: ([String]) -> Void) throws(StoreError)

    /// Full-text search over titles and clean texts, best first (the query language is
    /// the store's: FTS5 for SQLite, web-search syntax for PostgreSQL).
    func search(_ query: String, limit: Int) throws(StoreError) -> [SearchHit]

    /// The most mentioned canonical entities, optionally of one type.
    func entitySummaries(type: EntityType?, limit: Int) throws(StoreError) -> [EntitySummary]

    /// Stored event mentions, newest first, by CAMEO code prefix and/or root.
    func eventRows(codePrefix: String?, root: String?, limit: Int) throws(StoreError) -> [EventRow]

    /// Row counts of the main tables.
    func counts() throws(StoreError) -> StoreCounts

    /// Mean time per document of each stage, in pipeline order.
    func stageTimings() throws(StoreError) -> [StageTimingSummary]

    /// The most recently seen failed files, newest first.
    func recentFailures(limit: Int) throws(StoreError) -> [FailedFileRow]

    /// Ledger rows after row `id`, in id order.
    func ledgerRows(after id: Int64, limit: Int) throws(StoreError) -> [(id: Int64, path: String, state: String)]

    /// The bytes the database takes on disk (SQLite: the file and its WAL; PostgreSQL:
    /// `pg_database_size`).
    func sizeInBytes() throws(StoreError) -> Int64
}

/// Whether a store may write.
public enum StoreAccessMode: Sendable {
    case readWrite
    /// For analysts' commands: never writes, never migrates, and refuses a database
    /// whose schema is not exactly this Gleaner's.
    case readOnly
}

/// Which kind of store a `--db` value or configuration `database` names.
///
/// Promises: a value starting `postgresql://` or `postgres://` is a PostgreSQL
/// connection URI; anything else is an SQLite file path.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(uri: String)

    public init(_ value: String) {
        if value.hasPrefix("postgresql://") || value.hasPrefix("postgres://") {
            self = .postgres(uri: value)
        } else {
            self = .sqlite(path: value)
        }
    }

    /// Opens the store this location names.
    ///
    /// - parameter busyTimeout: SQLite: seconds to wait for another writer's lock.
    public func open(mode: StoreAccessMode = .readWrite, busyTimeout: Double = 10) throws(StoreError) -> any ArticleDatabase {
        switch self {
        case .sqlite(let path): return try ArticleStore(path: path, mode: mode, busyTimeout: busyTimeout)
        case .postgres(let uri): return try PostgresStore(uri: uri, mode: mode)
        }
    }

    /// The location for messages: a URI loses its password (`user:secret@` -> `user@`).
    public var display: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let uri): return Self.redacted(uri)
        }
    }

    static func redacted(_ uri: String) -> String {
        guard let scheme = uri.range(of: "://") else { return uri }
        let rest = uri[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return uri }
        return String(uri[..<scheme.upperBound]) + authority[..<colon] + authority[at...] + rest[authorityEnd...]
    }
}

extension ArticleDatabase {
    /// Defaults of the protocol's requirements, for callers that want the usual ones.
    public func search(_ query: String) throws(StoreError) -> [SearchHit] { try search(query, limit: 20) }
    public func entitySummaries(type: EntityType? = nil) throws(StoreError) -> [EntitySummary] {
        try entitySummaries(type: type, limit: 50)
    }
    public func eventRows(codePrefix: String? = nil, root: String? = nil) throws(StoreError) -> [EventRow] {
        try eventRows(codePrefix: codePrefix, root: root, limit: 100)
    }
    public func recentFailures() throws(StoreError) -> [FailedFileRow] { try recentFailures(limit: 5) }
    public func ledgerRows(after id: Int64) throws(StoreError) -> [(id: Int64, path: String, state: String)] {
        try ledgerRows(after: id, limit: 10_000)
    }
    @discardableResult
    public func checkpoint() throws(StoreError) -> (walFrames: Int, checkpointed: Int) { try checkpoint(truncate: false) }
}
