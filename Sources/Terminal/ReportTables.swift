import Pipeline

// The pipeline's evaluation reports as `TerminalTable`s: the library measures, this
// module prints.

extension EvaluationReport {
    /// One row per task (micro-averaged over the corpus), then the F1 of every task per
    /// document, then the number of documents and, when measured, the time. A precision with
    /// no predictions, or a recall with nothing to find, prints as `-` (the JSON carries the
    /// conventional 1). `Opt` counts optional matches (non-core events, quote
    /// continuations), correct for precision and outside recall.
    public func table() -> String {
        var tasks = TerminalTable(["task", "TP", "FP", "FN", "Opt", "P", "R", "F1"], rightAligned: Set(1...7))
        for task in EvaluationTask.allCases {
            let c = total(task)
            tasks.append([task.rawValue, String(c.truePositives), String(c.falsePositives), String(c.falseNegatives),
                          String(c.optionalMatches),
                          c.predicted == 0 ? "-" : TerminalTable.fixed(c.precision, 3),
                          c.required == 0 ? "-" : TerminalTable.fixed(c.recall, 3),
                          TerminalTable.fixed(c.f1, 3)])
        }
        var perDocument = TerminalTable(["document"] + EvaluationTask.allCases.map { $0.rawValue + " F1" },
                                        rightAligned: Set(1...EvaluationTask.allCases.count))
        for document in documents {
            perDocument.append([document.name] + EvaluationTask.allCases.map { TerminalTable.fixed(document[$0].f1, 3) })
        }
        var footer = "\(documents.count) document\(documents.count == 1 ? "" : "s")"
        if let rate = documentsPerSecond, let seconds = elapsedSeconds {
            footer += " in \(TerminalTable.fixed(seconds, 3)) s (\(TerminalTable.fixed(rate, 1)) documents/s)"
        }
        return tasks.render() + "\n\n" + perDocument.render() + "\n" + footer
    }
}

extension NERSpanScore {
    /// conlleval's figures: precision, recall and F1 in percent, overall and per label.
    public func table() -> String {
        var rows = [("all", overall)]
        for label in NERLabel.allCases { rows.append((label.description, byLabel[label] ?? Counts())) }
        return NERSpanScore.table(rows)
    }

    /// Labelled counts as a table of precision, recall and F1 in percent, two decimals.
    static func table(_ rows: [(String, Counts)]) -> String {
        var table = TerminalTable(["label", "precision", "recall", "F1"], rightAligned: [1, 2, 3])
        for (name, c) in rows {
            table.append([name, TerminalTable.fixed(c.precision * 100, 2), TerminalTable.fixed(c.recall * 100, 2),
                          TerminalTable.fixed(c.f1 * 100, 2)])
        }
        return table.render()
    }
}

extension RawNERScore {
    /// conlleval's figures in percent: overall with MISC, overall without it (PER/ORG/LOC),
    /// then per label.
    public func table() -> String {
        var rows = [("all", withMisc), ("PER/ORG/LOC", withoutMisc)]
        for label in NERLabel.allCases { rows.append((label.description, counts(of: label))) }
        return NERSpanScore.table(rows)
    }
}
