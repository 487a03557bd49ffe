/// Why an article could not be turned into a record, with what a person needs to act.
///
/// `kind` is stable and machine-readable (it goes into `failed/<name>.error.json` and the
/// files ledger); `message` is for a person.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case empty
        case binary
        case undecodable
        case tooLarge = "too-large"
        case malformed
        case noText = "no-text"
        case storage
        case internalFailure = "internal"
    }

    public var kind: Kind
    public var stage: StageName
    public var message: String

    public init(_ kind: Kind, stage: StageName, _ message: String) {
        self.kind = kind
        self.stage = stage
        self.message = message
    }

    public var description: String { "\(stage.rawValue): \(message)" }
}
