import Testing
@testable import Pipeline

/// The events development set's references, the documents rebuilt from CoNLL text, and
/// the scorer's levels and presence.
@Suite struct EventsDevSetTests {
    /// CoNLL layout: one token per line with its tags, sentences separated by blank lines.
    private static let conll: String = {
        let documents = [["RIVALS MEET .", "PARIS 1996-08-30", "France and Germany held talks on Friday .",
                          "Shares rose 2 % in ( light ) trade ."], ["OTHER NEWS ."]]
        return documents.map { sentences in
            "-DOCSTART- -X- O O\n\n" + sentences.map { sentence in
                sentence.split(separator: " ").map { "\($0) NN I-NP O\n" }.joined()
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }()
    private static let annotations = """
        # file\tdocument\tsentence\tsource\ttarget\tcode
        x.txt\t0\t2\tFRA\tDEU\t046
        x.txt\t0\t3\t-\t-\t-
        """

    @Test func readsReferencesAndRebuildsTheDocument() throws {
        let set = try EventsDevSet(annotations: Self.annotations)
        #expect(set.sentences.count == 2)
        #expect(set.sentences[0].events == [EventsDevSet.Triple(source: "FRA", target: "DEU", code: "046")])
        #expect(set.sentences[1].events.isEmpty)
        let articles = try set.articles { _ in Self.conll }
        #expect(articles.count == 1)
        let article = try #require(articles.first)
        #expect(article.sentenceText[2] == "France and Germany held talks on Friday.")
        #expect(article.sentenceText[3] == "Shares rose 2% in (light) trade.")
        let json = String(decoding: article.input.bytes, as: UTF8.self)
        #expect(json.contains("\"published\":\"1996-08-30\""))
        #expect(json.contains("\"title\":\"RIVALS MEET.\""))
    }

    @Test func malformedRowsAreRefusedWithTheirLine() {
        #expect(throws: EventsDevSet.FormatError.self) { try EventsDevSet(annotations: "x.txt\t0\tone\tA\tB\t010\n") }
    }

    @Test func scoresEachLevelAndPresence() throws {
        let set = try EventsDevSet(annotations: Self.annotations)
        let articles = try set.articles { _ in Self.conll }
        let sentence = "France and Germany held talks on Friday."
        func event(_ code: String, _ source: String, _ target: String) -> Event {
            var e = Event(code: code, root: String(code.prefix(2)), quadClass: 1, goldstein: 0, source: nil, target: nil,
                          location: nil, time: nil, polarity: .asserted, trigger: "held talks", sentence: sentence,
                          start: 0, end: 0, triggerStart: 0, triggerEnd: 0)
            e.sourceActor = ActorDictionary.standard.parts(of: source)
            e.targetActor = ActorDictionary.standard.parts(of: target)
            return e
        }
        // Right root and countries, wrong source type: not exact, but a right dyad and root.
        let report = EventsDevScorer().score(set, articles: articles, found: [[event("040", "FRAGOV", "DEU")]])
        #expect(report.exact.truePositives == 0 && report.exact.falsePositives == 1 && report.exact.falseNegatives == 1)
        #expect(report.countryDyads.truePositives == 1)
        #expect(report.root.truePositives == 1)
        #expect(report.sentences == 2 && report.presenceAgreements == 2)
        let exact = EventsDevScorer().score(set, articles: articles, found: [[event("046", "FRA", "DEU")]])
        #expect(exact.exact.truePositives == 1 && exact.exact.f1 == 1)
        let none = EventsDevScorer().score(set, articles: articles, found: [[]])
        #expect(none.presenceAgreements == 1)
    }
}
