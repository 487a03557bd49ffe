import Foundation
import Pipeline

/// What the running daemon reports about itself for `gleaner status`: the status file
/// `<database>.status.json`, one JSON object with snake_case keys (`store_error` is
/// `null` while commits go through).
public struct ServiceStatus: Codable, Equatable, Sendable {
    /// One stage's totals this run.
    public struct StageFigures: Codable, Equatable, Sendable {
        public var documents: Int
        public var meanMicroseconds: Double
    }

    public var pid: Int
    public var state: String
    public var startedAt: String
    public var updatedAt: String
    public var inbox: String
    public var database: String
    public var inboxWaiting: Int
    public var inFlight: Int
    public var stored: Int
    public var duplicates: Int
    public var failed: Int
    /// Documents per second over the last ten seconds.
    public var ratePerSecond: Double
    public var batches: Int
    public var storeRetries: Int
    public var storeError: String?
    public var pendingMoves: Int
    public var stages: [String: StageFigures]
    public var recentErrors: [String]
    public var summary: String

    public init(pid: Int, startedAt: Date, updatedAt: Date, state: String, inbox: String, database: String,
         inboxWaiting: Int, statistics: PipelineStatistics, rate: Double, pendingMoves: Int,
         recentErrors: [String], summary: String) {
        let iso = ISO8601DateFormatter()
        self.pid = pid
        self.state = state
        self.startedAt = iso.string(from: startedAt)
        self.updatedAt = iso.string(from: updatedAt)
        self.inbox = inbox
        self.database = database
        self.inboxWaiting = inboxWaiting
        inFlight = statistics.inFlight
        stored = statistics.stored
        duplicates = statistics.duplicates
        failed = statistics.failed
        ratePerSecond = (rate * 10).rounded() / 10
        batches = statistics.batches
        storeRetries = statistics.storeRetries
        storeError = statistics.lastStoreError
        self.pendingMoves = pendingMoves
        stages = Dictionary(uniqueKeysWithValues: StageName.allCases.map { stage in
            (stage.rawValue, StageFigures(documents: statistics.stageDocuments[stage] ?? 0,
                                          meanMicroseconds: (statistics.meanMicroseconds(stage) * 10).rounded() / 10))
        })
        self.recentErrors = recentErrors
        self.summary = summary
    }

    private enum CodingKeys: String, CodingKey {
        case pid, state, startedAt, updatedAt, inbox, database, inboxWaiting, inFlight, stored, duplicates, failed
        case ratePerSecond, batches, storeRetries, storeError, pendingMoves, stages, recentErrors, summary
    }

    /// Written by hand only so that `store_error` is `null`, not a missing key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pid, forKey: .pid)
        try c.encode(state, forKey: .state)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(inbox, forKey: .inbox)
        try c.encode(database, forKey: .database)
        try c.encode(inboxWaiting, forKey: .inboxWaiting)
        try c.encode(inFlight, forKey: .inFlight)
        try c.encode(stored, forKey: .stored)
        try c.encode(duplicates, forKey: .duplicates)
        try c.encode(failed, forKey: .failed)
        try c.encode(ratePerSecond, forKey: .ratePerSecond)
        try c.encode(batches, forKey: .batches)
        try c.encode(storeRetries, forKey: .storeRetries)
        try c.encode(storeError, forKey: .storeError)
        try c.encode(pendingMoves, forKey: .pendingMoves)
        try c.encode(stages, forKey: .stages)
        try c.encode(recentErrors, forKey: .recentErrors)
        try c.encode(summary, forKey: .summary)
    }
}

/// The status file beside the database, rewritten atomically every few seconds.
public struct StatusFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Beside an SQLite database; in the spool's control folder for a PostgreSQL one,
    /// which many daemons share, each with its own inbox and so its own status file.
    public static func path(forDatabase database: String, inbox: String) -> String {
        switch StoreLocation(database) {
        case .sqlite(let path): return path + ".status.json"
        case .postgres: return SpoolDirectory(inbox: inbox).control + "/status.json"
        }
    }

    public func write(_ status: ServiceStatus) {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(status) else { return }
        data.append(0x0A)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        _ = rename(temporary, path)
    }

    /// The last status the daemon wrote, or `nil` when there is none (or it cannot be read).
    public func read() -> ServiceStatus? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(ServiceStatus.self, from: data)
    }
}
