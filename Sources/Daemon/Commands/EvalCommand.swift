import ArgumentParser
import Dispatch
import Foundation
import Pipeline
import Synchronization

/// `gleaner eval corpus/`: scores the pipeline against the gold answer keys.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the pipeline against a corpus's gold answer keys (<name>.txt with gold/<name>.json).",
        discussion: """
            Prints precision, recall and F1 per task: boilerplate lines, entities, mentions, values, events, quotes. \
            `gleaner eval events-dev corpus/events-dev` scores the events development set instead (its sentences \
            are read from --data).
            """)

    @Argument(help: "The corpus folder.")
    var corpus: String = "corpus"

    @Flag(name: .long, help: "Print the report as JSON instead of a table.")
    var json = false

    @Argument(help: "With `events-dev`: the development set's folder.")
    var folder: String?

    @Option(name: .long, help: "With `events-dev`: the shared data folder the set's sentences are read from.")
    var data: String = "/work/shared/data"

    @Flag(name: .long, help: "With `events-dev`: also list the sentences where the coder and the gold differ.")
    var misses = false

    func run() throws {
        if corpus == "events-dev" {
            do {
                StandardStreams.out(try EventsDevEvaluation(folder: folder ?? "corpus/events-dev", dataRoot: data,
                                                         listDifferences: misses).run())
            } catch {
                StandardStreams.err("gleaner: \(error)")
                throw ExitCode(66)
            }
            return
        }
        let gold: GoldCorpus
        do {
            gold = try GoldCorpusFolder.load(corpus)
        } catch {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(66)
        }
        let documents = Mutex([Int: ExtractedDocument]())
        let failures = Mutex([String]())
        let pipeline = DocumentPipeline(sink: TransientSink()) { outcome in
            switch outcome.disposition {
            case .stored, .duplicate:
                if let doc = outcome.document { documents.withLock { $0[outcome.sequence] = doc } }
            case .failed(let error):
                failures.withLock { $0.append("\(outcome.source.path): \(error.message)") }
            }
        }
        let started = DispatchTime.now().uptimeNanoseconds
        for (sequence, entry) in gold.entries.enumerated() {
            pipeline.submit(ArticleInput(source: ArticleSource(path: entry.sourcePath), bytes: entry.bytes, sequence: sequence))
        }
        pipeline.waitUntilIdle()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        for failure in failures.withLock({ $0 }) { StandardStreams.err("gleaner: \(failure)") }
        let extracted = documents.withLock { $0 }
        let scorer = GoldScorer()
        let scores = gold.entries.enumerated().compactMap { sequence, entry in
            extracted[sequence].map { scorer.score($0, against: entry.gold, name: entry.name) }
        }
        let report = EvaluationReport(documents: scores, elapsedSeconds: elapsed)
        let html = try HTMLExtractionEvaluation(folder: corpus + "/html").run()
        if json {
            var value = report.jsonValue()
            if let html, case .object(var fields) = value {
                fields.append(("html_extraction", .object([
                    ("pages", .int(html.pages)), ("precision", .double(html.counts.precision)),
                    ("recall", .double(html.counts.recall)), ("f1", .double(html.counts.f1)),
                    ("documents_per_second", .double(html.documentsPerSecond.rounded())),
                ])))
                value = .object(fields)
            }
            StandardStreams.out(value.serialized())
        } else {
            StandardStreams.out(report.table())
            if let html {
                StandardStreams.out(String(format: "\nHTML main text (%@/html, %d pages, 4-word shingles): P %.3f  R %.3f  F1 %.3f  decode+clean %.0f documents/s",
                                           corpus, html.pages, html.counts.precision, html.counts.recall, html.counts.f1,
                                           html.documentsPerSecond))
            }
        }
        if !gold.unannotated.isEmpty {
            StandardStreams.err("gleaner: not scored (no gold file): \(gold.unannotated.joined(separator: ", "))")
        }
    }

}
