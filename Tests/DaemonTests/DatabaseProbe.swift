import GRDB

/// Reads a Gleaner database the way an analyst would: a separate read-only connection.
struct DatabaseProbe {
    let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    func count(_ table: String) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    func counts(_ tables: [String]) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for table in tables { result[table] = try count(table) }
        return result
    }

    func strings(_ sql: String) throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: sql) }
    }
}
