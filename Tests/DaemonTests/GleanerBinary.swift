import Foundation

/// Locates the `gleaner` executable that `swift test` built beside the test bundle.
enum GleanerBinary {
    static var url: URL {
        if let override = ProcessInfo.processInfo.environment["GLEANER_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("gleaner")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("gleaner")
    }
}
