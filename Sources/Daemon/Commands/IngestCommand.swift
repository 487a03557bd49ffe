import ArgumentParser
import Foundation
import Pipeline
import Synchronization
import ServiceCore

/// `gleaner ingest PATH... --db FILE`: one-shot ingest; the same content is stored once.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest article files or folders into the database once, then exit.",
        discussion: "Running it again over the same files stores nothing twice: identity is the SHA-256 of the content.")

    @Argument(help: "Article files, or folders of them.")
    var paths: [String]

    @OptionGroup var database: DatabaseOption

    @Flag(name: .long, help: "Descend into sub-folders of the folders named.")
    var recursive = false

    @Flag(name: .long, help: "Print one line per file.")
    var verbose = false

    @Option(name: .long, help: "Refuse files larger than this many bytes.")
    var maxFileBytes: Int = 20 * 1024 * 1024

    @Option(name: .long, help: "Who decides entity names and types: model (the default: the tagger decides) or rules.")
    var entities: String = EntityDecision.standard.rawValue

    @Option(name: .long, help: "Which events are reported: dyadic (the default: only events with a source and a target, as PETRARCH codes them) or monadic (also statements and acts aimed at no one).")
    var eventConvention: String = EventConvention.standard.rawValue

    @Option(name: .long, help: "Remove a short line as site furniture once this many earlier documents of the same site held it; 0 turns it off.")
    var furnitureMinDocuments: Int = 3

    func run() throws {
        let store = try StoreOpening.open(database.db, mode: .readWrite)
        let files = ArticlePaths.expand(paths, recursive: recursive)
        let tally = Mutex((stored: 0, duplicate: 0, failed: 0))
        let configuration = PipelineConfiguration(maximumBytes: maxFileBytes)
        let cleaner = try BoilerplateCleaner.learningFurniture(from: store, minimumDocuments: max(0, furnitureMinDocuments))
        guard let decision = EntityDecision(rawValue: entities) else {
            StandardStreams.err("gleaner: --entities is rules or model")
            throw ExitCode(64)
        }
        let pipeline = DocumentPipeline(configuration: configuration, sink: store, cleaner: cleaner,
                                        analyzer: TextAnalyzer(entities: decision),
                                        events: EventExtractor(convention: try EventConvention.option(eventConvention))) { [verbose] outcome in
            switch outcome.disposition {
            case .stored:
                tally.withLock { $0.stored += 1 }
                if verbose, let doc = outcome.document {
                    StandardStreams.out("stored \(outcome.source.path): \(ExtractionSummary(doc).text)")
                }
            case .duplicate:
                tally.withLock { $0.duplicate += 1 }
                if verbose { StandardStreams.out("duplicate \(outcome.source.path)") }
            case .failed(let error):
                tally.withLock { $0.failed += 1 }
                StandardStreams.err("gleaner: \(outcome.source.path): \(error.message) [\(error.kind.rawValue)]")
            }
        }
        for (sequence, path) in files.enumerated() {
            pipeline.submitFile(at: path, as: ArticleSource(path: path), sequence: sequence, maximumBytes: maxFileBytes)
        }
        pipeline.waitUntilIdle()
        _ = try? store.checkpoint(truncate: true)
        let totals = tally.withLock { $0 }
        StandardStreams.out("\(files.count) files: \(totals.stored) stored, \(totals.duplicate) duplicate, \(totals.failed) failed (database \(store.location))")
        if totals.failed > 0 { throw ExitCode(1) }
    }
}

/// Opens the store for a command, turning a store error into a clear message and exit status.
enum StoreOpening {
    /// `database` is a file path (SQLite) or a `postgresql://` URI.
    static func open(_ database: String, mode: StoreAccessMode) throws -> any ArticleDatabase {
        let location = StoreLocation(database)
        do {
            if mode == .readOnly, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
                StandardStreams.err("gleaner: no database at \(path); create one with `gleaner ingest PATH --db \(path)` or `gleaner serve`")
                throw ExitCode(66)  // EX_NOINPUT
            }
            return try location.open(mode: mode)
        } catch let error as StoreError {
            StandardStreams.err("gleaner: \(error)")
            throw ExitCode(74)  // EX_IOERR
        }
    }
}
