import Dispatch
import Foundation
import Glibc
import Logging
import Pipeline
import Synchronization

/// One part of the running daemon, with one job and one owner: the `ServiceGroup`.
///
/// Shaped like swift-service-lifecycle's `Service`, for a daemon built on Dispatch:
/// `run()` starts the service's work on its own queue and returns (the work then runs
/// from its queue's timers, watches and signals); a graceful shutdown asks each service,
/// in reverse order, to stop taking work, waits for the pipeline to fall idle, then lets
/// each finish what is left.
protocol DaemonService: AnyObject, Sendable {
    /// Starts the service. Called once, in the group's order.
    func run() throws
    /// Stops taking new work, then calls `stopped` (on any queue) once work it had
    /// already begun has been handed on. The default stops at once.
    func shutDown(then stopped: @escaping @Sendable () -> Void)
    /// After the pipeline has fallen idle: finishes what is left (the last moves, the
    /// last checkpoint, the last status). The default does nothing.
    func drain()
}

extension DaemonService {
    func shutDown(then stopped: @escaping @Sendable () -> Void) { stopped() }
    func drain() {}
}

/// Runs the daemon's services: starts them in order, installs the stop signals last
/// (their handler reads every service, which all exist by then), and on SIGTERM or
/// SIGINT shuts them down in reverse order, waits for the pipeline, drains them and
/// exits 0 — or, when nothing can be committed, exits after `stop_timeout_seconds` with
/// the uncommitted files left in `processing/` for the next start.
final class ServiceGroup: Sendable {
    private let services: [any DaemonService]
    private let context: DaemonContext
    private let pipeline: DocumentPipeline
    private let status: StatusService
    private let queue = DispatchQueue(label: "gleaner.control")
    private let signals = Mutex<[SignalSource]>([])

    init(services: [any DaemonService], context: DaemonContext, pipeline: DocumentPipeline, status: StatusService) {
        self.services = services
        self.context = context
        self.pipeline = pipeline
        self.status = status
    }

    /// Starts every service, then listens for the stop signals and says READY=1.
    func run() throws {
        for service in services {
            try service.run()
        }
        let sources = [SIGTERM, SIGINT].map { signo in
            SignalSource(signo, queue: queue) { [weak self] in self?.shutDown(signal: signo) }
        }
        signals.withLock { $0 = sources }
        context.notifier.ready(status: status.line())
    }

    private func shutDown(signal signo: Int32) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !context.stopping.exchange(true, ordering: .relaxed) else { return }
        context.notifier.stopping()
        context.logger.notice("signal \(signo): finishing what is in flight, then exiting")
        let timeout = context.settings.stopTimeoutSeconds
        queue.asyncAfter(deadline: .now() + timeout) { [self] in
            let left = context.claims.count
            _ = FileManager.default.createFile(atPath: context.spool.cleanStopMarker, contents: nil)
            context.logger.warning("\(left) file(s) not committed within \(timeout) s of the stop; left in processing/ for the next start")
            status.publish()
            exit(0)
        }
        stop(services.reversed()[...]) { [self] in
            pipeline.notifyWhenIdle(on: queue) { [self] in
                for service in services { service.drain() }
                context.logger.notice("stopped")
                exit(0)
            }
        }
    }

    /// Shuts `remaining` down one after another, then calls `done`.
    private func stop(_ remaining: ArraySlice<any DaemonService>, done: @escaping @Sendable () -> Void) {
        guard let first = remaining.first else { return done() }
        let rest = Array(remaining.dropFirst())
        first.shutDown { [self] in stop(rest[...], done: done) }
    }
}
