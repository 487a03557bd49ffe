import Foundation
import TestSupport
import Glibc

/// A real `gleaner serve` on a temporary spool: inbox/, done/, failed/, a database, and
/// its logs, restartable in the same folder (for crash tests).
final class DaemonUnderTest {
    let folder: TemporaryFolder
    private(set) var process: Process
    private let arguments: [String]
    private let environment: [String: String]
    var inbox: URL { folder.url.appendingPathComponent("inbox") }
    var processing: URL { inbox.appendingPathComponent(".gleaner/processing") }
    var done: URL { folder.url.appendingPathComponent("done") }
    var failed: URL { folder.url.appendingPathComponent("failed") }
    /// The `--db` value: the SQLite file in the folder, or the PostgreSQL URI given.
    let db: String
    var configPath: String { folder.path("gleaner.conf") }

    init(rescanInterval: Double = 1, config: String = "# defaults\n", environment: [String: String] = [:],
         folder: TemporaryFolder? = nil, database: String? = nil) throws {
        self.folder = try folder ?? TemporaryFolder()
        db = database ?? self.folder.path("g.sqlite")
        try FileManager.default.createDirectory(at: self.folder.url.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: self.folder.path("gleaner.conf"), contents: Data(config.utf8))
        arguments = ["serve", "--config", self.folder.path("gleaner.conf"), "--inbox", self.folder.path("inbox"),
                     "--db", db, "--rescan-interval", String(rescanInterval)]
        self.environment = environment
        process = try GleanerProcess.start(arguments, logs: self.folder.url, environment: environment)
    }

    /// A daemon a failed test left running is killed, never left behind.
    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The arguments it was started with, for a second daemon on the same spool.
    var serveArguments: [String] { arguments }

    /// Starts the daemon again after it was stopped or killed.
    func restart() throws {
        process = try GleanerProcess.start(arguments, logs: folder.url, environment: environment)
    }

    func names(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// Writes a file the way writers should: a dot-name, then a rename into the inbox.
    func drop(_ name: String, _ data: Data) throws {
        let temp = inbox.appendingPathComponent(".\(UUID().uuidString).part")
        try data.write(to: temp)
        try FileManager.default.moveItem(at: temp, to: inbox.appendingPathComponent(name))
    }

    func signal(_ signo: Int32) {
        kill(process.processIdentifier, signo)
    }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGTERM, then the exit status if the daemon exits within `seconds`; otherwise it is
    /// killed and the result is `nil` (a hung daemon must fail a test, not hang it).
    func stop(within seconds: Double) -> Int32? {
        process.terminate()
        if eventually(within: seconds, { !process.isRunning }) {
            process.waitUntilExit()
            return process.terminationStatus
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }

    var stderr: String { (try? String(contentsOfFile: folder.path("stderr"), encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOfFile: folder.path("stdout"), encoding: .utf8)) ?? "" }
}

/// A seed article made unique, so many of them are many documents.
func variedArticle(_ n: Int) throws -> Data {
    let seeds = PackageRoot.seedFiles
    var text = try String(contentsOf: seeds[n % seeds.count], encoding: .utf8)
    text += "\n\nThis is copy number \(n) of the article, filed from Geneva.\n"
    return Data(text.utf8)
}
