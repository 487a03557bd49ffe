import Dispatch
import Synchronization
import Testing
@testable import Pipeline

/// The staged pipeline: one outcome per input, failures routed to the sink, batches
/// committed together, and backpressure instead of unbounded buffering.
@Suite struct DocumentPipelineTests {
    /// A sink that records what it was given and can be made slow.
    final class RecordingSink: DocumentSink {
        let batches = Mutex<[[PipelineItem]]>([])
        let delayMilliseconds: Int

        init(delayMilliseconds: Int = 0) {
            self.delayMilliseconds = delayMilliseconds
        }

        func write(_ batch: [PipelineItem]) throws(PipelineError) -> [PipelineOutcome] {
            if delayMilliseconds > 0 {
                _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(delayMilliseconds))
            }
            batches.withLock { $0.append(batch) }
            return try TransientSink().write(batch)
        }
    }

    static func article(_ n: Int) -> ArticleInput {
        let text = "Officials from Canada and Mexico met in Ottawa on Tuesday, article number \(n) said."
        return ArticleInput(source: ArticleSource(path: "a\(n).txt"), bytes: Array(text.utf8), sequence: n)
    }

    @Test func everyInputGetsExactlyOneOutcome() {
        let sink = RecordingSink()
        let outcomes = Mutex<[Int: PipelineOutcome.Disposition]>([:])
        let pipeline = DocumentPipeline(configuration: PipelineConfiguration(parallelism: 2, stageCapacity: 4),
                                        sink: sink) { outcome in
            outcomes.withLock { #expect($0.updateValue(outcome.disposition, forKey: outcome.sequence) == nil) }
        }
        for n in 0..<200 { pipeline.submit(Self.article(n)) }
        pipeline.submit(ArticleInput(source: ArticleSource(path: "empty.txt"), bytes: [], sequence: 200))
        pipeline.submit(ArticleInput(source: ArticleSource(path: "binary.bin"), bytes: [UInt8](repeating: 1, count: 500), sequence: 201))
        pipeline.waitUntilIdle()
        let result = outcomes.withLock { $0 }
        #expect(result.count == 202)
        if case .failed(let error) = result[200] { #expect(error.kind == .empty) } else { Issue.record("empty input was not failed") }
        if case .failed(let error) = result[201] { #expect(error.kind == .binary) } else { Issue.record("binary input was not failed") }
        let stats = pipeline.statistics
        #expect(stats.stored == 200 && stats.failed == 2 && stats.inFlight == 0)
        for stage in [StageName.intake, .decode, .clean, .analyze, .events] {
            #expect(stats.stageDocuments[stage, default: 0] >= 200, "\(stage) saw too few documents")
        }
    }

    @Test func aSlowStoreCommitsManyDocumentsPerBatchAndHoldsBackIntake() {
        let sink = RecordingSink(delayMilliseconds: 30)
        let capacity = 8
        let pipeline = DocumentPipeline(configuration: PipelineConfiguration(parallelism: 2, stageCapacity: capacity, maxBatch: 64),
                                        sink: sink) { _ in }
        let maxInFlight = Atomic<Int>(0)
        for n in 0..<300 {
            pipeline.submit(Self.article(n))
            let inFlight = pipeline.statistics.inFlight
            if inFlight > maxInFlight.load(ordering: .relaxed) { maxInFlight.store(inFlight, ordering: .relaxed) }
        }
        pipeline.waitUntilIdle()
        let batches = sink.batches.withLock { $0 }
        #expect(batches.reduce(0) { $0 + $1.count } == 300)
        #expect(batches.count < 300 / 2, "the store committed \(batches.count) batches for 300 documents")
        // Six stages of `capacity` each (the CPU stages may run one lane over), never the whole backlog.
        #expect(maxInFlight.load(ordering: .relaxed) <= 6 * (capacity + 2))
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Documents reaching the store one after another while others are still in the
    /// stages before it are gathered: without gathering this fast sink commits nearly
    /// one batch per document.
    @Test func documentsInQuickSuccessionAreGatheredIntoFewBatches() {
        let sink = RecordingSink()
        let configuration = PipelineConfiguration(parallelism: 2, maxBatch: 64, storeGatherSeconds: 0.5)
        let pipeline = DocumentPipeline(configuration: configuration, sink: sink) { _ in }
        for n in 0..<200 { pipeline.submit(Self.article(n)) }
        pipeline.waitUntilIdle()
        let batches = sink.batches.withLock { $0 }
        #expect(batches.reduce(0) { $0 + $1.count } == 200)
        #expect(batches.count <= 200 / 4, "the store committed \(batches.count) batches for 200 documents")
    }

    /// Gathering never holds a document back when nothing else is on its way: a lone one,
    /// and the last of a run, are committed without waiting out the gather time (here far
    /// longer than the work; the bounds are loose on purpose).
    @Test func aLoneDocumentAndTheEndOfARunAreNotHeldBack() {
        let gather = 20.0
        let sink = RecordingSink()
        let configuration = PipelineConfiguration(parallelism: 2, storeGatherSeconds: gather)
        let pipeline = DocumentPipeline(configuration: configuration, sink: sink) { _ in }
        pipeline.submit(Self.article(0))
        pipeline.waitUntilIdle()
        let lone = DispatchTime.now()
        pipeline.submit(Self.article(1))
        pipeline.waitUntilIdle()
        #expect(Self.seconds(since: lone) < gather / 4, "a lone document waited")
        let run = DispatchTime.now()
        for n in 2..<42 { pipeline.submit(Self.article(n)) }
        pipeline.waitUntilIdle()
        #expect(Self.seconds(since: run) < gather / 4, "the end of a run waited")
        #expect(sink.batches.withLock { $0.reduce(0) { $0 + $1.count } } == 42)
    }

    /// An item expected but late does not hold the batch back longer than the gather time.
    @Test func theStoreWaitsNoLongerThanItsGatherTime() {
        let delivered = DispatchSemaphore(value: 0)
        let worker = BatchingWorker<Int>(name: "gather-test", capacity: 8, maxBatch: 8, gatherSeconds: 0.2) { _ in
            delivered.signal()
        }
        worker.expect()
        worker.expect()
        let started = DispatchTime.now()
        worker.submit(1)
        #expect(delivered.wait(timeout: .now() + 10) == .success, "the batch was never committed")
        let waited = Self.seconds(since: started)
        #expect(waited >= 0.1 && waited < 5, "waited \(waited) s with a gather time of 0.2 s")
    }
}
