import Testing
@testable import Pipeline

/// HTML pages decode to block text and metadata that the clean stage can work on.
@Suite struct DecodeTests {
    static func decode(_ html: String, path: String = "page.html") throws -> DecodedDocument {
        try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: path), bytes: Array(html.utf8)))
    }

    @Test func htmlRendersOneBlockPerParagraphAndSkipsScripts() throws {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head>
            <title>Port strike ends | Example News</title>
            <meta property="og:title" content="Port strike ends after pay deal">
            <meta name="author" content="A. Reporter">
            <meta property="article:published_time" content="2024-03-01T09:00:00Z">
            <style>p { color: red }</style>
            <script>var tracking = "not text";</script>
            </head><body>
            <h1>Port strike ends</h1>
            <p>Dock workers   returned to work on
               <b>Friday</b> after a pay&nbsp;deal &amp; a bonus.</p>
            <ul><li>First point</li><li>Second point</li></ul>
            <p>Line one<br>Line two</p>
            <script>document.write("hidden")</script>
            </body></html>
            """
        let decoded = try Self.decode(html)
        #expect(decoded.format == .html)
        #expect(decoded.text == "Port strike ends\n\nDock workers returned to work on Friday after a pay\u{00A0}deal & a bonus.\n\nFirst point\n\nSecond point\n\nLine one\nLine two")
        #expect(decoded.metadata.title == "Port strike ends after pay deal")
        #expect(decoded.metadata.byline == "A. Reporter")
        #expect(decoded.metadata.published == "2024-03-01T09:00:00Z")
        #expect(decoded.metadata.language == "en")
    }

    @Test func textOverTheLimitIsRefusedInEveryFormat() throws {
        let decoder = ArticleDecoder(maximumTextScalars: 100)
        let sentence = "The minister said talks would resume next week. "
        let short = String(repeating: sentence, count: 2)
        let long = String(repeating: sentence, count: 3)
        #expect(throws: Never.self) {
            _ = try decoder.process(ArticleInput(source: ArticleSource(path: "a.txt"), bytes: Array(short.utf8)))
        }
        for (path, body) in [("a.txt", long), ("a.md", long), ("a.html", "<html><body><p>\(long)</p></body></html>"),
                             ("a.json", #"{"title": "T", "text": "\#(long)"}"#)] {
            do {
                _ = try decoder.process(ArticleInput(source: ArticleSource(path: path), bytes: Array(body.utf8)))
                Issue.record("\(path) was decoded")
            } catch {
                #expect(error.kind == .tooLarge, "\(path): \(error)")
                #expect(error.message.contains("over") && error.message.contains("100"), "\(path): \(error.message)")
            }
        }
    }

    @Test func titleFallsBackToTheTitleElement() throws {
        let decoded = try Self.decode("<html><head><title> Rates  held </title></head><body><p>The bank held rates.</p></body></html>")
        #expect(decoded.metadata.title == "Rates held")
        #expect(decoded.text == "The bank held rates.")
    }

    @Test func brokenMarkupIsRecovered() throws {
        let decoded = try Self.decode("<html><body><p>Unclosed paragraph <i>italic<p>Second <div>block</body>")
        #expect(decoded.text.contains("Unclosed paragraph italic"))
        #expect(decoded.text.contains("block"))
        #expect(!decoded.text.contains("<"))
    }

    @Test func htmlBoilerplateIsCleanedFromTheRenderedText() throws {
        let html = """
            <html><body><article>
            <p>The council approved the new budget on Tuesday after weeks of debate over school funding.</p>
            <p>Members said spending on parks would rise by a modest amount next year.</p>
            </article>
            <div class="promo"><p>Subscribe now for unlimited access</p><p>Already a subscriber? Log in</p></div>
            </body></html>
            """
        let decoded = try Self.decode(html)
        let clean = try BoilerplateCleaner().process(decoded)
        #expect(clean.text == "The council approved the new budget on Tuesday after weeks of debate over school funding.\n\nMembers said spending on parks would rise by a modest amount next year.")
        #expect(clean.removed.allSatisfy { $0.reason == .subscription || $0.reason == .paywall })
    }
}
