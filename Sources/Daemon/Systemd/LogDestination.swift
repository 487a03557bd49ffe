import Foundation
import Logging

/// Chooses where the daemon's logs go: the journal when stderr is connected to it
/// (`JOURNAL_STREAM` names stderr's device and inode), plain lines otherwise.
enum LogDestination {
    static func bootstrap() {
        let journal = stderrIsJournal()
        LoggingSystem.bootstrap { label in
            journal ? JournalLogHandler(label: label) as any LogHandler : PlainLogHandler()
        }
    }

    static func stderrIsJournal() -> Bool {
        guard let stream = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
