import Foundation
import Glibc

/// The folders of the spool and the moves between them:
/// `inbox/ -> inbox/.gleaner/processing/ -> done/` (or deleted), or `-> failed/` with
/// `<name>.error.json` beside the file.
///
/// Every move is a `rename(2)` inside one filesystem, so a file is always in exactly
/// one place, and a crash leaves it where the last completed step put it.
public struct SpoolDirectory: Sendable {
    public let inbox: String
    public let processing: String
    public let done: String
    public let failed: String
    /// The spool's own folder, `inbox/.gleaner`: the lock, `processing/`, `attempts/`.
    public let control: String
    /// Crash counts of the files in `processing/` (`inbox/.gleaner/attempts/<name>`).
    public let attempts: String
    /// Delete committed files instead of keeping them in `done/`.
    public let deleteDone: Bool

    public init(inbox: String, done: String? = nil, failed: String? = nil, deleteDone: Bool = false) {
        let parent = (inbox as NSString).deletingLastPathComponent
        self.inbox = inbox
        self.control = (inbox as NSString).appendingPathComponent(".gleaner")
        self.processing = control + "/processing"
        self.attempts = control + "/attempts"
        self.done = done ?? (parent as NSString).appendingPathComponent("done")
        self.failed = failed ?? (parent as NSString).appendingPathComponent("failed")
        self.deleteDone = deleteDone
    }

    /// Creates the folders that do not exist yet.
    public func prepare() throws {
        let fm = FileManager.default
        for dir in [inbox, processing, attempts, done, failed] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    /// Names waiting in the inbox, by name, leaving out files a writer may still be
    /// writing: those modified in the last `settle` seconds, and regular files that a
    /// process this one can see in `/proc` holds open for writing (inotify reports those
    /// on close). Renames entries whose names are not UTF-8 (see `DirectoryListing`).
    public func waitingNames(settle: Double) -> [String] {
        let names = (DirectoryListing.entries(of: inbox, renamingUndecodable: true) ?? []).map(\.name)
            .filter(InboxPolicy.isCandidate(name:)).sorted()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var regular: [String: FileIdentity] = [:]
        let settled = names.filter { name in
            var info = stat()
            guard lstat(inbox + "/" + name, &info) == 0 else { return false }
            let age = Double(now.tv_sec - info.st_mtim.tv_sec) + Double(now.tv_nsec - info.st_mtim.tv_nsec) / 1e9
            if info.st_mode & S_IFMT == S_IFREG { regular[name] = FileIdentity(info) }
            return age >= settle
        }
        let candidates = Set(settled.compactMap { regular[$0] })
        guard !candidates.isEmpty else { return settled }
        let open = OpenWriters.filesOpenForWriting(among: candidates)
        return settled.filter { name in regular[name].map { !open.contains($0) } ?? true }
    }

    /// How many entries wait in the inbox (a cheap count for status, no `stat`). Reads
    /// the folder only: it never renames anything.
    public func waitingCount() -> Int {
        (DirectoryListing.entries(of: inbox, renamingUndecodable: false) ?? [])
            .reduce(0) { $0 + (InboxPolicy.isCandidate(name: $1.name) ? 1 : 0) }
    }

    /// Whether the inbox is still the folder `identity` names (it was not removed,
    /// renamed away or replaced); `identity` `nil` asks only whether a folder is there.
    public func inboxIdentity() -> FileIdentity? {
        var info = stat()
        guard stat(inbox, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return FileIdentity(info)
    }

    /// Names left in `processing/` by a run that did not finish.
    public func unfinishedNames() -> [String] {
        (DirectoryListing.entries(of: processing, renamingUndecodable: true) ?? []).map(\.name).sorted()
    }

    /// Left by a stop that gave up waiting for commits: the files it left in
    /// `processing/` were not in flight at a crash (see `recordCrash`).
    public var cleanStopMarker: String { control + "/clean-stop" }

    /// How many earlier runs ended (crashed, were killed) while `name` was in `processing/`.
    public func crashCount(of name: String) -> Int {
        guard let data = FileManager.default.contents(atPath: attempts + "/" + name) else { return 0 }
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Records that a run ended while `name` was in `processing/`; returns the new count.
    @discardableResult
    public func recordCrash(of name: String) -> Int {
        let count = crashCount(of: name) + 1
        _ = FileManager.default.createFile(atPath: attempts + "/" + name, contents: Data("\(count)\n".utf8))
        return count
    }

    /// Forgets the crash count of a file that left `processing/`.
    public func forgetCrashes(of path: String) {
        unlink(attempts + "/" + (path as NSString).lastPathComponent)
    }

    /// Takes `name` from the inbox into `processing/`.
    public func claim(_ name: String) -> Result<String, SpoolError> {
        let from = inbox + "/" + name
        guard let to = SpoolNaming.freePath(in: processing, for: name) else {
            return .failure(SpoolError(path: from, errno: EEXIST, action: "claim"))
        }
        return rename(from, to) == 0 ? .success(to) : .failure(SpoolError(path: from, errno: errno, action: "claim"))
    }

    /// Moves a committed file to `done/` (or deletes it). Returns where it went, or an error.
    public func complete(_ path: String) -> Result<String?, SpoolError> {
        if deleteDone {
            let result: Result<String?, SpoolError> = unlink(path) == 0 || errno == ENOENT
                ? .success(nil) : .failure(SpoolError(path: path, errno: errno, action: "delete"))
            if case .success = result { forgetCrashes(of: path) }
            return result
        }
        return move(path, to: done, reserving: 0)
    }

    /// Writes `<name>.error.json` into `failed/`, then moves the file beside it. The
    /// report is written first: a report that cannot be written (a full disk) fails the
    /// whole step, which is retried with the file still in `processing/`, so no file
    /// reaches `failed/` without its reason. Both names fit in `NAME_MAX`.
    public func reject(_ path: String, report: Data) -> Result<String?, SpoolError> {
        let name = (path as NSString).lastPathComponent
        guard let target = SpoolNaming.freePath(in: failed, for: name, reserving: SpoolNaming.reportSuffix.utf8.count) else {
            return .failure(SpoolError(path: path, errno: EEXIST, action: "move to \(failed)"))
        }
        let reportPath = target + SpoolNaming.reportSuffix
        do {
            try report.write(to: URL(fileURLWithPath: reportPath))
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            unlink(reportPath)
            return .failure(SpoolError(path: reportPath, errno: Int32(code), action: "write the failure report"))
        }
        guard rename(path, target) == 0 else {
            let code = errno
            unlink(reportPath)
            return .failure(SpoolError(path: path, errno: code, action: "move to \(failed)"))
        }
        forgetCrashes(of: path)
        return .success(target)
    }

    /// Deletes files that have been in `done/` longer than `age` seconds (counted from
    /// the move, which sets the change time), returning how many went.
    public func pruneDone(olderThan age: Double) -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var removed = 0
        for entry in DirectoryListing.entries(of: done, renamingUndecodable: true) ?? [] {
            let path = done + "/" + entry.name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if Double(now.tv_sec - info.st_ctim.tv_sec) >= age, unlink(path) == 0 {
                removed += 1
            }
        }
        return removed
    }

    private func move(_ path: String, to folder: String, reserving: Int) -> Result<String?, SpoolError> {
        let name = (path as NSString).lastPathComponent
        guard let target = SpoolNaming.freePath(in: folder, for: name, reserving: reserving) else {
            return .failure(SpoolError(path: path, errno: EEXIST, action: "move to \(folder)"))
        }
        if rename(path, target) == 0 {
            forgetCrashes(of: path)
            return .success(target)
        }
        return .failure(SpoolError(path: path, errno: errno, action: "move to \(folder)"))
    }
}

/// A file's device and inode: what stays the same when it is renamed.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// A spool move that did not happen, and why.
public struct SpoolError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32
    public var action: String
    public var description: String { "cannot \(action) \(path): \(String(cString: strerror(errno)))" }

    public init(path: String, errno: Int32, action: String) {
        self.path = path
        self.errno = errno
        self.action = action
    }
}
