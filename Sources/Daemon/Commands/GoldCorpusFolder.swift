import Foundation
import Pipeline

/// Reads a corpus folder for `gleaner eval`: every `<name>.txt` with a
/// `gold/<name>.json` beside it, in name order. The Pipeline gets the bytes; it never
/// reads folders itself.
enum GoldCorpusFolder {
    static func load(_ folder: String) throws(GoldCorpusError) -> GoldCorpus {
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw .unreadableFolder(path: root, reason: error.localizedDescription)
        }
        var entries: [GoldCorpus.Entry] = []
        var unannotated: [String] = []
        for file in names.sorted() where file.hasSuffix(".txt") && !file.hasPrefix(".") {
            let name = String(file.dropLast(4))
            let sourcePath = root + "/" + file
            let goldPath = root + "/gold/" + name + ".json"
            guard FileManager.default.fileExists(atPath: goldPath) else {
                unannotated.append(file)
                continue
            }
            let gold: GoldAnnotation
            do throws(GoldCorpusError) {
                gold = try GoldAnnotation.decode(try readBytes(goldPath))
            } catch {
                // `decode` knows no path; name the file here.
                if case .malformedGold(_, let reason) = error { throw .malformedGold(path: goldPath, reason: reason) }
                throw error
            }
            entries.append(GoldCorpus.Entry(name: name, sourcePath: sourcePath, bytes: try readBytes(sourcePath), gold: gold))
        }
        guard !entries.isEmpty else { throw .noGoldPairs(path: root) }
        return GoldCorpus(entries: entries, unannotated: unannotated)
    }

    private static func readBytes(_ path: String) throws(GoldCorpusError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file or permission denied")
        }
        return [UInt8](data)
    }
}
