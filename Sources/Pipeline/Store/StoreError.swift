import GRDB

/// Why the article database could not do what was asked, with the path and what a
/// person can do about it.
///
/// `description` is a sentence for an operator or analyst; the cases are for code that
/// wants to react (the daemon retries `.locked`, stops on `.diskFull`).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or created (missing directory, permissions).
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database, or an SQLite database that is not Gleaner's.
    case notGleanerDatabase(path: String, reason: String)
    /// The database was migrated by a newer Gleaner than this one.
    case newerSchema(path: String, unknownMigrations: [String])
    /// A read-only open found a database that is not migrated to this Gleaner's schema.
    case olderSchema(path: String)
    /// Another process held the write lock longer than the busy timeout.
    case locked(path: String)
    /// The disk (or the filesystem quota) is full.
    case diskFull(path: String)
    /// The store was opened read-only and was asked to write.
    case readOnly(path: String)
    /// The full-text query is not valid FTS5 syntax.
    case badSearchQuery(query: String, reason: String)
    /// Any other SQLite failure, with SQLite's message.
    case sqlite(path: String, message: String)
    /// The PostgreSQL server cannot be reached, refused the login, or dropped the
    /// connection (it is down, restarting, or the network is).
    case serverUnavailable(location: String, reason: String)
    /// Any other PostgreSQL failure, with the server's message and SQLSTATE.
    case server(location: String, message: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the database \(path): \(reason). Check that the directory exists and is writable by this user."
        case let .notGleanerDatabase(path, reason):
            return "\(path) is not a Gleaner database (\(reason)). Point Gleaner at a new file or at a database it created."
        case let .newerSchema(path, unknown):
            return "\(path) was written by a newer Gleaner (unknown migrations: \(unknown.joined(separator: ", "))). Upgrade Gleaner before using this database."
        case let .olderSchema(path):
            return "\(path) has an older schema than this Gleaner. Open it once read-write (start the daemon) to migrate it."
        case let .locked(path):
            return "the database \(path) is locked by another writer. Only one Gleaner daemon may write it; stop the other one or retry."
        case let .diskFull(path):
            return "the disk holding \(path) is full. Free space (or raise the quota); nothing of the failed batch was committed."
        case let .readOnly(path):
            return "the database \(path) was opened read-only and cannot be written."
        case let .badSearchQuery(query, reason):
            return "not a valid search query: \(query) (\(reason)). Put a word or phrase in double quotes to search it literally, e.g. \"trade war\" or \"AND\" (a double quote inside a quoted term is written twice); AND, OR, NOT must stand between two terms."
        case let .sqlite(path, message):
            return "database error in \(path): \(message)"
        case let .serverUnavailable(location, reason):
            return "cannot reach the PostgreSQL database \(location): \(reason). Check that the server is running and accepts this role; files stay in the inbox until it does."
        case let .server(location, message):
            return "database error in \(location): \(message)"
        }
    }

    /// Maps an SQLite error met while working on `path` to the case a person can act on.
    package static func from(_ error: any Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        if let server = error as? PostgresError {
            return server.isConnectionLoss ? .serverUnavailable(location: path, reason: server.description)
                : .server(location: path, message: server.description)
        }
        guard let db = error as? DatabaseError else {
            return .sqlite(path: path, message: String(describing: error))
        }
        let message = db.message ?? db.resultCode.description
        switch db.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path, reason: message)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notGleanerDatabase(path: path, reason: message)
        case .SQLITE_READONLY: return .readOnly(path: path)
        default: return .sqlite(path: path, message: message)
        }
    }
}
