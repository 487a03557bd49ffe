/// The scores of a corpus: per-task counts summed over documents (micro average), the
/// per-document scores, and optionally the throughput, as a text table and as JSON.
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

    /// The aligned text table: one row per task (micro-averaged over the corpus), then the
    /// F1 of every task per document. A precision with no predictions, or a recall with
    /// nothing to find, prints as `-` (the JSON carries the conventional 1). `Opt` counts optional matches (non-core events,
    /// quote continuations), correct for precision and outside recall.
    public func table() -> String {
        var rows: [[String]] = [["task", "TP", "FP", "FN", "Opt", "P", "R", "F1"]]
        for task in EvaluationTask.allCases {
            let c = total(task)
            rows.append([task.rawValue, String(c.truePositives), String(c.falsePositives), String(c.falseNegatives),
                         String(c.optionalMatches),
                         c.predicted == 0 ? "-" : Self.score(c.precision),
                         c.required == 0 ? "-" : Self.score(c.recall),
                         Self.score(c.f1)])
        }
        var out = Self.aligned(rows, leftColumns: 1)
        out += "\n"
        var perDocument: [[String]] = [["document"] + EvaluationTask.allCases.map { $0.rawValue + " F1" }]
        for document in documents {
            perDocument.append([document.name] + EvaluationTask.allCases.map { Self.score(document[$0].f1) })
        }
        out += Self.aligned(perDocument, leftColumns: 1)
        var footer = "\(documents.count) document\(documents.count == 1 ? "" : "s")"
        if let rate = documentsPerSecond, let seconds = elapsedSeconds {
            footer += " in \(Self.fixed(seconds, 3)) s (\(Self.fixed(rate, 1)) documents/s)"
        }
        out += footer + "\n"
        return out
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

    static func score(_ value: Double) -> String { fixed(value, 3) }

    /// `value` with `digits` decimals, without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fraction : "")
    }

    /// Rows padded to common column widths: the first `leftColumns` left-aligned, the rest
    /// right-aligned (numbers), columns separated by two spaces.
    static func aligned(_ rows: [[String]], leftColumns: Int) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for row in rows {
            var cells: [String] = []
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                cells.append(i < leftColumns ? cell + pad : pad + cell)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
