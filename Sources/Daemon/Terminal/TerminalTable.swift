/// A plain-text table for a person at a terminal: aligned columns, a header rule,
/// long cells cut with an ellipsis so rows stay one line, control characters spelled
/// out (`TerminalText`).
struct TerminalTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns whose numbers read better right-aligned.
    var rightAligned: Set<Int> = []
    var maxCellWidth = 60

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    func render() -> String {
        let cells = ([headers] + rows).map { row in
            row.map { cell -> String in
                let flat = TerminalText.visible(cell.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " "))
                return flat.count > maxCellWidth ? String(flat.prefix(maxCellWidth - 1)) + "…" : flat
            }
        }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = [line(cells[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += cells.dropFirst().map(line)
        return out.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
