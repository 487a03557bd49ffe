import Dispatch
import Foundation
import Pipeline
import Synchronization
import Workbench

/// What each half of the path could do alone on the same files, so a benchmark that misses
/// its target says which half holds it back: the CPU stages (decode to events, every core,
/// no database) and the store (the single writer, fed documents already analyzed).
///
/// Both run in this process, not in the daemon, so neither pays for inotify or the spool.
struct StageCeilings {
    /// Documents per second through decode, clean, analyze and events with no store.
    var analysisDocumentsPerSecond: Double
    /// Documents per second the store commits, in batches of `batchSize`.
    var storeDocumentsPerSecond: Double
    /// The writer's thread CPU per document in that run, µs. GRDB runs a write on the
    /// caller's thread (a synchronous dispatch), so the thread's clock counts it.
    var storeCPUMicrosecondsPerDocument: Double
    /// Process CPU seconds per document in the analysis run (every thread), in µs.
    var analysisCPUMicrosecondsPerDocument: Double
    var batchSize: Int

    /// Runs the pipeline over `paths` without a database, keeping every document, then
    /// writes them to a new database at `databasePath`.
    static func measure(paths: [String], databasePath: String, parallelism: Int?, batchSize: Int) throws -> StageCeilings {
        let kept = Mutex<[PipelineItem]>([])
        var configuration = PipelineConfiguration()
        if let parallelism { configuration.parallelism = parallelism }
        let pipeline = DocumentPipeline(configuration: configuration, sink: TransientSink()) { outcome in
            guard let document = outcome.document else { return }
            kept.withLock { $0.append(.document(document)) }
        }
        let cpuBefore = processCPUSeconds()
        let started = DispatchTime.now().uptimeNanoseconds
        for (sequence, path) in paths.enumerated() {
            pipeline.submitFile(at: path, as: ArticleSource(path: path), sequence: sequence, maximumBytes: 1 << 30)
        }
        pipeline.waitUntilIdle()
        let analysisSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let cpu = processCPUSeconds() - cpuBefore
        let items = kept.withLock { $0 }

        let store = try ArticleStore(path: databasePath)
        let storeStarted = DispatchTime.now().uptimeNanoseconds
        let storeCPUStarted = ThreadCPUClock.nanoseconds()
        var index = 0
        while index < items.count {
            let end = min(items.count, index + batchSize)
            _ = try store.write(Array(items[index..<end]))
            index = end
        }
        let storeCPU = Double(ThreadCPUClock.nanoseconds() - storeCPUStarted) / 1000
        let storeSeconds = Double(DispatchTime.now().uptimeNanoseconds - storeStarted) / 1e9
        return StageCeilings(analysisDocumentsPerSecond: Double(items.count) / analysisSeconds,
                             storeDocumentsPerSecond: Double(items.count) / storeSeconds,
                             storeCPUMicrosecondsPerDocument: storeCPU / Double(max(1, items.count)),
                             analysisCPUMicrosecondsPerDocument: cpu * 1e6 / Double(max(1, items.count)),
                             batchSize: batchSize)
    }

    /// User plus system CPU time of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
