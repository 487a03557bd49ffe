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
}
