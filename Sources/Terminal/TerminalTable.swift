import Foundation

/// A plain-text table for a person at a terminal, the one way Gleaner prints columns:
/// a header row, a rule of dashes under each header, then the rows; columns two spaces
/// apart, each as wide as its widest cell, left-aligned unless listed in `rightAligned`
/// (numbers); trailing spaces trimmed. Long cells are cut with an ellipsis so rows stay
/// one line, line feeds and tabs inside a cell become spaces, and control characters are
/// spelled out (`TerminalText`). A row with fewer cells than headers leaves the rest empty.
public struct TerminalTable: Sendable {
    public var headers: [String]
    public private(set) var rows: [[String]] = []
    /// Columns whose numbers read better right-aligned.
    public var rightAligned: Set<Int> = []
    /// The most characters a cell keeps; longer cells end in "…" at this width.
    public var maxCellWidth = 60

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    public func render() -> String {
        let cells = ([headers] + rows).map { row in
            (0..<headers.count).map { i -> String in
                let cell = i < row.count ? row[i] : ""
                let flat = TerminalText.visible(cell.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " "))
                return flat.count > maxCellWidth ? String(flat.prefix(maxCellWidth - 1)) + "…" : flat
            }
        }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var text = row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = [line(cells[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += cells.dropFirst().map(line)
        return out.joined(separator: "\n")
    }

    /// `value` with `digits` decimals, halves rounded away from zero, without Foundation's
    /// formatting: how the evaluation tables write scores (`fixed(0.8125, 3)` is "0.813").
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fraction : "")
    }
}
