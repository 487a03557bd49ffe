import Foundation

/// Expands the paths a person names on the command line into article files.
public enum ArticlePaths {
    /// Files are taken as named; a folder contributes its files (not dot-files, not
    /// partial uploads), sorted by name, descending into sub-folders only when `recursive`.
    public static func expand(_ paths: [String], recursive: Bool) -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
            for name in names where InboxPolicy.isCandidate(name: name) {
                let child = (path as NSString).appendingPathComponent(name)
                var childIsDirectory: ObjCBool = false
                _ = fm.fileExists(atPath: child, isDirectory: &childIsDirectory)
                if childIsDirectory.boolValue {
                    if recursive { result += expand([child], recursive: true) }
                } else {
                    result.append(child)
                }
            }
        }
        return result
    }
}

/// Which names in an inbox are articles to take, and which are still being written.
public enum InboxPolicy {
    /// Dot-files and partial uploads (`*.part`, `*.tmp`, `*~`) wait until renamed.
    public static func isCandidate(name: String) -> Bool {
        if name.hasPrefix(".") { return false }
        if name.hasSuffix(".part") || name.hasSuffix(".tmp") || name.hasSuffix("~") { return false }
        return true
    }
}
