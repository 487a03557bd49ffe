import Foundation

/// Where the tests find the package's corpus: from this file's path, which sits at
/// `Tests/PipelineTests/` in the package.
enum TestCorpus {
    /// The package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `corpus/`.
    static var folder: URL { root.appendingPathComponent("corpus") }
}
