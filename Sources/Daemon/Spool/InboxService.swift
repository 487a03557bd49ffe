import Dispatch
import Foundation
import Glibc
import Logging
import Pipeline
import Synchronization

/// The running daemon: recovery, the watcher, the pipeline, the spool moves, the
/// service manager's protocol, reload and shutdown.
///
/// Queues, each with one job:
/// - `intakeQueue` (serial) claims and submits files, so a name is never claimed twice;
///   it may block while the pipeline is full — that is the backpressure reaching intake.
/// - `controlQueue` (serial) handles signals, the watchdog, status, and retries of
///   moves that failed; it never blocks on the pipeline, so SIGTERM is always heard.
/// - `spoolQueue` (serial) logs each outcome and moves its file on. Outcomes arrive on the
///   pipeline's store queue, in commit order, and are handed over at once, so the single
///   writer goes on to its next batch instead of waiting for renames and log lines.
/// - `checkpointQueue` (serial) empties the WAL when the pipeline falls idle; a truncating
///   checkpoint may wait for readers, so it never runs on a queue that must stay responsive.
final class InboxService: @unchecked Sendable {
    // @unchecked: the mutable stored properties are `pipeline` (set once in `init`, only
    // read after it), `signalSources` and `timers` (appended to in `start()` before the
    // signal sources exist, so before any handler that reads them can run; afterwards
    // only read). Everything else is immutable, a Mutex or an Atomic.
    private let configPath: String?
    private let overrides: (ServeConfiguration) -> ServeConfiguration
    private let live: Mutex<ServeConfiguration>
    private let logger: Logger
    private let notifier = ServiceNotifier()
    private let store: ArticleStore
    private let statusFile: StatusFile
    private let intakeQueue = DispatchQueue(label: "gleaner.intake")
    private let controlQueue = DispatchQueue(label: "gleaner.control")
    private let spoolQueue = DispatchQueue(label: "gleaner.spool")
    private let checkpointQueue = DispatchQueue(label: "gleaner.checkpoint", qos: .utility)
    /// Documents completed when the WAL was last emptied, and whether a checkpoint is queued.
    private let checkpointed = Mutex((completed: 0, queued: false))
    private let claimed = Mutex([Int: Claim]())
    private let pendingMoves = Mutex([PendingMove]())
    private let refusedInPlace = Mutex(Set<String>())
    private let recentErrors = Mutex([String]())
    private let nextSequence = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let progress = Mutex(ProgressWatch())
    private let startedAt = Date()
    private var pipeline: DocumentPipeline!
    private let watcherBox = Mutex<InboxWatcher?>(nil)
    private var signalSources: [any DispatchSourceSignal] = []
    private var timers: [any DispatchSourceTimer] = []
    /// The one-daemon-per-spool lock, held for the life of the process.
    private let lock: SpoolLock
    /// The inbox folder being watched; `nil` while it is gone (removed or renamed away).
    private let inboxIdentity = Mutex<FileIdentity?>(nil)
    /// The last store error logged, so the log says it once per change of state.
    private let loggedStoreError = Mutex<String?>(nil)

    /// How long a file must go unmodified before a scan takes it.
    static let settleSeconds = 1.0
    /// Runs that may end (a crash, a watchdog kill) with a file in `processing/` before
    /// that file goes to `failed/` instead of being replayed again.
    static let crashLimit = 3

    /// A claimed file, and what it looked like when claimed, to notice a writer that
    /// goes on writing it after it was taken.
    private struct Claim {
        var path: String
        var look: FileLook?
    }

    /// Size and modification time of a file.
    private struct FileLook: Equatable {
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

    /// A committed or failed file whose move out of `processing/` did not happen yet.
    private struct PendingMove {
        var path: String
        var outcome: PipelineOutcome
        var attempts: Int
        var notBefore: Date
    }

    /// What the watchdog needs to tell a busy pipeline from a stuck one.
    private struct ProgressWatch {
        var heartbeat: UInt64 = 0
        var movedAt = Date()
        var rateWindow: [(Date, Int)] = []
    }

    init(settings: ServeConfiguration, configPath: String?,
         overrides: @escaping (ServeConfiguration) -> ServeConfiguration) throws {
        self.configPath = configPath
        self.overrides = overrides
        self.live = Mutex(settings)
        self.logger = Logger(label: "gleaner.serve")
        let spool = InboxService.spool(for: settings)
        try spool.prepare()
        // Before anything in the spool is touched: a second daemon must not "recover"
        // the first one's files.
        self.lock = try SpoolLock(folder: (spool.processing as NSString).deletingLastPathComponent)
        let dbFolder = (settings.database as NSString).deletingLastPathComponent
        if !dbFolder.isEmpty {
            try FileManager.default.createDirectory(atPath: dbFolder, withIntermediateDirectories: true)
        }
        self.store = try ArticleStore(path: settings.database, busyTimeout: settings.busyTimeoutSeconds)
        self.statusFile = StatusFile(path: StatusFile.path(forDatabase: settings.database))
        let configuration = PipelineConfiguration(parallelism: settings.parallelism, maxBatch: settings.maxBatch,
                                                  maximumBytes: settings.maxFileBytes, storeRetryLimit: nil)
        let cleaner = try BoilerplateCleaner.learningFurniture(from: store, minimumDocuments: settings.furnitureMinDocuments)
        self.pipeline = DocumentPipeline(configuration: configuration, sink: store, cleaner: cleaner,
                                         includeEvents: settings.eventsStage) { [weak self, spoolQueue] outcome in
            spoolQueue.async { [weak self] in self?.finish(outcome) }
        }
    }

    private static func spool(for settings: ServeConfiguration) -> SpoolDirectory {
        SpoolDirectory(inbox: settings.inbox, done: settings.doneDirectory,
                       failed: settings.failedDirectory, deleteDone: settings.deleteDone)
    }

    private var settings: ServeConfiguration { live.withLock { $0 } }
    private var spool: SpoolDirectory { InboxService.spool(for: settings) }

    func start() throws {
        let settings = self.settings
        logger.info("watching \(settings.inbox)", metadata: ["database": "\(settings.database)"])
        // A watchdog kill is SIGABRT: end at once (the default action) instead of running
        // Swift's backtracer for tens of seconds while systemd waits (see deploy/gleaner.service).
        signal(SIGABRT, SIG_DFL)
        inboxIdentity.withLock { $0 = spool.inboxIdentity() }
        let recovery = recoveryPlan()
        intakeQueue.async { [self] in
            recover(recovery)
            scanInbox()
        }
        // Files written just before start were too fresh for the first scan.
        intakeQueue.asyncAfter(deadline: .now() + InboxService.settleSeconds + 0.2) { [weak self] in
            self?.scanInbox()
        }
        try startWatcher(settings)
        startTimers()
        // Last: the handlers read the watcher, the timers and the pipeline, which exist now.
        // Signals become Dispatch events on the control queue; the default disposition
        // must be off first, or the process would die before the source sees them.
        for signo in [SIGTERM, SIGINT, SIGHUP] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: controlQueue)
            source.setEventHandler { [weak self] in
                if signo == SIGHUP { self?.reload() } else { self?.shutDown(signal: signo) }
            }
            source.resume()
            signalSources.append(source)
        }
        notifier.ready(status: statusLine(pipeline.statistics, rate: 0))
    }

    /// What a previous run left in `processing/`, sorted by how often it was there when a
    /// run ended. A file there at `crashLimit` ends goes to `failed/`; one there at an
    /// earlier end after the first is a suspect, replayed alone so that the next crash can
    /// be pinned on it; the rest are replayed as usual.
    private struct RecoveryPlan {
        var replay: [String] = []
        var suspects: [String] = []
        var condemned: [(name: String, crashes: Int)] = []
    }

    private func recoveryPlan() -> RecoveryPlan {
        var plan = RecoveryPlan()
        let spool = self.spool
        let cleanStop = spool.processing + "/../clean-stop"
        // A stop that timed out (see shutDown) left its files on purpose: not a crash.
        let crashed = unlink(cleanStop) != 0
        for name in spool.unfinishedNames() {
            let crashes = crashed ? spool.recordCrash(of: name) : spool.crashCount(of: name)
            if crashes >= InboxService.crashLimit {
                plan.condemned.append((name, crashes))
            } else if crashes >= 2 {
                plan.suspects.append(name)
            } else {
                plan.replay.append(name)
            }
        }
        let total = plan.replay.count + plan.suspects.count + plan.condemned.count
        if total > 0 {
            logger.notice("recovering \(total) file(s) left in processing by an earlier run",
                          metadata: ["suspects": "\(plan.suspects.count)", "condemned": "\(plan.condemned.count)"])
        }
        return plan
    }

    /// Runs on `intakeQueue`: condemned files fail, suspects run one at a time, then the rest.
    private func recover(_ plan: RecoveryPlan) {
        let spool = self.spool
        for (name, crashes) in plan.condemned where !stopping.load(ordering: .relaxed) {
            let path = spool.processing + "/" + name
            let message = "was being processed when the daemon ended abnormally \(crashes) times (a crash, or a watchdog kill of a stuck stage); not tried again. Check the log for the cause, then drop it again to retry"
            let sequence = nextSequence.add(1, ordering: .relaxed).oldValue
            claimed.withLock { $0[sequence] = Claim(path: path, look: nil) }
            var info = stat()
            let size = lstat(path, &info) == 0 ? Int(info.st_size) : 0
            pipeline.submitFailure(FailedArticle(source: ArticleSource(path: spool.inbox + "/" + name), sequence: sequence,
                                                 sha256: nil, byteCount: size,
                                                 error: PipelineError(.internalFailure, stage: .intake, message)))
        }
        for name in plan.suspects where !stopping.load(ordering: .relaxed) {
            logger.warning("replaying \(name) alone: it was in flight when the daemon ended abnormally before",
                           metadata: ["file": "\(name)", "stage": "intake"])
            submit(path: spool.processing + "/" + name, name: name)
            pipeline.waitUntilIdle()
        }
        for name in plan.replay where !stopping.load(ordering: .relaxed) {
            submit(path: spool.processing + "/" + name, name: name)
        }
    }

    private func startWatcher(_ settings: ServeConfiguration) throws {
        let watcher = try InboxWatcher(inbox: settings.inbox, rescanInterval: settings.rescanIntervalSeconds,
                                       queue: intakeQueue) { [weak self] signal in
            guard let self else { return }
            switch signal {
            case .arrived(let name): self.take(name)
            case .rescan: self.scanInbox()
            case .inboxGone: self.checkInbox()
            }
        }
        watcherBox.withLock { old in
            old?.cancel()
            old = watcher
        }
    }

    private func startTimers() {
        let status = DispatchSource.makeTimerSource(queue: controlQueue)
        status.schedule(deadline: .now() + 1, repeating: 2, leeway: .milliseconds(200))
        status.setEventHandler { [weak self] in self?.publishStatus() }
        status.resume()
        timers.append(status)
        if let interval = notifier.watchdogInterval {
            let watchdog = DispatchSource.makeTimerSource(queue: controlQueue)
            let tick = max(0.05, interval / 4)
            watchdog.schedule(deadline: .now(), repeating: tick, leeway: .milliseconds(20))
            watchdog.setEventHandler { [weak self] in self?.petWatchdog(interval: interval) }
            watchdog.resume()
            timers.append(watchdog)
        }
        let retention = DispatchSource.makeTimerSource(queue: controlQueue)
        retention.schedule(deadline: .now() + 5, repeating: 3600, leeway: .seconds(60))
        retention.setEventHandler { [weak self] in self?.pruneDone() }
        retention.resume()
        timers.append(retention)
        let moves = DispatchSource.makeTimerSource(queue: controlQueue)
        moves.schedule(deadline: .now() + 0.5, repeating: 0.5, leeway: .milliseconds(100))
        moves.setEventHandler { [weak self] in self?.retryMoves() }
        moves.resume()
        timers.append(moves)
    }

    // MARK: - Intake

    /// Takes every settled file in the inbox. Files still being written are left for
    /// their close event or a later scan.
    private func scanInbox() {
        guard checkInbox() else { return }
        for name in spool.waitingNames(settle: InboxService.settleSeconds) {
            if stopping.load(ordering: .relaxed) { return }
            take(name)
        }
    }

    /// Runs on `intakeQueue`: whether the inbox is the folder being watched. When it was
    /// removed or renamed away, says so once, stops the watchdog pings (see `petWatchdog`)
    /// and looks again every second; when a folder is back at its path, makes the spool's
    /// folders again, watches it and says so.
    @discardableResult
    private func checkInbox() -> Bool {
        dispatchPrecondition(condition: .onQueue(intakeQueue))
        let watched = inboxIdentity.withLock { $0 }
        let current = spool.inboxIdentity()
        if let watched, watched == current { return true }
        if watched != nil {
            inboxIdentity.withLock { $0 = nil }
            let message = "the inbox \(settings.inbox) was removed or renamed away; no file is taken until it is back"
            remember(message)
            logger.critical("\(message)", metadata: ["stage": "intake"])
        }
        guard current != nil, !stopping.load(ordering: .relaxed) else {
            if !stopping.load(ordering: .relaxed) {
                intakeQueue.asyncAfter(deadline: .now() + 1) { [weak self] in self?.scanInbox() }
            }
            return false
        }
        do {
            try spool.prepare()
            try startWatcher(settings)
            inboxIdentity.withLock { $0 = spool.inboxIdentity() }
            logger.notice("the inbox \(settings.inbox) is back; watching it again", metadata: ["stage": "intake"])
            return true
        } catch {
            logger.error("cannot watch the inbox again; retrying", metadata: ["error": "\(error)"])
            intakeQueue.asyncAfter(deadline: .now() + 1) { [weak self] in self?.scanInbox() }
            return false
        }
    }

    private func take(_ name: String) {
        guard !stopping.load(ordering: .relaxed), InboxPolicy.isCandidate(name: name),
              !refusedInPlace.withLock({ $0.contains(name) }) else { return }
        switch spool.claim(name) {
        case .success(let path):
            submit(path: path, name: name)
        case .failure(let error) where error.errno == ENOENT:
            return  // gone already: taken by an earlier event, or removed by its writer
        case .failure(let error):
            // It cannot even be moved: record it once and leave it alone, never retried
            // in a loop; an operator sees it in the ledger, the status and the log.
            refusedInPlace.withLock { _ = $0.insert(name) }
            let message = "\(error); left in the inbox until it is moved by hand or the daemon restarts"
            remember(message)
            logger.error("cannot claim file", metadata: ["file": "\(name)", "stage": "intake", "error": "\(message)"])
            let sequence = nextSequence.add(1, ordering: .relaxed).oldValue
            pipeline.submitFailure(FailedArticle(source: ArticleSource(path: spool.inbox + "/" + name), sequence: sequence,
                                                 sha256: nil, byteCount: 0,
                                                 error: PipelineError(.malformed, stage: .intake, message)))
        }
    }

    private func submit(path: String, name: String) {
        let sequence = nextSequence.add(1, ordering: .relaxed).oldValue
        claimed.withLock { $0[sequence] = Claim(path: path, look: FileLook(path: path)) }
        pipeline.submitFile(at: path, as: ArticleSource(path: spool.inbox + "/" + name), sequence: sequence,
                            maximumBytes: settings.maxFileBytes)
    }

    // MARK: - Outcomes

    /// Runs on the spool queue once an outcome is durable: log it and move the file on.
    private func finish(_ outcome: PipelineOutcome) {
        guard let claim = claimed.withLock({ $0.removeValue(forKey: outcome.sequence) }) else { return }
        let path = claim.path
        let name = (outcome.source.path as NSString).lastPathComponent
        if let look = claim.look, let now = FileLook(path: path), now != look {
            // Its writer went on writing after the file was taken: what was stored may be
            // a part of it. Take it again as what it is now (a duplicate if it was whole).
            logger.notice("\(name) changed after it was taken; ingesting it again", metadata: ["file": "\(name)", "stage": "intake"])
            intakeQueue.async { [self] in submit(path: path, name: (path as NSString).lastPathComponent) }
            return
        }
        var metadata: Logger.Metadata = ["file": "\(name)"]
        if let sha = outcome.sha256 { metadata["document_sha256"] = "\(sha)" }
        switch outcome.disposition {
        case .stored, .duplicate:
            let verb = if case .duplicate = outcome.disposition { "duplicate" } else { "stored" }
            metadata["stage"] = "store"
            let summary = outcome.document.map { ": " + ExtractionSummary($0).text } ?? ""
            logger.info("\(verb) \(name)\(summary)", metadata: metadata)
        case .failed(let error):
            metadata["stage"] = "\(error.stage.rawValue)"
            metadata["error"] = "\(error.message)"
            remember("\(name): \(error.message)")
            logger.warning("failed \(name): \(error.message)", metadata: metadata)
        }
        move(path, outcome: outcome, attempts: 0)
    }

    /// Moves a finished file out of `processing/`; a move that fails (a full disk, a
    /// permission error on done/) is retried with backoff and the file stays put.
    private func move(_ path: String, outcome: PipelineOutcome, attempts: Int) {
        let spool = self.spool
        let result: Result<String?, SpoolError>
        switch outcome.disposition {
        case .stored, .duplicate:
            result = spool.complete(path)
        case .failed(let error):
            let name = (outcome.source.path as NSString).lastPathComponent
            result = spool.reject(path, report: FailureReport(name: name, error: error, sha256: outcome.sha256).json)
        }
        if case .failure(let error) = result {
            if error.errno == ENOENT, access(path, F_OK) != 0 {
                // The file itself is gone (its inbox was removed with processing/ in it).
                logger.error("file vanished from processing/ before it could be moved", metadata: ["file": "\(path)", "stage": "spool"])
                return
            }
            let delay = min(60.0, 0.5 * pow(2, Double(min(attempts, 7))))
            if attempts == 0 || attempts % 8 == 0 {
                let message = "\(error); will retry"
                remember(message)
                logger.error("cannot move file", metadata: ["file": "\(path)", "stage": "spool", "error": "\(message)"])
            }
            pendingMoves.withLock {
                $0.append(PendingMove(path: path, outcome: outcome, attempts: attempts + 1,
                                      notBefore: Date().addingTimeInterval(delay)))
            }
        }
    }

    private func retryMoves() {
        let now = Date()
        let due = pendingMoves.withLock { moves -> [PendingMove] in
            let due = moves.filter { $0.notBefore <= now }
            moves.removeAll { $0.notBefore <= now }
            return due
        }
        for pending in due {
            move(pending.path, outcome: pending.outcome, attempts: pending.attempts)
        }
    }

    /// Applies `done_retention_days`: hourly, and five seconds after start.
    private func pruneDone() {
        guard let days = settings.doneRetentionDays, !settings.deleteDone else { return }
        let removed = spool.pruneDone(olderThan: days * 86_400)
        if removed > 0 {
            logger.info("deleted \(removed) file(s) kept in done/ longer than \(days) day(s)")
        }
    }

    private func remember(_ error: String) {
        let stamped = ISO8601DateFormatter().string(from: Date()) + " " + error
        recentErrors.withLock {
            $0.append(stamped)
            if $0.count > 10 { $0.removeFirst($0.count - 10) }
        }
    }

    // MARK: - Service manager

    /// Pings the watchdog only while the pipeline makes progress: idle, or some stage
    /// finished something recently. A stuck stage stops the pings and systemd restarts us.
    private func petWatchdog(interval: Double) {
        // Without its inbox the service does nothing useful: let the manager see that.
        guard inboxIdentity.withLock({ $0 }) != nil else { return }
        let stats = pipeline.statistics
        let healthy = progress.withLock { watch -> Bool in
            if stats.heartbeat != watch.heartbeat || stats.inFlight == 0 {
                watch.heartbeat = stats.heartbeat
                watch.movedAt = Date()
            }
            return Date().timeIntervalSince(watch.movedAt) < interval / 2
        }
        if healthy {
            notifier.watchdog()
        } else {
            logger.critical("pipeline made no progress for \(Int(interval / 2)) s with \(stats.inFlight) document(s) in flight; withholding the watchdog ping")
        }
    }

    private func statusLine(_ stats: PipelineStatistics, rate: Double) -> String {
        var line = "\(stats.inFlight) in flight, \(stats.stored) stored, \(stats.duplicates) duplicate, \(stats.failed) failed, \(String(format: "%.1f", rate))/s"
        if let storeError = stats.lastStoreError { line += "; store retrying: \(storeError)" }
        let pending = pendingMoves.withLock { $0.count }
        if pending > 0 { line += "; \(pending) file move(s) pending" }
        return line
    }

    /// Documents per second over the last ten seconds.
    private func currentRate(completed: Int) -> Double {
        progress.withLock { watch -> Double in
            let now = Date()
            watch.rateWindow.append((now, completed))
            watch.rateWindow.removeAll { now.timeIntervalSince($0.0) > 10 }
            guard let first = watch.rateWindow.first, now.timeIntervalSince(first.0) > 0.5 else { return 0 }
            return Double(completed - first.1) / now.timeIntervalSince(first.0)
        }
    }

    /// Logs a change of the store's state once: commits blocked (a lock, a full disk, a
    /// damaged database), blocked for another reason, or going through again.
    private func logStoreState(_ stats: PipelineStatistics) {
        let current = stats.lastStoreError
        let previous = loggedStoreError.withLock { logged -> String?? in
            guard logged != current else { return .none }
            defer { logged = current }
            return .some(logged)
        }
        guard case .some(let before) = previous else { return }
        if let current {
            logger.warning("commits are blocked; files wait in processing/ and are retried: \(current)", metadata: ["stage": "store"])
        } else if before != nil {
            logger.notice("commits go through again", metadata: ["stage": "store"])
        }
    }

    private func publishStatus() {
        let stats = pipeline.statistics
        logStoreState(stats)
        checkpointIfIdle(stats)
        let rate = currentRate(completed: stats.completed)
        let line = statusLine(stats, rate: rate)
        notifier.status(line)
        let settings = self.settings
        statusFile.write(ServiceStatus(
            pid: Int(getpid()), startedAt: startedAt, updatedAt: Date(),
            state: stopping.load(ordering: .relaxed) ? "stopping"
                : inboxIdentity.withLock({ $0 }) == nil ? "inbox missing" : "running",
            inbox: settings.inbox, database: settings.database,
            inboxWaiting: spool.waitingCount(), statistics: stats, rate: rate,
            pendingMoves: pendingMoves.withLock { $0.count },
            recentErrors: recentErrors.withLock { $0 }, summary: line))
    }

    /// Under load SQLite checkpoints passively as the WAL grows; once the pipeline is idle
    /// after new commits, a truncating checkpoint empties the WAL, so readers that came and
    /// went during the burst cannot leave it large.
    private func checkpointIfIdle(_ stats: PipelineStatistics) {
        guard stats.inFlight == 0 else { return }
        let due = checkpointed.withLock { state -> Bool in
            guard !state.queued, state.completed != stats.completed else { return false }
            state = (stats.completed, true)
            return true
        }
        guard due else { return }
        checkpointQueue.async { [self] in
            do {
                _ = try store.checkpoint(truncate: true)
            } catch {
                logger.warning("checkpoint failed; the next idle moment tries again", metadata: ["error": "\(error)"])
                checkpointed.withLock { $0.completed = -1 }
            }
            checkpointed.withLock { $0.queued = false }
        }
    }

    private func reload() {
        notifier.reloading()
        do {
            let fresh = overrides(try ServeConfiguration.load(path: configPath))
            let old = settings
            var applied = fresh
            // The inbox and the database are the daemon's identity; they change on restart only.
            if fresh.inbox != old.inbox || fresh.database != old.database {
                logger.warning("inbox or database changed in the configuration; restart the service to apply that")
                applied.inbox = old.inbox
                applied.database = old.database
            }
            live.withLock { $0 = applied }
            if applied.rescanIntervalSeconds != old.rescanIntervalSeconds {
                try startWatcher(applied)  // cancels the old one; its handler stops on intakeQueue
            }
            logger.notice("configuration reloaded", metadata: ["config": "\(configPath ?? ServeConfiguration.defaultPath)"])
        } catch {
            logger.error("reload failed; keeping the running configuration", metadata: ["error": "\(error)"])
        }
        // Rescan, so a file skipped by the old limits gets another look.
        refusedInPlace.withLock { $0.removeAll() }
        intakeQueue.async { [weak self] in self?.scanInbox() }
        notifier.ready(status: statusLine(pipeline.statistics, rate: 0))
    }

    private func shutDown(signal signo: Int32) {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        notifier.stopping()
        logger.notice("signal \(signo): finishing what is in flight, then exiting")
        watcherBox.withLock { $0?.cancel() }
        for timer in timers { timer.cancel() }
        // Nothing may be committable (a held lock, a full disk, a damaged database): after
        // stop_timeout_seconds leave what is in flight in processing/, where the next start
        // replays it, and exit before the service manager's TimeoutStopSec kills us.
        let timeout = settings.stopTimeoutSeconds
        controlQueue.asyncAfter(deadline: .now() + timeout) { [self] in
            let left = claimed.withLock { $0.count }
            _ = FileManager.default.createFile(atPath: spool.processing + "/../clean-stop", contents: nil)
            logger.warning("\(left) file(s) not committed within \(timeout) s of the stop; left in processing/ for the next start")
            publishStatus()
            exit(0)
        }
        intakeQueue.async { [self] in
            // Intake has stopped taking files; wait for those in flight, then their moves.
            pipeline.notifyWhenIdle(on: controlQueue) { [self] in
                spoolQueue.sync {}  // the last outcomes' moves
                retryMoves()
                _ = try? store.checkpoint(truncate: true)
                publishStatus()
                logger.notice("stopped")
                exit(0)
            }
        }
    }
}
