import Foundation
import GRDB

/// Holds the database's write lock from another connection, as a long transaction by
/// some other tool would, until released.
final class DatabaseLocker: @unchecked Sendable {
    // @unchecked: `queue` is only used from the thread that calls `init` and `release`.
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // holding the lock across calls is the point
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
    }

    func release() {
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "ROLLBACK")
        }
    }
}
