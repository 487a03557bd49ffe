import Dispatch
import Glibc
import ServiceCore

/// Watches the inbox with inotify through a Dispatch read source, and rescans it on a
/// timer, reporting names that may have arrived.
///
/// A file counts as arrived when closed after writing (`IN_CLOSE_WRITE`) or renamed in
/// (`IN_MOVED_TO`); an entry that is not a regular file (a symlink, a FIFO, a folder)
/// when it is created, since no close will come for it. On `IN_Q_OVERFLOW` and on every
/// rescan tick it asks for a full scan, which also catches what inotify cannot see
/// (network filesystems). When the inbox itself is removed or renamed away it says so
/// (`.inboxGone`); the watch is dead from then on, and its owner makes a new one.
final class InboxWatcher: @unchecked Sendable {
    // @unchecked: every stored property is a `let`; the Dispatch sources are not marked
    // Sendable on Linux, but `cancel()` on them is thread-safe (Dispatch's own promise).
    enum Signal: Sendable {
        case arrived(String)
        case rescan
        case inboxGone
    }

    private let inbox: String
    private let queue: DispatchQueue
    private let fd: Int32
    private let source: any DispatchSourceRead
    private let timer: any DispatchSourceTimer

    /// Starts watching. `handler` runs on `queue`, one signal at a time.
    init(inbox: String, rescanInterval: Double, queue: DispatchQueue,
         handler: @escaping @Sendable (Signal) -> Void) throws(SpoolError) {
        self.inbox = inbox
        self.queue = queue
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SpoolError(path: inbox, errno: errno, action: "start inotify on") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_Q_OVERFLOW)
        guard inotify_add_watch(fd, inbox, mask) >= 0 else {
            let code = errno
            close(fd)
            throw SpoolError(path: inbox, errno: code, action: "watch")
        }
        self.fd = fd
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler {
            for signal in InboxWatcher.drainEvents(fd, inbox: inbox) { handler(signal) }
        }
        source.setCancelHandler { close(fd) }
        self.source = source
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let interval = max(0.05, rescanInterval)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
        timer.setEventHandler { handler(.rescan) }
        self.timer = timer
        source.resume()
        timer.resume()
    }

    /// Stops watching; no handler runs after the queue has drained.
    func cancel() {
        source.cancel()
        timer.cancel()
    }

    private static func drainEvents(_ fd: Int32, inbox: String) -> [Signal] {
        var signals: [Signal] = []
        let capacity = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: capacity)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, capacity) }
            if n <= 0 { break }
            var offset = 0
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= n {
                let (mask, length) = buffer.withUnsafeBytes { raw -> (UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.mask, Int(event.len))
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    signals.append(.rescan)
                } else if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    signals.append(.inboxGone)
                } else if length > 0 {
                    let nameStart = offset + headerSize
                    let nameBytes = buffer[nameStart..<min(nameStart + length, n)].prefix { $0 != 0 }
                    if let name = String(validating: nameBytes, as: UTF8.self) {
                        if mask & UInt32(IN_CREATE) != 0 {
                            // A regular file is taken when its writer closes it; anything
                            // else never closes, so it is taken (and refused) now.
                            var info = stat()
                            if lstat(inbox + "/" + name, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                                signals.append(.arrived(name))
                            }
                        } else {
                            signals.append(.arrived(name))
                        }
                    } else {
                        // A name that is not UTF-8 cannot round-trip through String; the
                        // rescan takes it by its raw entry instead.
                        signals.append(.rescan)
                    }
                }
                offset += headerSize + length
            }
        }
        return signals
    }
}
