import GRDB
import Testing
@testable import Pipeline

/// `DistinctEventMerge.changes` says of every case what SQLite's upsert, with the store's
/// own assignments on the store's own `events` table, does: a row the upsert leaves
/// as it was is exactly a row the Swift rule calls unchanged.
@Suite struct DistinctEventMergeTests {
    typealias Columns = DistinctEventMerge.Columns

    /// Values that probe the rule's edges: NULL, the empty string, case, bytes past ASCII
    /// (É sorts after Z by its bytes), and é precomposed and decomposed (equal to Swift's
    /// `==`, different bytes and lengths to SQLite).
    static let texts: [String?] = [nil, "", "A", "B", "a", "Z", "É", "é", "e\u{301}", "AB"]
    /// Codes of one, two and three characters, two of them not ASCII.
    static let codes: [String?] = [nil, "", "USA", "USAGOV", "GOV", "RUS", "ÉUA", "EUA", "é", "e\u{301}", "USAGOVX"]

    static let empty = Columns(sourceAffiliation: nil, targetAffiliation: nil, location: nil,
                               sourceCode: nil, targetCode: nil)
    static let full = Columns(sourceAffiliation: "B", targetAffiliation: "B", location: "B",
                              sourceCode: "USA", targetCode: "USA")

    /// Every stored/incoming pair of values in each column, the others held at one of two
    /// backgrounds (all NULL, all set), and a few where several columns move at once.
    static var cases: [(stored: Columns, incoming: Columns)] {
        var cases: [(Columns, Columns)] = []
        let columns: [(WritableKeyPath<Columns, String?>, [String?])] = [
            (\.sourceAffiliation, texts), (\.targetAffiliation, texts), (\.location, texts),
            (\.sourceCode, codes), (\.targetCode, codes),
        ]
        for background in [empty, full] {
            for (column, values) in columns {
                for old in values {
                    for new in values {
                        var stored = background, incoming = background
                        stored[keyPath: column] = old
                        incoming[keyPath: column] = new
                        cases.append((stored, incoming))
                    }
                }
            }
        }
        cases.append((full, empty))
        cases.append((empty, full))
        cases.append((full, Columns(sourceAffiliation: "C", targetAffiliation: nil, location: "C",
                                    sourceCode: "GOV", targetCode: "US")))
        cases.append((full, Columns(sourceAffiliation: "C", targetAffiliation: nil, location: "A",
                                    sourceCode: "GOV", targetCode: "US")))
        return cases
    }

    @Test func theSwiftRuleAgreesWithTheUpsertOnEveryCase() throws {
        let db = try DatabaseQueue()
        try StoreSchema.migrator.migrate(db)
        var changed = 0, unchanged = 0
        try db.write { db in
            for (stored, incoming) in Self.cases {
                let sql = try Self.upsertChanges(stored: stored, incoming: incoming, in: db)
                let swift = DistinctEventMerge.changes(stored, taking: incoming)
                #expect(swift == sql, "stored \(stored), incoming \(incoming): SQLite \(sql ? "changes" : "keeps") the row")
                if sql { changed += 1 } else { unchanged += 1 }
            }
        }
        // The table exercises both answers, many times each.
        #expect(changed > 100 && unchanged > 100, "\(changed) changed, \(unchanged) unchanged")
    }

    @Test func aRowMergedWithItselfIsUnchanged() {
        for (stored, _) in Self.cases {
            #expect(!DistinctEventMerge.changes(stored, taking: stored))
        }
    }

    /// Stores a row holding `stored`, runs the writer's upsert for `incoming` on its key,
    /// and says whether any descriptive column's bytes or NULL-ness moved.
    private static func upsertChanges(stored: Columns, incoming: Columns, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM events")
        try upsert(stored, parts: "stored", in: db)
        let before = try descriptive(in: db)
        try upsert(incoming, parts: "incoming", in: db)
        let after = try descriptive(in: db)
        #expect(try Int.fetchOne(db, sql: "SELECT num_mentions FROM events") == 2)
        return before != after
    }

    /// The writer's upsert, its actors' parts named for where they came from so a code
    /// that wins is seen to bring its own parts.
    private static func upsert(_ columns: Columns, parts: String, in db: Database) throws {
        let sourceParts: [String?] = columns.sourceCode == nil ? [nil, nil, nil] : ["\(parts) sc", "\(parts) s1", "\(parts) s2"]
        let targetParts: [String?] = columns.targetCode == nil ? [nil, nil, nil] : ["\(parts) tc", "\(parts) t1", "\(parts) t2"]
        let arguments: [(any DatabaseValueConvertible)?] = [
            columns.sourceAffiliation, columns.targetAffiliation, columns.location,
            columns.sourceCode, sourceParts[0], sourceParts[1], sourceParts[2],
            columns.targetCode, targetParts[0], targetParts[1], targetParts[2],
        ]
        try db.execute(sql: """
            INSERT INTO events(code, root, quad_class, goldstein, source, target, event_date, num_mentions,
                               num_documents, first_seen_at, last_seen_at, source_affiliation, target_affiliation,
                               location, source_code, source_country, source_type1, source_type2,
                               target_code, target_country, target_type1, target_type2)
            VALUES ('042', '04', 1, 1.0, 'Paris', 'Berlin', '2026-12-04', 1, 1, 't', 't',
                    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(code, source, target, event_date) DO UPDATE SET
                num_mentions = num_mentions + 1,
                num_documents = num_documents + excluded.num_documents,
                last_seen_at = excluded.last_seen_at,
                \(DistinctEventMerge.sqliteAssignments)
            """, arguments: StatementArguments(arguments))
    }

    /// The row's descriptive columns as hex bytes (`-` for NULL; `hex` alone gives NULL
    /// and '' alike): compared as Swift strings they would hide a change between
    /// canonically equivalent texts.
    private static func descriptive(in db: Database) throws -> String? {
        let columns = ["source_affiliation", "target_affiliation", "location"]
            + ["source", "target"].flatMap { side in ["code", "country", "type1", "type2"].map { "\(side)_\($0)" } }
        let sql = "SELECT " + columns.map { "iif(\($0) IS NULL, '-', 'x' || hex(\($0)))" }.joined(separator: " || ',' || ") + " FROM events"
        return try String.fetchOne(db, sql: sql)
    }
}
