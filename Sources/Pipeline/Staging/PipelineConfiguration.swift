import Foundation

/// How the staged pipeline is sized. The defaults suit a small server.
public struct PipelineConfiguration: Sendable {
    /// How many documents each CPU stage works on at once: the core count by default.
    public var parallelism: Int
    /// How many documents each stage may hold (running and waiting) before the stage
    /// before it blocks. Bounds memory whatever the backlog.
    public var stageCapacity: Int
    /// The most documents the store commits in one transaction.
    public var maxBatch: Int
    /// Seconds the store may wait for more documents before it commits a batch: when it
    /// finds fewer than `maxBatch` (or `stageCapacity`) ready while others are still in the
    /// stages before it, it waits up to this long for them, so a busy pipeline commits
    /// fewer, larger batches. It never waits when nothing else is in the pipeline (a lone
    /// document, the end of a drain). 0 commits whatever is ready at once; at most
    /// `longestStoreGather`.
    public var storeGatherSeconds: Double
    /// The longest `storeGatherSeconds`: past a minute a gather would be a stall.
    public static let longestStoreGather: Double = 60
    /// Inputs larger than this fail with `tooLarge` at intake.
    public var maximumBytes: Int
    /// How many times the store retries a batch that failed to commit before it gives the
    /// batch's items up as failed; `nil` retries for as long as it takes (the daemon's
    /// choice: a locked or full disk must not lose files).
    public var storeRetryLimit: Int?

    public init(parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                stageCapacity: Int = 64, maxBatch: Int = 256, storeGatherSeconds: Double = 0.025,
                maximumBytes: Int = 20 * 1024 * 1024, storeRetryLimit: Int? = 8) {
        self.parallelism = max(1, parallelism)
        self.stageCapacity = max(1, stageCapacity)
        self.maxBatch = max(1, maxBatch)
        self.storeGatherSeconds = min(max(0, storeGatherSeconds), Self.longestStoreGather)
        self.maximumBytes = maximumBytes
        self.storeRetryLimit = storeRetryLimit
    }
}
