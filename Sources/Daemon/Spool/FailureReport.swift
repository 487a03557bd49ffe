import Foundation
import Pipeline

/// What `failed/<name>.error.json` says: enough for a person to fix and re-drop the file.
struct FailureReport {
    var name: String
    var error: PipelineError
    var sha256: String?

    var json: JSONReport {
        let time = ISO8601DateFormatter().string(from: Date())
        let value = JSONValue.object([
            ("file", .string(name)),
            ("reason", .string(error.message)),
            ("kind", .string(error.kind.rawValue)),
            ("stage", .string(error.stage.rawValue)),
            ("time", .string(time)),
            ("sha256", JSONValue(sha256)),
        ])
        return JSONReport(text: value.serialized())
    }
}
