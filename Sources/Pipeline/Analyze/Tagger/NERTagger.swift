/// Tags the sentences of one document with PER/ORG/LOC/MISC spans: a greedy left-to-right
/// averaged-perceptron tagger, run twice so the second pass can use how each capitalised word
/// was tagged elsewhere in the document.
///
/// Promises: one well-formed BIO tag per word (I-X only after B-X or I-X); deterministic.
public struct NERTagger: Sendable {
    public let model: NERModel
    let features: TaggerFeatures
    let gazetteer: Gazetteer

    /// The summed `TaggerFeatures.tags` rows of every (previous, beforePrevious) pair, at
    /// `previous * BIOTag.count + beforePrevious`: the same for every word, so summed once.
    let tagPairScores: [NERModel.Scores]

    public init(model: NERModel) {
        self.model = model
        let features = TaggerFeatures(bucketBits: model.bucketBits)
        self.features = features
        gazetteer = .shared
        tagPairScores = model.withScoring { accumulator in
            var pairs: [NERModel.Scores] = []
            pairs.reserveCapacity(BIOTag.count * BIOTag.count)
            for previous in 0..<BIOTag.count {
                for beforePrevious in 0..<BIOTag.count {
                    accumulator.scores = NERModel.Scores()
                    features.tags(previous: BIOTag(rawValue: previous), beforePrevious: BIOTag(rawValue: beforePrevious),
                                  into: &accumulator)
                    pairs.append(accumulator.scores)
                }
            }
            return pairs
        }
    }

    /// The tagger with the weights built into the binary, if the build embedded a model.
    public static let embedded: NERTagger? = EmbeddedNERModel.load().map(NERTagger.init(model:))

    public func tag(document sentences: [[String]]) -> [[BIOTag]] {
        let forms = sentences.map { SentenceForms(words: $0, gazetteer: gazetteer) }
        return model.withScoring { accumulator in tag(forms, words: nil, accumulator: &accumulator) }
    }

    /// `tag(document:)` of the tokens' texts, sentence by sentence, with each distinct word's
    /// form and own feature rows computed once for the document.
    /// `scalars` are the text's, which `tokens` index.
    func tag(tokens: [Token], sentences: [Range<Int>], vocabulary: DocumentVocabulary,
             scalars: [Unicode.Scalar]) -> [[BIOTag]] {
        let wordBits = gazetteer.wordBitsTable, longestName = gazetteer.longestName
        let facts = scalars.withUnsafeBufferPointer { scalars in
            vocabulary.firstToken.map { first in
                let token = tokens[Int(first)]
                return WordFacts(token.text, scalars: scalars[token.start..<token.end], wordBits: wordBits)
            }
        }
        let ids = vocabulary.ids
        var forms: [SentenceForms] = []
        forms.reserveCapacity(sentences.count)
        for range in sentences {
            forms.append(SentenceForms(facts: range.lazy.map { facts[Int(ids[$0])] },
                                       word: { tokens[range.lowerBound + $0].text },
                                       wordBits: wordBits, longestName: longestName))
        }
        var words: [Int32] = []
        words.reserveCapacity(tokens.count)
        for range in sentences { words.append(contentsOf: ids[range]) }
        return model.withScoring { accumulator in
            var own: [NERModel.Scores] = []
            own.reserveCapacity(facts.count)
            for fact in facts {
                accumulator.scores = NERModel.Scores()
                features.own(fact.form, into: &accumulator)
                own.append(accumulator.scores)
            }
            return tag(forms, words: (words, own), accumulator: &accumulator)
        }
    }

    /// `words`, when given, holds every word's id (sentence after sentence) and each id's
    /// summed `TaggerFeatures.own` rows; without it those rows are summed word by word.
    private func tag(_ forms: [SentenceForms], words: (ids: [Int32], own: [NERModel.Scores])?,
                     accumulator: inout ScoreAccumulator) -> [[BIOTag]] {
        // The summed weights of every word's tag-independent rows, from the first pass for
        // the second: each step then adds only its few history and memory rows.
        var wordScores: [NERModel.Scores] = []
        wordScores.reserveCapacity(forms.reduce(0) { $0 + $1.count })
        var position = 0
        for s in forms {
            for i in 0..<s.count {
                if let words {
                    accumulator.scores = words.own[Int(words.ids[position])]
                } else {
                    accumulator.scores = NERModel.Scores()
                    features.own(s.form(i), into: &accumulator)
                }
                features.context(i, in: s, into: &accumulator)
                wordScores.append(accumulator.scores)
                position += 1
            }
        }
        var memory = DocumentMemory()
        var first: [[BIOTag]] = []
        first.reserveCapacity(forms.count)
        var word = 0
        for s in forms {
            let tags = decode(s, memory: .empty, wordScores: wordScores, firstWord: word, accumulator: &accumulator)
            memory.record(s, tags: tags)
            first.append(tags)
            word += s.count
        }
        word = 0
        var out: [[BIOTag]] = []
        out.reserveCapacity(forms.count)
        for (k, s) in forms.enumerated() {
            let lookup = memory.lookup(sentence: k)
            // Without a remembered word the second pass would see the first pass's features.
            if (0..<s.count).contains(where: { lookup.label(of: s.form($0), position: $0) != nil }) {
                out.append(decode(s, memory: lookup, wordScores: wordScores, firstWord: word, accumulator: &accumulator))
            } else {
                out.append(first[k])
            }
            word += s.count
        }
        return out
    }

    private func decode(_ s: SentenceForms, memory: DocumentMemory.Lookup, wordScores: [NERModel.Scores], firstWord: Int,
                        accumulator: inout ScoreAccumulator) -> [BIOTag] {
        var tags: [BIOTag] = []
        tags.reserveCapacity(s.count)
        var previous = BIOTag.outside, beforePrevious = BIOTag.outside
        for i in 0..<s.count {
            accumulator.scores = wordScores[firstWord + i] &+ tagPairScores[previous.rawValue * BIOTag.count + beforePrevious.rawValue]
            features.historyOfWord(i, in: s, previous: previous, into: &accumulator)
            features.document(i, in: s, memory: memory, into: &accumulator)
            let scores = accumulator.scores
            var best = BIOTag.outside, bestScore = Int32.min
            for t in 0..<BIOTag.count where scores[t] > bestScore {
                let tag = BIOTag(rawValue: t)
                if tag.canFollow(previous) { best = tag; bestScore = scores[t] }
            }
            tags.append(best)
            beforePrevious = previous
            previous = best
        }
        return tags
    }
}
