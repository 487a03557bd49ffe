import Dispatch

/// The staged pipeline: intake -> decode -> clean -> analyze -> events -> store.
///
/// Each stage runs on its own queue; the CPU stages run up to `parallelism` documents at
/// once, the store is one serial writer that commits everything waiting in one
/// transaction (having waited up to `storeGatherSeconds` for more while other documents
/// are still on their way). Stages are joined by bounded buffers, so `submit` blocks when the
/// pipeline is full: callers feel backpressure instead of filling memory.
///
/// Every submitted input produces exactly one `PipelineOutcome`, delivered on the store
/// queue after its batch is durable (or after the sink gave up on it).
public final class DocumentPipeline: Sendable {
    /// A document in flight, with the bookkeeping that travels beside it.
    private struct Carried<Value: Sendable>: Sendable {
        var value: Value
        var timings: StageTimings
        var source: ArticleSource
        var sequence: Int
        var byteCount: Int
    }

    private let configuration: PipelineConfiguration
    private let sink: any DocumentSink
    private let onOutcome: @Sendable (PipelineOutcome) -> Void
    private let statisticsBox = StatisticsTally()
    private let pending: DispatchGroup

    private let intake: ArticleIntake
    private let decoder: ArticleDecoder
    private let cleaner: BoilerplateCleaner
    private let analyzer: TextAnalyzer
    private let eventExtractor: EventExtractor?

    private let storeWorker: BatchingWorker<PipelineItem>
    private let eventsWorker: StageWorker<Carried<AnalyzedDocument>>
    private let analyzeWorker: StageWorker<Carried<CleanDocument>>
    private let cleanWorker: StageWorker<Carried<DecodedDocument>>
    private let decodeWorker: StageWorker<Carried<ArticleInput>>
    private let intakeWorker: StageWorker<Carried<ArticleInput>>

    /// - Parameters:
    ///   - events: the events stage; `nil` skips it (a deployment that needs no events, or
    ///     to measure the stage's cost).
    ///   - onOutcome: called once per input, on the store queue, in commit order.
    public init(configuration: PipelineConfiguration = .init(), sink: any DocumentSink,
                decoder: ArticleDecoder? = nil, cleaner: BoilerplateCleaner = .init(),
                analyzer: TextAnalyzer = .init(), events: EventExtractor? = EventExtractor(),
                onOutcome: @escaping @Sendable (PipelineOutcome) -> Void) {
        self.configuration = configuration
        self.sink = sink
        self.onOutcome = onOutcome
        self.intake = ArticleIntake(maximumBytes: configuration.maximumBytes)
        self.decoder = decoder ?? ArticleDecoder(maximumBytes: configuration.maximumBytes)
        self.cleaner = cleaner
        self.analyzer = analyzer
        self.eventExtractor = events

        let width = configuration.parallelism
        let capacity = configuration.stageCapacity
        let statistics = statisticsBox
        let pending = DispatchGroup()
        self.pending = pending

        // Built back to front: each worker's body hands its output to the next worker.
        // The single writer runs ahead of the CPU stages. On Linux, Dispatch turns a queue's
        // QoS into its threads' nice value (background is nice 10, user-initiated -2 where
        // allowed, else 0). With more lanes than cores and equal shares, the writer, whose
        // work nothing can share out, got half a core and the whole pipeline waited on it
        // (819 files/s end to end; 945 with the lanes at background). The lanes still get
        // every cycle the writer leaves; under systemd the service's cgroup, not these nice
        // values, sets its share against other services.
        let cpuQoS = DispatchQoS.background
        let store = BatchingWorker<PipelineItem>(name: "store", capacity: capacity, maxBatch: configuration.maxBatch,
                                                 gatherSeconds: configuration.storeGatherSeconds) { [sink, onOutcome] batch in
            DocumentPipeline.commit(batch, to: sink, retryLimit: configuration.storeRetryLimit,
                                    statistics: statistics, onOutcome: onOutcome)
            for _ in batch { pending.leave() }
        }
        self.storeWorker = store

        let fail: @Sendable (ArticleSource, Int, Int, String?, PipelineError) -> Void = { source, sequence, bytes, sha, error in
            store.submit(.failure(FailedArticle(source: source, sequence: sequence, sha256: sha,
                                                byteCount: bytes, error: error)))
        }

        let extractor = eventExtractor
        let events = StageWorker<Carried<AnalyzedDocument>>(name: "events", width: width, capacity: capacity, qos: cpuQoS) { item in
            var timings = item.timings
            let started = DispatchTime.now().uptimeNanoseconds
            do throws(PipelineError) {
                var doc: ExtractedDocument
                if let extractor {
                    doc = try extractor.process(item.value)
                } else {
                    doc = ExtractedDocument(analyzed: item.value, events: [], quotes: [])
                }
                let spent = DispatchTime.now().uptimeNanoseconds - started
                timings.record(.events, nanoseconds: spent)
                statistics.update { $0.add(.events, nanoseconds: spent) }
                doc.timings = timings
                store.submit(.document(doc))
            } catch {
                fail(item.source, item.sequence, item.byteCount, item.value.clean.decoded.sha256, error)
            }
        }
        self.eventsWorker = events

        let analyzerStage = analyzer
        self.analyzeWorker = StageWorker(name: "analyze", width: width, capacity: capacity, qos: cpuQoS) { item in
            DocumentPipeline.run(analyzerStage, on: item, statistics: statistics,
                                 sha: item.value.decoded.sha256, next: events.submit, fail: fail)
        }
        let analyze = analyzeWorker

        let cleanerStage = cleaner
        self.cleanWorker = StageWorker(name: "clean", width: width, capacity: capacity, qos: cpuQoS) { item in
            DocumentPipeline.run(cleanerStage, on: item, statistics: statistics,
                                 sha: item.value.sha256, next: analyze.submit, fail: fail)
        }
        let clean = cleanWorker

        let decoderStage = self.decoder
        self.decodeWorker = StageWorker(name: "decode", width: width, capacity: capacity, qos: cpuQoS) { item in
            DocumentPipeline.run(decoderStage, on: item, statistics: statistics, sha: nil,
                                 next: clean.submit, fail: fail)
        }
        let decode = decodeWorker

        let intakeStage = intake
        self.intakeWorker = StageWorker(name: "intake", width: 1, capacity: capacity) { item in
            DocumentPipeline.run(intakeStage, on: item, statistics: statistics, sha: nil,
                                 next: decode.submit, fail: fail)
        }
    }

    /// Hands one article to the pipeline. Blocks while the pipeline is full.
    public func submit(_ input: ArticleInput) {
        pending.enter()
        statisticsBox.update { $0.submitted += 1 }
        storeWorker.expect()
        intakeWorker.submit(Carried(value: input, timings: StageTimings(), source: input.source,
                                    sequence: input.sequence, byteCount: input.bytes.count))
    }

    /// Records an input that never became bytes (a symlink, a FIFO, an unreadable file):
    /// it goes straight to the store so the files ledger holds it like any other failure.
    public func submitFailure(_ failed: FailedArticle) {
        pending.enter()
        statisticsBox.update { $0.submitted += 1 }
        storeWorker.expect()
        storeWorker.submit(.failure(failed))
    }

    /// Blocks until every submitted input has its outcome delivered.
    public func waitUntilIdle() {
        pending.wait()
    }

    /// Calls `work` once every submitted input has its outcome, without blocking.
    public func notifyWhenIdle(on queue: DispatchQueue, _ work: @escaping @Sendable () -> Void) {
        pending.notify(queue: queue, execute: work)
    }

    /// A snapshot of the running totals.
    public var statistics: PipelineStatistics {
        statisticsBox.snapshot
    }

    // MARK: - Stage plumbing

    private static func run<S: DocumentStage>(
        _ stage: S, on item: Carried<S.Input>, statistics: StatisticsTally, sha: String?,
        next: (Carried<S.Output>) -> Void,
        fail: (ArticleSource, Int, Int, String?, PipelineError) -> Void
    ) {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let output = try stage.process(item.value)
            let spent = DispatchTime.now().uptimeNanoseconds - started
            var timings = item.timings
            timings.record(S.stage, nanoseconds: spent)
            statistics.update { $0.add(S.stage, nanoseconds: spent) }
            next(Carried(value: output, timings: timings, source: item.source,
                         sequence: item.sequence, byteCount: item.byteCount))
        } catch {
            var hash = sha
            if hash == nil, let input = item.value as? ArticleInput {
                hash = SHA256.hexDigest(of: input.bytes)
            }
            fail(item.source, item.sequence, item.byteCount, hash, error)
        }
    }

    private static func commit(_ batch: [PipelineItem], to sink: any DocumentSink, retryLimit: Int?,
                               statistics: StatisticsTally,
                               onOutcome: @Sendable (PipelineOutcome) -> Void) {
        let started = DispatchTime.now().uptimeNanoseconds
        var attempt = 0
        var outcomes: [PipelineOutcome]
        while true {
            do {
                outcomes = try sink.write(batch)
                // Sinks that keep documents need not echo them; callers still want them.
                for index in outcomes.indices where outcomes[index].document == nil && index < batch.count {
                    if case .document(let doc) = batch[index], doc.sha256 == outcomes[index].sha256 {
                        outcomes[index].document = doc
                    }
                }
                statistics.update { $0.lastStoreError = nil }
                break
            } catch {
                attempt += 1
                statistics.update {
                    $0.heartbeat &+= 1
                    $0.storeRetries += 1
                    $0.lastStoreError = error.message
                }
                if let limit = retryLimit, attempt > limit {
                    outcomes = batch.map { item in
                        PipelineOutcome(sequence: item.sequence, source: item.source, sha256: nil,
                                        disposition: .failed(error))
                    }
                    break
                }
                // Back off: 50 ms doubling to 5 s, so a locked or full disk is not hammered.
                let delay = min(5_000, 50 << min(attempt - 1, 7))
                usleepMilliseconds(delay)
            }
        }
        let spent = DispatchTime.now().uptimeNanoseconds - started
        statistics.update { stats in
            stats.add(.store, nanoseconds: spent, documents: batch.count)
            stats.batches += 1
            for outcome in outcomes {
                switch outcome.disposition {
                case .stored: stats.stored += 1
                case .duplicate: stats.duplicates += 1
                case .failed: stats.failed += 1
                }
            }
        }
        for outcome in outcomes {
            onOutcome(outcome)
        }
    }

    private static func usleepMilliseconds(_ ms: Int) {
        let semaphore = DispatchSemaphore(value: 0)
        _ = semaphore.wait(timeout: .now() + .milliseconds(ms))
    }
}
