import Foundation
import Pipeline

/// What the running daemon reports about itself for `gleaner status`.
struct ServiceStatus {
    var pid: Int
    var startedAt: Date
    var updatedAt: Date
    var state: String
    var inbox: String
    var database: String
    var inboxWaiting: Int
    var statistics: PipelineStatistics
    /// Documents per second over the last ten seconds.
    var rate: Double
    var pendingMoves: Int
    var recentErrors: [String]
    var summary: String

    var json: JSONValue {
        let iso = ISO8601DateFormatter()
        let stages: [(String, JSONValue)] = StageName.allCases.map { stage in
            (stage.rawValue, .object([
                ("documents", .int(statistics.stageDocuments[stage] ?? 0)),
                ("mean_microseconds", .double((statistics.meanMicroseconds(stage) * 10).rounded() / 10)),
            ]))
        }
        return .object([
            ("pid", .int(pid)),
            ("state", .string(state)),
            ("started_at", .string(iso.string(from: startedAt))),
            ("updated_at", .string(iso.string(from: updatedAt))),
            ("inbox", .string(inbox)),
            ("database", .string(database)),
            ("inbox_waiting", .int(inboxWaiting)),
            ("in_flight", .int(statistics.inFlight)),
            ("stored", .int(statistics.stored)),
            ("duplicates", .int(statistics.duplicates)),
            ("failed", .int(statistics.failed)),
            ("rate_per_second", .double((rate * 10).rounded() / 10)),
            ("batches", .int(statistics.batches)),
            ("store_retries", .int(statistics.storeRetries)),
            ("store_error", JSONValue(statistics.lastStoreError)),
            ("pending_moves", .int(pendingMoves)),
            ("stages", .object(stages)),
            ("recent_errors", .array(recentErrors.map(JSONValue.string))),
            ("summary", .string(summary)),
        ])
    }
}

/// The status file beside the database, rewritten atomically every few seconds.
struct StatusFile: Sendable {
    let path: String

    static func path(forDatabase database: String) -> String {
        database + ".status.json"
    }

    func write(_ status: ServiceStatus) {
        let temporary = path + ".tmp"
        let data = Data((status.json.serialized() + "\n").utf8)
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        _ = rename(temporary, path)
    }

    /// The last status the daemon wrote, parsed, or `nil` when there is none.
    func read() -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
