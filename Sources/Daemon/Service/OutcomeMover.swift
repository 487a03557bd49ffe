import Dispatch
import Foundation
import Glibc
import Logging
import Pipeline
import ServiceCore
import Synchronization

/// Logs each outcome and moves its file out of `processing/`: to `done/` (or deleted)
/// once committed, to `failed/` with its report otherwise. A move that fails (a full
/// disk, a permission error) is retried with backoff and the file stays put.
///
/// Outcomes arrive on the pipeline's store queue, in commit order, and are handed to
/// this service's own serial queue at once, so the single writer goes on to its next
/// batch instead of waiting for renames and log lines.
final class OutcomeMover: DaemonService {
    /// A committed or failed file whose move out of `processing/` did not happen yet.
    private struct PendingMove {
        var path: String
        var outcome: PipelineOutcome
        var attempts: Int
        var notBefore: Date
    }

    private let context: DaemonContext
    private let queue = DispatchQueue(label: "gleaner.spool")
    private let pending: QueueConfined<[PendingMove]>
    private let pendingTally = Atomic<Int>(0)
    private let retries: RepeatingTimer
    /// Takes a file that changed after it was taken in again (set by the daemon's assembly).
    private let retake: Mutex<(@Sendable (String) -> Void)?> = Mutex(nil)

    init(context: DaemonContext) {
        self.context = context
        pending = QueueConfined([], on: queue)
        retries = RepeatingTimer(queue: queue)
    }

    /// Moves that failed and wait for their retry (for status).
    var pendingMoves: Int { pendingTally.load(ordering: .relaxed) }

    func onRetake(_ handler: @escaping @Sendable (String) -> Void) {
        retake.withLock { $0 = handler }
    }

    func run() {
        retries.start(after: 0.5, every: 0.5, leeway: .milliseconds(100)) { [weak self] in self?.retryDue(all: false) }
    }

    func shutDown(then stopped: @escaping @Sendable () -> Void) {
        retries.cancel()
        stopped()
    }

    /// The last outcomes' moves, and one more try of those waiting.
    func drain() {
        queue.sync { retryDue(all: true) }
    }

    /// Called on the pipeline's store queue once an outcome is durable.
    func accept(_ outcome: PipelineOutcome) {
        queue.async { [self] in finish(outcome) }
    }

    private func finish(_ outcome: PipelineOutcome) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let claim = context.claims.finish(outcome.sequence) else { return }
        let path = claim.path
        let name = (outcome.source.path as NSString).lastPathComponent
        if let look = claim.look, let now = FileLook(path: path), now != look, let retake = retake.withLock({ $0 }) {
            // Its writer went on writing after the file was taken: what was stored may be
            // a part of it. Take it again as what it is now (a duplicate if it was whole).
            context.logger.notice("\(name) changed after it was taken; ingesting it again", metadata: ["file": "\(name)", "stage": "intake"])
            retake(path)
            return
        }
        var metadata: Logger.Metadata = ["file": "\(name)"]
        if let sha = outcome.sha256 { metadata["document_sha256"] = "\(sha)" }
        var outcome = outcome
        if case .failed(let error) = outcome.disposition, let clearer = Self.explained(error, path: path) {
            outcome.disposition = .failed(clearer)
        }
        switch outcome.disposition {
        case .stored, .duplicate:
            let verb = if case .duplicate = outcome.disposition { "duplicate" } else { "stored" }
            metadata["stage"] = "store"
            let summary = outcome.document.map { ": " + ExtractionSummary($0).text } ?? ""
            context.logger.info("\(verb) \(name)\(summary)", metadata: metadata)
        case .failed(let error):
            metadata["stage"] = "\(error.stage.rawValue)"
            metadata["error"] = "\(error.message)"
            context.recentErrors.remember("\(name): \(error.message)")
            context.logger.warning("failed \(name): \(error.message)", metadata: metadata)
        }
        move(path, outcome: outcome, attempts: 0)
    }

    /// A clearer reason for a failure whose stage could not say what was wrong: HTML
    /// with "no text" whose elements nest deeper than the parser follows.
    static func explained(_ error: PipelineError, path: String) -> PipelineError? {
        guard error.kind == .noText, let data = FileManager.default.contents(atPath: path) else { return nil }
        let depth = MarkupDepth.maximum(of: [UInt8](data))
        guard depth > MarkupDepth.parserLimit else { return nil }
        return PipelineError(.noText, stage: error.stage,
                             "no text the HTML parser could reach: elements nest \(depth) levels deep, and the parser follows \(MarkupDepth.parserLimit); text below that is not read")
    }

    private func move(_ path: String, outcome: PipelineOutcome, attempts: Int) {
        dispatchPrecondition(condition: .onQueue(queue))
        let spool = context.spool
        let result: Result<String?, SpoolError>
        switch outcome.disposition {
        case .stored, .duplicate:
            result = spool.complete(path)
        case .failed(let error):
            let name = (outcome.source.path as NSString).lastPathComponent
            result = spool.reject(path, report: FailureReport(name: name, error: error, sha256: outcome.sha256).json)
        }
        guard case .failure(let error) = result else { return }
        if error.errno == ENOENT, access(path, F_OK) != 0 {
            // The file itself is gone (its inbox was removed with processing/ in it).
            context.logger.error("file vanished from processing/ before it could be moved", metadata: ["file": "\(path)", "stage": "spool"])
            return
        }
        let delay = min(60.0, 0.5 * pow(2, Double(min(attempts, 7))))
        if attempts == 0 || attempts % 8 == 0 {
            let message = "\(error); will retry"
            context.recentErrors.remember(message)
            context.logger.error("cannot move file", metadata: ["file": "\(path)", "stage": "spool", "error": "\(message)"])
        }
        pending.withValue {
            $0.append(PendingMove(path: path, outcome: outcome, attempts: attempts + 1,
                                  notBefore: Date().addingTimeInterval(delay)))
            pendingTally.store($0.count, ordering: .relaxed)
        }
    }

    private func retryDue(all: Bool) {
        dispatchPrecondition(condition: .onQueue(queue))
        let now = Date()
        let due = pending.withValue { moves -> [PendingMove] in
            let due = moves.filter { all || $0.notBefore <= now }
            moves.removeAll { all || $0.notBefore <= now }
            pendingTally.store(moves.count, ordering: .relaxed)
            return due
        }
        for move in due {
            self.move(move.path, outcome: move.outcome, attempts: move.attempts)
        }
    }
}
