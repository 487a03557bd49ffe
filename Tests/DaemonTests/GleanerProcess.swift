import Foundation

/// Runs the real `gleaner` binary and collects what it printed.
struct GleanerRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum GleanerProcess {
    /// Runs `gleaner args...` to completion.
    static func run(_ args: [String], cwd: URL? = nil, asUser uid: UInt32? = nil) throws -> GleanerRun {
        let process = Process()
        if let uid {
            // Another user, as an operator without the service's rights would run it.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid", "\(uid)", "--regid", "\(uid)", "--clear-groups", GleanerBinary.url.path] + args
        } else {
            process.executableURL = GleanerBinary.url
            process.arguments = args
        }
        if let cwd { process.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a chatty child never blocks on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return GleanerRun(status: process.terminationStatus,
                          stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `gleaner args...` in the background; output goes to files in `logs`.
    static func start(_ args: [String], logs: URL, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = GleanerBinary.url
        process.arguments = args
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        _ = FileManager.default.createFile(atPath: logs.appendingPathComponent("stdout").path, contents: nil)
        _ = FileManager.default.createFile(atPath: logs.appendingPathComponent("stderr").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: logs.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: logs.appendingPathComponent("stderr"))
        try process.run()
        return process
    }
}

/// The package's root folder, for the corpus.
enum PackageRoot {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var corpus: URL { url.appendingPathComponent("corpus") }
    static var seedFiles: [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted().map { corpus.appendingPathComponent($0) }
    }
}

/// A fresh temporary folder, removed when the test's value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gleaner-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
