import ArgumentParser
import Foundation
import Pipeline
import Terminal
import ServiceCore

/// `gleaner status`: what a person needs to know about a running (or stopped) daemon.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show queue depth, counts, rate, recent errors, where time goes and the database size.",
        discussion: "Reads the daemon's status file (<database>.status.json, rewritten every 2 s) and the database.")

    @Option(name: .long, help: "Configuration file, to find the database (default: \(ServeConfiguration.defaultPath) when it exists).")
    var config: String?

    @Option(name: .long, help: "The SQLite database file or PostgreSQL URI (overrides the configuration).")
    var db: String?

    @Flag(name: .long, help: "Print the daemon's status as JSON.")
    var json = false

    func run() throws {
        var settings: ServeConfiguration
        do {
            settings = try ServeConfiguration.load(path: config)
        } catch {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(78)
        }
        if let db { settings.database = db }
        let statusFile = StatusFile(path: StatusFile.path(forDatabase: settings.database, inbox: settings.inbox))
        let daemon = statusFile.read()
        if json {
            let data = FileManager.default.contents(atPath: statusFile.path) ?? Data("{}".utf8)
            StandardStreams.out(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            return
        }
        StandardStreams.out(daemonSection(daemon, path: statusFile.path))
        let store = try StoreOpening.open(settings.database, mode: .readOnly)
        let counts = try store.counts()
        let bytes = (try? store.sizeInBytes()) ?? 0
        StandardStreams.out("""

        database  \(store.location) (\(Self.humanBytes(bytes)))
          documents \(counts.documents), entities \(counts.entities), mentions \(counts.mentions), values \(counts.values), events \(counts.events), quotes \(counts.quotes)
          files: \(counts.filesStored) stored, \(counts.filesDuplicate) duplicate, \(counts.filesFailed) failed
        """)
        let timings = try store.stageTimings()
        if !timings.isEmpty {
            var table = TerminalTable(["stage", "documents", "mean µs"], rightAligned: [1, 2])
            for timing in timings {
                table.append([timing.stage, String(timing.documents), String(format: "%.1f", timing.meanMicroseconds)])
            }
            StandardStreams.out("\nwhere time goes (per document, from the database)\n" + table.render())
        }
        let failures = try store.recentFailures(limit: 5)
        if !failures.isEmpty {
            StandardStreams.out("\nlast failed files")
            for failure in failures {
                StandardStreams.out("  \(failure.lastSeenAt)  \(failure.path): \(failure.error ?? "-") [\(failure.kind ?? "?")]")
            }
        }
    }

    private func daemonSection(_ status: ServiceStatus?, path: String) -> String {
        guard let status else {
            if FileManager.default.fileExists(atPath: path) {
                return "daemon    the status file \(path) cannot be read (permissions, or a daemon of another version)"
            }
            return "daemon    no status file: the daemon has not run against this database"
        }
        let pid = status.pid
        // EPERM: the process exists but belongs to another user (the service's own).
        let alive = pid > 0 && (kill(pid_t(pid), 0) == 0 || errno == EPERM)
        let state = status.state == "running" ? "running" : "running, \(status.state)"
        var lines = [
            "daemon    \(alive ? state : "not running") (pid \(pid), status of \(status.updatedAt))",
            "  inbox \(status.inbox): \(status.inboxWaiting) waiting, \(status.inFlight) in flight",
            "  this run: \(status.stored) stored, \(status.duplicates) duplicate, \(status.failed) failed, \(status.ratePerSecond)/s",
        ]
        // The daemon rewrites the file every 2 s; older means it cannot (a full disk,
        // a stuck process), and the numbers below are that old.
        if alive, let age = Self.age(ofTimestamp: status.updatedAt), age > StatusCommand.staleAfterSeconds {
            lines.append("  stale: the status file was last written \(Int(age)) s ago; these numbers are that old (disk full, or the daemon is stuck?)")
        }
        if let storeError = status.storeError {
            lines.append("  store retrying: \(storeError)")
        }
        if status.pendingMoves > 0 {
            lines.append("  \(status.pendingMoves) file move(s) pending (see recent errors)")
        }
        if !status.recentErrors.isEmpty {
            lines.append("  recent errors:")
            lines += status.recentErrors.suffix(5).map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// How old a status file may be before `status` says its numbers are stale.
    static let staleAfterSeconds = 10.0

    static func age(ofTimestamp text: String) -> Double? {
        ISO8601DateFormatter().date(from: text).map { Date().timeIntervalSince($0) }
    }

    static func humanBytes(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
