/// True positive, false positive and false negative counts of one task, and the scores
/// they give. Counts add, so a corpus total is the sum of its documents (micro average).
///
/// `optionalMatches` are predictions that match an answer the gold accepts but does not
/// require (non-core events, quote continuations). They count as correct for precision
/// and are left out of recall, which the gold README suggests: "recall on core events,
/// precision against all events".
public struct TaskCounts: Sendable, Hashable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var optionalMatches: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, optionalMatches: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.optionalMatches = optionalMatches
    }

    /// Number of predictions scored.
    public var predicted: Int { truePositives + optionalMatches + falsePositives }

    /// Number of answers the gold requires.
    public var required: Int { truePositives + falseNegatives }

    /// Correct predictions over all predictions; 1 when nothing was predicted (nothing was wrong).
    public var precision: Double {
        predicted == 0 ? 1 : Double(truePositives + optionalMatches) / Double(predicted)
    }

    /// Required answers found over required answers; 1 when the gold requires none.
    public var recall: Double {
        required == 0 ? 1 : Double(truePositives) / Double(required)
    }

    /// Harmonic mean of precision and recall; 0 when both are 0.
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public static func + (lhs: TaskCounts, rhs: TaskCounts) -> TaskCounts {
        TaskCounts(truePositives: lhs.truePositives + rhs.truePositives,
                   falsePositives: lhs.falsePositives + rhs.falsePositives,
                   falseNegatives: lhs.falseNegatives + rhs.falseNegatives,
                   optionalMatches: lhs.optionalMatches + rhs.optionalMatches)
    }

    public static func += (lhs: inout TaskCounts, rhs: TaskCounts) {
        lhs = lhs + rhs
    }
}
