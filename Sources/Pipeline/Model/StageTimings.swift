/// The pipeline's stages, in order. Raw values name them in logs, status and the database.
public enum StageName: String, Sendable, Hashable, CaseIterable, Codable {
    case intake
    case decode
    case clean
    case analyze
    case events
    case store
}

/// Nanoseconds one document spent in each stage (processing, not waiting).
public struct StageTimings: Sendable, Hashable {
    public private(set) var nanoseconds: [StageName: UInt64] = [:]

    public init() {}

    public mutating func record(_ stage: StageName, nanoseconds ns: UInt64) {
        nanoseconds[stage, default: 0] += ns
    }

    public subscript(stage: StageName) -> UInt64 {
        nanoseconds[stage] ?? 0
    }
}
