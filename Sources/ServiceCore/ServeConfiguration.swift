import Foundation
import Pipeline

/// The daemon's settings: read from a `key = value` file, then overridden by flags.
///
/// Every key is documented in `deploy/gleaner.conf`; unknown keys and bad values are
/// errors that name the file, the line and what is expected.
public struct ServeConfiguration: Equatable, Sendable {
    public var inbox = "var/inbox"
    public var database = "var/gleaner.sqlite"
    /// `nil`: a `done/` folder beside the inbox.
    public var doneDirectory: String?
    /// `nil`: a `failed/` folder beside the inbox.
    public var failedDirectory: String?
    public var deleteDone = false
    /// Days a committed file stays in `done/` before it is deleted; `nil` keeps it forever.
    public var doneRetentionDays: Double?
    public var maxFileBytes = 20 * 1024 * 1024
    public var rescanIntervalSeconds = 60.0
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    public var maxBatch = 256
    /// Seconds the store may wait for more files before committing a batch, while others
    /// are still being analysed (`PipelineConfiguration.storeGatherSeconds`); 0 never waits.
    public var storeGatherSeconds = 0.025
    /// Seconds a commit waits for another connection's lock before backing off to retry.
    public var busyTimeoutSeconds = 10.0
    /// Whether the events stage runs; off skips CAMEO events and quotes, for a deployment
    /// that needs only clean text, entities and values.
    public var eventsStage = true
    /// Who decides entity names and types (`entities = model|rules`): the statistical
    /// tagger with gazetteer and rule cues as its features (the default), or the rules with
    /// the tagger filling in (`EntityDecision`).
    public var entities = EntityDecision.standard
    /// Which events are reported (`event_convention = dyadic|monadic`): only those aimed at
    /// someone, neither negated nor conditional, as PETRARCH codes them (the default), or also
    /// statements and acts aimed at no one, negated acts and conditions (`EventConvention`).
    public var eventConvention = EventConvention.standard
    /// Distinct earlier documents of a site that must hold a short block before it is
    /// removed as site furniture; 0 turns cross-document furniture off.
    public var furnitureMinDocuments = 3
    /// Seconds a stop waits for in-flight files to commit before it leaves them in
    /// `processing/` (replayed at the next start) and exits; below the unit's TimeoutStopSec.
    public var stopTimeoutSeconds = 45.0
    /// Files larger than this are worked on one at a time (see the daemon's ClaimLedger).
    public var largeFileBytes = 4 * 1024 * 1024

    public static let defaultPath = "/etc/gleaner/gleaner.conf"

    /// Every key a configuration file may set, in the order `deploy/gleaner.conf` documents them.
    public static let keys = [
        "inbox", "database", "done_dir", "failed_dir", "delete_done", "done_retention_days", "max_file_bytes",
        "rescan_interval_seconds", "parallelism", "max_batch", "store_gather_seconds", "busy_timeout_seconds", "events_stage", "entities",
        "event_convention", "furniture_min_documents", "stop_timeout_seconds", "large_file_bytes",
    ]

    /// The defaults.
    public init() {}

    /// Parses a configuration file's text over the defaults.
    ///
    /// A `#` starts a comment only at the start of a line or after whitespace, so a value
    /// may hold one (`inbox = /srv/news#1`). Booleans are `true`/`false` or `yes`/`no`.
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> ServeConfiguration {
        var config = ServeConfiguration()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = withoutComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(path: path, line: index + 1, message: "expected `key = value`, found `\(line)`")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let at = { (message: String) in ConfigurationError(path: path, line: index + 1, message: message) }
            switch key {
            case "inbox": config.inbox = value
            case "database": config.database = value
            case "done_dir": config.doneDirectory = value.isEmpty ? nil : value
            case "failed_dir": config.failedDirectory = value.isEmpty ? nil : value
            case "delete_done":
                guard let flag = boolean(value) else { throw at("delete_done must be true or false (or yes or no), found `\(value)`") }
                config.deleteDone = flag
            case "done_retention_days":
                if value.isEmpty || value == "forever" {
                    config.doneRetentionDays = nil
                } else {
                    guard let n = Double(value), n >= 0 else { throw at("done_retention_days must be a number of days or `forever`, found `\(value)`") }
                    config.doneRetentionDays = n
                }
            case "max_file_bytes":
                guard let n = Int(value), n > 0 else { throw at("max_file_bytes must be a positive whole number of bytes, found `\(value)`") }
                config.maxFileBytes = n
            case "rescan_interval_seconds":
                guard let n = Double(value), n > 0 else { throw at("rescan_interval_seconds must be a positive number, found `\(value)`") }
                config.rescanIntervalSeconds = n
            case "parallelism":
                guard let n = Int(value), n > 0 else { throw at("parallelism must be a positive whole number, found `\(value)`") }
                config.parallelism = n
            case "events_stage":
                guard let flag = boolean(value) else { throw at("events_stage must be true or false (or yes or no), found `\(value)`") }
                config.eventsStage = flag
            case "entities":
                guard let decision = EntityDecision(rawValue: value) else { throw at("entities must be model or rules, found `\(value)`") }
                config.entities = decision
            case "event_convention":
                guard let convention = EventConvention(rawValue: value) else {
                    throw at("event_convention must be dyadic or monadic, found `\(value)`")
                }
                config.eventConvention = convention
            case "busy_timeout_seconds":
                guard let n = Double(value), n >= 0 else { throw at("busy_timeout_seconds must be a number of seconds, found `\(value)`") }
                config.busyTimeoutSeconds = n
            case "max_batch":
                guard let n = Int(value), n > 0 else { throw at("max_batch must be a positive whole number, found `\(value)`") }
                config.maxBatch = n
            case "store_gather_seconds":
                let longest = PipelineConfiguration.longestStoreGather
                guard let n = Double(value), n >= 0, n <= longest else {
                    throw at("store_gather_seconds must be a number of seconds from 0 (never wait) to \(Int(longest)), found `\(value)`")
                }
                config.storeGatherSeconds = n
            case "furniture_min_documents":
                guard let n = Int(value), n >= 0 else { throw at("furniture_min_documents must be a whole number of documents (0 turns it off), found `\(value)`") }
                config.furnitureMinDocuments = n
            case "large_file_bytes":
                guard let n = Int(value), n > 0 else { throw at("large_file_bytes must be a positive whole number of bytes, found `\(value)`") }
                config.largeFileBytes = n
            case "stop_timeout_seconds":
                guard let n = Double(value), n > 0 else { throw at("stop_timeout_seconds must be a positive number of seconds, found `\(value)`") }
                config.stopTimeoutSeconds = n
            default:
                throw at("unknown key `\(key)`; the keys are \(keys.joined(separator: ", "))")
            }
        }
        return config
    }

    /// `line` up to a `#` that starts it or follows whitespace.
    public static func withoutComment(_ line: String) -> String {
        var previous: Character = " "
        var end = line.endIndex
        for index in line.indices {
            let character = line[index]
            if character == "#", previous == " " || previous == "\t" {
                end = index
                break
            }
            previous = character
        }
        return String(line[..<end])
    }

    /// `true`/`false`, `yes`/`no` in any case, or `nil`.
    public static func boolean(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }

    /// Reads `path`, or the defaults when `path` is the default path and does not exist.
    public static func load(path: String?) throws(ConfigurationError) -> ServeConfiguration {
        let file = path ?? defaultPath
        guard FileManager.default.fileExists(atPath: file) else {
            if path == nil { return ServeConfiguration() }
            throw ConfigurationError(path: file, line: nil, message: "configuration file does not exist")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(path: file, line: nil, message: "configuration file cannot be read (permissions?)")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: file)
    }
}

/// A configuration file the daemon will not start with, and where it is wrong.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
