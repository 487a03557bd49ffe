import Foundation
import Pipeline

/// What `failed/<name>.error.json` says: enough for a person to fix and re-drop the file.
public struct FailureReport: Codable, Equatable, Sendable {
    /// The name the writer gave the file (the file in `failed/` may carry a shorter or
    /// numbered name, see `SpoolNaming`).
    public var file: String
    public var reason: String
    public var kind: String
    public var stage: String
    public var time: String
    public var sha256: String?

    public init(name: String, error: PipelineError, sha256: String?, at time: Date = Date()) {
        file = name
        reason = error.message
        kind = error.kind.rawValue
        stage = error.stage.rawValue
        self.time = ISO8601DateFormatter().string(from: time)
        self.sha256 = sha256
    }

    /// The report as one JSON line, keys sorted, `sha256` null when unknown.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    private enum CodingKeys: String, CodingKey { case file, reason, kind, stage, time, sha256 }

    /// Written by hand only so that an unknown `sha256` is `null`, not a missing key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(reason, forKey: .reason)
        try container.encode(kind, forKey: .kind)
        try container.encode(stage, forKey: .stage)
        try container.encode(time, forKey: .time)
        try container.encode(sha256, forKey: .sha256)
    }
}
