import Dispatch
import Foundation
import Glibc
import Logging
import Pipeline
import ServiceCore
import Synchronization

/// Tells the operator and the service manager how the daemon is doing: the status file
/// and STATUS= every two seconds, a warning in the log once per change of the store's
/// state (commits blocked, going through again), and WATCHDOG=1 only while the pipeline
/// makes progress and the inbox is there.
///
/// Its state lives on its own serial `queue`, which never blocks on the pipeline.
final class StatusService: DaemonService {
    /// What the watchdog and the rate need across ticks.
    private struct Watch {
        var heartbeat: UInt64 = 0
        var movedAt = Date()
        var rateWindow: [(Date, Int)] = []
        /// The store error last logged.
        var loggedStoreError: String?
    }

    private let context: DaemonContext
    private let pipeline: DocumentPipeline
    private let intake: IntakeService
    private let mover: OutcomeMover
    private let statusFile: StatusFile
    private let startedAt = Date()
    private let queue = DispatchQueue(label: "gleaner.status")
    private let watch: QueueConfined<Watch>
    private let statusTimer: RepeatingTimer
    private let watchdogTimer: RepeatingTimer

    init(context: DaemonContext, pipeline: DocumentPipeline, intake: IntakeService, mover: OutcomeMover) {
        self.context = context
        self.pipeline = pipeline
        self.intake = intake
        self.mover = mover
        statusFile = StatusFile(path: StatusFile.path(forDatabase: context.settings.database, inbox: context.settings.inbox))
        watch = QueueConfined(Watch(), on: queue)
        statusTimer = RepeatingTimer(queue: queue)
        watchdogTimer = RepeatingTimer(queue: queue)
    }

    func run() {
        statusTimer.start(after: 1, every: 2, leeway: .milliseconds(200)) { [weak self] in self?.tick() }
        if let interval = context.notifier.watchdogInterval {
            watchdogTimer.start(after: 0, every: max(0.05, interval / 4), leeway: .milliseconds(20)) { [weak self] in
                self?.petWatchdog(interval: interval)
            }
        }
    }

    func shutDown(then stopped: @escaping @Sendable () -> Void) {
        statusTimer.cancel()
        watchdogTimer.cancel()
        stopped()
    }

    /// The last status, as the daemon stops.
    func drain() {
        publish()
    }

    /// Writes the status file and sends STATUS= now, from any queue.
    func publish() {
        queue.sync { tick() }
    }

    /// The one-line summary (STATUS=, READY=1), from any queue.
    func line() -> String {
        line(pipeline.statistics, rate: 0)
    }

    private func tick() {
        dispatchPrecondition(condition: .onQueue(queue))
        let stats = pipeline.statistics
        logStoreState(stats)
        let rate = currentRate(completed: stats.completed)
        let summary = line(stats, rate: rate)
        context.notifier.status(summary)
        let settings = context.settings
        let state = context.isStopping ? "stopping" : intake.hasInbox ? "running" : "inbox missing"
        statusFile.write(ServiceStatus(
            pid: Int(getpid()), startedAt: startedAt, updatedAt: Date(), state: state,
            inbox: settings.inbox, database: settings.database,
            inboxWaiting: context.spool.waitingCount(), statistics: stats, rate: rate,
            pendingMoves: mover.pendingMoves, recentErrors: context.recentErrors.all, summary: summary))
    }

    private func line(_ stats: PipelineStatistics, rate: Double) -> String {
        var line = "\(stats.inFlight) in flight, \(stats.stored) stored, \(stats.duplicates) duplicate, \(stats.failed) failed, \(String(format: "%.1f", rate))/s"
        if let storeError = stats.lastStoreError { line += "; store retrying: \(storeError)" }
        let pending = mover.pendingMoves
        if pending > 0 { line += "; \(pending) file move(s) pending" }
        if !intake.hasInbox { line += "; the inbox is missing" }
        return line
    }

    /// Logs a change of the store's state once: commits blocked (a lock, a full disk, a
    /// damaged database), blocked for another reason, or going through again.
    private func logStoreState(_ stats: PipelineStatistics) {
        let current = stats.lastStoreError
        let before = watch.withValue { watch -> String?? in
            guard watch.loggedStoreError != current else { return .none }
            defer { watch.loggedStoreError = current }
            return .some(watch.loggedStoreError)
        }
        guard case .some(let previous) = before else { return }
        if let current {
            context.logger.warning("commits are blocked; files wait in processing/ and are retried: \(current)", metadata: ["stage": "store"])
        } else if previous != nil {
            context.logger.notice("commits go through again", metadata: ["stage": "store"])
        }
    }

    /// Documents per second over the last ten seconds.
    private func currentRate(completed: Int) -> Double {
        watch.withValue { watch -> Double in
            let now = Date()
            watch.rateWindow.append((now, completed))
            watch.rateWindow.removeAll { now.timeIntervalSince($0.0) > 10 }
            guard let first = watch.rateWindow.first, now.timeIntervalSince(first.0) > 0.5 else { return 0 }
            return Double(completed - first.1) / now.timeIntervalSince(first.0)
        }
    }

    /// Pings the watchdog only while the pipeline makes progress (idle, or some stage
    /// finished something recently) and the inbox is there. A stuck stage stops the pings
    /// and systemd restarts us.
    private func petWatchdog(interval: Double) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard intake.hasInbox else { return }
        let stats = pipeline.statistics
        let healthy = watch.withValue { watch -> Bool in
            if stats.heartbeat != watch.heartbeat || stats.inFlight == 0 {
                watch.heartbeat = stats.heartbeat
                watch.movedAt = Date()
            }
            return Date().timeIntervalSince(watch.movedAt) < interval / 2
        }
        if healthy {
            context.notifier.watchdog()
        } else {
            context.logger.critical("pipeline made no progress for \(Int(interval / 2)) s with \(stats.inFlight) document(s) in flight; withholding the watchdog ping")
        }
    }
}
