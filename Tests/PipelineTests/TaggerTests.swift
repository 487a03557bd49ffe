import Testing
@testable import Pipeline
import Workbench

/// The statistical NER tagger: corpus reading, scoring, model files, training and the embedded model.
@Suite struct TaggerTests {
    static let conll = """
    -DOCSTART- -X- O O

    EU NNP I-NP I-ORG
    rejects VBZ I-VP O
    German JJ I-NP I-MISC
    call NN I-NP O
    . . O O

    Peter NNP I-NP I-PER
    Blackburn NNP I-NP I-PER
    Smith NNP I-NP B-PER

    -DOCSTART- -X- O O

    BRUSSELS NNP I-NP I-LOC
    """

    @Test func readsCoNLLDocumentsAndTurnsIOB1IntoBIO() {
        let documents = TaggedCorpusReader().read(Self.conll, format: .conll2003)
        #expect(documents.count == 2)
        #expect(documents[0].sentences.count == 2)
        #expect(documents[0].sentences[0].words == ["EU", "rejects", "German", "call", "."])
        #expect(documents[0].sentences[0].tags.map(\.description) == ["B-ORG", "O", "B-MISC", "O", "O"])
        #expect(documents[0].sentences[1].tags.map(\.description) == ["B-PER", "I-PER", "B-PER"])
        #expect(documents[1].sentences[0].tags == [.begin(.location)])
    }

    @Test func readsUNERWithCommentsAndDocuments() {
        let text = "# newdoc id = a\n# text = in tampa bay\n1\tin\tO\t-\t-\n2\ttampa\tB-LOC\t-\t-\n3\tbay\tI-LOC\t-\t-\n\n"
            + "# newdoc id = b\n1\tBob\tB-PER\t-\t-\n"
        let documents = TaggedCorpusReader().read(text, format: .uner)
        #expect(documents.count == 2)
        #expect(documents[0].sentences[0].words == ["in", "tampa", "bay"])
        #expect(documents[0].sentences[0].tags == [.outside, .begin(.location), .inside(.location)])
        #expect(documents[1].sentences[0].tags == [.begin(.person)])
    }

    @Test func spanScoreNeedsBothBoundariesAndTheLabel() {
        var score = NERSpanScore()
        let gold: [BIOTag] = [.begin(.person), .inside(.person), .outside, .begin(.location)]
        score.add(predicted: [.begin(.person), .outside, .outside, .begin(.location)], gold: gold)
        score.add(predicted: gold, gold: gold)
        score.add(predicted: [.outside, .outside, .outside, .begin(.organization)], gold: gold)
        #expect(score.overall.truePositives == 3)
        #expect(score.overall.falsePositives == 2)
        #expect(score.overall.falseNegatives == 3)
        #expect(score.byLabel[.location]?.truePositives == 2)
    }

    @Test func insideTagsOnlyContinueTheirLabel() {
        #expect(BIOTag.inside(.person).canFollow(.begin(.person)))
        #expect(!BIOTag.inside(.person).canFollow(.begin(.location)))
        #expect(!BIOTag.inside(.person).canFollow(.outside))
        #expect(BIOTag.begin(.person).canFollow(.outside))
    }

    @Test func modelFilesRoundTripAndRejectForeignBytes() throws {
        var floats = [Float](repeating: 0, count: (1 << 4) * BIOTag.count)
        floats[3] = 1.5; floats[70] = -0.75; floats[100] = 0.001
        let model = NERModel(bucketBits: 4, floats: floats, pruneBelow: 0.01)
        #expect(model.nonZeroWeights == 2)
        let decoded = try NERModel(decoding: model.encoded())
        #expect(decoded.encoded() == model.encoded())
        #expect(decoded.weight(row: 0, tag: 3) == 32767)
        #expect(decoded.weight(row: 7, tag: 7) < 0)
        #expect(decoded.weight(row: 11, tag: 1) == 0)
        #expect(decoded.scale == model.scale)
        #expect(throws: NERModel.DecodingError.notAModel) { try NERModel(decoding: Array("hello, world".utf8)) }
        #expect(throws: NERModel.DecodingError.truncated) { try NERModel(decoding: Array(model.encoded().dropLast(1))) }
    }

    /// Scoring adds the stored rows' weights, read from their 64-byte aligned lanes, and
    /// nothing for rows without weights.
    @Test func scoringAddsTheRowsWeights() {
        var floats = [Float](repeating: 0, count: (1 << 8) * BIOTag.count)
        for (row, tag, w) in [(0, 0, 1.0), (3, 8, -2.0), (64, 4, 4.0), (255, 1, 0.5), (3, 0, 1.0)] as [(Int, Int, Float)] {
            floats[row * BIOTag.count + tag] = w
        }
        let model = NERModel(bucketBits: 8, floats: floats, pruneBelow: 0.01)
        let rows = [0, 1, 3, 64, 200, 255, 3]
        let sum = model.withScoring { accumulator -> NERModel.Scores in
            for row in rows { accumulator.append(row) }
            return accumulator.scores
        }
        for tag in 0..<16 {
            let expected = rows.reduce(Int32(0)) { total, row in
                total + (tag < BIOTag.count ? Int32(model.weight(row: row, tag: tag)) : 0)
            }
            #expect(sum[tag] == expected, "tag \(tag)")
        }
        #expect(sum[0] == 3 * 8192 && sum[8] == -2 * 16384)
    }

    @Test func trainingLearnsASmallCorpus() {
        func sentence(_ pairs: [(String, BIOTag)]) -> TaggedSentence {
            TaggedSentence(words: pairs.map(\.0), tags: pairs.map(\.1))
        }
        let training = (0..<20).map { k in
            TaggedDocument(sentences: [
                sentence([("Alice", .begin(.person)), ("Walker", .inside(.person)), ("visited", .outside),
                          (k % 2 == 0 ? "Oslo" : "Lima", .begin(.location)), (".", .outside)]),
                sentence([("She", .outside), ("joined", .outside), ("Acme", .begin(.organization)),
                          ("Corp", .inside(.organization)), ("today", .outside)]),
            ])
        }
        let model = NERTrainer(options: .init(epochs: 5, bucketBits: 14, pruneBelow: 0)).train(training)
        let tags = NERTagger(model: model).tag(document: [["Alice", "Walker", "visited", "Oslo", "."]])
        #expect(tags == [[.begin(.person), .inside(.person), .outside, .begin(.location), .outside]])
        #expect(NERTrainer.evaluate(NERTagger(model: model), on: training).overall.f1 == 1.0)
    }

    @Test func trainingSeesDottedAbbreviationsWithoutDots() {
        let document = TaggedDocument(sentences: [TaggedSentence(
            words: ["U.S.", "and", "U.N.", "officials", "met", "Mr.", "A.", "Smith", "U.S.A."],
            tags: [.begin(.location), .outside, .begin(.organization), .outside, .outside, .outside,
                   .begin(.person), .inside(.person), .begin(.location)])])
        let undotted = NERTrainer.undotted(document)
        #expect(undotted.sentences[0].words == ["US", "and", "UN", "officials", "met", "Mr.", "A.", "Smith", "USA"])
        #expect(undotted.sentences[0].tags == document.sentences[0].tags)
    }

    @Test func trainingSentencesAreSplitAsTheAnalyzerSplitsText() {
        let sentence = TaggedSentence(words: ["LONDON", "1996-08-30", "at", "Lord's", "."],
                                      tags: [.begin(.location), .outside, .outside, .begin(.location), .outside])
        let split = PipelineTokens.retokenized(sentence)
        #expect(split.words == ["LONDON", "1996", "-", "08", "-", "30", "at", "Lord", "'s", "."])
        #expect(split.tags == [.begin(.location), .outside, .outside, .outside, .outside, .outside, .outside,
                               .begin(.location), .inside(.location), .outside])
    }

    @Test func typographicQuotesReadAsTheirASCIISpellings() {
        #expect(WordForm("Trump’s").lower == WordForm("Trump's").lower)
        #expect(WordForm("’s").shape == WordForm("'s").shape)
        #expect(WordForm("“").lower == WordForm("\"").lower)
        #expect(WordForm("Trump’s").lower != WordForm("Trumps").lower)
    }

    @Test func documentMemoryHidesASentenceFromItself() {
        let gazetteer = Gazetteer.shared
        let first = SentenceForms(words: ["Clinton", "spoke"], gazetteer: gazetteer)
        let second = SentenceForms(words: ["Clinton", "left"], gazetteer: gazetteer)
        var memory = DocumentMemory()
        memory.record(first, tags: [.begin(.person), .outside])
        memory.record(second, tags: [.outside, .outside])
        #expect(memory.lookup(sentence: 0).label(of: first.form(0), position: 0) == nil)
        #expect(memory.lookup(sentence: 1).label(of: second.form(0), position: 0) == 1)
    }

    @Test func theEmbeddedModelTagsNews() throws {
        let tagger = try #require(NERTagger.embedded)
        let words = ["German", "Chancellor", "Angela", "Merkel", "met", "executives", "of", "Deutsche", "Bank", "in", "Frankfurt", "."]
        let spans = NERSpanScore.spans(tagger.tag(document: [words])[0]).map { "\(words[$0.start..<$0.end].joined(separator: " "))/\($0.label)" }
        #expect(spans.contains("Angela Merkel/PER"))
        #expect(spans.contains("Deutsche Bank/ORG"))
        #expect(spans.contains("Frankfurt/LOC"))
    }

    @Test func theTaggerNamesWhatTheRulesLeaveUnresolved() throws {
        let text = "Investors in Vodafone were worried on Tuesday."
        let decoded = DecodedDocument(sha256: "t", source: ArticleSource(path: "t.txt"), format: .text, text: text)
        let clean = CleanDocument(decoded: decoded, text: text, removed: [])
        let tagger = try #require(NERTagger.embedded)
        let spans = NERSpanScore.spans(tagger.tag(document: [["Investors", "in", "Vodafone", "were", "worried", "on", "Tuesday", "."]])[0])
        let span = try #require(spans.first)
        let type = try #require(TaggerProposals.entityType(span.label))
        #expect(span.start == 2 && span.end == 3)
        #expect(try !TextAnalyzer(tagger: nil).process(clean).entities.contains { $0.name == "Vodafone" })
        #expect(try TextAnalyzer(tagger: tagger).process(clean).entities.contains { $0.name == "Vodafone" && $0.type == type })
    }
}
