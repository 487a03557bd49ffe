import Foundation
import Testing
@testable import Pipeline

/// Main-content extraction on the hand-written pages of `corpus/html`, scored against their
/// gold text with the shingle F1 of main-text extraction benchmarks, and on small pages
/// that isolate one kind of furniture each.
@Suite struct HTMLExtractionTests {
    static var root: URL { TestCorpus.root }

    static let pages: [String] = {
        let folder = root.appendingPathComponent("corpus/html")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.sorted()
    }()

    static func extract(_ name: String) throws -> CleanDocument {
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent("corpus/html/\(name)")))
        let decoded = try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: name), bytes: bytes))
        return try BoilerplateCleaner().process(decoded)
    }

    static func gold(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("corpus/html/gold/\(name.replacingOccurrences(of: ".html", with: ".txt"))"), encoding: .utf8)
    }

    @Test func corpusHasAtLeastTwelvePagesWithGold() throws {
        #expect(Self.pages.count >= 12)
        for page in Self.pages { _ = try Self.gold(page) }
    }

    @Test func corpusScoresAtLeastTheFloor() throws {
        var total = ExtractionScore.Counts()
        var report: [String] = []
        for page in Self.pages {
            let clean = try Self.extract(page)
            let counts = ExtractionScore.counts(predicted: clean.text, gold: try Self.gold(page))
            total = total + counts
            report.append("\(page): P \(counts.precision) R \(counts.recall) F1 \(counts.f1)")
            // The offset invariant holds on every page.
            let source = ScalarText(clean.decoded.text)
            var rebuilt = ""
            var at = 0
            for span in clean.removed.sorted(by: { $0.start < $1.start }) {
                rebuilt += source.slice(at, span.start)
                at = span.end
            }
            rebuilt += source.slice(at, source.count)
            #expect(rebuilt == clean.text, "\(page)")
        }
        #expect(total.f1 >= 0.95, "aggregate F1 \(total.f1)\n\(report.joined(separator: "\n"))")
        #expect(total.precision >= 0.93 && total.recall >= 0.93, "\(report.joined(separator: "\n"))")
    }
}

/// Metadata read from the corpus pages' different sources.
@Suite struct HTMLMetadataTests {
    static func meta(_ name: String) throws -> DocumentMetadata {
        try HTMLExtractionTests.extract(name).decoded.metadata
    }

    @Test func openGraphArticleMetaAndCanonical() throws {
        let m = try Self.meta("harbour-dredging.html")
        #expect(m.title == "Harbour dredging plan approved despite fishermen's objections")
        #expect(m.siteName == "The Northern Ledger")
        #expect(m.published == "2024-03-12T08:30:00+01:00")
        #expect(m.byline == "Ines Marlow")
        #expect(m.url == "https://ledger.example/news/harbour-dredging")
        #expect(m.language == "en")
    }

    @Test func jsonLDInsideGraphWithAuthorObjects() throws {
        let m = try Self.meta("chipmaker-earnings.html")
        #expect(m.title == "Chipmaker's profit jumps as data centre orders surge")
        #expect(m.byline == "Priya Natarajan")
        #expect(m.published == "2024-07-24T21:05:00-04:00")
        #expect(m.siteName == "Market Wire")
        #expect(m.url == "https://mw.example/tech/veltrix-q2")
    }

    @Test func jsonLDAuthorListAndPublisher() throws {
        let m = try Self.meta("library-funding.html")
        #expect(m.byline == "Ruth Adeyemi, Karl Stein")
        #expect(m.published == "2024-02-20T17:00:00Z")
        #expect(m.language == "en-GB")
    }

    @Test func wordDatesAndBylineBlocks() throws {
        let m = try Self.meta("wildfire-season.html")
        #expect(m.published == "2024-05-28")
        #expect(m.byline == "Sam Ortega")
        let column = try Self.meta("market-column.html")
        #expect(column.title == "The covered market that refused to close")
        #expect(column.byline == "Greta Holm")
    }

    @Test func declaredLatin1PageAndTimeElement() throws {
        let m = try Self.meta("court-ruling.html")
        #expect(m.byline == "Chloé Dumont")
        #expect(m.published == "2024-11-06")
        let election = try Self.meta("election-results.html")
        #expect(election.language == "en-AU")
        #expect(election.published == "2024-09-29")
    }

    @Test func removedBlocksCarryTheirReasons() throws {
        let clean = try HTMLExtractionTests.extract("harbour-dredging.html")
        let reasons = Set(clean.removed.map(\.reason))
        #expect(reasons.isSuperset(of: [.cookieNotice, .navigation, .share, .crossReference]))
        let paywalled = try HTMLExtractionTests.extract("rail-strike.html")
        #expect(paywalled.removed.contains { $0.reason == .paywall })
        #expect(!paywalled.text.contains("Subscribe"))
    }
}
