import Dispatch
import Foundation
import Pipeline

/// Scores main-text extraction on a folder of pages with their article text as gold
/// (`<folder>/<name>.html` and `<folder>/gold/<name>.txt`): precision, recall and F1 over
/// 4-word shingles, and decode+clean documents per second.
struct HTMLExtractionEvaluation {
    struct Result {
        var pages: Int
        var counts: ExtractionScore.Counts
        var documentsPerSecond: Double
        var perPage: [(name: String, f1: Double)]
    }

    let folder: String

    /// `nil` when the folder has no pages with gold text.
    func run(rounds: Int = 20) throws -> Result? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { DocumentFormat(pathExtensionOf: $0) == .html }.sorted()
        var pages: [(name: String, input: ArticleInput, gold: String)] = []
        for name in names {
            let stem = (name as NSString).deletingPathExtension
            guard let gold = try? String(contentsOfFile: folder + "/gold/" + stem + ".txt", encoding: .utf8),
                  case .success(let bytes) = ArticleFile.read(folder + "/" + name, maximumBytes: 1 << 26) else { continue }
            pages.append((stem, ArticleInput(source: ArticleSource(path: folder + "/" + name), bytes: bytes), gold))
        }
        guard !pages.isEmpty else { return nil }
        let decoder = ArticleDecoder(), cleaner = BoilerplateCleaner()
        var total = ExtractionScore.Counts(matched: 0, predicted: 0, gold: 0)
        var perPage: [(String, Double)] = []
        for page in pages {
            let text = (try? cleaner.process(decoder.process(page.input)).text) ?? ""
            let counts = ExtractionScore.counts(predicted: text, gold: page.gold)
            total = total + counts
            perPage.append((page.name, counts.f1))
        }
        // Speed over repeated rounds, so start-up costs do not dominate a dozen pages.
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for page in pages { _ = try? cleaner.process(decoder.process(page.input)) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Result(pages: pages.count, counts: total, documentsPerSecond: Double(pages.count * rounds) / seconds,
                      perPage: perPage)
    }
}
