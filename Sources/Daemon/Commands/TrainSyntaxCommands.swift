import ArgumentParser
import Dispatch
import Foundation
import Pipeline
import Terminal
import Workbench

/// Reading the syntax models' training data and model files for `gleaner train pos|parser|bench-parse`.
enum SyntaxTrainingData {
    /// Every `every`-th sentence (the 10th, 20th, ...) of a held-out file is held out; the rest train.
    static func split<T>(_ sentences: [T], every: Int) -> (train: [T], heldOut: [T]) {
        var train: [T] = [], heldOut: [T] = []
        for (k, s) in sentences.enumerated() {
            if (k + 1) % every == 0 { heldOut.append(s) } else { train.append(s) }
        }
        return (train, heldOut)
    }

    /// `.conllu` files as UD sentences, tokenized as the pipeline tokenizes.
    static func ud(_ path: String) throws -> [DependencySentence] {
        UniversalDependenciesReader().read(try TrainCommand.read(path))
    }

    /// Words and tags of a `.conllu` file or a CoNLL-2003 file.
    static func tagged(_ path: String) throws -> [(words: [String], tags: [String])] {
        if path.hasSuffix(".conllu") { return try ud(path).map { ($0.words, $0.tags) } }
        return CoNLLPartOfSpeechReader().read(try TrainCommand.read(path))
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardStreams.err("gleaner: cannot read \(path)")
            throw ExitCode(66)
        }
        return [UInt8](data)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            StandardStreams.err("gleaner: cannot write \(path)")
            throw ExitCode(73)
        }
    }

    static func percent(_ v: Double) -> String { TerminalTable.fixed(v * 100, 2) }
}

extension TrainCommand {
    struct POS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pos",
            abstract: "Train the Penn Treebank part-of-speech tagger on UD .conllu files and CoNLL-2003 POS columns.",
            discussion: "Every 10th sentence of each --hold-out file is held out and scored; the rest trains. Prints accuracy per epoch and writes the last epoch's model.")

        @Option(help: "Training file: .conllu (XPOS column) or CoNLL-2003 (token POS chunk NER). May repeat.")
        var train: [String] = []
        @Option(help: "A .conllu file whose every 10th sentence is held out and the rest trained on. May repeat.")
        var holdOut: [String] = []
        @Option(help: "A file only scored (.conllu or CoNLL-2003, e.g. eng.testa). May repeat.")
        var dev: [String] = []
        @Option(help: "Training epochs.")
        var epochs = 8
        @Option(help: "log2 of the number of hashed feature buckets.")
        var bucketBits = 20
        @Option(help: "Drop averaged weights smaller than this.")
        var prune: Float = 0.05
        @Option(help: "Where to write the model.")
        var out = "models/pos.model"

        func run() throws {
            var training: [(words: [String], tags: [String])] = []
            var heldOut: [(words: [String], tags: [String])] = []
            for path in train { training += try SyntaxTrainingData.tagged(path) }
            for path in holdOut {
                let parts = SyntaxTrainingData.split(try SyntaxTrainingData.tagged(path), every: 10)
                training += parts.train; heldOut += parts.heldOut
            }
            var scored: [(name: String, sentences: [(words: [String], tags: [String])])] = []
            if !heldOut.isEmpty { scored.append(("held-out", heldOut)) }
            for path in dev { scored.append(((path as NSString).lastPathComponent, try SyntaxTrainingData.tagged(path))) }
            StandardStreams.err("training on \(training.count) sentences, \(training.reduce(0) { $0 + $1.words.count }) tokens; held out \(heldOut.count)")
            let started = DispatchTime.now().uptimeNanoseconds
            let trainer = POSTrainer(options: .init(epochs: epochs, bucketBits: bucketBits, pruneBelow: prune))
            let tagger = trainer.train(training, dev: heldOut) { report in
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                var line = "epoch \(report.epoch): \(report.trainingErrors) training errors"
                if let a = report.devAccuracy { line += ", held-out accuracy \(SyntaxTrainingData.percent(a))" }
                StandardStreams.err(line + " (\(Int(seconds)) s)")
            }
            let bytes = tagger.encoded()
            try SyntaxTrainingData.write(bytes, to: out)
            StandardStreams.out("wrote \(out): \(bytes.count) bytes, \(tagger.nonZeroWeights) weights, \(tagger.tagSet.count) tags")
            for (name, sentences) in scored {
                let accuracy = POSTrainer.accuracy(of: tagger, on: sentences)
                StandardStreams.out("\(name): \(sentences.count) sentences, \(sentences.reduce(0) { $0 + $1.words.count }) tokens, accuracy \(SyntaxTrainingData.percent(accuracy))")
            }
        }
    }

    struct Parser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parser",
            abstract: "Train the arc-eager dependency parser on UD .conllu files.",
            discussion: "Every 10th sentence of each --hold-out file is held out and scored with tags from --tagger; the rest trains. Prints UAS/LAS per epoch and writes the last epoch's model.")

        @Option(help: "Training .conllu file. May repeat.")
        var train: [String] = []
        @Option(help: "A .conllu file whose every 10th sentence is held out and the rest trained on. May repeat.")
        var holdOut: [String] = []
        @Option(help: "The tagger model whose tags the held-out sentences are parsed over.")
        var tagger = "models/pos.model"
        @Option(help: "Train on tags predicted by this many jackknifed taggers (each trained on --tagger-train files and the other folds), not gold tags; 0 for gold tags.")
        var jackknife = 0
        @Option(help: "Extra tagger training files for --jackknife (CoNLL-2003 eng.train, as for `train pos`). May repeat.")
        var taggerTrain: [String] = []
        @Option(help: "Training epochs.")
        var epochs = 12
        @Option(help: "log2 of the number of hashed feature buckets.")
        var bucketBits = 21
        @Option(help: "Drop averaged weights smaller than this.")
        var prune: Float = 0.1
        @Option(help: "Where to write the model.")
        var out = "models/parser.model"

        func run() throws {
            var training: [DependencySentence] = []
            var heldOut: [DependencySentence] = []
            for path in train { training += try SyntaxTrainingData.ud(path) }
            for path in holdOut {
                let parts = SyntaxTrainingData.split(try SyntaxTrainingData.ud(path), every: 10)
                training += parts.train; heldOut += parts.heldOut
            }
            let posTagger = try POSTagger(decoding: try SyntaxTrainingData.bytes(tagger))
            if jackknife > 1 {
                var extra: [(words: [String], tags: [String])] = []
                for path in taggerTrain { extra += try SyntaxTrainingData.tagged(path) }
                var right = 0, total = 0
                for fold in 0..<jackknife {
                    let rest = training.indices.filter { $0 % jackknife != fold }.map { (words: training[$0].words, tags: training[$0].tags) }
                    let foldTagger = POSTrainer().train(extra + rest)
                    for k in stride(from: fold, to: training.count, by: jackknife) {
                        let tags = foldTagger.tag(training[k].words)
                        for (a, b) in zip(tags, training[k].tags) { total += 1; if a == b { right += 1 } }
                        training[k].tags = tags
                    }
                }
                StandardStreams.err("jackknifed tags (\(jackknife) folds): accuracy \(SyntaxTrainingData.percent(Double(right) / Double(max(1, total))))")
            }
            StandardStreams.err("training on \(training.count) sentences, \(training.reduce(0) { $0 + $1.words.count }) tokens; held out \(heldOut.count)")
            let started = DispatchTime.now().uptimeNanoseconds
            let trainer = ParserTrainer(options: .init(epochs: epochs, bucketBits: bucketBits, pruneBelow: prune))
            let parser = trainer.train(training, dev: heldOut, tagger: posTagger) { report in
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                var line = "epoch \(report.epoch): \(report.trainingErrors) training errors"
                if let d = report.dev { line += ", held-out UAS \(SyntaxTrainingData.percent(d.uas)) LAS \(SyntaxTrainingData.percent(d.las))" }
                StandardStreams.err(line + " (\(Int(seconds)) s)")
            }
            let bytes = parser.encoded()
            try SyntaxTrainingData.write(bytes, to: out)
            StandardStreams.out("wrote \(out): \(bytes.count) bytes, \(parser.nonZeroWeights) weights")
            if !heldOut.isEmpty {
                let s = ParserTrainer.evaluate(parser, tagger: posTagger, on: heldOut)
                StandardStreams.out(TrainCommand.attachmentTable(s, name: "held-out", sentences: heldOut.count))
            }
        }
    }

    struct BenchParse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-parse",
            abstract: "Print sentences and tokens per second of tagging + parsing on one core (and scores on .conllu files).",
            discussion: ".conllu files are read as UD sentences (tokenized as the pipeline does); other files as CoNLL-2003 sentences. With --hold-out, only every 10th sentence of each file is used.")

        @Argument(help: ".conllu or CoNLL-2003 files.")
        var files: [String]
        @Option(help: "How many times to parse the sentences.")
        var rounds = 5
        @Flag(help: "Use only the held-out sentences (every 10th) of each file.")
        var holdOut = false
        @Option(help: "A tagger model file instead of the embedded one.")
        var tagger: String?
        @Option(help: "A parser model file instead of the embedded one.")
        var parser: String?

        func run() throws {
            var gold: [DependencySentence] = []
            var sentences: [[String]] = []
            for path in files {
                if path.hasSuffix(".conllu") {
                    var read = try SyntaxTrainingData.ud(path)
                    if holdOut { read = SyntaxTrainingData.split(read, every: 10).heldOut }
                    gold += read
                    sentences += read.map(\.words)
                } else {
                    var read = CoNLLPartOfSpeechReader().read(try TrainCommand.read(path)).map(\.words)
                    if holdOut { read = SyntaxTrainingData.split(read, every: 10).heldOut }
                    sentences += read
                }
            }
            let syntax: SyntaxParser
            if tagger != nil || parser != nil {
                syntax = SyntaxParser(
                    tagger: try tagger.map { try POSTagger(decoding: try SyntaxTrainingData.bytes($0)) } ?? SyntaxParser.embedded!.tagger,
                    parser: try parser.map { try DependencyParser(decoding: try SyntaxTrainingData.bytes($0)) } ?? SyntaxParser.embedded!.parser)
            } else if let embedded = SyntaxParser.embedded {
                syntax = embedded
            } else {
                StandardStreams.err("gleaner: no syntax models embedded in this build")
                throw ExitCode(69)
            }
            if !gold.isEmpty {
                var score = AttachmentScore()
                for s in gold { let tree = syntax.parse(s.words); score.add(predicted: tree, gold: s, predictedTags: tree.tags) }
                StandardStreams.out(TrainCommand.attachmentTable(score, name: "gold", sentences: gold.count))
            }
            let tokens = sentences.reduce(0) { $0 + $1.count }
            var check = 0
            for s in sentences { check &+= syntax.parse(s).heads.count }
            let started = ThreadCPUClock.seconds()
            for _ in 0..<max(1, rounds) {
                for s in sentences { check &+= syntax.parse(s).heads.count }
            }
            let seconds = ThreadCPUClock.seconds() - started
            precondition(check >= 0)
            let n = Double(sentences.count * max(1, rounds))
            StandardStreams.out("\(sentences.count * max(1, rounds)) sentences, \(tokens * max(1, rounds)) tokens in \(TerminalTable.fixed(seconds, 2)) s of CPU: \(Int(n / seconds)) sentences/s, \(Int(Double(tokens) * Double(max(1, rounds)) / seconds)) tokens/s on one core")
        }
    }

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Print the embedded tagger's and parser's tree of each sentence given, tokenized as the pipeline does.")

        @Argument(help: "Sentences.")
        var sentences: [String]

        func run() throws {
            guard let syntax = SyntaxParser.embedded else {
                StandardStreams.err("gleaner: no syntax models embedded in this build")
                throw ExitCode(69)
            }
            for sentence in sentences {
                StandardStreams.out(syntax.parse(SyntaxParser.words(of: sentence)).conllu + "\n")
            }
        }
    }

    /// Tag accuracy, UAS and LAS, with and without punctuation.
    static func attachmentTable(_ s: AttachmentScore, name: String, sentences: Int) -> String {
        var table = TerminalTable(["\(name) (\(sentences) sentences, \(s.words) words)", "POS", "UAS", "LAS"], rightAligned: [1, 2, 3])
        table.append(["all words", SyntaxTrainingData.percent(s.tagAccuracy), SyntaxTrainingData.percent(s.uas), SyntaxTrainingData.percent(s.las)])
        table.append(["without punctuation", "", SyntaxTrainingData.percent(s.uasWithoutPunctuation), SyntaxTrainingData.percent(s.lasWithoutPunctuation)])
        return table.render()
    }
}
