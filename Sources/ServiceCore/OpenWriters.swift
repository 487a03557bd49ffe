import Foundation
import Glibc

/// Which files some process holds open for writing, read from `/proc/<pid>/fd` and
/// `/proc/<pid>/fdinfo`.
///
/// Sees only the processes `/proc` shows this one: all of them when it runs as root or
/// as the writers' own user, none of other users under systemd's `ProtectProc=invisible`.
/// The spool's settle time covers what it cannot see (see docs/operations.md).
public enum OpenWriters {
    /// The members of `files` that a visible process has open with write access.
    public static func filesOpenForWriting(among files: Set<FileIdentity>) -> Set<FileIdentity> {
        var found: Set<FileIdentity> = []
        guard let proc = opendir("/proc") else { return found }
        defer { closedir(proc) }
        let me = getpid()
        while let entry = readdir(proc) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), pid != me else { continue }
            scan(pid: name, files: files, into: &found)
            if found.count == files.count { break }
        }
        return found
    }

    private static func scan(pid: String, files: Set<FileIdentity>, into found: inout Set<FileIdentity>) {
        let fdFolder = "/proc/\(pid)/fd"
        guard let dir = opendir(fdFolder) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let fd = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard Int(fd) != nil else { continue }
            var info = stat()
            guard stat(fdFolder + "/" + fd, &info) == 0 else { continue }
            let identity = FileIdentity(info)
            guard files.contains(identity), !found.contains(identity), isWritable(pid: pid, fd: fd) else { continue }
            found.insert(identity)
        }
    }

    /// Whether `/proc/<pid>/fdinfo/<fd>` gives write access (`flags:` in octal).
    private static func isWritable(pid: String, fd: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/fdinfo/\(fd)") else { return false }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("flags:") {
            let digits = line.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces)
            guard let flags = Int32(digits, radix: 8) else { return false }
            return flags & O_ACCMODE != O_RDONLY
        }
        return false
    }
}
