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
