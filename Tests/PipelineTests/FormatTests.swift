import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// Every format and encoding the decoder accepts, each read from a real file in
/// `Fixtures/`, through decode and clean.
@Suite struct FormatTests {
    static let fixtures: URL = PackageRoot.url.appendingPathComponent("Tests/PipelineTests/Fixtures")

    static let opening = "The ferry company said on Monday that it would add two sailings a day to the island route from June, after a winter of complaints about crowded boats."

    static func decode(_ name: String) throws -> DecodedDocument {
        let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))
        return try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: name), bytes: bytes))
    }

    static func clean(_ name: String) throws -> CleanDocument {
        try BoilerplateCleaner().process(try decode(name))
    }

    @Test func plainTextWithHeaderLinesKeepsTextAndReadsMetadata() throws {
        let doc = try Self.decode("plain.txt")
        #expect(doc.format == .text)
        #expect(doc.metadata.title == "Ferry company adds sailings to island route")
        #expect(doc.metadata.byline == "Maren Holt")
        #expect(doc.metadata.published == "2019-05-01")
        #expect(doc.text.contains(Self.opening))
        #expect(doc.warnings.isEmpty)
    }

    @Test func noExtensionIsSniffedAsText() throws {
        let doc = try Self.decode("notes")
        #expect(doc.format == .text)
        #expect(doc.text.hasPrefix(Self.opening))
    }

    @Test func utf8WithBOMDropsTheBOM() throws {
        let doc = try Self.decode("bom.text")
        #expect(doc.format == .text)
        #expect(doc.text.hasPrefix("The ferry"))
        #expect(doc.text.contains("Café owners on the quay said “busy” summers"))
        #expect(doc.warnings.isEmpty)
    }

    @Test(arguments: ["utf16le.txt", "utf16be.txt"])
    func utf16WithBOM(_ name: String) throws {
        let doc = try Self.decode(name)
        #expect(doc.text.hasPrefix(Self.opening))
        #expect(doc.text.contains("€4.50"))
        #expect(doc.warnings.isEmpty)
    }

    @Test func windows1252IsTheFallbackWithAWarning() throws {
        let doc = try Self.decode("cp1252.txt")
        #expect(doc.text.contains("“we are ready” – and the fare is €4."))
        #expect(doc.warnings.contains { $0.contains("Windows-1252") })
    }

    @Test func brokenUTF8BecomesReplacementCharacterWithAWarning() throws {
        let doc = try Self.decode("broken-utf8.txt")
        #expect(doc.text.contains("café on the pier — open since 1962"))
        #expect(doc.text.contains("stray byte \u{FFFD} here"))
        #expect(doc.warnings.contains { $0.contains("U+FFFD") })
    }

    @Test func markdownRendersToText() throws {
        let doc = try Self.decode("article.md")
        #expect(doc.format == .markdown)
        #expect(doc.metadata.title == "Ferry company adds sailings")
        #expect(doc.metadata.byline == "Maren Holt")
        #expect(doc.metadata.published == "2019-05-01")
        #expect(doc.text == """
            Ferry company adds sailings to island route

            The ferry company said on Monday that it would add two sailings a day.

            What changes

            A morning boat at 06:15

            An evening boat at 21:40

            Residents welcomed the decision.

            Setext heading

            The snake_case name stays, and 3 * 4 stays too.
            """)
        let clean = try BoilerplateCleaner().process(doc)
        #expect(clean.text == doc.text)
    }

    @Test(arguments: ["article.json", "scraped"])
    func jsonArticleObject(_ name: String) throws {
        let doc = try Self.decode(name)
        #expect(doc.format == .json)
        #expect(doc.text.hasPrefix(Self.opening))
        #expect(doc.metadata.title == "Ferry company adds sailings")
        #expect(doc.metadata.byline == "Maren Holt")
        #expect(doc.metadata.published == "2019-05-01")
        #expect(doc.metadata.url == "https://example.com/ferry")
        #expect(doc.metadata.siteName == "Island Times")
    }

    @Test(arguments: ["page.html.gz", "page.htm", "saved-page.txt"])
    func htmlByExtensionGzipOrSniffing(_ name: String) throws {
        let clean = try Self.clean(name)
        #expect(clean.decoded.format == .html)
        #expect(clean.decoded.metadata.title == "Ferry sailings")
        #expect(clean.decoded.metadata.siteName == nil)
        #expect(clean.text.hasPrefix("Ferry company adds sailings\n\n" + Self.opening))
        #expect(!clean.text.contains("Home"))
        #expect(!clean.text.contains("Harbour Road"))
        #expect(clean.removed.contains { $0.reason == .navigation })
    }

    @Test func declaredLatin1CharsetIsHonoured() throws {
        let doc = try Self.decode("latin1.html")
        #expect(doc.text.contains("The café at the quay serves crêpes all year."))
        #expect(doc.metadata.byline == "Renée Dupré")
        #expect(doc.warnings.isEmpty)
    }

    @Test func xhtmlWithXMLDeclaredWindows1252() throws {
        let doc = try Self.decode("page.xhtml")
        #expect(doc.format == .html)
        #expect(doc.text.contains("The skipper said “we are ready”."))
        #expect(doc.warnings.isEmpty)
    }

    @Test func truncatedGzipKeepsWhatInflatedAndWarns() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("page.html.gz")))
        let doc = try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: "cut.html.gz"), bytes: Array(bytes.dropLast(12))))
        #expect(doc.text.contains("Ferry company adds sailings"))
        #expect(doc.warnings.contains { $0.contains("truncated") })
    }

    @Test func binaryAndEmptyInputAreRefusedNotCrashed() {
        #expect(throws: PipelineError.self) {
            try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: "x.bin"), bytes: [0, 1, 2, 3, 0, 0, 5, 6]))
        }
        #expect(throws: PipelineError.self) {
            try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: "x.txt"), bytes: []))
        }
        #expect(throws: PipelineError.self) {
            try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: "x.gz"), bytes: [0x1F, 0x8B, 0x08, 0x00, 0xFF]))
        }
    }

    /// `bytes` with every "\n" written as `lineEnd`: the same file from another writer.
    static func converting(_ bytes: [UInt8], to lineEnd: [UInt8]) -> [UInt8] {
        bytes.flatMap { $0 == 0x0A ? lineEnd : [$0] }
    }

    /// `text` with "\r\n" and lone "\r" written as "\n", compared scalar by scalar.
    static func lfOnly(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n", previous == "\r" { continue }
            scalars.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(scalars)
    }

    /// A file written with CRLF (Windows) or CR (old Mac) line ends reads as its LF twin:
    /// the same format, title, byline, published time, site, URL and language, the same
    /// number of removed spans, and the same clean text once its line ends are written as
    /// "\n". Covers the header-bearing fixtures and every seed article.
    @Test(arguments: [[UInt8(0x0D), 0x0A], [0x0D]])
    func crlfAndCRFilesReadAsTheirLFTwins(_ lineEnd: [UInt8]) throws {
        var files = [("plain.txt", try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("plain.txt")))),
                     ("article.md", try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("article.md"))))]
        for seed in BoilerplateCleanerTests.seeds {
            files.append((seed, try [UInt8](Data(contentsOf: PackageRoot.corpus.appendingPathComponent(seed)))))
        }
        #expect(files.count > 2)
        for (name, lf) in files {
            #expect(!lf.contains(0x0D), "\(name) should have LF line ends only")
            let other = Self.converting(lf, to: lineEnd)
            let decodedLF = try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: name), bytes: lf))
            let decodedOther = try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: name), bytes: other))
            #expect(decodedOther.format == decodedLF.format, "\(name)")
            #expect(decodedOther.metadata == decodedLF.metadata, "\(name)")
            let cleanLF = try BoilerplateCleaner().process(decodedLF)
            let cleanOther = try BoilerplateCleaner().process(decodedOther)
            #expect(cleanOther.removed.count == cleanLF.removed.count, "\(name)")
            #expect(Self.lfOnly(cleanOther.text) == cleanLF.text, "\(name)")
        }
        // The header fixture is the case that was broken: the title swallowed the lines after it.
        let plain = try ArticleDecoder().process(ArticleInput(source: ArticleSource(path: "plain.txt"),
            bytes: Self.converting(files[0].1, to: lineEnd)))
        #expect(plain.metadata.title == "Ferry company adds sailings to island route")
        #expect(plain.metadata.byline == "Maren Holt")
        #expect(plain.metadata.published == "2019-05-01")
    }
}
