/// One thing the pipeline got wrong on a document, for a person reading the report:
/// a gold answer it missed or a prediction the gold does not support.
public struct ScoringMiss: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case falsePositive = "false-positive"
        case falseNegative = "false-negative"
    }

    public var task: EvaluationTask
    public var kind: Kind
    /// What was missed or predicted, e.g. `PERSON "Maria Santos"` or `line 33`.
    public var detail: String

    public init(task: EvaluationTask, kind: Kind, detail: String) {
        self.task = task
        self.kind = kind
        self.detail = detail
    }
}
