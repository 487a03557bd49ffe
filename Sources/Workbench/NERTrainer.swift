import Pipeline

/// Trains the sequence tagger's averaged perceptron on tagged documents.
///
/// Pure: documents in, a model out. Each epoch visits the training documents in a fixed
/// shuffled order and tags each one twice, as `NERTagger` does (a first pass, then a pass that
/// sees the first pass's document memory), updating the weights on every wrong word of both
/// passes. The model kept is the averaged weights of the epoch with the best dev F1.
/// Every second training document is seen with its dotted abbreviations written without dots
/// ("U.S." as "US", `undotted`), as today's news writes them, so both spellings are known;
/// every training sentence is re-tokenized as the analyzer tokenizes text (`PipelineTokens`).
/// Dev documents are scored as given (CoNLL tokens), so dev figures compare across versions.
public struct NERTrainer: Sendable {
    public struct Options: Sendable {
        public var epochs: Int
        public var bucketBits: Int
        /// Averaged weights smaller than this are dropped from the model.
        public var pruneBelow: Float
        public var seed: UInt64

        public init(epochs: Int = 10, bucketBits: Int = 20, pruneBelow: Float = 0.05, seed: UInt64 = 7) {
            self.epochs = epochs; self.bucketBits = bucketBits; self.pruneBelow = pruneBelow; self.seed = seed
        }
    }

    /// What one epoch reached.
    public struct EpochReport: Sendable {
        public var epoch: Int
        public var trainingErrors: Int
        public var dev: NERSpanScore?
    }

    public let options: Options

    public init(options: Options = Options()) { self.options = options }

    public func train(_ documents: [TaggedDocument], dev: [TaggedDocument] = [],
                      progress: (EpochReport) -> Void = { _ in }) -> NERModel {
        let features = TaggerFeatures(bucketBits: options.bucketBits)
        let gazetteer = Gazetteer.shared
        let documents = documents.enumerated().map { d in
            PipelineTokens.retokenized(d.offset % 2 == 1 ? Self.undotted(d.element) : d.element)
        }
        let forms = documents.map { $0.sentences.map { SentenceForms(words: $0.words, gazetteer: gazetteer) } }
        var state = PerceptronState(count: features.rowCount * BIOTag.count)
        var order = Array(documents.indices)
        var random = SplitMix(seed: options.seed)
        var best: (f1: Double, model: NERModel)? = nil
        var rows: [Int] = []
        rows.reserveCapacity(96)

        for epoch in 1...max(1, options.epochs) {
            order.shuffle(using: &random)
            var errors = 0
            for d in order {
                let sentences = documents[d].sentences
                var memory = DocumentMemory()
                for (k, s) in forms[d].enumerated() {
                    let tags = step(s, gold: sentences[k].tags, memory: .empty, features: features, state: &state, rows: &rows, errors: &errors)
                    memory.record(s, tags: tags)
                }
                for (k, s) in forms[d].enumerated() {
                    _ = step(s, gold: sentences[k].tags, memory: memory.lookup(sentence: k), features: features, state: &state, rows: &rows, errors: &errors)
                }
            }
            let model = NERModel(bucketBits: options.bucketBits, floats: state.averaged(), pruneBelow: options.pruneBelow)
            var report = EpochReport(epoch: epoch, trainingErrors: errors, dev: nil)
            if !dev.isEmpty {
                let score = Self.evaluate(NERTagger(model: model), on: dev)
                report.dev = score
                if best == nil || score.overall.f1 > best!.f1 { best = (score.overall.f1, model) }
            } else {
                best = (0, model)
            }
            progress(report)
        }
        return best!.model
    }

    /// `document` with every word made of two or more capital letters each followed by a dot
    /// ("U.S.", "U.N.") written without the dots ("US", "UN"); tags unchanged.
    package static func undotted(_ document: TaggedDocument) -> TaggedDocument {
        var document = document
        for k in document.sentences.indices {
            for (i, word) in document.sentences[k].words.enumerated() where Self.isDottedAbbreviation(word) {
                document.sentences[k].words[i] = String(word.unicodeScalars.filter { $0 != "." }.map(Character.init))
            }
        }
        return document
    }

    private static func isDottedAbbreviation(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 4, scalars.count % 2 == 0 else { return false }
        for (i, s) in scalars.enumerated() {
            if i % 2 == 0 { guard s.value >= 65 && s.value <= 90 else { return false } } else if s != "." { return false }
        }
        return true
    }

    /// Exact-span scores of `tagger` on gold documents.
    public static func evaluate(_ tagger: NERTagger, on documents: [TaggedDocument]) -> NERSpanScore {
        var score = NERSpanScore()
        for document in documents {
            let predicted = tagger.tag(document: document.sentences.map(\.words))
            for (sentence, tags) in zip(document.sentences, predicted) { score.add(predicted: tags, gold: sentence.tags) }
        }
        return score
    }

    /// Tags one sentence greedily with the current weights, updating them where it errs.
    private func step(_ s: SentenceForms, gold: [BIOTag], memory: DocumentMemory.Lookup, features: TaggerFeatures,
                      state: inout PerceptronState, rows: inout [Int], errors: inout Int) -> [BIOTag] {
        var tags: [BIOTag] = []
        tags.reserveCapacity(s.count)
        var previous = BIOTag.outside, beforePrevious = BIOTag.outside
        var scores = [Float](repeating: 0, count: BIOTag.count)
        for i in 0..<s.count {
            rows.removeAll(keepingCapacity: true)
            features.word(i, in: s, into: &rows)
            features.history(i, in: s, previous: previous, beforePrevious: beforePrevious, into: &rows)
            features.document(i, in: s, memory: memory, into: &rows)
            state.score(rows, into: &scores)
            var guess = BIOTag.outside, bestScore = -Float.infinity
            for t in 0..<BIOTag.count where scores[t] > bestScore {
                let tag = BIOTag(rawValue: t)
                if tag.canFollow(previous) { guess = tag; bestScore = scores[t] }
            }
            state.tick()
            if guess != gold[i] {
                errors += 1
                state.update(rows, tag: gold[i].rawValue, by: 1)
                state.update(rows, tag: guess.rawValue, by: -1)
            }
            tags.append(guess)
            beforePrevious = previous
            previous = guess
        }
        return tags
    }
}

/// The perceptron's weights during training, with lazily kept sums for averaging.
struct PerceptronState {
    private var weights: [Float]
    private var totals: [Double]
    private var stamps: [Int32]
    private var clock: Int32 = 0

    init(count: Int) {
        weights = [Float](repeating: 0, count: count)
        totals = [Double](repeating: 0, count: count)
        stamps = [Int32](repeating: 0, count: count)
    }

    mutating func tick() { clock += 1 }

    func score(_ rows: [Int], into scores: inout [Float]) {
        for t in 0..<BIOTag.count { scores[t] = 0 }
        weights.withUnsafeBufferPointer { w in
            for r in rows {
                let base = r * BIOTag.count
                for t in 0..<BIOTag.count { scores[t] += w[base + t] }
            }
        }
    }

    mutating func update(_ rows: [Int], tag: Int, by delta: Float) {
        for r in rows {
            let k = r * BIOTag.count + tag
            totals[k] += Double(clock - stamps[k]) * Double(weights[k])
            stamps[k] = clock
            weights[k] += delta
        }
    }

    func averaged() -> [Float] {
        guard clock > 0 else { return weights }
        var out = [Float](repeating: 0, count: weights.count)
        for k in weights.indices {
            let total = totals[k] + Double(clock - stamps[k]) * Double(weights[k])
            out[k] = Float(total / Double(clock))
        }
        return out
    }
}
