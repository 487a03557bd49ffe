import Glibc
import Pipeline

/// The CPU each stage spends on one document, measured on one thread with nothing else of
/// ours running, so the figures add up and do not depend on how the stages shared the
/// cores. (The daemon's own stage timings are wall time, and include waiting for a core.)
struct StageCosts {
    /// Thread CPU µs per document, by stage, in pipeline order; the store's is per
    /// document of batches of `batchSize`.
    var microseconds: [(stage: String, micros: Double)]
    var documents: Int

    var total: Double { microseconds.reduce(0) { $0 + $1.micros } }

    /// Runs each article through every stage in turn on the calling thread, then stores
    /// them in a new database at `databasePath`.
    static func measure(articles: [[UInt8]], databasePath: String, batchSize: Int) throws -> StageCosts {
        let intake = ArticleIntake()
        let decoder = ArticleDecoder()
        let cleaner = BoilerplateCleaner()
        let analyzer = TextAnalyzer()
        let extractor = EventExtractor()
        var spent = [UInt64](repeating: 0, count: 5)
        var documents: [PipelineItem] = []
        // One article first, so one-time set-up (the tagger's model, tables) is not counted.
        if let first = articles.first {
            let input = ArticleInput(source: ArticleSource(path: "warm-up.txt"), bytes: first, sequence: -1)
            if let decoded = try? decoder.process(input), let clean = try? cleaner.process(decoded),
               let analyzed = try? analyzer.process(clean) {
                _ = try? extractor.process(analyzed)
            }
        }
        for (n, bytes) in articles.enumerated() {
            let input = ArticleInput(source: ArticleSource(path: "bench-\(n).txt"), bytes: bytes, sequence: n)
            do {
                var started = threadCPUNanoseconds()
                func lap(_ stage: Int) {
                    let now = threadCPUNanoseconds()
                    spent[stage] += now - started
                    started = now
                }
                let taken = try intake.process(input)
                lap(0)
                let decoded = try decoder.process(taken)
                lap(1)
                let clean = try cleaner.process(decoded)
                lap(2)
                let analyzed = try analyzer.process(clean)
                lap(3)
                let extracted = try extractor.process(analyzed)
                lap(4)
                documents.append(.document(extracted))
            } catch {
                continue  // the generated corpus has no bad input; a failure just is not counted
            }
        }
        let store = try ArticleStore(path: databasePath)
        var storeNanoseconds: UInt64 = 0
        var index = 0
        while index < documents.count {
            let end = min(documents.count, index + batchSize)
            let batch = Array(documents[index..<end])
            let started = threadCPUNanoseconds()
            _ = try store.write(batch)
            storeNanoseconds += threadCPUNanoseconds() - started
            index = end
        }
        let count = Double(max(1, documents.count))
        let names = ["intake", "decode", "clean", "analyze", "events"]
        var microseconds = zip(names, spent).map { (stage: $0, micros: Double($1) / 1000 / count) }
        microseconds.append((stage: "store", micros: Double(storeNanoseconds) / 1000 / count))
        return StageCosts(microseconds: microseconds, documents: documents.count)
    }

    /// CPU time of the calling thread. GRDB runs a write on the caller's thread (a
    /// synchronous dispatch), so the store's work is counted here too.
    static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
