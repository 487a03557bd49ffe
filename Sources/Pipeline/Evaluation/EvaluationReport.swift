/// The scores of a corpus: per-task counts summed over documents (micro average), the
/// per-document scores, and optionally the throughput; as JSON here, as a table in the
/// `Terminal` module.
public struct EvaluationReport: Sendable {
    public var documents: [DocumentScore]
    /// Wall-clock seconds the pipeline took for all documents, when measured.
    public var elapsedSeconds: Double?

    public init(documents: [DocumentScore], elapsedSeconds: Double? = nil) {
        self.documents = documents
        self.elapsedSeconds = elapsedSeconds
    }

    /// Counts of `task` summed over all documents.
    public func total(_ task: EvaluationTask) -> TaskCounts {
        documents.reduce(TaskCounts()) { $0 + $1[task] }
    }

    public var documentsPerSecond: Double? {
        guard let seconds = elapsedSeconds, seconds > 0 else { return nil }
        return Double(documents.count) / seconds
    }

    /// The report as JSON: `tasks` (counts and scores per task), `documents` (the same per
    /// document, with its misses), `documents_per_second` when measured.
    public func jsonValue() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("tasks", .object(EvaluationTask.allCases.map { ($0.rawValue, Self.json(total($0))) })),
            ("documents", .array(documents.map { document in
                .object([
                    ("name", .string(document.name)),
                    ("tasks", .object(EvaluationTask.allCases.map { ($0.rawValue, Self.json(document[$0])) })),
                    ("misses", .array(document.misses.map { miss in
                        .object([("task", .string(miss.task.rawValue)), ("kind", .string(miss.kind.rawValue)),
                                 ("detail", .string(miss.detail))])
                    })),
                ])
            })),
        ]
        if let seconds = elapsedSeconds { fields.append(("elapsed_seconds", .double(seconds))) }
        if let rate = documentsPerSecond { fields.append(("documents_per_second", .double(rate))) }
        return .object(fields)
    }

    static func json(_ c: TaskCounts) -> JSONValue {
        .object([
            ("tp", .int(c.truePositives)), ("fp", .int(c.falsePositives)), ("fn", .int(c.falseNegatives)),
            ("optional", .int(c.optionalMatches)),
            ("precision", .double(c.precision)), ("recall", .double(c.recall)), ("f1", .double(c.f1)),
        ])
    }
}
