import GRDB
import Pipeline

/// The benchmark's floor: what storing an article costs with no analysis at all — its
/// hash and raw text inserted into a WAL database, many per transaction, as the real
/// store commits. Throughput is reported as a ratio to this, measured in the same run.
public final class FloorStore: Sendable {
    private let queue: DatabaseQueue

    public init(path: String) throws(StoreError) {
        do {
            queue = try DatabaseQueue(path: path)
            _ = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS raw_documents (
                        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL, raw_text TEXT NOT NULL)
                    """)
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Inserts one batch in one `BEGIN IMMEDIATE` transaction; a known hash is skipped.
    public func insert(_ batch: [(sha256: String, path: String, text: String)]) throws(StoreError) {
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let statement = try db.cachedStatement(
                        sql: "INSERT OR IGNORE INTO raw_documents(sha256, path, raw_text) VALUES (?, ?, ?)")
                    for row in batch {
                        try statement.execute(arguments: [row.sha256, row.path, row.text])
                    }
                    return .commit
                }
            }
        } catch {
            throw StoreError.from(error, path: queue.path)
        }
    }
}
