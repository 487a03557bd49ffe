import Testing
@testable import Pipeline

private typealias Actor = EventTestDocument.Actor
private let smith = Actor("Jane Smith", .person, ["Jane Smith", "Smith"])
private let jones = Actor("Tom Jones", .person, ["Tom Jones", "Jones"])
private let reuters = Actor("Reuters", .organization)

private func quotes(_ text: String, _ actors: [Actor] = [smith, jones, reuters]) -> [Quote] {
    QuoteFinder().quotes(in: EventTestDocument.make(text, actors))
}

private func offsets(of quote: Quote, in text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[quote.start..<quote.end]))
}

@Suite struct QuoteFinderTests {
    @Test func straightQuoteWithAttributionBefore() throws {
        let text = "Jane Smith said, \"We are ready.\" Then she left."
        let found = quotes(text)
        let q = try #require(found.first)
        #expect(found.count == 1)
        #expect(q.text == "We are ready." && q.speaker == "Jane Smith")
        #expect(offsets(of: q, in: text) == q.text && q.start == 18)
    }

    @Test func curlyQuoteWithPronounAfterKeepsApostrophesAndPunctuation() throws {
        let text = "Jane Smith arrived on Monday.\n\n“We’ve made a lot of progress,” she said."
        let q = try #require(quotes(text).first)
        #expect(q.text == "We’ve made a lot of progress," && q.speaker == "Jane Smith")
        #expect(offsets(of: q, in: text) == q.text)
    }

    @Test func invertedSpeakerAfterTheVerb() throws {
        let q = try #require(quotes("“It is a change,” said Dr Jane Smith, an expert at a think-tank.").first)
        #expect(q.speaker == "Jane Smith")
    }

    /// "…, with X saying": the object of "with" is the speaker, even when a title before
    /// the name makes the preposition the name's own.
    @Test func theSpeakerOfWithXSaying() throws {
        let q = try #require(quotes("Tom Jones left early, with company trade adviser Jane Smith saying \"the talks are over\".").first)
        #expect(q.speaker == "Jane Smith")
    }

    @Test func singleQuotesAreNotClosedByApostrophes() throws {
        let found = quotes("‘I’m sure they’ll agree,’ Tom Jones told Reuters.")
        #expect(found.map(\.text) == ["I’m sure they’ll agree,"])
        #expect(found.first?.speaker == "Tom Jones")
        #expect(quotes("The countries’ leaders met. It's Jones' view.").isEmpty)
    }

    @Test func multiSentenceQuoteAndASecondFragmentInside() throws {
        let text = "“First point. Second point,” Smith said, “and a third.”"
        let found = quotes(text)
        #expect(found.map(\.text) == ["First point. Second point,", "and a third."])
        #expect(found.allSatisfy { $0.speaker == "Jane Smith" })
    }

    @Test func quoteOnlyParagraphsContinueThePreviousSpeaker() throws {
        let text = "Tom Jones said there was room for a deal. \"It is a question of will.\n\n\"Both sides have to win.\"\n\nJane Smith disagreed."
        let found = quotes(text)
        #expect(found.map(\.text) == ["It is a question of will.", "Both sides have to win."])
        #expect(found.map(\.speaker) == ["Tom Jones", "Tom Jones"])
    }

    @Test func mismatchedNestingEndsAtTheLastClosingMark() throws {
        let found = quotes("‘It will let him say ‘victory! victory!” Jones told Reuters.")
        #expect(found.map(\.text) == ["It will let him say ‘victory! victory!"])
        #expect(found.first?.speaker == "Tom Jones")
    }

    @Test func scareQuotesInsideAttributedSentence() throws {
        let found = quotes("Jane Smith said it was ‘premature’ to discuss a ‘grand deal.’")
        #expect(found.map(\.text) == ["premature", "grand deal."])
        #expect(found.allSatisfy { $0.speaker == "Jane Smith" })
    }

    @Test func unattributedQuoteHasNoSpeaker() throws {
        let found = quotes("The slogan \"buy local\" spread.")
        #expect(found.map(\.text) == ["buy local"] && found.first?.speaker == nil)
    }
}
