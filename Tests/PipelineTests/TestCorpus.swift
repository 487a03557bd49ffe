import Foundation
@testable import Pipeline

/// Where the tests find the package's corpus: from this file's path, which sits at
/// `Tests/PipelineTests/` in the package.
enum TestCorpus {
    /// The package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/` beside the package: the development data the generators read (it
    /// may be missing; the tests that need it say so and skip).
    static var sharedData: URL { root.deletingLastPathComponent().appendingPathComponent("shared/data") }

    /// `corpus/`.
    static var folder: URL { root.appendingPathComponent("corpus") }

    /// The seeds and their answer keys, read here as the Pipeline itself never reads
    /// folders (the daemon's `GoldCorpusFolder` does the same for `gleaner eval`).
    static func gold() throws -> GoldCorpus {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        let entries = try names.map { file -> GoldCorpus.Entry in
            let name = String(file.dropLast(4))
            let source = folder.appendingPathComponent(file)
            let key = folder.appendingPathComponent("gold/\(name).json")
            return GoldCorpus.Entry(name: name, sourcePath: source.path, bytes: [UInt8](try Data(contentsOf: source)),
                                    gold: try GoldAnnotation.decode([UInt8](try Data(contentsOf: key))))
        }
        return GoldCorpus(entries: entries)
    }
}
