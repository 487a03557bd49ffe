import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// The clean stage against the gold boilerplate annotations, the offset invariant, and
/// synthetic pages that share no strings with the seeds.
@Suite struct BoilerplateCleanerTests {
    static var root: URL { PackageRoot.url }

    static let seeds: [String] = {
        let corpus = root.appendingPathComponent("corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }()

    struct Gold {
        var lines: Set<Int>
        var blankLines: Set<Int>
        var fragments: [(line: Int, text: String, start: Int)]
    }

    static func gold(for seed: String) throws -> Gold {
        let name = seed.replacingOccurrences(of: ".txt", with: ".json")
        let data = try Data(contentsOf: root.appendingPathComponent("corpus/gold/\(name)"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let lines = (object["boilerplate_lines"] as? [Int]) ?? []
        let blanks = (object["boilerplate_blank_lines"] as? [Int]) ?? []
        let fragments = ((object["boilerplate_fragments"] as? [[String: Any]]) ?? []).map {
            (line: $0["line"] as! Int, text: $0["text"] as! String, start: $0["start"] as! Int)
        }
        return Gold(lines: Set(lines), blankLines: Set(blanks), fragments: fragments)
    }

    static func document(_ text: String, path: String = "test.txt") -> DecodedDocument {
        DecodedDocument(sha256: "", source: ArticleSource(path: path), format: .text, text: text)
    }

    static func clean(_ text: String) throws -> CleanDocument {
        try BoilerplateCleaner().process(document(text))
    }

    /// The contract's invariant, checked from scratch: sorted, disjoint, in-bounds spans,
    /// and the clean text is the source with exactly those spans cut out.
    static func expectInvariant(_ clean: CleanDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        let source = Array(clean.decoded.text.unicodeScalars)
        var position = 0
        var rebuilt = String.UnicodeScalarView()
        for span in clean.removed {
            #expect(span.start >= position && span.end > span.start && span.end <= source.count,
                    "bad span \(span)", sourceLocation: sourceLocation)
            guard span.start >= position, span.end <= source.count, span.end > span.start else { return }
            rebuilt.append(contentsOf: source[position..<span.start])
            position = span.end
        }
        rebuilt.append(contentsOf: source[position...])
        #expect(String(rebuilt) == clean.text, "clean text is not the source minus the removed spans",
                sourceLocation: sourceLocation)
    }

    /// Offsets of each line of `text` (split on "\n"), 1-based by position in the array + 1.
    static func lineRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            ranges.append(start..<index)
            start = index + 1
        }
        if start < scalars.count { ranges.append(start..<scalars.count) }
        return ranges
    }

    static func isRemoved(_ offset: Int, _ spans: [RemovedSpan]) -> Bool {
        spans.contains { $0.start <= offset && offset < $0.end }
    }

    @Test(arguments: seeds)
    func seedMatchesGold(_ seed: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("corpus/\(seed)"), encoding: .utf8)
        let gold = try Self.gold(for: seed)
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)

        let source = Array(text.unicodeScalars)
        let ranges = Self.lineRanges(source)
        let cleanLines = Set(clean.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let fragmentsByLine = Dictionary(grouping: gold.fragments, by: { $0.line })

        for (index, range) in ranges.enumerated() {
            let number = index + 1
            let lineText = String(String.UnicodeScalarView(source[range]))
            let blank = lineText.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            if gold.lines.contains(number) {
                let kept = range.contains { !Self.isRemoved($0, clean.removed) }
                #expect(!kept, "\(seed) line \(number) is boilerplate but kept: \(lineText)")
            } else if gold.blankLines.contains(number) {
                #expect(range.allSatisfy { Self.isRemoved($0, clean.removed) }, "\(seed) blank line \(number) kept")
            } else if !blank {
                // Article text: present verbatim, except for a gold fragment cut from its end.
                var keptEnd = range.upperBound
                for fragment in fragmentsByLine[number] ?? [] {
                    let start = range.lowerBound + fragment.start
                    let end = start + fragment.text.unicodeScalars.count
                    #expect(String(String.UnicodeScalarView(source[start..<end])) == fragment.text)
                    #expect((start..<end).allSatisfy { Self.isRemoved($0, clean.removed) },
                            "\(seed) line \(number): fragment \(fragment.text) kept")
                    keptEnd = min(keptEnd, start)
                }
                let article = String(String.UnicodeScalarView(source[range.lowerBound..<keptEnd]))
                #expect((range.lowerBound..<keptEnd).allSatisfy { !Self.isRemoved($0, clean.removed) },
                        "\(seed) line \(number) is article text but was cut: \(article)")
                #expect(cleanLines.contains(article), "\(seed) line \(number) not verbatim in the clean text")
            }
        }
    }

    @Test func seedReasonsNameTheKindOfFurniture() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("corpus/002_c07e5aee2e7be1e9.txt"), encoding: .utf8)
        let clean = try Self.clean(text)
        let source = Array(text.unicodeScalars)
        let credit = try #require(clean.removed.first { $0.reason == .agencyCredit })
        #expect(String(String.UnicodeScalarView(source[credit.start..<credit.end])) == "REUTERS")
        #expect(clean.removed.contains { $0.reason == .crossReference })
        #expect(clean.text.hasSuffix("got a win.\""), "the clean text ends with the article's last sentence")
    }

    @Test func cookieAndNewsletterLinesAtTheEndGo() throws {
        let article = """
            The city council approved a new budget on Tuesday after weeks of debate over school funding.

            Council members said the plan would raise spending on parks by a modest amount next year.
            """
        let text = article + """


            Sign up for our morning newsletter and get the top stories in your inbox.
            We use cookies to improve your experience. By continuing to browse you agree to our cookie policy.

            """
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)
        #expect(clean.text == article)
        #expect(clean.removed.map(\.reason).contains(.newsletter))
        #expect(clean.removed.map(\.reason).contains(.cookieNotice))
    }

    @Test func priceListInEurosAndDollarsGoes() throws {
        let article = """
            Shares of the carmaker rose sharply after it reported better than expected quarterly profits.
            Analysts said demand for electric models in Europe remained strong despite higher prices.
            """
        let text = article + """

            Unlock unlimited digital access
            Basic
            €4.99/month
            Standard
            $9.99 per month
            Annual
            €49
            12 Months
            """
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)
        #expect(clean.text == article)
        #expect(clean.removed.allSatisfy { $0.reason == .subscription })
    }

    @Test func relatedListGoes() throws {
        let article = """
            Heavy rain flooded several streets in the capital on Monday, forcing schools to close early.

            Officials said the drainage system had been overwhelmed by the sudden downpour.
            """
        let text = article + """


            Related:
            Storm warnings issued for the coast
            How cities are preparing for floods
            Weather service upgrades its forecasting models
            """
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)
        #expect(clean.text == article)
        #expect(clean.removed.allSatisfy { $0.reason == .crossReference })
    }

    @Test func sentenceThatMentionsSubscribingIsKept() throws {
        let text = """
            Fewer households subscribe to cable television than a decade ago, the survey found.

            The company said subscribers would see a price increase of $2 a month from March.

            Read more about the survey's method in the appendix, the authors wrote.
            """
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)
        #expect(clean.removed.isEmpty)
        #expect(clean.text == text)
    }

    @Test func quotedSpeechAddressingTheReaderIsKept() throws {
        let text = """
            The minister defended the new rules on data collection by websites.
            "We want you to know which cookies track you," she told reporters on Friday.
            """
        let clean = try Self.clean(text)
        #expect(clean.removed.isEmpty)
    }

    @Test func newsletterBoxInTheMiddleGoesAloneAndTheArticleStays() throws {
        let first = "The central bank left interest rates unchanged on Thursday, as most economists had expected.\n"
        let box = "Subscribe to our free business newsletter\n"
        let rest = """
            Policymakers said inflation was still too high but that the economy was slowing.
            Markets rose modestly after the decision, with bank shares leading the gains.
            Several members argued for a cut, according to minutes released later.
            """
        let clean = try Self.clean(first + box + rest)
        Self.expectInvariant(clean)
        #expect(clean.text == first + rest)
        #expect(clean.removed.count == 1)
    }

    @Test func placeholderAndDisclaimerAreRemovedWithTheirReasons() throws {
        let article = "The airline said it would add more flights between the two cities from next summer.\n"
        let clean = try Self.clean(article + "Disclaimer: This story was auto-generated from a syndicated feed.\nHello {{user_name}}, welcome back\n")
        Self.expectInvariant(clean)
        #expect(clean.text == String(article.dropLast()))
        #expect(clean.removed.map(\.reason).contains(.disclaimer))
    }

    @Test func agencyCreditNeedsTheGluedShape() throws {
        let glued = try Self.clean("Officials said the talks would resume next week in the capital.AFP")
        Self.expectInvariant(glued)
        #expect(glued.text == "Officials said the talks would resume next week in the capital.")
        #expect(glued.removed.first?.reason == .agencyCredit)
        // An abbreviation at the end of a sentence is not a credit.
        let plain = try Self.clean("Exports rose sharply last quarter, with most of the growth in sales to the U.S.")
        #expect(plain.removed.isEmpty)
    }

    @Test func crlfAndBlankLinesSurviveVerbatim() throws {
        let text = "First paragraph of the story, which is long enough to be prose.\r\n\r\nSecond paragraph, also written as a sentence.\r\n\r\nShare this article\r\n"
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)
        #expect(clean.text == "First paragraph of the story, which is long enough to be prose.\r\n\r\nSecond paragraph, also written as a sentence.")
        #expect(clean.removed.map(\.reason) == [.share])
    }
}

extension BoilerplateCleanerTests {
    @Test func wireTrailerAdSlotAndCopyrightGo() throws {
        let opening = "The mining company said output fell by a fifth in the second quarter because of strikes.\n\n"
        let closing = "It expects production to recover by the end of the year, the company said in a statement."
        let text = opening + "Advertisement\n\n" + closing + "\n\nReporting by Jane Doe; Editing by John Roe\n© 2024 Example Wire Service. All rights reserved.\n"
        let clean = try Self.clean(text)
        Self.expectInvariant(clean)
        #expect(clean.text == opening + closing)
        #expect(Set(clean.removed.map(\.reason)) == [.other, .agencyCredit])
    }

    @Test func headingsWithoutCuesAreKept() throws {
        let text = """
            Ports reopened on Friday after a week-long strike by dock workers ended with a pay deal.

            Follow the money

            Shipping firms had diverted dozens of vessels to other harbours during the dispute.

            What happens next?

            Unions said they would ballot members on the agreement within a fortnight.
            """
        let clean = try Self.clean(text)
        #expect(clean.removed.isEmpty)
    }
}
