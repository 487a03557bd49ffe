/// The scores of one document: counts per task and the individual misses behind them.
public struct DocumentScore: Sendable {
    /// The seed's name (its file name without extension) or path.
    public var name: String
    public var counts: [EvaluationTask: TaskCounts]
    public var misses: [ScoringMiss]

    public init(name: String, counts: [EvaluationTask: TaskCounts] = [:], misses: [ScoringMiss] = []) {
        self.name = name
        self.counts = counts
        self.misses = misses
    }

    /// The counts of `task` (zero when it was not scored).
    public subscript(task: EvaluationTask) -> TaskCounts {
        counts[task] ?? TaskCounts()
    }
}
