import ArgumentParser
import Foundation
import Glibc
import Synchronization

/// A `gleaner serve` child process for the benchmark: started on its own spool, known
/// ready when it sends READY=1 on a real notify socket, sampled for memory, stopped with
/// SIGTERM.
final class ChildDaemon {
    let process = Process()
    let inbox: String
    let database: String
    private let notifyFD: Int32
    private let notifyPath: String

    /// - parameter database: a PostgreSQL URI to write into; by default an SQLite file in `root`.
    init(root: String, parallelism: Int?, events: Bool = true, database: String? = nil) throws {
        inbox = root + "/inbox"
        self.database = database ?? root + "/gleaner.sqlite"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let config = root + "/gleaner.conf"
        var settings = "rescan_interval_seconds = 60\n"
        if let parallelism { settings += "parallelism = \(parallelism)\n" }
        if !events { settings += "events_stage = false\n" }
        // The corpus rotates the seeds' paragraphs: with furniture on they would soon be
        // "repeated" and cleaned away, making later articles cheaper than real ones.
        settings += "furniture_min_documents = 0\n"
        try Data(settings.utf8).write(to: URL(fileURLWithPath: config))
        notifyPath = root + "/notify.sock"
        notifyFD = try ChildDaemon.bindDatagramSocket(notifyPath)
        process.executableURL = URL(fileURLWithPath: ChildDaemon.selfPath)
        process.arguments = ["serve", "--config", config, "--inbox", inbox, "--db", self.database]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notifyPath
        environment.removeValue(forKey: "JOURNAL_STREAM")
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: ChildDaemon.touch(root + "/daemon.log")))
    }

    deinit {
        // An error part-way through a run must not leave a daemon behind.
        if process.isRunning { _ = stop() }
        close(notifyFD)
        unlink(notifyPath)
    }

    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    func start() throws {
        try process.run()
    }

    /// Blocks until the daemon says READY=1, up to `timeout` seconds; returns whether it did.
    func waitUntilReady(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(notifyFD, $0.baseAddress, $0.count, 0) }
            if n > 0, String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").contains("READY=1") {
                // Nobody reads this socket from now on: remove it, so the daemon's later
                // notifications fail at once instead of filling a buffer nobody drains.
                unlink(notifyPath)
                return true
            }
        }
        return false
    }

    /// Resident memory now and at its peak, in bytes, from /proc.
    func memory() -> (resident: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else {
            return (0, 0)
        }
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0) * 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// SIGTERM, then waits; returns the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func touch(_ path: String) -> String {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return path
    }

    private static func bindDatagramSocket(_ path: String) throws -> Int32 {
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else {
            throw ValidationError("cannot bind a notify socket at \(path): \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }
}
