import Dispatch
import Foundation
import Glibc
import Pipeline
import Synchronization

/// The running daemon: recovery, the watcher, the pipeline, the spool moves, shutdown.
///
/// Threads: `intakeQueue` (serial) owns claiming and submitting, so a name is never
/// claimed twice; outcomes arrive on the pipeline's store queue and only touch the
/// spool and the claimed-path table; signals arrive on `intakeQueue` too.
final class InboxService: @unchecked Sendable {
    // @unchecked: `watcher` and `signalSources` are written only in `start()` before any
    // handler can run and read only on `intakeQueue`; every other stored property is
    // immutable or a Mutex.
    private let settings: ServeConfiguration
    private let spool: SpoolDirectory
    private let verbose: Bool
    private let store: ArticleStore
    private let intakeQueue = DispatchQueue(label: "gleaner.intake")
    private let claimed = Mutex([Int: String]())
    private let nextSequence = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private var pipeline: DocumentPipeline!
    private var watcher: InboxWatcher?
    private var signalSources: [any DispatchSourceSignal] = []

    init(settings: ServeConfiguration, verbose: Bool) throws {
        self.settings = settings
        self.verbose = verbose
        self.spool = SpoolDirectory(inbox: settings.inbox, done: settings.doneDirectory,
                                    failed: settings.failedDirectory, deleteDone: settings.deleteDone)
        try spool.prepare()
        let dbFolder = (settings.database as NSString).deletingLastPathComponent
        if !dbFolder.isEmpty {
            try FileManager.default.createDirectory(atPath: dbFolder, withIntermediateDirectories: true)
        }
        self.store = try ArticleStore(path: settings.database)
        let configuration = PipelineConfiguration(parallelism: settings.parallelism, maxBatch: settings.maxBatch,
                                                  maximumBytes: settings.maxFileBytes, storeRetryLimit: nil)
        self.pipeline = DocumentPipeline(configuration: configuration, sink: store) { [weak self] outcome in
            self?.finish(outcome)
        }
    }

    func start() throws {
        // Signals become Dispatch events; the default disposition must be off first.
        for signo in [SIGTERM, SIGINT] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: intakeQueue)
            source.setEventHandler { [weak self] in self?.shutDown(signal: signo) }
            source.resume()
            signalSources.append(source)
        }
        StandardStreams.err("gleaner: watching \(spool.inbox), database \(settings.database)")
        intakeQueue.async { [self] in
            // Recovery first: whatever a previous run left in processing/ goes round again.
            for name in spool.unfinishedNames() {
                submit(path: (spool.processing as NSString).appendingPathComponent(name), name: name)
            }
            scanInbox()
        }
        // Files written just before start were too fresh for the first scan.
        intakeQueue.asyncAfter(deadline: .now() + InboxService.settleSeconds + 0.2) { [weak self] in
            guard let self, !self.stopping.load(ordering: .relaxed) else { return }
            self.scanInbox()
        }
        watcher = try InboxWatcher(inbox: spool.inbox, rescanInterval: settings.rescanIntervalSeconds,
                                   queue: intakeQueue) { [weak self] signal in
            guard let self, !self.stopping.load(ordering: .relaxed) else { return }
            switch signal {
            case .arrived(let name): self.take(name)
            case .rescan: self.scanInbox()
            }
        }
    }

    /// Takes every settled file in the inbox. Files still being written are left for
    /// their close event or a later scan.
    private func scanInbox() {
        for name in spool.waitingNames(settle: InboxService.settleSeconds) { take(name) }
    }

    /// How long a file must go unmodified before a scan takes it.
    static let settleSeconds = 1.0

    private func take(_ name: String) {
        guard !stopping.load(ordering: .relaxed), InboxPolicy.isCandidate(name: name),
              let path = spool.claim(name) else { return }
        submit(path: path, name: name)
    }

    private func submit(path: String, name: String) {
        let sequence = nextSequence.add(1, ordering: .relaxed).oldValue
        claimed.withLock { $0[sequence] = path }
        let source = ArticleSource(path: (spool.inbox as NSString).appendingPathComponent(name))
        switch ArticleFile.read(path, maximumBytes: settings.maxFileBytes) {
        case .success(let bytes):
            pipeline.submit(ArticleInput(source: source, bytes: bytes, sequence: sequence))
        case .failure(let refusal):
            pipeline.submitFailure(FailedArticle(source: source, sequence: sequence, sha256: nil, byteCount: 0,
                                                 error: PipelineError(refusal.kind, stage: .intake, refusal.message)))
        }
    }

    /// Runs on the store queue once an outcome is durable: move the file on.
    private func finish(_ outcome: PipelineOutcome) {
        guard let path = claimed.withLock({ $0.removeValue(forKey: outcome.sequence) }) else { return }
        let name = (outcome.source.path as NSString).lastPathComponent
        switch outcome.disposition {
        case .stored, .duplicate:
            if case .failure(let error) = spool.complete(path) {
                StandardStreams.err("gleaner: \(error)")
            }
            let verb = if case .duplicate = outcome.disposition { "duplicate" } else { "stored" }
            if let doc = outcome.document {
                StandardStreams.out("\(verb) \(name): \(ExtractionSummary(doc).text)")
            } else {
                StandardStreams.out("\(verb) \(name)")
            }
        case .failed(let error):
            let report = FailureReport(name: name, error: error, sha256: outcome.sha256)
            if case .failure(let moveError) = spool.reject(path, report: report.json) {
                StandardStreams.err("gleaner: \(moveError); left in place")
            }
            StandardStreams.out("failed \(name): \(error.message)")
        }
    }

    private func shutDown(signal signo: Int32) {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        StandardStreams.err("gleaner: signal \(signo), finishing what is in flight")
        watcher?.cancel()
        pipeline.notifyWhenIdle(on: .global()) { [store] in
            _ = try? store.checkpoint(truncate: true)
            StandardStreams.err("gleaner: stopped")
            exit(0)
        }
    }
}
