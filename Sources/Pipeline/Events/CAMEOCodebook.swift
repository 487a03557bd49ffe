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

/// The CAMEO code book, compiled into the binary from `data/cameo/eventcodes.tsv` by
/// `scripts/generate-event-tables` (see `CAMEOCodebook+Table.swift`).
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
}
