import Foundation
import Glibc

/// The folders of the spool and the moves between them:
/// `inbox/ -> inbox/.gleaner/processing/ -> done/` (or deleted), or `-> failed/` with
/// `<name>.error.json` beside the file.
///
/// Every move is a `rename(2)` inside one filesystem, so a file is always in exactly
/// one place, and a crash leaves it where the last completed step put it.
struct SpoolDirectory: Sendable {
    let inbox: String
    let processing: String
    let done: String
    let failed: String
    /// Delete committed files instead of keeping them in `done/`.
    let deleteDone: Bool

    init(inbox: String, done: String? = nil, failed: String? = nil, deleteDone: Bool = false) {
        let parent = (inbox as NSString).deletingLastPathComponent
        self.inbox = inbox
        self.processing = (inbox as NSString).appendingPathComponent(".gleaner/processing")
        self.done = done ?? (parent as NSString).appendingPathComponent("done")
        self.failed = failed ?? (parent as NSString).appendingPathComponent("failed")
        self.deleteDone = deleteDone
    }

    /// Creates the folders that do not exist yet.
    func prepare() throws {
        let fm = FileManager.default
        for dir in [inbox, processing, done, failed] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    /// Names waiting in the inbox, by name, leaving out files modified in the last
    /// `settle` seconds: a scan must not take a file a slow writer still has open
    /// (inotify reports those on close).
    func waitingNames(settle: Double) -> [String] {
        let names = (DirectoryListing.entries(of: inbox) ?? []).map(\.name)
            .filter(InboxPolicy.isCandidate(name:)).sorted()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return names.filter { name in
            var info = stat()
            guard lstat(inbox + "/" + name, &info) == 0 else { return false }
            let age = Double(now.tv_sec - info.st_mtim.tv_sec) + Double(now.tv_nsec - info.st_mtim.tv_nsec) / 1e9
            return age >= settle
        }
    }

    /// How many entries wait in the inbox (a cheap count for status, no `stat`).
    func waitingCount() -> Int {
        (DirectoryListing.entries(of: inbox) ?? []).reduce(0) { $0 + (InboxPolicy.isCandidate(name: $1.name) ? 1 : 0) }
    }

    /// Names left in `processing/` by a run that did not finish.
    func unfinishedNames() -> [String] {
        (DirectoryListing.entries(of: processing) ?? []).map(\.name).sorted()
    }

    /// Takes `name` from the inbox into `processing/`.
    func claim(_ name: String) -> Result<String, SpoolError> {
        let from = inbox + "/" + name
        guard let to = freePath(in: processing, for: name) else {
            return .failure(SpoolError(path: from, errno: EEXIST, action: "claim"))
        }
        return rename(from, to) == 0 ? .success(to) : .failure(SpoolError(path: from, errno: errno, action: "claim"))
    }

    /// Moves a committed file to `done/` (or deletes it). Returns where it went, or an error.
    func complete(_ path: String) -> Result<String?, SpoolError> {
        if deleteDone {
            return unlink(path) == 0 || errno == ENOENT ? .success(nil) : .failure(SpoolError(path: path, errno: errno, action: "delete"))
        }
        return move(path, to: done)
    }

    /// Moves a file that failed to `failed/` and writes `<name>.error.json` beside it.
    func reject(_ path: String, report: JSONReport) -> Result<String?, SpoolError> {
        let moved = move(path, to: failed)
        let target = (try? moved.get()) ?? nil
        let reportPath = (target ?? (failed as NSString).appendingPathComponent((path as NSString).lastPathComponent)) + ".error.json"
        _ = FileManager.default.createFile(atPath: reportPath, contents: Data((report.text + "\n").utf8))
        return moved
    }

    /// Deletes files that have been in `done/` longer than `age` seconds (counted from
    /// the move, which sets the change time), returning how many went.
    func pruneDone(olderThan age: Double) -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var removed = 0
        for entry in DirectoryListing.entries(of: done) ?? [] {
            let path = done + "/" + entry.name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if Double(now.tv_sec - info.st_ctim.tv_sec) >= age, unlink(path) == 0 {
                removed += 1
            }
        }
        return removed
    }

    private func move(_ path: String, to folder: String) -> Result<String?, SpoolError> {
        let name = (path as NSString).lastPathComponent
        guard let target = freePath(in: folder, for: name) else {
            return .failure(SpoolError(path: path, errno: EEXIST, action: "move to \(folder)"))
        }
        if rename(path, target) == 0 { return .success(target) }
        return .failure(SpoolError(path: path, errno: errno, action: "move to \(folder)"))
    }

    /// `folder/name`, or `folder/name.1`, `.2`... when that name is taken.
    private func freePath(in folder: String, for name: String) -> String? {
        let base = (folder as NSString).appendingPathComponent(name)
        var candidate = base
        var n = 0
        var info = stat()
        while lstat(candidate, &info) == 0 {
            n += 1
            if n > 10_000 { return nil }
            candidate = "\(base).\(n)"
        }
        return candidate
    }
}

/// A spool move that did not happen, and why.
struct SpoolError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var action: String
    var description: String { "cannot \(action) \(path): \(String(cString: strerror(errno)))" }
}

/// The JSON written beside a failed file.
struct JSONReport {
    var text: String
}
