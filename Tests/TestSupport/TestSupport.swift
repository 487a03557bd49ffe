import Foundation
import Glibc
import Pipeline

// What every test target shares: temporary folders, the package root, its seeds and their
// answer keys, and polling for a condition instead of sleeping a fixed time.

/// The package's root folder (this file is `Tests/TestSupport/TestSupport.swift`), for the corpus.
public enum PackageRoot {
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var corpus: URL { url.appendingPathComponent("corpus") }
    public static var seedFiles: [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted().map { corpus.appendingPathComponent($0) }
    }

    /// `../shared/data/` beside the package: the development data the generators read (it
    /// may be missing; the tests that need it say so and skip).
    public static var sharedData: URL { url.deletingLastPathComponent().appendingPathComponent("shared/data") }

    /// The seeds and their answer keys (`corpus/gold/NAME.json`), read here as the Pipeline
    /// itself never reads folders (the daemon's `GoldCorpusFolder` does the same for `gleaner eval`).
    public static func seedGold() throws -> GoldCorpus {
        let entries = try seedFiles.map { source -> GoldCorpus.Entry in
            let name = String(source.lastPathComponent.dropLast(4))
            let key = corpus.appendingPathComponent("gold/\(name).json")
            return GoldCorpus.Entry(name: name, sourcePath: source.path, bytes: [UInt8](try Data(contentsOf: source)),
                                    gold: try GoldAnnotation.decode([UInt8](try Data(contentsOf: key))))
        }
        return GoldCorpus(entries: entries)
    }
}

/// A fresh temporary folder, removed when the test's value goes away.
public final class TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gleaner-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Polls `condition` until it holds or `seconds` pass.
public func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}

/// Runs `arguments` through `/usr/bin/env` (a generator script, `python3 -c …`) and waits:
/// its exit status, or -1 when it cannot start. Its standard output is discarded, and its
/// standard error too when `quiet`. The tests that compare a committed table with its
/// generator's output run the generator through this.
public func runTool(_ arguments: [String], quiet: Bool = false) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    if quiet { process.standardError = FileHandle.nullDevice }
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
