import Foundation
import Glibc
import Synchronization
import Testing

/// A throwaway PostgreSQL cluster for tests: `initdb` in a fresh temporary folder (the
/// superuser is `postgres`, every local login is trusted), the server listening only on
/// a Unix socket in that folder, stopped and removed in `deinit`.
///
/// PostgreSQL refuses to run as root; when the tests run as root the cluster belongs to
/// `nobody` and its programs run through `setpriv`. `PostgresCluster.start()` throws
/// `Unavailable` with the reason where it cannot run (no server installed, no
/// unprivileged user), so a test can say plainly why it skipped.
public final class PostgresCluster: Sendable {
    /// The folder holding the data directory, the socket and the log.
    public let folder: String
    public let dataDirectory: String
    private let binaries: String
    private let runAs: [String]
    private let running = Atomic<Bool>(false)
    public var isRunning: Bool { running.load(ordering: .relaxed) }

    /// Why a cluster cannot run here.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The URI of database `name` on this cluster, as `role` (the superuser by default).
    public func uri(database name: String = "gleaner", role: String = "postgres") -> String {
        "postgresql://\(role)@/\(name)?host=\(folder)"
    }

    /// Initializes and starts a cluster, with an empty database `gleaner`.
    public static func start() throws(Unavailable) -> PostgresCluster {
        guard let binaries = serverBinaries() else {
            throw Unavailable(description: "no PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb); scripts/install-deps installs it")
        }
        var runAs: [String] = []
        if getuid() == 0 {
            guard let nobody = getpwnam("nobody") else {
                throw Unavailable(description: "running as root and there is no user `nobody` to run PostgreSQL as")
            }
            runAs = ["/usr/bin/setpriv", "--reuid=\(nobody.pointee.pw_uid)", "--regid=\(nobody.pointee.pw_gid)",
                     "--clear-groups", "--"]
        }
        do {
            let cluster = try PostgresCluster(binaries: binaries, runAs: runAs)
            try cluster.initialize()
            try cluster.startServer()
            try cluster.createDatabase("gleaner")
            return cluster
        } catch {
            throw Unavailable(description: "the throwaway PostgreSQL cluster did not start: \(error)")
        }
    }

    private init(binaries: String, runAs: [String]) throws {
        self.binaries = binaries
        self.runAs = runAs
        // Short: a Unix socket path must fit in 107 bytes.
        folder = "/tmp/gleaner-pg-\(UUID().uuidString.prefix(8))"
        dataDirectory = folder + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0, let nobody = getpwnam("nobody") {
            chown(folder, nobody.pointee.pw_uid, nobody.pointee.pw_gid)
        }
    }

    deinit {
        if isRunning { _ = try? run("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]) }
        // A server that just stopped may still be removing its socket: try twice.
        if (try? FileManager.default.removeItem(atPath: folder)) == nil {
            usleep(200_000)
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    private func initialize() throws {
        try run("initdb", ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
                           "--no-sync"])
    }

    private func startServer() throws {
        // No TCP; the socket in the folder; no fsync (the machine will not crash under a
        // test). Commits stay synchronous: `stop()` is an immediate shutdown, as a crash
        // of the server would be, and must not lose a commit the client was told about.
        let options = "-k \(folder) -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        try run("pg_ctl", ["-D", dataDirectory, "-l", folder + "/server.log", "-o", options, "-w", "-t", "30", "start"])
        running.store(true, ordering: .relaxed)
    }

    /// Stops the server now (`immediate`: as a crash would); `restart()` brings it back.
    public func stop() throws {
        try run("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
        running.store(false, ordering: .relaxed)
    }

    /// Starts the stopped server again, with the same data.
    public func restart() throws {
        try startServer()
    }

    /// Creates an empty database.
    public func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \"\(name)\"", database: "postgres")
    }

    /// Runs SQL through `psql` as `role` and returns its unaligned output (`-At`).
    @discardableResult
    public func psql(_ sql: String, database: String = "gleaner", role: String = "postgres") throws -> String {
        try run("psql", ["-h", folder, "-U", role, "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql])
    }

    /// Runs a file of SQL through `psql` as the superuser, with `psql` variables.
    @discardableResult
    public func psql(file: String, variables: [String: String] = [:], database: String = "postgres") throws -> String {
        try run("psql", ["-h", folder, "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-f", file]
                + variables.sorted { $0.key < $1.key }.flatMap { ["-v", "\($0.key)=\($0.value)"] })
    }

    /// Runs one of the server's programs (as `nobody` when we are root) and returns its
    /// output; throws with the output when it fails.
    ///
    /// Spawned and waited for directly, output to a file: Foundation's `Process` notices
    /// its child's exit through a descriptor the child inherits, and the server that
    /// `pg_ctl start` leaves running inherits it too, so the wait would never end.
    @discardableResult
    private func run(_ program: String, _ arguments: [String]) throws -> String {
        let argv = runAs + ["\(binaries)/\(program)"] + arguments
        let outputPath = folder + "/\(program)-\(UUID().uuidString.prefix(8)).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw ClusterError(message: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Exited normally (no signal) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw ClusterError(message: "\(program) failed (wait status \(status)): \(text)")
        }
        return text
    }

    private struct ClusterError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The newest installed server's programs folder.
    private static func serverBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }
}

/// A throwaway cluster for one test, or the test is cancelled saying plainly why it
/// cannot run here.
public func startPostgres() throws -> PostgresCluster {
    do {
        return try PostgresCluster.start()
    } catch {
        try Test.cancel(Comment(rawValue: "skipped: \(error)"))
    }
}
