import Dispatch

/// Applies `done_retention_days`: deletes files kept in `done/` longer than that, five
/// seconds after start and hourly.
final class RetentionService: DaemonService {
    private let context: DaemonContext
    private let queue = DispatchQueue(label: "gleaner.retention", qos: .utility)
    private let timer: RepeatingTimer

    init(context: DaemonContext) {
        self.context = context
        timer = RepeatingTimer(queue: queue)
    }

    func run() {
        timer.start(after: 5, every: 3600, leeway: .seconds(60)) { [weak self] in self?.prune() }
    }

    func shutDown(then stopped: @escaping @Sendable () -> Void) {
        timer.cancel()
        stopped()
    }

    private func prune() {
        let settings = context.settings
        guard let days = settings.doneRetentionDays, !settings.deleteDone else { return }
        let removed = context.spool.pruneDone(olderThan: days * 86_400)
        if removed > 0 {
            context.logger.info("deleted \(removed) file(s) kept in done/ longer than \(days) day(s)")
        }
    }
}
