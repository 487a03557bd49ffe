/// Tagged training sentences re-tokenized the way the analyzer's `Tokenizer` splits text, so
/// the tagger learns from the words it will be given ("1996-08-30" is five tokens in the
/// pipeline, one word in CoNLL-2003; a dateline's "LONDON" must be learnt beside them).
///
/// Promises: the words are the `Tokenizer`'s tokens of the sentence's words joined with
/// English spacing (`RawNERCorpus.join`), in order; each token takes the tag of the word it
/// starts in (I-X for a word's later tokens), so names keep their words and labels and the
/// tags stay well-formed BIO.
package enum PipelineTokens {
    package static func retokenized(_ document: TaggedDocument) -> TaggedDocument {
        TaggedDocument(sentences: document.sentences.map(retokenized))
    }

    package static func retokenized(_ sentence: TaggedSentence) -> TaggedSentence {
        let (scalars, bounds) = RawNERCorpus.join(sentence.words)
        let tokens = Tokenizer().tokenize(scalars)
        guard !tokens.isEmpty else { return sentence }
        var words: [String] = [], tags: [BIOTag] = []
        words.reserveCapacity(tokens.count)
        tags.reserveCapacity(tokens.count)
        var w = 0, previousWord = -1
        for token in tokens {
            while w + 1 < bounds.count, bounds[w].1 <= token.start { w += 1 }
            let tag = sentence.tags[w]
            var out = tag
            if w == previousWord, let label = tag.label { out = .inside(label) }
            if !out.canFollow(tags.last ?? .outside), let label = out.label { out = .begin(label) }
            words.append(token.text)
            tags.append(out)
            previousWord = w
        }
        return TaggedSentence(words: words, tags: tags)
    }
}
