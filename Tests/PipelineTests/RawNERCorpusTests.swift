import Testing
@testable import Pipeline

/// Tagged NER files become raw documents whose gold spans cover exactly their entity words.
@Suite struct RawNERCorpusTests {
    static func covered(_ document: RawNERDocument) -> [String] {
        let scalars = Array(document.text.unicodeScalars)
        return document.gold.map { span in
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars[span.start..<span.end])
            return "\(span.label) \(s)"
        }
    }

    @Test func conllTokensAreJoinedWithEnglishSpacing() {
        let file = """
            -DOCSTART- -X- O O

            Anna NNP I-NP I-PER
            Berg NNP I-NP I-PER
            's POS B-NP O
            team NN I-NP O
            ( ( O O
            Oslo NNP I-NP I-ORG
            ) ) O O
            won VBD I-VP O
            in IN I-PP O
            Norway NNP I-NP I-LOC
            . . O O

            -DOCSTART- -X- O O

            Dutch JJ I-NP I-MISC
            Dutch JJ I-NP B-MISC
            fans NNS I-NP O
            """
        let documents = RawNERCorpus.documents(file, format: .conll2003)
        #expect(documents.count == 2)
        #expect(documents[0].text == "Anna Berg's team (Oslo) won in Norway.\n")
        #expect(Self.covered(documents[0]) == ["PER Anna Berg", "ORG Oslo", "LOC Norway"])
        #expect(documents[0].tokenCount == 11)
        // IOB1's B- splits two adjacent names of one label.
        #expect(Self.covered(documents[1]) == ["MISC Dutch", "MISC Dutch"])
    }

    @Test func unerSentencesKeepTheirRawText() {
        let file = """
            # newdoc id = one
            # text = Ask Mary,she knows Boston.
            1\tAsk\tO\t-\t-
            2\tMary\tB-PER\t-\t-
            3\t,\tO\t-\t-
            4\tshe\tO\t-\t-
            5\tknows\tO\t-\t-
            6\tBoston\tB-LOC\t-\t-
            7\t.\tO\t-\t-
            """
        let documents = RawNERCorpus.documents(file, format: .uner)
        #expect(documents.count == 1)
        #expect(documents[0].text == "Ask Mary,she knows Boston.\n")
        #expect(Self.covered(documents[0]) == ["PER Mary", "LOC Boston"])
    }

    @Test func scoresExactSpansWithAndWithoutMisc() {
        var score = RawNERScore()
        let gold: [RawNERDocument.Span] = [.init(start: 0, end: 9, label: .person), .init(start: 20, end: 25, label: .miscellaneous)]
        let predicted: [RawNERDocument.Span] = [.init(start: 0, end: 9, label: .person), .init(start: 20, end: 25, label: .location),
                                                .init(start: 30, end: 34, label: .organization)]
        score.add(predicted: predicted, gold: gold)
        #expect(score.withMisc.truePositives == 1)
        #expect(score.withMisc.falsePositives == 2)
        #expect(score.withMisc.falseNegatives == 1)
        #expect(score.withoutMisc.falseNegatives == 0)
        #expect(score.withoutMisc.falsePositives == 2)
        #expect(RawNERScore.label(of: .norp) == .miscellaneous)
        #expect(RawNERScore.label(of: .eventName) == .miscellaneous)
        #expect(RawNERScore.label(of: .misc) == .miscellaneous)
    }
}
