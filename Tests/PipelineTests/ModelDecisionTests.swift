import Testing
@testable import Pipeline

/// `ModelDecision`'s readings of the tagger's spans: datelines tagged as lines of their own,
/// two places joined by "and", and organisation names the tagger stops inside.
@Suite struct ModelDecisionTests {
    private static func tokens(_ text: String) -> (tokens: [Token], scalars: [Unicode.Scalar]) {
        let scalars = Tokenizer.scalars(of: text)
        return (Tokenizer().tokenize(scalars), scalars)
    }

    /// The token range of `words` (space-separated token texts) inside `tokens`.
    private static func range(of words: String, in tokens: [Token]) throws -> Range<Int> {
        let texts = words.split(separator: " ").map(String.init)
        let start = try #require((0...(tokens.count - texts.count)).first { i in
            texts.indices.allSatisfy { tokens[i + $0].text == texts[$0] }
        })
        return start..<(start + texts.count)
    }

    @Test func anAllCapsDatelineBeforeASeparatorIsTaggedAlone() throws {
        let (tokens, _) = Self.tokens("WASHINGTON/NEW YORK • The talks resumed on Monday.")
        let pieces = ModelDecision.taggedPieces([0..<tokens.count], tokens: tokens)
        #expect(pieces.map(\.range) == [0..<5, 5..<tokens.count])
        #expect(pieces.map(\.sentence) == [0, 0])
    }

    @Test func otherSentencesAreTaggedWhole() throws {
        for text in ["LONDON 1996-08-30", "FRANCE - Bond futures ended higher.", "The TALKS • resumed on Monday.",
                     "CRICKET • LEICESTERSHIRE TAKE OVER AT TOP"] {
            let (tokens, _) = Self.tokens(text)
            #expect(ModelDecision.taggedPieces([0..<tokens.count], tokens: tokens).map(\.range) == [0..<tokens.count], "\(text)")
        }
    }

    @Test func twoPlacesJoinedByAndAreTwoNames() throws {
        let decision = ModelDecision(tagger: try #require(NERTagger.embedded))
        let (tokens, scalars) = Self.tokens("Talks between the US and China and between Antigua and Barbuda and Smith and Jones.")
        let both = try Self.range(of: "US and China", in: tokens)
        #expect(decision.placeHalves(both, tokens: tokens, scalars: scalars)
                == [both.lowerBound..<(both.lowerBound + 1), (both.upperBound - 1)..<both.upperBound])
        #expect(decision.placeHalves(try Self.range(of: "Antigua and Barbuda", in: tokens), tokens: tokens, scalars: scalars) == nil)
        #expect(decision.placeHalves(try Self.range(of: "Smith and Jones", in: tokens), tokens: tokens, scalars: scalars) == nil)
    }

    @Test func anOrganisationNameTheTaggerStopsInsideIsReadToItsEnd() throws {
        let decision = ModelDecision(tagger: try #require(NERTagger.embedded))
        // (text, the tagger's span, its label, the rules' longer name, whether it is taken)
        let cases: [(String, String, NERLabel, String, Bool)] = [
            ("He joined the Center for Strategic and International Studies .", "Center for Strategic", .miscellaneous,
             "Center for Strategic and International Studies", true),
            ("The Federal Air Traffic Control Administration said .", "Federal", .organization,
             "Federal Air Traffic Control Administration", true),
            ("( Jerusalem Post )", "Jerusalem", .location, "Jerusalem Post", true),
            ("A German Foreign Ministry spokesman said .", "German", .miscellaneous, "German Foreign Ministry", false),
            ("They tied the White Sox for the American League lead .", "White Sox", .organization,
             "White Sox for the American League", false),
            ("Talks between Tunisia and the Palestinian Authority .", "Tunisia", .location,
             "Tunisia and the Palestinian Authority", false),
        ]
        for (text, span, label, name, extends) in cases {
            let (tokens, scalars) = Self.tokens(text)
            let range = try Self.range(of: span, in: tokens), longer = try Self.range(of: name, in: tokens)
            #expect(decision.extendsOrganization(range, label: label, to: longer.upperBound, tokens: tokens, scalars: scalars)
                    == extends, "\(span) -> \(name)")
        }
    }

    /// The analyzer under `model` on text the tagger reads in pieces: an event name through
    /// its "of", an organisation the tagger typed as a person after a nationality it read
    /// alone, and a lower-case ministry the tagger cannot see.
    @Test func namesTheTaggerReadsInPiecesAreReadWhole() throws {
        let text = """
            Trade ministers will meet on the sidelines of the Group of 20 Summit in Buenos Aires next month, officials said.

            Derek Scissors, a China expert at the American Enterprise Institute in Washington, said the talks would fail.

            The Chinese commerce ministry said on Thursday that talks would continue.
            """
        let decoded = DecodedDocument(sha256: "x", source: ArticleSource(path: "x.txt"), format: .text, text: text,
                                      metadata: DocumentMetadata(published: nil))
        let entities = try TextAnalyzer(entities: .model).process(CleanDocument(decoded: decoded, text: text, removed: [])).entities
        let named = Dictionary(entities.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        #expect(named["Group of 20 Summit"] == .eventName)
        #expect(named["American Enterprise Institute"] == .organization)
        #expect(named["commerce ministry"] == .organization)
        #expect(!named.keys.contains { ["Group", "Summit", "Enterprise Institute"].contains($0) }, "\(named)")
    }
}

/// `EntityResolver`'s joins of mentions the tagger typed differently from the name they repeat.
@Suite struct ResolverRetypingTests {
    /// Resolves one candidate per `(words, evidence)`, each at the first place its words occur
    /// in `text` after the previous one.
    private static func resolve(_ text: String, _ names: [(String, EntityCandidate.Evidence)]) throws -> [Entity] {
        let scalars = Tokenizer.scalars(of: text)
        let tokens = Tokenizer().tokenize(scalars)
        let sentences = SentenceSplitter().split(tokens)
        var from = 0
        var candidates: [EntityCandidate] = []
        for (words, evidence) in names {
            let texts = words.split(separator: " ").map(String.init)
            let start = try #require((from...(tokens.count - texts.count)).first { i in
                texts.indices.allSatisfy { tokens[i + $0].text == texts[$0] }
            })
            let range = start..<(start + texts.count)
            let first = tokens[range.lowerBound].start, last = tokens[range.upperBound - 1].end
            candidates.append(EntityCandidate(tokens: range, start: first, end: last, text: words,
                                              sentence: try #require(sentences.firstIndex { $0.contains(start) }),
                                              evidence: evidence))
            from = range.upperBound
        }
        return EntityResolver().resolve(candidates, tokens: tokens, sentences: sentences)
    }

    @Test func aMisspeltPlaceJoinsThePlaceButItsAdjectiveDoesNot() throws {
        let beijing = try #require(Gazetteer.shared.placeTable["Beijing"])
        let kenya = try #require(Gazetteer.shared.placeTable["Kenya"])
        let entities = try Self.resolve("Talks in Beijing ended. Officials in Bejing said so. Kenya voted. The Kenyan vote ended.",
                                        [("Beijing", .place(beijing)), ("Bejing", .typed(.misc)),
                                         ("Kenya", .place(kenya)), ("Kenyan", .typed(.misc))])
        #expect(entities.map(\.mentions.count) == [2, 1, 1])
        #expect(entities.first?.type == .location)
        // Typed as a place the gazetteer does not know, the misspelling joins too.
        let typed = try Self.resolve("Talks in Beijing ended. Officials in Bejing said so.",
                                     [("Beijing", .place(beijing)), ("Bejing", .typed(.location))])
        #expect(typed.map(\.mentions.count) == [2])
    }

    @Test func anAcronymInMixedCaseJoinsTheOrganisationItNames() throws {
        let entities = try Self.resolve("The USTR office said so. A lawyer at USTR agreed.",
                                        [("USTR", .typed(.organization)), ("USTR", .typed(.location))])
        #expect(entities.count == 1)
        #expect(entities.first?.type == .organization && entities.first?.mentions.count == 2)
        let headline = try Self.resolve("The USTR office said so.\nSAN DIEGO AT USTR",
                                        [("USTR", .typed(.organization)), ("USTR", .typed(.location))])
        #expect(headline.count == 2)
    }
}
