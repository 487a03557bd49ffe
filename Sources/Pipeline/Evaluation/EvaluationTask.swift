/// The things Gleaner is scored on against the gold answer keys. Raw values name them in
/// the printed table and the JSON report.
public enum EvaluationTask: String, Sendable, Hashable, CaseIterable, Codable {
    /// Non-blank source lines (and glued fragments) that are not article text.
    case boilerplate
    /// Entities of a document: one per real-world referent.
    case entities
    /// Entity mentions: exact clean-text span and type.
    case mentions
    /// Typed values: exact span (minimal or with modifier) and type.
    case values
    /// CAMEO events: root code, source and target.
    case events
    /// Direct quotations and their speakers.
    case quotes
}
