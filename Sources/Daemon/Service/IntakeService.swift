import Dispatch
import Foundation
import Glibc
import Logging
import Pipeline
import ServiceCore
import Synchronization

/// Takes files into the pipeline: recovery of what an earlier run left in
/// `processing/`, the inbox watcher, rescans, claims, and the inbox itself going away
/// and coming back.
///
/// Everything runs on its serial `queue`, so a name is never claimed twice; the queue
/// may block while the pipeline is full — that is the backpressure reaching intake.
final class IntakeService: DaemonService {
    /// How long a file must go unmodified before a scan takes it (inotify's close event
    /// takes it at once; see docs/operations.md).
    static let settleSeconds = 1.0
    /// Runs that may end abnormally (a crash, a watchdog kill) with a file in
    /// `processing/` before that file goes to `failed/` instead of being replayed again.
    static let crashLimit = 3

    private let context: DaemonContext
    private let pipeline: DocumentPipeline
    private let queue = DispatchQueue(label: "gleaner.intake")
    private let watcher = Mutex<InboxWatcher?>(nil)
    /// The inbox folder being watched; `nil` while it is gone. Read by the watchdog.
    private let inboxIdentity = Mutex<FileIdentity?>(nil)
    /// Names that could not even be moved out of the inbox: left alone until a reload.
    private let refusedInPlace: QueueConfined<Set<String>>

    init(context: DaemonContext, pipeline: DocumentPipeline) {
        self.context = context
        self.pipeline = pipeline
        refusedInPlace = QueueConfined([], on: queue)
    }

    /// Whether the inbox is there (the watchdog is not pinged without it).
    var hasInbox: Bool { inboxIdentity.withLock { $0 } != nil }

    func run() throws {
        let settings = context.settings
        context.logger.info("watching \(settings.inbox)", metadata: ["database": "\(settings.database)"])
        inboxIdentity.withLock { $0 = context.spool.inboxIdentity() }
        let plan = recoveryPlan()
        queue.async { [self] in
            recover(plan)
            scan()
        }
        // Files written just before start were too fresh for the first scan.
        queue.asyncAfter(deadline: .now() + Self.settleSeconds + 0.2) { [weak self] in self?.scan() }
        try startWatcher(settings)
    }

    func shutDown(then stopped: @escaping @Sendable () -> Void) {
        watcher.withLock { $0?.cancel() }
        // After whatever intake is doing now (it may be blocked on a full pipeline).
        queue.async { stopped() }
    }

    /// Takes a file that changed after it was taken into the pipeline again.
    func retake(_ path: String) {
        queue.async { [self] in submit(path: path, name: (path as NSString).lastPathComponent) }
    }

    /// After a reload: a new watcher when the rescan interval changed, and a rescan that
    /// gives files refused in place another look.
    func reloaded(old: ServeConfiguration, new: ServeConfiguration) throws {
        if new.rescanIntervalSeconds != old.rescanIntervalSeconds {
            try startWatcher(new)
        }
        queue.async { [self] in
            refusedInPlace.withValue { $0.removeAll() }
            scan()
        }
    }

    private func startWatcher(_ settings: ServeConfiguration) throws {
        let fresh = try InboxWatcher(inbox: settings.inbox, rescanInterval: settings.rescanIntervalSeconds,
                                     queue: queue) { [weak self] signal in
            guard let self else { return }
            switch signal {
            case .arrived(let name): take(name)
            case .rescan: scan()
            case .inboxGone: checkInbox()
            }
        }
        watcher.withLock { old in
            old?.cancel()
            old = fresh
        }
    }

    // MARK: - Recovery

    /// What a previous run left in `processing/`, sorted by how often it was there when a
    /// run ended. A file there at `crashLimit` ends goes to `failed/`; one there at an
    /// earlier end after the first is a suspect, replayed alone so that the next crash can
    /// be pinned on it; the rest are replayed as usual.
    private struct RecoveryPlan: Sendable {
        var replay: [String] = []
        var suspects: [String] = []
        var condemned: [Condemned] = []
    }

    private struct Condemned: Sendable {
        var name: String
        var crashes: Int
    }

    private func recoveryPlan() -> RecoveryPlan {
        var plan = RecoveryPlan()
        let spool = context.spool
        // A stop that timed out (see ServiceGroup) left its files on purpose: not a crash.
        let crashed = unlink(spool.cleanStopMarker) != 0
        for name in spool.unfinishedNames() {
            let crashes = crashed ? spool.recordCrash(of: name) : spool.crashCount(of: name)
            if crashes >= Self.crashLimit {
                plan.condemned.append(Condemned(name: name, crashes: crashes))
            } else if crashes >= 2 {
                plan.suspects.append(name)
            } else {
                plan.replay.append(name)
            }
        }
        let total = plan.replay.count + plan.suspects.count + plan.condemned.count
        if total > 0 {
            context.logger.notice("recovering \(total) file(s) left in processing by an earlier run",
                                  metadata: ["suspects": "\(plan.suspects.count)", "condemned": "\(plan.condemned.count)"])
        }
        return plan
    }

    /// Condemned files fail, suspects run one at a time, then the rest.
    private func recover(_ plan: RecoveryPlan) {
        dispatchPrecondition(condition: .onQueue(queue))
        let spool = context.spool
        for condemned in plan.condemned where !context.isStopping {
            let path = spool.processing + "/" + condemned.name
            let message = "was being processed when the daemon ended abnormally \(condemned.crashes) times (a crash, or a watchdog kill of a stuck stage); not tried again. Check the log for the cause, then drop it again to retry"
            let sequence = context.claims.record(path, look: nil, largeBytes: .max)
            var info = stat()
            let size = lstat(path, &info) == 0 ? Int(info.st_size) : 0
            pipeline.submitFailure(FailedArticle(source: ArticleSource(path: spool.inbox + "/" + condemned.name),
                                                 sequence: sequence, sha256: nil, byteCount: size,
                                                 error: PipelineError(.internalFailure, stage: .intake, message)))
        }
        for name in plan.suspects where !context.isStopping {
            context.logger.warning("replaying \(name) alone: it was in flight when the daemon ended abnormally before",
                                   metadata: ["file": "\(name)", "stage": "intake"])
            submit(path: spool.processing + "/" + name, name: name)
            pipeline.waitUntilIdle()
        }
        for name in plan.replay where !context.isStopping {
            submit(path: spool.processing + "/" + name, name: name)
        }
    }

    // MARK: - Taking files

    /// Takes every settled file in the inbox. Files still being written are left for
    /// their close event or a later scan.
    private func scan() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard checkInbox() else { return }
        for name in context.spool.waitingNames(settle: Self.settleSeconds) {
            if context.isStopping { return }
            take(name)
        }
    }

    /// Whether the inbox is the folder being watched. When it was removed or renamed
    /// away, says so once, stops the watchdog pings (see `StatusService`) and looks again
    /// every second; when a folder is back at its path, makes the spool's folders again,
    /// watches it and says so.
    @discardableResult
    private func checkInbox() -> Bool {
        dispatchPrecondition(condition: .onQueue(queue))
        let spool = context.spool
        let watched = inboxIdentity.withLock { $0 }
        let current = spool.inboxIdentity()
        if let watched, watched == current { return true }
        if watched != nil {
            inboxIdentity.withLock { $0 = nil }
            let message = "the inbox \(spool.inbox) was removed or renamed away; no file is taken until it is back"
            context.recentErrors.remember(message)
            context.logger.critical("\(message)", metadata: ["stage": "intake"])
        }
        guard !context.isStopping else { return false }
        guard current != nil else {
            queue.asyncAfter(deadline: .now() + 1) { [weak self] in self?.scan() }
            return false
        }
        do {
            try spool.prepare()
            try startWatcher(context.settings)
            inboxIdentity.withLock { $0 = spool.inboxIdentity() }
            context.logger.notice("the inbox \(spool.inbox) is back; watching it again", metadata: ["stage": "intake"])
            return true
        } catch {
            context.logger.error("cannot watch the inbox again; retrying", metadata: ["error": "\(error)"])
            queue.asyncAfter(deadline: .now() + 1) { [weak self] in self?.scan() }
            return false
        }
    }

    private func take(_ name: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !context.isStopping, InboxPolicy.isCandidate(name: name),
              !refusedInPlace.withValue({ $0.contains(name) }) else { return }
        let spool = context.spool
        switch spool.claim(name) {
        case .success(let path):
            submit(path: path, name: name)
        case .failure(let error) where error.errno == ENOENT:
            return  // gone already: taken by an earlier event, or removed by its writer
        case .failure(let error):
            // It cannot even be moved: record it once and leave it alone, never retried
            // in a loop; an operator sees it in the ledger, the status and the log.
            refusedInPlace.withValue { _ = $0.insert(name) }
            let message = "\(error); left in the inbox until it is moved by hand or the daemon restarts"
            context.recentErrors.remember(message)
            context.logger.error("cannot claim file", metadata: ["file": "\(name)", "stage": "intake", "error": "\(message)"])
            pipeline.submitFailure(FailedArticle(source: ArticleSource(path: spool.inbox + "/" + name),
                                                 sequence: context.claims.unclaimed(), sha256: nil, byteCount: 0,
                                                 error: PipelineError(.malformed, stage: .intake, message)))
        }
    }

    private func submit(path: String, name: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        let sequence = context.claims.record(path, look: FileLook(path: path), largeBytes: context.settings.largeFileBytes)
        pipeline.submitFile(at: path, as: ArticleSource(path: context.spool.inbox + "/" + name), sequence: sequence,
                            maximumBytes: context.settings.maxFileBytes)
    }
}
