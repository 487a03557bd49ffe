import ArgumentParser
import Dispatch
import Foundation
import Pipeline
import Terminal
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

    @Argument(help: "The corpus folder, or `conll` to score entities on tagged NER files.")
    var corpus: String = "corpus"

    @Argument(help: "With `conll`: CoNLL-2003 files, or UNER files (*.iob2), run as raw documents. With `events-dev`: the development set's folder (default corpus/events-dev).")
    var files: [String] = []

    @Flag(name: .long, help: "Print the report as JSON instead of a table.")
    var json = false

    @Option(name: .long, help: "Instead of the gold corpus, score HTML text and metadata on a folder of pages in Mozilla Readability's test layout (<page>/source.html, expected.html, expected-metadata.json).")
    var readability: String?

    @Flag(name: .long, help: "With --readability, also print each page's text F1 and metadata misses.")
    var pages = false

    @Option(name: .long, help: "With --readability, score another extractor's output instead: <DIR>/<page>.txt and optional <page>.json (title, byline, published, language, site_name).")
    var predicted: String?

    @Option(name: .long, help: "Who decides entity names and types: model (the default: the tagger decides) or rules.")
    var entities: String = EntityDecision.standard.rawValue

    @Option(name: .long, help: "Which events are reported: dyadic (only events with a target) or monadic (also statements aimed at no one). Default: the gold's own convention, monadic for the seeds' gold (its rule 3), dyadic for `events-dev`.")
    var eventConvention: String?

    @Option(name: .long, help: "A NER model file to analyze with instead of the embedded model (`gleaner train ner --out`).")
    var model: String?

    @Option(name: .long, help: "With `events-dev`: the shared data folder the set's sentences are read from.")
    var data: String = "../shared/data"

    @Flag(name: .long, help: "With `events-dev`: also list the sentences where the coder and the gold differ. With `conll`: list the spans missed (FN) and wrongly found (FP).")
    var misses = false

    /// The tagger of `--model`, else the embedded one.
    private func tagger() throws -> NERTagger? {
        guard let model else { return NERTagger.embedded }
        guard let data = FileManager.default.contents(atPath: model) else {
            StandardStreams.err("gleaner: cannot read \(model)")
            throw ExitCode(66)
        }
        return NERTagger(model: try NERModel(decoding: [UInt8](data)))
    }

    /// `--entities` read, or a usage error.
    private func decision() throws -> EntityDecision {
        guard let decision = EntityDecision(rawValue: entities) else {
            StandardStreams.err("gleaner: --entities is rules or model")
            throw ExitCode(64)
        }
        return decision
    }

    /// `--event-convention` read, else `goldConvention`, or a usage error.
    private func convention(_ goldConvention: EventConvention) throws -> EventConvention {
        guard let eventConvention else { return goldConvention }
        return try EventConvention.option(eventConvention)
    }

    func run() throws {
        if corpus == "events-dev" {
            let analyzer = TextAnalyzer(tagger: try tagger(), entities: try decision())
            do {
                StandardStreams.out(try EventsDevEvaluation(folder: files.first ?? "corpus/events-dev", dataRoot: data,
                                                         analyzer: analyzer, extractor: EventExtractor(convention: try convention(.dyadic)),
                                                         listDifferences: misses).run())
            } catch {
                StandardStreams.err("gleaner: \(error)")
                throw ExitCode(66)
            }
            return
        }
        if let readability {
            let result = try ReadabilityEvaluation(folder: readability, predicted: predicted).run()
            StandardStreams.out(ReadabilityReport(result: result, folder: readability).table(perPage: pages))
            return
        }
        if corpus == "conll" {
            try ConllEvaluation(files: files, json: json, decision: try decision(), tagger: try tagger(), listMisses: misses).run()
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
        // The seeds' gold codes a named person's statement aimed at no one (its rule 3).
        let events = EventExtractor(convention: try convention(.monadic))
        let pipeline = DocumentPipeline(sink: TransientSink(), analyzer: TextAnalyzer(tagger: try tagger(), entities: try decision()),
                                        events: events) { outcome in
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
            StandardStreams.out("\nevents coded under the \(events.convention.rawValue) convention (--event-convention)")
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
