import Testing
@testable import Pipeline

/// Word interning for one document, and the tagger's path through it.
@Suite struct DocumentVocabularyTests {
    static let text = """
    NEW YORK (Reuters) - Alice Walker of Acme Corp met Bob Lee in New York on Monday. \
    Walker said the Acme Corp deal, worth $2.5 billion, was 20% above the Walker-Lee plan; \
    “Acme’s” shares rose. Walker's team and Lee’s team met again in Zürich.
    """

    @Test func equalIdsExactlyForEqualKindsAndTexts() {
        let scalars = Tokenizer.scalars(of: Self.text)
        let tokens = Tokenizer().tokenize(scalars)
        let vocabulary = DocumentVocabulary(tokens: tokens, scalars: scalars)
        #expect(vocabulary.ids.count == tokens.count)
        for a in tokens.indices {
            for b in tokens.indices {
                let same = tokens[a].kind == tokens[b].kind && tokens[a].text == tokens[b].text
                #expect((vocabulary.ids[a] == vocabulary.ids[b]) == same)
            }
        }
        // Dense ids in order of first occurrence.
        var next: Int32 = 0
        for (k, id) in vocabulary.ids.enumerated() where id == next {
            #expect(vocabulary.firstToken[Int(id)] == Int32(k))
            next += 1
        }
        #expect(Int(next) == vocabulary.count)
        #expect(vocabulary.ids.allSatisfy { $0 < next })
    }

    @Test func taggingByIdsMatchesTaggingByWords() throws {
        let tagger = try #require(NERTagger.embedded)
        let scalars = Tokenizer.scalars(of: Self.text)
        let tokens = Tokenizer().tokenize(scalars)
        let sentences = SentenceSplitter().split(tokens)
        let vocabulary = DocumentVocabulary(tokens: tokens, scalars: scalars)
        let byWords = tagger.tag(document: sentences.map { range in range.map { tokens[$0].text } })
        #expect(tagger.tag(tokens: tokens, sentences: sentences, vocabulary: vocabulary, scalars: scalars) == byWords)
    }
}
