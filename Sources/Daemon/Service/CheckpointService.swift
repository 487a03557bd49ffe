import Dispatch
import Logging
import Pipeline

/// Empties the WAL when the pipeline falls idle after new commits. Under load SQLite
/// checkpoints passively as the WAL grows; a truncating checkpoint once idle keeps
/// readers that came and went during a burst from leaving it large. A truncating
/// checkpoint may wait for readers, so it runs on a queue of its own.
final class CheckpointService: DaemonService {
    private let context: DaemonContext
    private let pipeline: DocumentPipeline
    private let store: any ArticleDatabase
    private let queue = DispatchQueue(label: "gleaner.checkpoint", qos: .utility)
    /// Documents completed when the WAL was last emptied (-1: the last try failed).
    private let checkpointed: QueueConfined<Int>
    private let timer: RepeatingTimer

    init(context: DaemonContext, pipeline: DocumentPipeline, store: any ArticleDatabase) {
        self.context = context
        self.pipeline = pipeline
        self.store = store
        checkpointed = QueueConfined(0, on: queue)
        timer = RepeatingTimer(queue: queue)
    }

    func run() {
        timer.start(after: 1, every: 2, leeway: .milliseconds(200)) { [weak self] in self?.checkpointIfIdle() }
    }

    func shutDown(then stopped: @escaping @Sendable () -> Void) {
        timer.cancel()
        stopped()
    }

    /// The last checkpoint, once everything is committed.
    func drain() {
        queue.sync { _ = try? store.checkpoint(truncate: true) }
    }

    private func checkpointIfIdle() {
        dispatchPrecondition(condition: .onQueue(queue))
        let stats = pipeline.statistics
        guard stats.inFlight == 0, checkpointed.withValue({ $0 }) != stats.completed else { return }
        do {
            _ = try store.checkpoint(truncate: true)
            checkpointed.withValue { $0 = stats.completed }
        } catch {
            context.logger.warning("checkpoint failed; the next idle moment tries again", metadata: ["error": "\(error)"])
            checkpointed.withValue { $0 = -1 }
        }
    }
}
