import Pipeline
import Terminal
import Testing

/// The one table printer: layout, cutting, escaping.
@Suite struct TerminalTableTests {
    @Test func columnsAreAlignedUnderARule() {
        var table = TerminalTable(["name", "count"], rightAligned: [1])
        table.append(["a", "7"])
        table.append(["longer", "1234"])
        #expect(table.render() == """
            name    count
            ------  -----
            a           7
            longer   1234
            """)
    }

    @Test func trailingSpacesAreTrimmedAndMissingCellsLeftEmpty() {
        var table = TerminalTable(["left", "right"])
        table.append(["x"])
        table.append(["wide cell", "y"])
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "x")
        #expect(lines[3] == "wide cell  y")
    }

    @Test func longCellsAreCutAndControlCharactersSpelledOut() {
        var table = TerminalTable(["title"])
        table.maxCellWidth = 8
        table.append(["\u{1B}]0;owned\u{07}"])
        table.append(["two\nlines"])
        table.append(["two\tline"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines[2] == "\\x1B]0;…")
        #expect(lines[3] == "two lin…")
        #expect(lines[4] == "two line", "a cell of exactly the width is kept whole")
        #expect(!table.render().contains("\u{1B}"))
    }

    @Test func fixedRoundsHalvesAwayFromZero() {
        #expect(TerminalTable.fixed(0.8125, 3) == "0.813")
        #expect(TerminalTable.fixed(0.5, 3) == "0.500")
        #expect(TerminalTable.fixed(-0.0004, 3) == "0.000")
        #expect(TerminalTable.fixed(-1.25, 1) == "-1.3")
        #expect(TerminalTable.fixed(4, 1) == "4.0")
        #expect(TerminalTable.fixed(12.3456, 0) == "12")
    }
}

/// The pipeline's reports, printed through the table printer.
@Suite struct ReportTableTests {
    @Test func evaluationReportPrintsTasksThenDocuments() {
        let a = DocumentScore(name: "a", counts: [.values: TaskCounts(truePositives: 3, falsePositives: 1, falseNegatives: 0)])
        let b = DocumentScore(name: "bb", counts: [.values: TaskCounts(truePositives: 1, falsePositives: 0, falseNegatives: 4),
                                                   .events: TaskCounts(truePositives: 1, falsePositives: 1, falseNegatives: 0, optionalMatches: 2)])
        let table = EvaluationReport(documents: [a, b], elapsedSeconds: 0.5).table()
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].split(separator: " ") == ["task", "TP", "FP", "FN", "Opt", "P", "R", "F1"])
        #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " })
        let valuesRow = lines.first { $0.hasPrefix("values") }!
        #expect(valuesRow.split(separator: " ") == ["values", "4", "1", "4", "0", "0.800", "0.500", "0.615"])
        // Every task row is as wide as the header: the numbers are right-aligned under it.
        let taskRows = lines[2..<(2 + EvaluationTask.allCases.count)]
        #expect(taskRows.allSatisfy { $0.count == lines[0].count })
        // Nothing predicted and nothing to find: no score to print, F1 by convention 1.
        let quotesRow = lines.first { $0.hasPrefix("quotes") }!
        #expect(quotesRow.split(separator: " ") == ["quotes", "0", "0", "0", "0", "-", "-", "1.000"])
        let eventsRow = lines.first { $0.hasPrefix("events") }!
        #expect(eventsRow.split(separator: " ") == ["events", "1", "1", "0", "2", "0.750", "1.000", "0.857"])
        // A blank line, then the per-document table, then the count and the time.
        #expect(lines[2 + EvaluationTask.allCases.count] == "")
        #expect(lines.contains { $0.hasPrefix("bb ") && $0.split(separator: " ").count == 1 + EvaluationTask.allCases.count })
        #expect(lines.last == "2 documents in 0.500 s (4.0 documents/s)")
    }

    @Test func nerScoresPrintPercentPerLabel() {
        var score = NERSpanScore()
        // Gold: PER 0-2, LOC 3-4; predicted: PER 0-2, ORG 3-4.
        score.add(predicted: [.begin(.person), .inside(.person), .outside, .begin(.organization)],
                  gold: [.begin(.person), .inside(.person), .outside, .begin(.location)])
        let lines = score.table().split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines[0] == ["label", "precision", "recall", "F1"])
        #expect(lines[2] == ["all", "50.00", "50.00", "50.00"])
        #expect(lines.contains(["PER", "100.00", "100.00", "100.00"]))
        #expect(lines.contains(["LOC", "0.00", "0.00", "0.00"]))
        #expect(lines.count == 3 + NERLabel.allCases.count)
    }

    @Test func rawNERScoresPrintWithAndWithoutMisc() {
        var score = RawNERScore()
        score.add(predicted: [.init(start: 0, end: 5, label: .person), .init(start: 10, end: 15, label: .miscellaneous)],
                  gold: [.init(start: 0, end: 5, label: .person), .init(start: 20, end: 25, label: .miscellaneous)])
        let lines = score.table().split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines[2] == ["all", "50.00", "50.00", "50.00"])
        #expect(lines[3] == ["PER/ORG/LOC", "100.00", "100.00", "100.00"])
        #expect(lines.contains(["MISC", "0.00", "0.00", "0.00"]))
    }
}
