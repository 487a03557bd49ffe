import Foundation
import Pipeline
import Terminal

/// `gleaner eval events-dev FOLDER`: the events development set (`FOLDER/annotations.tsv`)
/// rebuilt from the shared data folder, run through decode, clean, analyze and events, and
/// scored by `EventsDevScorer`.
struct EventsDevEvaluation {
    let folder: String
    let dataRoot: String
    /// The analyze stage: who decides entities (`--entities`) and with which model.
    var analyzer = TextAnalyzer()
    /// The events stage (the dev sets code dyads: `EventConvention.dyadic`).
    var extractor = EventExtractor(convention: .dyadic)
    /// Also list every sentence where the coder and the gold differ.
    var listDifferences = false

    func run() throws -> String {
        let annotations = try String(contentsOfFile: folder + "/annotations.tsv", encoding: .utf8)
        let set = try EventsDevSet(annotations: annotations)
        let articles = try set.articles { file in
            let path = dataRoot + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EventsDevSet.FormatError(description: "cannot read \(path) (the shared data folder is --data)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner()
        let found = articles.map { article in
            (try? extractor.process(analyzer.process(cleaner.process(decoder.process(article.input)))).events) ?? []
        }
        let report = EventsDevScorer().score(set, articles: articles, found: found)
        var table = TerminalTable(["level", "P", "R", "F1", "TP", "FP", "FN"], rightAligned: [1, 2, 3, 4, 5, 6])
        for (name, counts) in [("exact (source, target, code)", report.exact),
                               ("root code with actors", report.rootWithActors),
                               ("country-level dyads", report.countryDyads),
                               ("root code alone", report.root)] {
            table.append([name, String(format: "%.3f", counts.precision), String(format: "%.3f", counts.recall),
                          String(format: "%.3f", counts.f1), String(counts.truePositives + counts.optionalMatches),
                          String(counts.falsePositives), String(counts.falseNegatives)])
        }
        return table.render() + String(format: "\nevent presence accuracy %.3f (%d of %d sentences); %d gold events, %d coded",
                                       report.presenceAccuracy, report.presenceAgreements, report.sentences,
                                       report.goldEvents, report.foundEvents)
            + (listDifferences ? "\n\n" + report.differences.joined(separator: "\n") : "")
    }
}
