/// How a distinct `events` row takes in the descriptive columns of one more mention, the
/// same in every store.
///
/// The row's key (code, source, target, date) and its counts do not depend on the order
/// mentions arrive in; this merge makes the rest not depend on it either, so two stores
/// fed the same documents in different orders (two daemons racing into one PostgreSQL,
/// a replay after a crash) hold the same rows:
///
/// - an actor's code and its parts (country, first and second type) move together, so a
///   row never pairs one mention's `USA` with another's `GOV`; the more specific code
///   wins (the longer one, then the smaller one), so `USAGOV` beats `USA`;
/// - the location and the affiliations keep the smallest value any mention gave.
public enum DistinctEventMerge {
    /// The `SET` assignments of SQLite's upsert, after the counts (the stored row's columns
    /// named bare). Made once: the writer's statement text is built for every document.
    public static let sqliteAssignments = assignments(row: "")

    /// The same for PostgreSQL, where a bare name would be ambiguous with `excluded`.
    public static let postgresAssignments = assignments(row: "events.")

    /// The `SET` assignments of the upsert's `DO UPDATE`, after the counts. `row` is how
    /// the statement names the stored row's columns.
    private static func assignments(row: String) -> String {
        var parts: [String] = []
        for column in ["source_affiliation", "target_affiliation", "location"] {
            parts.append("""
                \(column) = CASE WHEN \(row)\(column) IS NULL OR excluded.\(column) < \(row)\(column) \
                THEN coalesce(excluded.\(column), \(row)\(column)) ELSE \(row)\(column) END
                """)
        }
        for side in ["source", "target"] {
            let code = "\(side)_code"
            let wins = """
                excluded.\(code) IS NOT NULL AND (\(row)\(code) IS NULL \
                OR length(excluded.\(code)) > length(\(row)\(code)) \
                OR (length(excluded.\(code)) = length(\(row)\(code)) AND excluded.\(code) < \(row)\(code)))
                """
            for part in ["code", "country", "type1", "type2"] {
                let column = "\(side)_\(part)"
                parts.append("\(column) = CASE WHEN \(wins) THEN excluded.\(column) ELSE \(row)\(column) END")
            }
        }
        return parts.joined(separator: ",\n")
    }

    /// What the merge reads of a row or of a mention: the columns that keep the smallest
    /// value, and each actor's code (its parts travel with it, so they are not read).
    public struct Columns: Equatable, Sendable {
        public var sourceAffiliation: String?
        public var targetAffiliation: String?
        public var location: String?
        public var sourceCode: String?
        public var targetCode: String?

        public init(sourceAffiliation: String?, targetAffiliation: String?, location: String?,
                    sourceCode: String?, targetCode: String?) {
            self.sourceAffiliation = sourceAffiliation
            self.targetAffiliation = targetAffiliation
            self.location = location
            self.sourceCode = sourceCode
            self.targetCode = targetCode
        }
    }

    /// Whether the assignments above, given a stored row holding `stored` and a mention
    /// holding `incoming`, would leave any of the row's descriptive columns different:
    /// `false` means the merge is a no-op and only the counts need writing.
    ///
    /// The same rule as the SQL, in SQLite's terms (`DistinctEventMergeTests` holds the
    /// two to agreement on a real database): text orders by its UTF-8 bytes (the BINARY
    /// collation, not Swift's `<`, which equates canonically equivalent strings) and a
    /// code's length is SQLite's `length()`, its characters up to the first NUL. A smaller
    /// value replaces a column's value or its NULL; a winning code replaces the actor's
    /// code and its parts, and since it wins only by differing, that is always a change.
    public static func changes(_ stored: Columns, taking incoming: Columns) -> Bool {
        keepsSmaller(stored.sourceAffiliation, incoming.sourceAffiliation)
            || keepsSmaller(stored.targetAffiliation, incoming.targetAffiliation)
            || keepsSmaller(stored.location, incoming.location)
            || codeWins(stored.sourceCode, incoming.sourceCode)
            || codeWins(stored.targetCode, incoming.targetCode)
    }

    /// `CASE WHEN row IS NULL OR excluded < row THEN coalesce(excluded, row) ...` changes
    /// the row exactly when the mention has a value and the row has none or a larger one.
    private static func keepsSmaller(_ stored: String?, _ incoming: String?) -> Bool {
        guard let incoming else { return false }
        guard let stored else { return true }
        return precedes(incoming, stored)
    }

    /// The `wins` condition of the code assignments.
    private static func codeWins(_ stored: String?, _ incoming: String?) -> Bool {
        guard let incoming else { return false }
        guard let stored else { return true }
        let incomingLength = sqliteLength(incoming), storedLength = sqliteLength(stored)
        return incomingLength > storedLength || (incomingLength == storedLength && precedes(incoming, stored))
    }

    /// SQLite's `<` under the BINARY collation: the UTF-8 bytes, compared as `memcmp` does.
    private static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// SQLite's `length()` of a text value: the UTF-8 lead bytes before the first NUL.
    private static func sqliteLength(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 {
            if byte == 0 { break }
            if byte & 0xC0 != 0x80 { count += 1 }
        }
        return count
    }
}
