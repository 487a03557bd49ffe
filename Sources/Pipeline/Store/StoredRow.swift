import GRDB

/// One row a store read, by column position: what `DocumentReader` needs from either
/// store's rows, so both rebuild documents with the same code.
///
/// Promises: a NULL reads as nil from every accessor; `integer` and `real` read the
/// column's value as that type (a PostgreSQL row parses its text output).
protocol StoredRow {
    func text(_ column: Int) -> String?
    func integer(_ column: Int) -> Int64?
    func real(_ column: Int) -> Double?
}

extension StoredRow {
    /// A column the schema declares NOT NULL; a NULL there reads as the empty value.
    func requiredText(_ column: Int) -> String { text(column) ?? "" }
    func requiredInt(_ column: Int) -> Int { Int(integer(column) ?? 0) }
    func requiredReal(_ column: Int) -> Double { real(column) ?? 0 }
}

extension Row: StoredRow {
    func text(_ column: Int) -> String? { self[column] }
    func integer(_ column: Int) -> Int64? { self[column] }
    func real(_ column: Int) -> Double? { self[column] }
}

/// Where `DocumentReader` gets its rows: a store's read transaction.
///
/// SQL is written with `?` placeholders, which each store binds in its own way.
protocol StoredRowSource {
    associatedtype Row: StoredRow
    /// The rows of a query whose only parameter is a document id.
    func rows(_ sql: String, documentID: Int64) throws -> [Row]
    /// Every row of a query without parameters, one at a time, without holding them all.
    func forEachRow(_ sql: String, _ body: (Row) throws -> Void) throws
}

/// Rows from an SQLite read transaction, through statements cached on the connection.
struct SQLiteRowSource: StoredRowSource {
    let db: Database

    func rows(_ sql: String, documentID: Int64) throws -> [GRDB.Row] {
        try GRDB.Row.fetchAll(db.cachedStatement(sql: sql), arguments: [documentID])
    }

    func forEachRow(_ sql: String, _ body: (GRDB.Row) throws -> Void) throws {
        let cursor = try GRDB.Row.fetchCursor(db.cachedStatement(sql: sql))
        while let row = try cursor.next() { try body(row) }
    }
}
