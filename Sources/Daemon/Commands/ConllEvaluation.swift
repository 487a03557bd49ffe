import ArgumentParser
import Foundation
import Pipeline
import Terminal
import Synchronization

/// `gleaner eval conll FILE...`: the whole pipeline (decode, clean, analyze, as `gleaner
/// extract` runs it) on a tagged NER corpus made into raw documents (`RawNERCorpus`), scored
/// exact-span against the corpus's gold, per label and overall, with and without MISC.
struct ConllEvaluation {
    let files: [String]
    let json: Bool
    var decision: EntityDecision = .standard
    var tagger: NERTagger? = NERTagger.embedded
    /// Also list, per document, the gold spans missed and the spans found that gold lacks.
    var listMisses = false

    func run() throws {
        guard !files.isEmpty else {
            StandardStreams.err("gleaner: eval conll needs one or more CoNLL-2003 or UNER (.iob2) files")
            throw ExitCode(64)
        }
        var outputs: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                StandardStreams.err("gleaner: cannot read \(file)")
                throw ExitCode(66)
            }
            let format: TaggedCorpusReader.Format = file.hasSuffix(".iob2") ? .uner : .conll2003
            let documents = RawNERCorpus.documents(String(decoding: data, as: UTF8.self), format: format)
            let (score, tokens, seconds) = try evaluate(documents, name: file)
            if json {
                func counts(_ c: NERSpanScore.Counts) -> JSONValue {
                    .object([("precision", .double(c.precision)), ("recall", .double(c.recall)), ("f1", .double(c.f1))])
                }
                var labels: [(String, JSONValue)] = []
                for label in NERLabel.allCases { labels.append((label.description, counts(score.counts(of: label)))) }
                outputs.append(JSONValue.object([
                    ("file", .string(file)), ("documents", .int(documents.count)), ("tokens", .int(tokens)),
                    ("all", counts(score.withMisc)), ("per_org_loc", counts(score.withoutMisc)), ("labels", .object(labels)),
                ]).serialized())
            } else {
                outputs.append("\(file): \(documents.count) documents, \(tokens) tokens, \(String(format: "%.1f", seconds)) s\n"
                               + score.table())
            }
        }
        StandardStreams.out(outputs.joined(separator: json ? "\n" : "\n\n"))
    }

    private func evaluate(_ documents: [RawNERDocument], name: String) throws -> (RawNERScore, Int, Double) {
        let extracted = Mutex([Int: ExtractedDocument]())
        let failures = Mutex([String]())
        let pipeline = DocumentPipeline(sink: TransientSink(), analyzer: TextAnalyzer(tagger: tagger, entities: decision),
                                        events: nil) { outcome in
            switch outcome.disposition {
            case .stored, .duplicate:
                if let doc = outcome.document { extracted.withLock { $0[outcome.sequence] = doc } }
            case .failed(let error):
                failures.withLock { $0.append("\(outcome.source.path): \(error.message)") }
            }
        }
        let started = Date()
        for (sequence, document) in documents.enumerated() {
            pipeline.submit(ArticleInput(source: ArticleSource(path: "\(name)#\(sequence + 1).txt"),
                                         bytes: Array(document.text.utf8), sequence: sequence))
        }
        pipeline.waitUntilIdle()
        let seconds = Date().timeIntervalSince(started)
        for failure in failures.withLock({ $0 }) { StandardStreams.err("gleaner: \(failure)") }
        let results = extracted.withLock { $0 }
        var score = RawNERScore()
        var tokens = 0
        for (sequence, document) in documents.enumerated() {
            tokens += document.tokenCount
            guard let result = results[sequence] else {
                score.add(predicted: [], gold: document.gold)
                continue
            }
            // Offsets are of the decoded text; the corpus text must have come through unchanged.
            if result.analyzed.clean.decoded.text != document.text {
                StandardStreams.err("gleaner: \(name)#\(sequence + 1): the decoded text differs from the corpus text")
            }
            let predicted = RawNERScore.spans(of: result)
            score.add(predicted: predicted, gold: document.gold)
            if listMisses { misses(document, predicted: predicted, name: "\(name)#\(sequence + 1)") }
        }
        return (score, tokens, seconds)
    }

    /// Prints `FN LABEL "text"` for each gold span not found exactly and `FP LABEL "text"` for
    /// each found span that is not gold, with the line it stands in.
    private func misses(_ document: RawNERDocument, predicted: [RawNERDocument.Span], name: String) {
        let scalars = Array(document.text.unicodeScalars)
        func show(_ span: RawNERDocument.Span) -> String {
            var lineStart = span.start, lineEnd = span.end
            while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            func text(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(scalars[a..<b])) }
            return "\(span.label) \"\(text(span.start, span.end))\"  | \(text(lineStart, lineEnd))"
        }
        let found = Set(predicted), gold = Set(document.gold)
        var lines: [String] = []
        for span in document.gold where !found.contains(span) { lines.append("\(name) FN \(show(span))") }
        for span in predicted where !gold.contains(span) { lines.append("\(name) FP \(show(span))") }
        if !lines.isEmpty { StandardStreams.out(lines.joined(separator: "\n")) }
    }
}
