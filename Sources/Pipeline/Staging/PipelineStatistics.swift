import Synchronization

/// Running totals of a pipeline: what went in, what came out, and where time went.
public struct PipelineStatistics: Sendable {
    public var submitted = 0
    public var stored = 0
    public var duplicates = 0
    public var failed = 0
    /// Inputs submitted whose outcome is not yet delivered.
    public var inFlight: Int { submitted - stored - duplicates - failed }
    /// Total processing nanoseconds per stage, and how many documents each stage saw.
    public var stageNanoseconds: [StageName: UInt64] = [:]
    public var stageDocuments: [StageName: Int] = [:]
    /// Batches the store committed, and store attempts that failed and were retried.
    public var batches = 0
    public var storeRetries = 0
    /// The last storage error, cleared by the next successful commit.
    public var lastStoreError: String?
    /// Goes up whenever any stage finishes a document or the store attempts a batch:
    /// a value that stops moving while documents are in flight means a stuck stage.
    public var heartbeat: UInt64 = 0
    /// Outcomes delivered so far.
    public var completed: Int { stored + duplicates + failed }

    public init() {}

    /// Mean microseconds per document in `stage`.
    public func meanMicroseconds(_ stage: StageName) -> Double {
        let n = stageDocuments[stage] ?? 0
        guard n > 0 else { return 0 }
        return Double(stageNanoseconds[stage] ?? 0) / Double(n) / 1000
    }

    mutating func add(_ stage: StageName, nanoseconds: UInt64, documents: Int = 1) {
        stageNanoseconds[stage, default: 0] += nanoseconds
        stageDocuments[stage, default: 0] += documents
        heartbeat &+= 1
    }
}

/// The pipeline's shared tally, updated from every stage queue.
final class StatisticsTally: Sendable {
    private let state = Mutex(PipelineStatistics())

    func update(_ body: (inout PipelineStatistics) -> Void) {
        state.withLock { body(&$0) }
    }

    var snapshot: PipelineStatistics {
        state.withLock { $0 }
    }
}
