import GRDB
import GRDBSQLite

/// A statement the writer runs once per row, bound and stepped through SQLite's C API.
///
/// GRDB's argument arrays box every value in an existential and validate them on each
/// execution; for the hundred-odd rows of one article that cost the store more than
/// SQLite's own work. The SQL is still prepared and cached by GRDB on the connection
/// (`cachedStatement`), so it is parsed once per connection, not once per batch.
///
/// Promises: after `execute` or `selectFirst` the statement is reset, whether it succeeded
/// or threw; every parameter is bound anew for each row (a row that binds too few or too
/// many is a programming error and stops the process, so no row is ever written with a
/// value left over from the one before); an error is GRDB's
/// `DatabaseError` with SQLite's code and message, so `ArticleStore` tells an item's
/// constraint failure from a database failure exactly as before.
///
/// Only for statements inside a transaction the writer opened: it bypasses GRDB's
/// per-statement bookkeeping (observers, read-only checks), which that path does not use.
struct RowStatement {
    private let statement: Statement
    private let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        // A connection is always open while a `Database` is lent to us.
        connection = db.sqliteConnection!
    }

    /// Binds the row's values in order (`bind` them from 1 upwards) and runs the statement.
    func execute(_ bindValues: (inout ColumnBinder) -> Void) throws {
        try step(bindValues) { code, _ in
            guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        }
    }

    /// Runs a query and hands its first row to `read`; nil when no row matches.
    func selectFirst<T>(_ bindValues: (inout ColumnBinder) -> Void, read: (ColumnReader) -> T) throws -> T? {
        try step(bindValues) { code, handle in
            switch code {
            case SQLITE_ROW: return read(ColumnReader(handle: handle))
            case SQLITE_DONE: return nil
            default: throw error(code)
            }
        }
    }

    /// Binds, takes one step, hands the result code to `read`, and resets.
    private func step<T>(_ bindValues: (inout ColumnBinder) -> Void,
                         _ read: (Int32, OpaquePointer) throws -> T) throws -> T {
        let handle = statement.sqliteStatement
        var binder = ColumnBinder(handle: handle)
        bindValues(&binder)
        binder.checkAllBound()
        let code = sqlite3_step(handle)
        defer { reset(handle) }
        return try read(code, handle)
    }

    /// Bindings are not cleared: every execution binds every parameter (`checkAllBound`),
    /// and clearing two dozen of them per row was a measurable part of the writer's time.
    private func reset(_ handle: OpaquePointer) {
        sqlite3_reset(handle)
    }

    private func error(_ code: Int32) -> DatabaseError {
        // sqlite3_step returns the primary code; the connection holds the extended one.
        let extended = sqlite3_extended_errcode(connection)
        return DatabaseError(resultCode: ResultCode(rawValue: extended),
                             message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
    }
}

/// Binds one row's values to a statement's parameters, in order from the first.
///
/// Strings are copied by SQLite (`SQLITE_TRANSIENT`) while bound, so the row's Swift
/// values need not outlive the call; `nil` binds SQL NULL.
struct ColumnBinder {
    fileprivate let handle: OpaquePointer
    private var index: Int32 = 1

    fileprivate init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Stops on a row that did not bind exactly the statement's parameters: with bindings
    /// kept between rows, a missing one would silently repeat the previous row's value.
    fileprivate func checkAllBound() {
        let expected = sqlite3_bind_parameter_count(handle)
        precondition(index - 1 == expected, "bound \(index - 1) of the statement's \(expected) parameters")
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        index += 1
    }

    mutating func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    mutating func bind(_ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        index += 1
    }

    mutating func bind(_ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            index += 1
            return
        }
        let handle = self.handle, index = self.index
        value.withUTF8 { bytes in
            // An empty buffer may have no address; SQLite reads a null pointer as NULL, and
            // an empty string is not NULL.
            if let base = bytes.baseAddress {
                _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    sqlite3_bind_text64(handle, index, chars, UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
                }
            } else {
                sqlite3_bind_text64(handle, index, "", 0, Self.transient, UInt8(SQLITE_UTF8))
            }
        }
        self.index += 1
    }
}

/// Reads the columns of the row a statement stands on, by index from 0; only inside
/// `RowStatement.selectFirst`'s `read`, while the row is current.
struct ColumnReader {
    fileprivate let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The column as text (copied out of SQLite's buffer), or nil for SQL NULL.
    func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL,
              let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
