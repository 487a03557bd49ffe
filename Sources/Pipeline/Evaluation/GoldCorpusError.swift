/// Why a gold corpus could not be loaded, naming the file a person has to look at.
public enum GoldCorpusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The corpus folder (or its `gold/` folder) cannot be listed.
    case unreadableFolder(path: String, reason: String)
    /// A seed or gold file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A gold file is not the JSON the gold README describes.
    case malformedGold(path: String, reason: String)
    /// The folder holds no `<name>.txt` with a `gold/<name>.json` beside it.
    case noGoldPairs(path: String)

    public var description: String {
        switch self {
        case let .unreadableFolder(path, reason): return "cannot list \(path): \(reason)"
        case let .unreadableFile(path, reason): return "cannot read \(path): \(reason)"
        case let .malformedGold(path, reason): return "gold file \(path) is malformed: \(reason)"
        case let .noGoldPairs(path): return "\(path) has no <name>.txt with a gold/<name>.json answer key"
        }
    }
}
