import Dispatch
import Foundation
import Glibc
import Logging
import ServiceCore
import Synchronization

/// What the daemon's services share, each member safe from any thread: the settings in
/// force, the log, the service manager, the files in flight, the errors an operator
/// should see in `status`, and whether a stop has begun.
final class DaemonContext: Sendable {
    let logger = Logger(label: "gleaner.serve")
    let notifier = ServiceNotifier()
    let claims = ClaimLedger()
    let recentErrors = RecentErrors()
    let stopping = Atomic<Bool>(false)
    let configPath: String?
    let overrides: @Sendable (ServeConfiguration) -> ServeConfiguration
    private let live: Mutex<ServeConfiguration>

    init(settings: ServeConfiguration, configPath: String?,
         overrides: @escaping @Sendable (ServeConfiguration) -> ServeConfiguration) {
        live = Mutex(settings)
        self.configPath = configPath
        self.overrides = overrides
    }

    var settings: ServeConfiguration {
        get { live.withLock { $0 } }
    }

    func replaceSettings(_ settings: ServeConfiguration) {
        live.withLock { $0 = settings }
    }

    var spool: SpoolDirectory { Self.spool(for: settings) }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    static func spool(for settings: ServeConfiguration) -> SpoolDirectory {
        SpoolDirectory(inbox: settings.inbox, done: settings.doneDirectory,
                       failed: settings.failedDirectory, deleteDone: settings.deleteDone)
    }
}

/// The last ten errors, stamped, for `status`.
final class RecentErrors: Sendable {
    private let errors = Mutex([String]())

    func remember(_ error: String) {
        let stamped = ISO8601DateFormatter().string(from: Date()) + " " + error
        errors.withLock {
            $0.append(stamped)
            if $0.count > 10 { $0.removeFirst($0.count - 10) }
        }
    }

    var all: [String] { errors.withLock { $0 } }
}

/// The files in flight, by the sequence number the pipeline carries: where each one is
/// in `processing/` and what it looked like when it was taken. At most one large file
/// (over `large_file_bytes`) is in flight at a time: a 20 MB HTML page costs hundreds of MB
/// while it is parsed, so large files queue for one slot instead of multiplying that by
/// the pipeline's parallelism.
final class ClaimLedger: Sendable {
    struct Claim: Sendable {
        var path: String
        var look: FileLook?
        var large: Bool
    }

    private let claims = Mutex([Int: Claim]())
    private let next = Atomic<Int>(0)
    private let largeSlot = DispatchSemaphore(value: 1)

    /// A fresh sequence number for `path`, recorded as in flight. For a large file, first
    /// waits (blocking the caller: intake) until no other large file is in flight.
    func record(_ path: String, look: FileLook?, largeBytes: Int) -> Int {
        let large = (look?.size ?? 0) > Int64(largeBytes)
        if large { largeSlot.wait() }
        let sequence = next.add(1, ordering: .relaxed).oldValue
        claims.withLock { $0[sequence] = Claim(path: path, look: look, large: large) }
        return sequence
    }

    /// A sequence number for an input that has no file to move (it was never claimed).
    func unclaimed() -> Int {
        next.add(1, ordering: .relaxed).oldValue
    }

    /// Removes and returns the claim of a finished input (freeing the large-file slot).
    func finish(_ sequence: Int) -> Claim? {
        let claim = claims.withLock { $0.removeValue(forKey: sequence) }
        if claim?.large == true { largeSlot.signal() }
        return claim
    }

    var count: Int { claims.withLock { $0.count } }
}

/// Size and modification time of a file: what changes when a writer goes on writing.
struct FileLook: Equatable, Sendable {
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }
}
