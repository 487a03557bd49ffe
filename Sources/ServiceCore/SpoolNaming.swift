import Foundation
import Glibc

/// The names the spool gives files it moves: the writer's own name when it is free,
/// otherwise `name.1`, `name.2`, ... — always within `NAME_MAX` (255 bytes), together
/// with any suffix the caller will add (`.error.json` beside a failed file).
public enum SpoolNaming {
    /// What is appended to a failed file's name for its report.
    public static let reportSuffix = ".error.json"
    /// The longest file name Linux file systems take, in bytes.
    public static let nameMax = Int(NAME_MAX)

    /// A free path in `folder` for `name`, leaving `reserving` bytes of the name for a
    /// suffix; `nil` when 10,000 candidates are taken.
    public static func freePath(in folder: String, for name: String, reserving: Int = 0) -> String? {
        var info = stat()
        for n in 0...10_000 {
            let candidate = folder + "/" + self.name(name, collision: n, reserving: reserving)
            if lstat(candidate, &info) != 0 { return candidate }
        }
        return nil
    }

    /// `name` for the `collision`-th taken name (0: the name itself), cut at a character
    /// boundary so that the result and a `reserving`-byte suffix fit in `NAME_MAX`.
    public static func name(_ name: String, collision: Int, reserving: Int = 0) -> String {
        let suffix = collision == 0 ? "" : ".\(collision)"
        let room = nameMax - reserving - suffix.utf8.count
        return truncated(name, toBytes: room) + suffix
    }

    /// The longest prefix of `text` of at most `limit` UTF-8 bytes that ends on a
    /// character boundary.
    public static func truncated(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            result.append(character)
            used += size
        }
        return result
    }
}
