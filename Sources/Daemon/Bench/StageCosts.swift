import Pipeline
import Workbench

/// The CPU each CPU stage spends on one document, measured on one thread with nothing else
/// of ours running, so the figures add up and do not depend on how the stages shared the
/// cores. (The daemon's own stage timings are wall time, and include waiting for a core.)
/// The store's CPU is measured where it runs alone, by `StageCeilings`.
struct StageCosts {
    /// Thread CPU µs per document, by stage, in pipeline order from intake to events.
    var microseconds: [(stage: String, micros: Double)]
    var documents: Int

    /// Runs each article through every CPU stage in turn on the calling thread.
    static func measure(articles: [[UInt8]]) -> StageCosts {
        let intake = ArticleIntake()
        let decoder = ArticleDecoder()
        let cleaner = BoilerplateCleaner()
        let analyzer = TextAnalyzer()
        let extractor = EventExtractor()
        var spent = [UInt64](repeating: 0, count: 5)
        var documents = 0
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
                var started = ThreadCPUClock.nanoseconds()
                func lap(_ stage: Int) {
                    let now = ThreadCPUClock.nanoseconds()
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
                _ = try extractor.process(analyzed)
                lap(4)
                documents += 1
            } catch {
                continue  // the generated corpus has no bad input; a failure just is not counted
            }
        }
        let count = Double(max(1, documents))
        let names = ["intake", "decode", "clean", "analyze", "events"]
        return StageCosts(microseconds: zip(names, spent).map { (stage: $0, micros: Double($1) / 1000 / count) },
                          documents: documents)
    }
}
