import GRDB

/// A file of the ledger that could not be ingested.
public struct FailedFileRow: Sendable, Hashable {
    public var path: String
    public var kind: String?
    public var stage: String?
    public var error: String?
    public var lastSeenAt: String
}

/// Mean time per document a stage took, over every stored document.
public struct StageTimingSummary: Sendable, Hashable {
    public var stage: String
    public var documents: Int
    public var meanMicroseconds: Double
}

extension ArticleStore {
    /// The most recently seen failed files, newest first.
    public func recentFailures(limit: Int) throws(StoreError) -> [FailedFileRow] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT path, error_kind, error_stage, error, last_seen_at FROM files
                WHERE state = 'failed' ORDER BY last_seen_at DESC, id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                FailedFileRow(path: row[0], kind: row[1], stage: row[2], error: row[3], lastSeenAt: row[4])
            }
        }
    }

    /// Where time goes, stage by stage, from the per-document timings the store keeps.
    public func stageTimings() throws(StoreError) -> [StageTimingSummary] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT stage, count(*), avg(nanoseconds) / 1000.0 FROM stage_timings GROUP BY stage
                """).map { row in
                StageTimingSummary(stage: row[0], documents: row[1], meanMicroseconds: row[2])
            }.sorted { (StageName(rawValue: $0.stage)?.order ?? 99) < (StageName(rawValue: $1.stage)?.order ?? 99) }
        }
    }
}

extension StageName {
    /// Position in the pipeline, for listing stages in order.
    var order: Int { StageName.allCases.firstIndex(of: self) ?? 0 }
}

extension ArticleStore {
    /// Ledger rows added after row `id`, oldest first: lets a watcher see files become
    /// queryable as they commit without rereading the table.
    public func ledgerRows(after id: Int64, limit: Int) throws(StoreError) -> [(id: Int64, path: String, state: String)] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT id, path, state FROM files WHERE id > ? ORDER BY id LIMIT ?",
                             arguments: [id, limit]).map { (id: $0[0], path: $0[1], state: $0[2]) }
        }
    }
}
