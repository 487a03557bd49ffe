import ArgumentParser
import Pipeline
import Synchronization
import ServiceCore

/// `gleaner extract FILE...`: run the pipeline without a database, one JSON object per line.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract articles and print one JSON object per document (the JSON contract), without a database.",
        discussion: "Errors go to stderr, one line per file; the exit status is 1 when any file failed.")

    @Argument(help: "Article files, or folders of them.")
    var paths: [String]

    @Flag(name: .long, help: "Descend into sub-folders of the folders named.")
    var recursive = false

    @Flag(name: .long, help: "Skip the events stage.")
    var noEvents = false

    @Option(name: .long, help: "Refuse files larger than this many bytes.")
    var maxFileBytes: Int = 20 * 1024 * 1024

    @Option(name: .long, help: "Who decides entity names and types: model (the default: the tagger decides) or rules.")
    var entities: String = EntityDecision.standard.rawValue

    @Option(name: .long, help: "Which events are reported: dyadic (the default: only events with a source and a target, as PETRARCH codes them) or monadic (also statements and acts aimed at no one).")
    var eventConvention: String = EventConvention.standard.rawValue

    func run() throws {
        let files = ArticlePaths.expand(paths, recursive: recursive)
        let printer = OrderedPrinter(write: StandardStreams.out)
        let failures = Atomic<Int>(0)
        let configuration = PipelineConfiguration(maximumBytes: maxFileBytes)
        guard let decision = EntityDecision(rawValue: entities) else {
            StandardStreams.err("gleaner: --entities is rules or model")
            throw ExitCode(64)
        }
        let pipeline = DocumentPipeline(configuration: configuration, sink: TransientSink(),
                                        analyzer: TextAnalyzer(entities: decision),
                                        events: noEvents ? nil : EventExtractor(convention: try EventConvention.option(eventConvention))) { outcome in
            switch outcome.disposition {
            case .stored, .duplicate:
                printer.deliver(outcome.sequence, outcome.document.map(ContractEncoding.line))
            case .failed(let error):
                failures.add(1, ordering: .relaxed)
                StandardStreams.err("gleaner: \(outcome.source.path): \(error.message) [\(error.kind.rawValue)]")
                printer.deliver(outcome.sequence, nil)
            }
        }
        for (sequence, path) in files.enumerated() {
            pipeline.submitFile(at: path, as: ArticleSource(path: path), sequence: sequence, maximumBytes: maxFileBytes)
        }
        pipeline.waitUntilIdle()
        if failures.load(ordering: .relaxed) > 0 {
            throw ExitCode(1)
        }
    }
}
