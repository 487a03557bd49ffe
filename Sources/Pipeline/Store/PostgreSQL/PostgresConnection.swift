import CLibPQ
import Glibc

/// One connection to a PostgreSQL server through libpq, used by one thread at a time.
///
/// Promises: every statement is sent with its values as separate text parameters (never
/// spliced into the SQL); a statement sent through `run(prepared:)` is parsed once per
/// connection; a failed statement throws a `PostgresError` with the server's SQLSTATE;
/// once the server or the network drops the connection, `isBroken` says so and every
/// later call throws until the owner opens a new connection. The connection closes when
/// the value goes away.
///
/// Not `Sendable`: a libpq connection must not be used from two threads at once. The
/// stores keep each one behind a `Mutex`.
final class PostgresConnection {
    /// The connection URI (`postgresql://…`), as given.
    let uri: String
    private let handle: OpaquePointer
    /// Prepared statement names by their SQL.
    private var prepared: [String: String] = [:]

    /// Connects; throws `PostgresError` (class 08) when the server cannot be reached or
    /// refuses the login.
    init(uri: String) throws(PostgresError) {
        self.uri = uri
        guard let handle = PQconnectdb(uri) else {
            throw PostgresError(sqlState: "08000", message: "libpq could not allocate a connection")
        }
        self.handle = handle
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(handle))
            // Every stored property is set, so `deinit` runs and closes the handle.
            throw PostgresError(sqlState: "08001", message: message)
        }
        // Notices ("relation already exists, skipping") are not for the operator's journal.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        _ = try run("SET client_encoding = 'UTF8'; SET application_name = 'gleaner'")
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether the connection was lost; a broken connection never recovers.
    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Runs one statement (or, without parameters, several separated by semicolons) and
    /// returns every row it produced.
    @discardableResult
    func run(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        // The simple query protocol (PQexec) is the one that takes several statements.
        if parameters.isEmpty { return try take(PQexec(handle, sql), sql: sql) }
        try Self.refuseNUL(parameters)
        let result = Self.withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try take(result, sql: sql)
    }

    /// Runs a statement prepared on this connection the first time it is seen.
    @discardableResult
    func run(prepared sql: String, _ parameters: [String?]) throws(PostgresError) -> PostgresRows {
        try Self.refuseNUL(parameters)
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "gleaner_\(prepared.count)"
            _ = try take(PQprepare(handle, name, sql, Int32(parameters.count), nil), sql: sql)
            prepared[sql] = name
        }
        let result = Self.withCStrings(parameters) { values in
            PQexecPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
        }
        return try take(result, sql: sql)
    }

    /// The rows of a result, or its error; the result is freed either way.
    private func take(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError(sqlState: isBroken ? "08006" : nil, message: Self.trimmed(PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(values: [], columns: 0)
        case PGRES_TUPLES_OK:
            let rowCount = Int(PQntuples(result)), columnCount = Int(PQnfields(result))
            var values: [String?] = []
            values.reserveCapacity(rowCount * columnCount)
            for row in 0..<Int32(rowCount) {
                for column in 0..<Int32(columnCount) {
                    if PQgetisnull(result, row, column) != 0 {
                        values.append(nil)
                    } else {
                        values.append(String(cString: PQgetvalue(result, row, column)))
                    }
                }
            }
            return PostgresRows(values: values, columns: columnCount)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = Self.trimmed(PQresultErrorMessage(result))
            // A statement cut off by a lost connection has no SQLSTATE of its own.
            throw PostgresError(sqlState: state ?? (isBroken ? "08006" : nil), message: message)
        }
    }

    /// PostgreSQL text cannot hold U+0000 (and a C string would cut it short there): such
    /// a value is refused as the server refuses it, SQLSTATE 22021, an item's fault.
    private static func refuseNUL(_ parameters: [String?]) throws(PostgresError) {
        for case let value? in parameters where value.utf8.contains(0) {
            throw PostgresError(sqlState: "22021", message: "a text value holds a NUL character, which PostgreSQL cannot store")
        }
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown libpq error" }
        let text = String(cString: message)
        return String(text.reversed().drop(while: \.isNewline).reversed())
    }

    /// Calls `body` with the parameters as NUL-terminated C strings (NULL for nil) that
    /// live for the call.
    private static func withCStrings<T>(_ parameters: [String?],
                                        _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        var owned: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } }
        defer { for pointer in owned { free(pointer) } }
        return owned.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(1, buffer.count)) {
                body(parameters.isEmpty ? nil : UnsafePointer($0))
            }
        }
    }
}

/// The rows a statement returned, every value as PostgreSQL's text output (nil: NULL).
struct PostgresRows {
    fileprivate let values: [String?]
    fileprivate let columns: Int

    var count: Int { columns == 0 ? 0 : values.count / columns }

    subscript(row: Int) -> PostgresRow {
        PostgresRow(values: values[(row * columns)..<((row + 1) * columns)])
    }

    /// Every row, in order.
    var all: [PostgresRow] { (0..<count).map { self[$0] } }

    /// The first column of the first row as an integer (an id), or nil without rows.
    var firstID: Int64? { count == 0 ? nil : self[0].integer(0) }
}

/// One row of `PostgresRows`.
struct PostgresRow: StoredRow {
    let values: ArraySlice<String?>

    func text(_ column: Int) -> String? { values[values.startIndex + column] }
    func integer(_ column: Int) -> Int64? { text(column).flatMap { Int64($0) } }
    func real(_ column: Int) -> Double? {
        guard let text = text(column) else { return nil }
        switch text {
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }
}

/// A failure reported by the PostgreSQL server or by libpq, with the SQLSTATE when known.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE (`23505`, `40P01`, `08006`, …), nil when libpq gave none.
    var sqlState: String?
    var message: String

    var description: String { sqlState.map { "\(message) [SQLSTATE \($0)]" } ?? message }

    /// The connection is gone or could not be made (class 08), or the server is shutting
    /// down or restarting (57P01-57P03): the work is retried on a new connection.
    var isConnectionLoss: Bool {
        guard let state = sqlState else { return true }
        return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    }

    /// The server aborted the transaction to break a deadlock or a serialization
    /// conflict with another writer: running it again whole is the remedy.
    var isConflict: Bool { sqlState == "40P01" || sqlState == "40001" }

    /// A value or a row the schema refuses (classes 22 and 23): the item's fault, not the
    /// database's.
    var isItemError: Bool {
        guard let state = sqlState else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23")
    }
}

/// Text parameters from the writer's Swift values, as PostgreSQL reads them.
enum PostgresParameter {
    static func of(_ value: String?) -> String? { value }
    static func of(_ value: Int?) -> String? { value.map { String($0) } }
    static func of(_ value: Int64?) -> String? { value.map { String($0) } }
    static func of(_ value: Double?) -> String? {
        guard let value else { return nil }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return String(value)
    }
}
