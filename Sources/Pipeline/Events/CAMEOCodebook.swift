/// One entry of the CAMEO code book: a code and what GDELT derives from it.
public struct CAMEOCode: Sendable, Hashable {
    /// The code as written in the code book: "010" is not "10".
    public let code: String
    /// The two-digit root ("01" … "20").
    public let root: String
    /// GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    public let quadClass: Int
    /// Goldstein conflict–cooperation score, −10 … +10.
    public let goldstein: Double
    public let description: String

    public init(code: String, root: String, quadClass: Int, goldstein: Double, description: String) {
        self.code = code
        self.root = root
        self.quadClass = quadClass
        self.goldstein = goldstein
        self.description = description
    }
}

/// The CAMEO code book, `data/cameo/eventcodes.tsv` as embedded in the binary.
///
/// Codes are looked up as strings, exactly: "010" and "10" are different keys, and an
/// unknown code gives `nil` rather than a guess.
public enum CAMEOCodebook {
    private static let byCode: [String: CAMEOCode] = {
        var table: [String: CAMEOCode] = [:]
        table.reserveCapacity(entries.count)
        for entry in entries { table[entry.code] = entry }
        return table
    }()

    /// The entry for `code`, or `nil` when the code book has no such code.
    public static func entry(for code: String) -> CAMEOCode? {
        byCode[code]
    }

    /// Every code, in code-book order.
    public static var all: [CAMEOCode] { entries }

    /// The rows of the embedded `eventcodes.tsv` (code, root, quad class, Goldstein,
    /// description), header and malformed rows skipped.
    static let entries: [CAMEOCode] = {
        let text = EmbeddedData.text(named: "data/cameo/eventcodes.tsv") ?? ""
        return TabSeparatedRows(text, comments: false).dropFirst().compactMap { cols in
            guard cols.count >= 5, let quad = Int(cols[2]), let goldstein = Double(cols[3]) else { return nil }
            return CAMEOCode(code: cols[0], root: cols[1], quadClass: quad, goldstein: goldstein, description: cols[4])
        }
    }()
}
