import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Pipeline
import TestSupport

/// Cross-document boilerplate: short lines a site repeats become furniture after
/// `minimumDocuments` earlier documents, per site, and the counts survive in the store.
@Suite struct SiteFurnitureTests {
    static let followLine = "Tips? Write to the metro desk, we read every letter."
    static let moreHeading = "More from the Daily Planet"
    /// Article prose that two stories share word for word (a background paragraph): long,
    /// so never furniture however often it repeats.
    static let sharedProse = """
        The council has argued for years that the old harbour bridge, which carries more than \
        forty thousand cars a day and was last repaired in the spring, should be replaced before \
        the winter storms, while residents on both banks say that the closures planned for the \
        work would cut them off from schools, shops and the hospital for months.
        """

    static let stories = [
        "Metro fares rise again",
        "Harbour bridge closes for repairs",
        "City library opens a new wing",
        "Council votes on the budget",
        "Flood defences tested at dawn",
    ]

    /// A story of the Daily Planet (or another site): its own lead, the shared prose, then
    /// the site's furniture.
    static func document(_ index: Int, site: String = "https://www.dailyplanet.example/news/",
                         title: String? = nil) -> DecodedDocument {
        let headline = title ?? stories[index % stories.count]
        let text = """
            \(headline)

            Reporters for the paper spent the week asking readers about story number \(index), \
            and what they heard was that \(headline.lowercased()) matters to almost everybody in town.

            \(sharedProse)

            \(followLine)

            \(moreHeading)

            """
        let bytes = Array(text.utf8)
        return DecodedDocument(sha256: SHA256.hexDigest(of: bytes + Array(site.utf8)),
                               source: ArticleSource(path: "inbox/\(index).txt"), format: .text, text: text,
                               metadata: DocumentMetadata(title: headline, url: site + "\(index)"),
                               byteCount: bytes.count)
    }

    static func removedText(_ clean: CleanDocument, reason: BoilerplateReason) -> String {
        let scalars = Array(clean.decoded.text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for span in clean.removed where span.reason == reason { out.append(contentsOf: scalars[span.start..<span.end]) }
        return String(out)
    }

    /// Clean text equals decoded text with the removed spans cut out.
    static func holdsInvariant(_ clean: CleanDocument) -> Bool {
        let scalars = Array(clean.decoded.text.unicodeScalars)
        var kept = String.UnicodeScalarView()
        var at = 0
        for span in clean.removed.sorted(by: { $0.start < $1.start }) {
            kept.append(contentsOf: scalars[at..<span.start])
            at = span.end
        }
        kept.append(contentsOf: scalars[at...])
        return String(kept) == clean.text
    }

    @Test func theLineClassifierAloneKeepsTheFurniture() throws {
        let clean = try BoilerplateCleaner().process(Self.document(0))
        #expect(clean.text.contains(Self.followLine))
        #expect(clean.text.contains(Self.moreHeading))
        #expect(clean.blockFingerprints.isEmpty && clean.furnitureSite == nil)
    }

    @Test func furnitureIsRemovedAfterKDocumentsOfTheSameSite() throws {
        let furniture = SiteFurniture(minimumDocuments: 3)
        let cleaner = BoilerplateCleaner(furniture: furniture)
        for index in 0..<5 {
            let clean = try cleaner.process(Self.document(index))
            #expect(Self.holdsInvariant(clean))
            #expect(clean.furnitureSite == "dailyplanet.example")
            #expect(clean.text.contains(Self.sharedProse), "long prose is never furniture")
            #expect(clean.text.contains(Self.stories[index]))
            if index < 3 {
                #expect(clean.text.contains(Self.followLine), "document \(index)")
                #expect(clean.text.contains(Self.moreHeading), "document \(index)")
                #expect(!clean.removed.contains { $0.reason == .repeatedBlock })
            } else {
                #expect(!clean.text.contains(Self.followLine), "document \(index)")
                #expect(!clean.text.contains(Self.moreHeading), "document \(index)")
                let removed = Self.removedText(clean, reason: .repeatedBlock)
                #expect(removed.contains(Self.followLine) && removed.contains(Self.moreHeading))
                #expect(!removed.contains("Reporters"))
            }
        }
        // The same file again counts once: it is not its own earlier document.
        let again = try cleaner.process(Self.document(0))
        #expect(furniture.documents(site: "dailyplanet.example", fingerprint: try #require(again.blockFingerprints.last)) == 5)
    }

    @Test func anotherSiteIsUnaffected() throws {
        let cleaner = BoilerplateCleaner(furniture: SiteFurniture(minimumDocuments: 3))
        for index in 0..<5 { _ = try cleaner.process(Self.document(index)) }
        let other = try cleaner.process(Self.document(7, site: "https://other.example/story/"))
        #expect(other.furnitureSite == "other.example")
        #expect(other.text.contains(Self.followLine) && other.text.contains(Self.moreHeading))
        #expect(!other.removed.contains { $0.reason == .repeatedBlock })
    }

    @Test func siteKeysFallBackToSiteNameThenFolder() {
        var document = Self.document(0, site: "")
        document.metadata.url = nil
        #expect(SiteFurniture.site(of: document) == "folder:inbox")
        document.metadata.siteName = " Daily Planet "
        #expect(SiteFurniture.site(of: document) == "name:daily planet")
        document.metadata.url = "HTTPS://user@WWW.Planet.Example:8443/x?y"
        #expect(SiteFurniture.site(of: document) == "planet.example")
    }

    @Test func fingerprintsFoldCaseSpacesAndDigitsButNotWords() throws {
        func print(_ text: String) -> UInt64? { SiteFurniture.fingerprint(Array(text.unicodeScalars)[...]) }
        #expect(print("© 2024 Daily  Planet") == print("  © 1999 daily planet "))
        #expect(print("ÉDITION Du Soir") == print("édition du soir"))
        #expect(print("More from the Daily Planet") != print("More from the Daily Bugle"))
        #expect(print("   ") == nil)
        #expect(print(Self.sharedProse) == nil)
        #expect(print(String(repeating: "word ", count: SiteFurniture.maximumWords)) != nil)
        #expect(print(String(repeating: "word ", count: SiteFurniture.maximumWords + 1)) == nil)
    }

    @Test func concurrentDocumentsAreEachCountedOnce() {
        let furniture = SiteFurniture(minimumDocuments: 3)
        let removedIn = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let known = furniture.observe(site: "s", document: "doc\(index % 100)", fingerprints: [42, 42, 7])
            if known.contains(42) { removedIn.withLock { $0 += 1 } }
        }
        #expect(furniture.documents(site: "s", fingerprint: 42) == 100)
        #expect(furniture.documents(site: "s", fingerprint: 7) == 100)
        // Each distinct document sees 0...99 others first; repeats see the others too.
        #expect(removedIn.withLock { $0 } >= 97)
    }

    @Test func blocksSeenOnceAreForgottenFirstWhenTheIndexIsFull() {
        let furniture = SiteFurniture(minimumDocuments: 1, capacity: 4)
        _ = furniture.observe(site: "s", document: "a", fingerprints: [9])
        _ = furniture.observe(site: "s", document: "b", fingerprints: [9])
        let known = furniture.observe(site: "s", document: "c", fingerprints: [1, 2, 3, 4, 5, 9])
        #expect(known == [9])
        #expect(furniture.documents(site: "s", fingerprint: 9) == 3)
        #expect(furniture.documents(site: "s", fingerprint: 1) == 0)
    }

    @Test func countsRoundTripThroughTheStore() throws {
        let temporary = try TemporaryFolder()
        let folder = temporary.url
        let path = folder.appendingPathComponent("g.sqlite").path

        do {
            let store = try ArticleStore(path: path)
            let cleaner = BoilerplateCleaner(furniture: SiteFurniture(minimumDocuments: 3))
            var batch: [PipelineItem] = []
            for index in 0..<3 {
                let clean = try cleaner.process(Self.document(index))
                batch.append(.document(ExtractedDocument(
                    analyzed: AnalyzedDocument(clean: clean, sentences: [], entities: [], values: []),
                    events: [], quotes: [])))
            }
            // The first document again (a duplicate) must not count twice.
            batch.append(batch[0])
            _ = try store.write(batch)
            #expect(try store.schemaVersion() == StoreSchema.version)
        }

        let reopened = try ArticleStore(path: path)
        let warm = SiteFurniture(minimumDocuments: 3)
        let loaded = try reopened.loadFurniture(into: warm, minimumDocuments: 2)
        #expect(loaded > 0)
        let heading = try #require(SiteFurniture.fingerprint(Array(Self.moreHeading.unicodeScalars)[...]))
        #expect(warm.documents(site: "dailyplanet.example", fingerprint: heading) == 3)
        #expect(warm.isFurniture(site: "dailyplanet.example", fingerprint: heading))
        let clean = try BoilerplateCleaner(furniture: warm).process(Self.document(3))
        #expect(!clean.text.contains(Self.moreHeading) && !clean.text.contains(Self.followLine))
        #expect(clean.text.contains(Self.sharedProse))
        // A block each document has on its own was seen once and is not loaded.
        let lead = try #require(SiteFurniture.fingerprint(Array(Self.stories[1].unicodeScalars)[...]))
        #expect(warm.documents(site: "dailyplanet.example", fingerprint: lead) == 0)
    }
}
