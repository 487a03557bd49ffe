import Dispatch
import Glibc
import Logging
import ServiceCore
import Synchronization

/// SIGHUP: RELOADING=1, the configuration read again (flags still win), the parts that
/// can change applied, READY=1. The inbox and the database are the daemon's identity;
/// they change on restart only.
final class ReloadService: DaemonService {
    private let context: DaemonContext
    private let intake: IntakeService
    private let status: StatusService
    private let queue = DispatchQueue(label: "gleaner.reload")
    private let source = Mutex<SignalSource?>(nil)

    init(context: DaemonContext, intake: IntakeService, status: StatusService) {
        self.context = context
        self.intake = intake
        self.status = status
    }

    /// Listens for SIGHUP; the services it reads run already.
    func run() {
        let hangup = SignalSource(SIGHUP, queue: queue) { [weak self] in self?.reload() }
        source.withLock { $0 = hangup }
    }

    func shutDown(then stopped: @escaping @Sendable () -> Void) {
        source.withLock { $0?.cancel() }
        stopped()
    }

    private func reload() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !context.isStopping else { return }
        context.notifier.reloading()
        let old = context.settings
        do {
            let fresh = context.overrides(try ServeConfiguration.load(path: context.configPath))
            var applied = fresh
            if fresh.inbox != old.inbox || fresh.database != old.database {
                context.logger.warning("inbox or database changed in the configuration; restart the service to apply that")
                applied.inbox = old.inbox
                applied.database = old.database
            }
            context.replaceSettings(applied)
            try intake.reloaded(old: old, new: applied)
            context.logger.notice("configuration reloaded", metadata: ["config": "\(context.configPath ?? ServeConfiguration.defaultPath)"])
        } catch {
            context.logger.error("reload failed; keeping the running configuration", metadata: ["error": "\(error)"])
        }
        context.notifier.ready(status: status.line())
    }
}
