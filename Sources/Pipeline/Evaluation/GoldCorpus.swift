/// The seed articles of a corpus folder that have an answer key: every `<name>.txt`
/// with a `gold/<name>.json` beside it, in name order.
///
/// Seeds without a gold file are listed in `unannotated` and not scored, so a corpus
/// may grow samples before their keys are written.
public struct GoldCorpus: Sendable {
    /// One seed and its answer key.
    public struct Entry: Sendable {
        /// The seed's file name without extension, e.g. `002_c07e5aee2e7be1e9`.
        public var name: String
        /// Path of the seed file, as the corpus folder path was given plus the file name.
        public var sourcePath: String
        /// The seed's bytes, as the pipeline should receive them.
        public var bytes: [UInt8]
        public var gold: GoldAnnotation

        public init(name: String, sourcePath: String, bytes: [UInt8], gold: GoldAnnotation) {
            self.name = name
            self.sourcePath = sourcePath
            self.bytes = bytes
            self.gold = gold
        }
    }

    public var entries: [Entry]
    /// Seeds (`.txt`) that have no gold file.
    public var unannotated: [String]

    public init(entries: [Entry], unannotated: [String] = []) {
        self.entries = entries
        self.unannotated = unannotated
    }
}
