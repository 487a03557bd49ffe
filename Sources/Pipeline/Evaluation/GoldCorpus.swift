import Foundation

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

    /// Reads every seed with a gold answer key from `folder` (e.g. `corpus/`).
    public static func load(folder: String) throws(GoldCorpusError) -> GoldCorpus {
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw .unreadableFolder(path: root, reason: error.localizedDescription)
        }
        var entries: [Entry] = []
        var unannotated: [String] = []
        for file in names.sorted() where file.hasSuffix(".txt") && !file.hasPrefix(".") {
            let name = String(file.dropLast(4))
            let sourcePath = root + "/" + file
            let goldPath = root + "/gold/" + name + ".json"
            guard FileManager.default.fileExists(atPath: goldPath) else {
                unannotated.append(file)
                continue
            }
            let goldBytes = try readBytes(goldPath)
            let gold: GoldAnnotation
            do throws(GoldCorpusError) {
                gold = try GoldAnnotation.decode(goldBytes)
            } catch {
                // `decode` knows no path; name the file here.
                if case .malformedGold(_, let reason) = error { throw .malformedGold(path: goldPath, reason: reason) }
                throw error
            }
            entries.append(Entry(name: name, sourcePath: sourcePath, bytes: try readBytes(sourcePath), gold: gold))
        }
        guard !entries.isEmpty else { throw .noGoldPairs(path: root) }
        return GoldCorpus(entries: entries, unannotated: unannotated)
    }

    static func readBytes(_ path: String) throws(GoldCorpusError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file or permission denied")
        }
        return [UInt8](data)
    }
}
