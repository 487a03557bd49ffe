/// Tags the sentences of one document with PER/ORG/LOC/MISC spans: a greedy left-to-right
/// averaged-perceptron tagger, run twice so the second pass can use how each capitalised word
/// was tagged elsewhere in the document.
///
/// Promises: one well-formed BIO tag per word (I-X only after B-X or I-X); deterministic.
public struct NERTagger: Sendable {
    public let model: NERModel
    let features: TaggerFeatures
    let gazetteer: Gazetteer

    public init(model: NERModel) {
        self.model = model
        features = TaggerFeatures(bucketBits: model.bucketBits)
        gazetteer = .shared
    }

    /// The tagger with the weights built into the binary, if the build embedded a model.
    public static let embedded: NERTagger? = EmbeddedNERModel.load().map(NERTagger.init(model:))

    public func tag(document sentences: [[String]]) -> [[BIOTag]] {
        let forms = sentences.map { SentenceForms(words: $0, gazetteer: gazetteer) }
        var rows: [Int] = []
        rows.reserveCapacity(96)
        var scores = [Int32](repeating: 0, count: BIOTag.count)
        var memory = DocumentMemory()
        for s in forms {
            memory.record(s, tags: decode(s, memory: .empty, rows: &rows, scores: &scores))
        }
        return forms.enumerated().map { k, s in
            decode(s, memory: memory.lookup(sentence: k), rows: &rows, scores: &scores)
        }
    }

    func decode(_ s: SentenceForms, memory: DocumentMemory.Lookup, rows: inout [Int], scores: inout [Int32]) -> [BIOTag] {
        var tags: [BIOTag] = []
        tags.reserveCapacity(s.count)
        var previous = BIOTag.outside, beforePrevious = BIOTag.outside
        for i in 0..<s.count {
            rows.removeAll(keepingCapacity: true)
            features.word(i, in: s, into: &rows)
            features.history(i, in: s, previous: previous, beforePrevious: beforePrevious, into: &rows)
            features.document(i, in: s, memory: memory, into: &rows)
            model.score(rows, into: &scores)
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
