import ArgumentParser
import Dispatch
import Foundation
import Pipeline
import Terminal
import Workbench

/// `gleaner train ner ...`: trains the statistical NER tagger; `gleaner train bench-ner` times the analyzer;
/// `gleaner train pos|parser|bench-parse` train and time the syntax models (TrainSyntaxCommands.swift).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the statistical models and measure them.",
        subcommands: [NER.self, BenchNER.self, POS.self, Parser.self, BenchParse.self, Parse.self]
    )

    /// Reads a whole text file, or exits with a message.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardStreams.err("gleaner: cannot read \(path)")
            throw ExitCode(66)
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct NER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Train the PER/ORG/LOC/MISC averaged-perceptron tagger on CoNLL-2003 (and UNER) files.",
            discussion: "Prints the training errors and exact-span dev F1 per epoch; writes the best epoch's model.")

        @Option(help: "CoNLL-2003 training file (token POS chunk NER, IOB1).")
        var train: String
        @Option(help: "CoNLL-2003 dev file scored after each epoch (eng.testa).")
        var dev: String?
        @Option(help: "Extra training data in UNER IOB2 format (may repeat).")
        var extra: [String] = []
        @Option(help: "Training epochs.")
        var epochs = 10
        @Option(help: "log2 of the number of hashed feature rows.")
        var bucketBits = 20
        @Option(help: "Drop averaged weights smaller than this.")
        var prune: Float = 0.05
        @Option(help: "Where to write the model.")
        var out = "models/ner.model"

        func run() throws {
            let reader = TaggedCorpusReader()
            var documents = reader.read(try TrainCommand.read(train), format: .conll2003)
            for path in extra { documents += reader.read(try TrainCommand.read(path), format: .uner) }
            let devDocuments = try dev.map { reader.read(try TrainCommand.read($0), format: .conll2003) } ?? []
            StandardStreams.err("training on \(documents.count) documents, \(documents.reduce(0) { $0 + $1.tokenCount }) tokens; dev \(devDocuments.count) documents")
            let trainer = NERTrainer(options: .init(epochs: epochs, bucketBits: bucketBits, pruneBelow: prune))
            let started = DispatchTime.now().uptimeNanoseconds
            let model = trainer.train(documents, dev: devDocuments) { report in
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                var line = "epoch \(report.epoch): \(report.trainingErrors) training errors"
                if let dev = report.dev { line += ", dev F1 \(TerminalTable.fixed(dev.overall.f1 * 100, 2))" }
                StandardStreams.err(line + " (\(Int(seconds)) s)")
            }
            let bytes = model.encoded()
            guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else {
                StandardStreams.err("gleaner: cannot write \(out)")
                throw ExitCode(73)
            }
            StandardStreams.out("wrote \(out): \(bytes.count) bytes, \(model.nonZeroWeights) weights")
            if !devDocuments.isEmpty {
                let score = NERTrainer.evaluate(NERTagger(model: model), on: devDocuments)
                StandardStreams.out("dev exact-span scores of the written model:\n" + score.table())
            }
        }
    }

    struct BenchNER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-ner",
            abstract: "Print tokens per second of tokenize + NER + values on one core.",
            discussion: "Files ending in .txt are analyzed as articles; CoNLL files (eng.testa) as one article per document.")

        @Argument(help: "Text files or CoNLL-2003 files.")
        var files: [String]
        @Option(help: "How many times to analyze the texts.")
        var rounds = 5
        @Option(help: "Score a model file on the CoNLL files instead of the embedded model.")
        var model: String?
        @Option(help: "Who decides entity names and types while timing: model (the default) or rules.")
        var entities: String = EntityDecision.standard.rawValue

        func run() throws {
            var texts: [String] = []
            var conll: [TaggedDocument] = []
            for path in files {
                let text = try TrainCommand.read(path)
                if path.hasSuffix(".txt") {
                    texts.append(text)
                } else {
                    let documents = TaggedCorpusReader().read(text, format: .conll2003)
                    conll += documents
                    texts += documents.map { $0.sentences.map { $0.words.joined(separator: " ") }.joined(separator: "\n") }
                }
            }
            let tagger: NERTagger?
            if let model {
                guard let data = FileManager.default.contents(atPath: model) else {
                    StandardStreams.err("gleaner: cannot read \(model)")
                    throw ExitCode(66)
                }
                tagger = NERTagger(model: try NERModel(decoding: [UInt8](data)))
            } else {
                tagger = NERTagger.embedded
            }
            if tagger == nil { StandardStreams.err("gleaner: no NER model embedded in this build; timing the rules alone") }
            if let tagger, !conll.isEmpty {
                StandardStreams.out("tagger exact-span scores:\n" + NERTrainer.evaluate(tagger, on: conll).table())
            }
            guard let decision = EntityDecision(rawValue: entities) else {
                StandardStreams.err("gleaner: --entities is rules or model")
                throw ExitCode(64)
            }
            let result = AnalyzerBenchmark().run(texts: texts, rounds: rounds, tagger: tagger, entities: decision)
            StandardStreams.out("\(result.documents) documents, \(result.tokens) tokens in \(TerminalTable.fixed(result.seconds, 2)) s of CPU: \(Int(result.tokensPerSecond)) tokens/s on one core")
        }
    }
}
