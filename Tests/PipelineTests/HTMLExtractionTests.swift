import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// Main-content extraction on the hand-written pages of `corpus/html`, scored against their
/// gold text with the shingle F1 of main-text extraction benchmarks, and on small pages
/// that isolate one kind of furniture each.
@Suite struct HTMLExtractionTests {
    static var root: URL { PackageRoot.url }

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

/// One small page per failure kind of issue 13 (pages written for these tests): each
/// shows the case and what the extractor must do with it.
@Suite struct HTMLFailureKindTests {
    static func clean(_ html: String, path: String = "page.html") throws -> CleanDocument {
        let decoded = try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: path), bytes: Array(html.utf8)))
        return try BoilerplateCleaner().process(decoded)
    }

    static func page(lang: String? = nil, title: String = "Example", head: String = "", body: String, bodyClass: String = "") -> String {
        """
        <!DOCTYPE html><html\(lang.map { " lang=\"\($0)\"" } ?? "")><head><meta charset="utf-8"><title>\(title)</title>\(head)</head>
        <body class="\(bodyClass)">
        <nav><a href="/">Home</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
        \(body)
        <footer><a href="/impressum">Impressum</a> <a href="/kontakt">Kontakt</a></footer>
        </body></html>
        """
    }

    static let germanBody = """
        <p>Der Stadtrat hat am Dienstag mit knapper Mehrheit beschlossen, die alte Hafenbrücke bis zum Frühjahr für den Verkehr zu sperren.</p>
        <p>Die Gutachter hatten im Sommer Risse in zwei Pfeilern gefunden, die nach ihrer Einschätzung nicht länger warten können.</p>
        <p>Die Händler am Hafen fürchten nun um ihre Kundschaft, weil der Umweg über die Nordbrücke fast zwanzig Minuten dauert.</p>
        """

    @Test func germanArticleIsKeptAndItsLanguageDetected() throws {
        let doc = try Self.clean(Self.page(body: "<article>\(Self.germanBody)</article>"))
        #expect(doc.text.contains("Hafenbrücke bis zum Frühjahr"))
        #expect(doc.text.contains("fast zwanzig Minuten dauert."))
        #expect(!doc.text.contains("Impressum"))
        #expect(doc.decoded.metadata.language == "de")
    }

    @Test func detectionWinsOverAContradictingTemplateLanguage() throws {
        let doc = try Self.clean(Self.page(lang: "en", body: "<div>\(Self.germanBody)</div>"))
        #expect(doc.decoded.metadata.language == "de")
        #expect(doc.text.contains("Risse in zwei Pfeilern"))
        let agreeing = try Self.clean(Self.page(lang: "de-AT", body: "<div>\(Self.germanBody)</div>"))
        #expect(agreeing.decoded.metadata.language == "de-AT")
    }

    @Test func chineseArticleWithoutSpacesIsKept() throws {
        let body = """
            <article><p>市议会周二以微弱多数决定，旧港口大桥将关闭至明年春天，以便修复桥墩上的裂缝。</p>
            <p>专家在夏天发现两个桥墩出现裂缝，他们认为维修工作不能再拖延下去了。</p>
            <p>港口附近的商户担心客流减少，因为绕行北桥需要将近二十分钟的时间。</p></article>
            """
        let doc = try Self.clean(Self.page(body: body))
        #expect(doc.text.contains("专家在夏天发现两个桥墩出现裂缝"))
        #expect(doc.decoded.metadata.language == "zh")
    }

    @Test func aFurnitureClassOnBodyDoesNotEmptyThePage() throws {
        let doc = try Self.clean(Self.page(body: "<div>\(Self.germanBody)</div>", bodyClass: "has-sidebar nav-open sidebar-collapsed"))
        #expect(doc.text.contains("Hafenbrücke"))
    }

    @Test func articleSplitAcrossSiblingsIsAssembled() throws {
        let body = """
            <article>
            <div class="lead"><p>The council voted on Tuesday to close the old harbour bridge until the spring, after engineers found cracks in two of its piers.</p></div>
            <section class="article-section"><p>The engineers said the repairs could not wait another winter, and that traffic would have to use the northern bridge.</p></section>
            <h2>Traders worried</h2>
            <div class="ad-slot">Advertisement</div>
            <section class="article-section"><p>Shop owners near the harbour fear they will lose customers because the detour adds almost twenty minutes to the trip.</p>
            <p>They asked the council for a shuttle bus, which the mayor promised to consider at the next meeting in January.</p></section>
            </article>
            """
        let doc = try Self.clean(Self.page(body: body))
        for part in ["cracks in two of its piers", "could not wait another winter", "Traders worried", "almost twenty minutes", "shuttle bus"] {
            #expect(doc.text.contains(part), "\(part) missing from:\n\(doc.text)")
        }
        #expect(!doc.text.contains("Advertisement"))
        #expect(doc.removed.contains { $0.reason == .other })
    }

    @Test func aLeadInAnElementOfItsOwnAboveTheArticleIsKept() throws {
        let body = """
            <div class="intro"><p>Engineers found cracks in two piers of the old harbour bridge, and the council has now decided to close it until the spring.</p></div>
            <div class="more-links"><a href="/a">Harbour</a> <a href="/b">Council</a></div>
            <article>
            <p>The council voted on Tuesday to close the old harbour bridge until the spring, after engineers found cracks in two of its piers.</p>
            <p>The engineers said the repairs could not wait another winter, and that traffic would have to use the northern bridge.</p>
            <p>Shop owners near the harbour fear they will lose customers because the detour adds almost twenty minutes to the trip.</p>
            </article>
            """
        let doc = try Self.clean(Self.page(body: body))
        #expect(doc.text.hasPrefix("Engineers found cracks in two piers"), "\(doc.text)")
        #expect(!doc.text.contains("Council\n") && !doc.text.contains("Harbour Council"))
    }

    @Test func aPaywallContainerHoldingTheArticleIsKept() throws {
        let body = """
            <div class="paywall premium-content"><div itemprop="articleBody">
            <p>The council voted on Tuesday to close the old harbour bridge until the spring, after engineers found cracks in two of its piers.</p>
            <p>The engineers said the repairs could not wait another winter, and that traffic would have to use the northern bridge.</p>
            </div></div>
            """
        let doc = try Self.clean(Self.page(body: body))
        #expect(doc.text.contains("cracks in two of its piers"))
        #expect(doc.text.contains("northern bridge"))
    }

    @Test func listsAndShortLinesInsideTheArticleAreKept() throws {
        let body = """
            <article>
            <p>The council published the list of measures it will take while the old harbour bridge is closed for repairs this winter.</p>
            <ul><li>A shuttle bus every ten minutes</li><li>Free parking at the north pier</li><li>Longer ferry hours</li></ul>
            <p>Traders said the measures were a start, but that they would judge the council by what happens in January.</p>
            <p>The council also promised two things for next year:</p>
            <ul><li>Bridge inspections every year</li><li>A fund for shops on the detour</li></ul>
            </article>
            """
        let doc = try Self.clean(Self.page(body: body))
        for part in ["A shuttle bus every ten minutes", "Longer ferry hours", "A fund for shops on the detour"] {
            #expect(doc.text.contains(part), "\(part) missing from:\n\(doc.text)")
        }
    }

    @Test func camelCaseTeasersBiosAppealsAndStandfirstsAreDropped() throws {
        let body = """
            <article>
            <p class="standfirst">Engineers found cracks; traders fear for their trade.</p>
            <p>The council voted on Tuesday to close the old harbour bridge until the spring, after engineers found cracks in two of its piers.</p>
            <div class="SidebarPromo"><p>Get the best of our reporting delivered to you every single morning, for free, with no strings attached.</p></div>
            <p>The engineers said the repairs could not wait another winter, and that traffic would have to use the northern bridge.</p>
            <div class="relatedStoriesRail"><p>How the old harbour bridge was built in four years by a workforce of two thousand men.</p></div>
            <div class="author-bio"><p>Jane Doe has covered city politics for the paper since 2009 and lives near the harbour with her family.</p></div>
            <div class="donation-appeal"><p>Independent journalism costs money, and readers like you keep it going with a small gift each month.</p></div>
            </article>
            """
        let doc = try Self.clean(Self.page(body: body))
        #expect(doc.text.contains("cracks in two of its piers"))
        #expect(doc.text.contains("northern bridge"))
        for gone in ["Get the best of our reporting", "workforce of two thousand", "covered city politics", "Independent journalism", "traders fear"] {
            #expect(!doc.text.contains(gone), "\(gone) kept in:\n\(doc.text)")
        }
    }

    @Test func headlineIsInTitleNotRepeatedInText() throws {
        let title = "Harbour bridge to close until spring"
        let body = """
            <article><h1>\(title)</h1>
            <p>The council voted on Tuesday to close the old harbour bridge until the spring, after engineers found cracks in two of its piers.</p>
            <h2>What happens next</h2>
            <p>The engineers said the repairs could not wait another winter, and that traffic would have to use the northern bridge.</p></article>
            """
        let doc = try Self.clean(Self.page(title: title + " | Example News", body: body))
        #expect(doc.decoded.metadata.title == title)
        #expect(!doc.text.contains(title))
        #expect(doc.text.contains("What happens next"))
        #expect(doc.text.hasPrefix("The council voted"))
    }

    @Test func scriptBeforeHTMLIsNotRefused() throws {
        let html = "<script>window.dataLayer = [];</script>\n" + Self.page(body: "<article>\(Self.germanBody)</article>")
        #expect(try Self.clean(html).text.contains("Hafenbrücke"))
    }

    @Test func unclosedDivInsideNoscriptDoesNotSwallowTheBody() throws {
        let html = Self.page(body: "<noscript><div class=\"js-warning\">Please enable JavaScript</noscript><article>\(Self.germanBody)</article>")
        let doc = try Self.clean(html)
        #expect(doc.text.contains("Hafenbrücke"))
        #expect(!doc.text.contains("enable JavaScript"))
    }
}

/// Dates, authors and charsets of issue 13, on small pages written here.
@Suite struct HTMLMetadataKindTests {
    static func meta(head: String = "", body: String = "<p>Short.</p>", charset: String = "utf-8", bytes: [UInt8]? = nil) throws -> DecodedDocument {
        let html = "<html><head><meta charset=\"\(charset)\">\(head)</head><body>\(body)</body></html>"
        return try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: "page.html"), bytes: bytes ?? Array(html.utf8)))
    }

    @Test func publishedIsISO8601OrNothing() throws {
        let hours = try Self.meta(head: """
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"Mo-Su 08:00-20:00"}</script>
            <meta itemprop="datePublished" content="PT15M">
            """)
        #expect(hours.metadata.published == nil)
        let unix = try Self.meta(head: "<meta name=\"date\" content=\"1651626439\">")
        #expect(unix.metadata.published == "2022-05-04T01:07:19Z")
        let skipsBad = try Self.meta(head: "<meta property=\"article:published_time\" content=\"PT15M\"><meta name=\"pubdate\" content=\"May 3, 2022\">")
        #expect(skipsBad.metadata.published == "2022-05-03")
    }

    @Test func publishedFromAVisibleDateline() throws {
        let doc = try Self.meta(body: "<p class=\"dateline\">Published 3 May 2022, 10:15</p><p>The council voted on Tuesday to close the bridge.</p>")
        #expect(doc.metadata.published == "2022-05-03")
    }

    @Test func aboutUsBoxIsFurniture() {
        #expect(MarkupHint.of(tag: "div", role: nil, classAndID: "about-us", hidden: false) == .furniture(.other))
        #expect(MarkupHint.of(tag: "section", role: nil, classAndID: "AboutTheAuthor", hidden: false) == .furniture(.other))
    }

    @Test func publishedFromTheURLPath() throws {
        let doc = try Self.meta(head: "<link rel=\"canonical\" href=\"https://news.example/2021/11/08/harbour-bridge\">")
        #expect(doc.metadata.published == "2021-11-08")
        #expect(PublishedDate.inURL("https://news.example/politik/2020-02-29-wahl.html") == "2020-02-29")
        #expect(PublishedDate.inURL("https://news.example/article/12345678") == nil)
    }

    @Test func authorsCleanedOfByAndRoles() throws {
        #expect(AuthorName.cleaned("By Jane Doe, Staff Writer") == "Jane Doe")
        #expect(AuthorName.cleaned("Von Max Muster | 3. Mai 2022") == "Max Muster")
        #expect(AuthorName.cleaned("Jane Doe, John Roe") == "Jane Doe, John Roe")
        let rel = try Self.meta(body: "<p>Text by <a rel=\"author\" href=\"/jane\"><span>Jane Doe</span></a></p>")
        #expect(rel.metadata.byline == "Jane Doe")
        let meta = try Self.meta(head: "<meta name=\"author\" content=\"By Max Muster, Redakteur\">")
        #expect(meta.metadata.byline == "Max Muster")
    }

    @Test func titlesDecodedWithTheDeclaredCharset() throws {
        // "Żółć" in ISO-8859-2: Ż=0xAF ó=0xF3 ł=0xB3 ć=0xE6.
        let polish: [UInt8] = Array("<html><head><meta charset=\"iso-8859-2\"><title>".utf8) + [0xAF, 0xF3, 0xB3, 0xE6]
            + Array("</title></head><body><p>Tekst.</p></body></html>".utf8)
        let pl = try Self.meta(bytes: polish)
        #expect(pl.metadata.title == "Żółć")
        #expect(pl.warnings.isEmpty)
        // "中文" in GB2312: D6D0 CEC4; then a byte pair GB2312 does not define.
        let chinese: [UInt8] = Array("<html><head><meta charset=\"gb2312\"><title>".utf8) + [0xD6, 0xD0, 0xCE, 0xC4]
            + Array("</title></head><body><p>".utf8) + [0xFF, 0xFF] + Array("</p></body></html>".utf8)
        let zh = try Self.meta(bytes: chinese)
        #expect(zh.metadata.title == "中文")
        #expect(zh.warnings.contains { $0.contains("gb2312") && $0.contains("U+FFFD") })
    }

    @Test func markupHintTokensSplitCamelKebabAndSnake() {
        #expect(MarkupHint.tokens("relatedStoriesRail") == ["related", "stories", "rail", "relatedstoriesrail"])
        #expect(MarkupHint.tokens("share-bar__item author_bio") == ["share", "bar", "item", "author", "bio"])
        #expect(MarkupHint.of(tag: "div", role: nil, classAndID: "SidebarPromo", hidden: false) != nil)
        #expect(MarkupHint.of(tag: "div", role: nil, classAndID: "header", hidden: false) == nil)
    }
}
