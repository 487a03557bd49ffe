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
    // @unchecked: the mutable stored properties are `watcher` and `signalSources`,
    // written in `start()` before any handler that reads them is installed and then
    // only touched on `controlQueue`; everything else is immutable, a Mutex or Atomic.
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
    private let claimed = Mutex([Int: String]())
    private let pendingMoves = Mutex([PendingMove]())
    private let refusedInPlace = Mutex(Set<String>())
    private let recentErrors = Mutex([String]())
    private let nextSequence = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let progress = Mutex(ProgressWatch())
    private let startedAt = Date()
    private var pipeline: DocumentPipeline!
    private var watcher: InboxWatcher?
    private var signalSources: [any DispatchSourceSignal] = []
    private var timers: [any DispatchSourceTimer] = []

    /// How long a file must go unmodified before a scan takes it.
    static let settleSeconds = 1.0

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
        let settings = self.settings
        logger.info("watching \(settings.inbox)", metadata: ["database": "\(settings.database)"])
        // Recovery first: whatever a previous run left in processing/ goes round again.
        let unfinished = spool.unfinishedNames()
        if !unfinished.isEmpty {
            logger.notice("recovering \(unfinished.count) file(s) left in processing by an earlier run")
        }
        intakeQueue.async { [self] in
            for name in unfinished where !stopping.load(ordering: .relaxed) {
                submit(path: spool.processing + "/" + name, name: name)
            }
            scanInbox()
        }
        // Files written just before start were too fresh for the first scan.
        intakeQueue.asyncAfter(deadline: .now() + InboxService.settleSeconds + 0.2) { [weak self] in
            self?.scanInbox()
        }
        try startWatcher(settings)
        startTimers()
        notifier.ready(status: statusLine(pipeline.statistics, rate: 0))
    }

    private func startWatcher(_ settings: ServeConfiguration) throws {
        watcher = try InboxWatcher(inbox: settings.inbox, rescanInterval: settings.rescanIntervalSeconds,
                                   queue: intakeQueue) { [weak self] signal in
            guard let self else { return }
            switch signal {
            case .arrived(let name): self.take(name)
            case .rescan: self.scanInbox()
            }
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
        for name in spool.waitingNames(settle: InboxService.settleSeconds) {
            if stopping.load(ordering: .relaxed) { return }
            take(name)
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
        claimed.withLock { $0[sequence] = path }
        pipeline.submitFile(at: path, as: ArticleSource(path: spool.inbox + "/" + name), sequence: sequence,
                            maximumBytes: settings.maxFileBytes)
    }

    // MARK: - Outcomes

    /// Runs on the spool queue once an outcome is durable: log it and move the file on.
    private func finish(_ outcome: PipelineOutcome) {
        guard let path = claimed.withLock({ $0.removeValue(forKey: outcome.sequence) }) else { return }
        let name = (outcome.source.path as NSString).lastPathComponent
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

    private func publishStatus() {
        let stats = pipeline.statistics
        checkpointIfIdle(stats)
        let rate = currentRate(completed: stats.completed)
        let line = statusLine(stats, rate: rate)
        notifier.status(line)
        let settings = self.settings
        statusFile.write(ServiceStatus(
            pid: Int(getpid()), startedAt: startedAt, updatedAt: Date(),
            state: stopping.load(ordering: .relaxed) ? "stopping" : "running",
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
                watcher?.cancel()  // thread-safe; its handler runs on intakeQueue and stops there
                try startWatcher(applied)
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
        watcher?.cancel()
        for timer in timers { timer.cancel() }
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
