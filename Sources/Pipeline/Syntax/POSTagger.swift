/// A greedy left-to-right Penn Treebank part-of-speech tagger: an averaged perceptron over
/// hashed features of the word, its neighbours and the two tags before it.
///
/// Promises: one tag per word, each one of the model's classes; the same words always get
/// the same tags.
public struct POSTagger: Sendable {
    static let kind = PerceptronWeights.Kind(tag: Array("POS ".utf8), featureVersion: 2)

    let weights: PerceptronWeights
    let features: POSFeatures

    init(weights: PerceptronWeights) {
        self.weights = weights
        features = POSFeatures(bucketBits: weights.bucketBits)
    }

    /// Reads a model file (`models/pos.model`).
    public init(decoding bytes: [UInt8]) throws(PerceptronWeights.DecodingError) {
        self.init(weights: try PerceptronWeights(decoding: bytes, kind: Self.kind))
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws(PerceptronWeights.DecodingError) {
        self.init(weights: try PerceptronWeights(decoding: bytes, kind: Self.kind))
    }

    public func encoded() -> [UInt8] { weights.encoded() }
    public var tagSet: [String] { weights.classes }
    public var nonZeroWeights: Int { weights.nonZeroWeights }

    public func tag(_ words: [String]) -> [String] {
        tagIndices(SyntaxWords(words)).map { weights.classes[$0] }
    }

    /// The tag index of each word.
    func tagIndices(_ s: SyntaxWords) -> [Int] {
        let c = weights.classCount
        var tags: [Int] = []
        tags.reserveCapacity(s.count)
        var buckets: [Int] = []
        buckets.reserveCapacity(32)
        var scores = [Int32](repeating: 0, count: weights.scoreLanes)
        var previous = -1, beforePrevious = -2
        for i in 0..<s.count {
            buckets.removeAll(keepingCapacity: true)
            features.extract(i, in: s, previous: previous, beforePrevious: beforePrevious, into: &buckets)
            var best = 0
            scores.withUnsafeMutableBufferPointer { out in
                for t in 0..<c { out[t] = 0 }
                buckets.withUnsafeBufferPointer { weights.add(buckets: $0, into: out) }
                var top = Int32.min
                for t in 0..<c where out[t] > top { top = out[t]; best = t }
            }
            tags.append(best)
            beforePrevious = previous
            previous = best
        }
        return tags
    }
}

/// The tagger's feature templates.
///
/// Promises: the same sentence, position and previous tags always give the same buckets;
/// templates never change meaning without a new `POSTagger.kind` feature version.
struct POSFeatures: Sendable {
    let hasher: SyntaxFeatureHasher

    init(bucketBits: Int) { hasher = SyntaxFeatureHasher(bucketBits: bucketBits) }

    /// Appends the buckets of word `i` given the tag indices before it (-1 and -2 before the start).
    func extract(_ i: Int, in s: SyntaxWords, previous: Int, beforePrevious: Int, into out: inout [Int]) {
        let h = hasher
        let w = s.form(i), l1 = s.form(i - 1), l2 = s.form(i - 2), r1 = s.form(i + 1), r2 = s.form(i + 2)
        let p = UInt64(bitPattern: Int64(previous)), pp = UInt64(bitPattern: Int64(beforePrevious))
        let position: UInt64 = i == 0 ? 1 : (i == s.count - 1 ? 2 : 0)
        out.append(h.bucket(1, 0))
        out.append(h.bucket(2, w.lower))
        out.append(h.bucket(3, w.exact))
        out.append(h.bucket(4, w.prefixes.0))
        if w.prefixes.1 != 0 { out.append(h.bucket(5, w.prefixes.1)) }
        if w.prefixes.2 != 0 { out.append(h.bucket(6, w.prefixes.2)) }
        out.append(h.bucket(7, w.suffixes.0))
        if w.suffixes.1 != 0 { out.append(h.bucket(8, w.suffixes.1)) }
        if w.suffixes.2 != 0 { out.append(h.bucket(9, w.suffixes.2)) }
        if w.suffixes.3 != 0 { out.append(h.bucket(10, w.suffixes.3)) }
        out.append(h.bucket(11, w.shape))
        out.append(h.bucket(12, w.flags | position << 8))
        out.append(h.bucket(13, p))
        out.append(h.bucket(14, h.pair(pp, p)))
        out.append(h.bucket(15, h.pair(p, w.lower)))
        out.append(h.bucket(16, l1.lower))
        out.append(h.bucket(17, l2.lower))
        out.append(h.bucket(18, r1.lower))
        out.append(h.bucket(19, r2.lower))
        out.append(h.bucket(20, l1.suffixes.2))
        out.append(h.bucket(21, r1.suffixes.2))
        out.append(h.bucket(22, r1.shape))
        out.append(h.bucket(23, h.pair(p, r1.lower)))
        out.append(h.bucket(24, h.pair(l1.lower, w.lower)))
        out.append(h.bucket(25, h.pair(w.lower, r1.lower)))
        out.append(h.bucket(26, h.pair(p, w.suffixes.2)))
        if position == 1 { out.append(h.bucket(27, w.lower)) }
    }
}

/// Trains the tagger's averaged perceptron on tagged sentences.
///
/// Pure: sentences in, a model out. Each epoch visits the sentences in a fixed shuffled
/// order and tags each greedily, updating on every wrong word. The model returned is the
/// last epoch's averaged weights; `dev` is only scored, for the report.
public struct POSTrainer: Sendable {
    public struct Options: Sendable {
        public var epochs: Int
        public var bucketBits: Int
        public var pruneBelow: Float
        public var seed: UInt64

        public init(epochs: Int = 8, bucketBits: Int = 20, pruneBelow: Float = 0.05, seed: UInt64 = 11) {
            self.epochs = epochs; self.bucketBits = bucketBits; self.pruneBelow = pruneBelow; self.seed = seed
        }
    }

    public struct EpochReport: Sendable {
        public var epoch: Int
        public var trainingErrors: Int
        public var devAccuracy: Double?
    }

    public let options: Options

    public init(options: Options = Options()) { self.options = options }

    public func train(_ sentences: [(words: [String], tags: [String])], dev: [(words: [String], tags: [String])] = [],
                      progress: (EpochReport) -> Void = { _ in }) -> POSTagger {
        let classes = Array(Set(sentences.flatMap(\.tags))).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let forms = sentences.map { SyntaxWords($0.words) }
        let gold = sentences.map { $0.tags.map { index[$0]! } }
        let features = POSFeatures(bucketBits: options.bucketBits)
        var state = SyntaxPerceptronState(bucketBits: options.bucketBits, classCount: classes.count)
        var order = Array(sentences.indices)
        var random = SplitMix(seed: options.seed)
        var last: POSTagger? = nil
        var buckets: [Int] = []
        var scores = [Float](repeating: 0, count: classes.count)
        for epoch in 1...max(1, options.epochs) {
            order.shuffle(using: &random)
            var errors = 0
            for k in order {
                let s = forms[k]
                var previous = -1, beforePrevious = -2
                for i in 0..<s.count {
                    buckets.removeAll(keepingCapacity: true)
                    features.extract(i, in: s, previous: previous, beforePrevious: beforePrevious, into: &buckets)
                    state.score(buckets, into: &scores)
                    var guess = 0
                    for t in scores.indices where scores[t] > scores[guess] { guess = t }
                    state.tick()
                    let g = gold[k][i]
                    if guess != g {
                        errors += 1
                        state.update(buckets, class: g, by: 1)
                        state.update(buckets, class: guess, by: -1)
                    }
                    beforePrevious = previous
                    previous = guess
                }
            }
            let tagger = POSTagger(weights: state.model(kind: POSTagger.kind, classes: classes, pruneBelow: options.pruneBelow))
            var report = EpochReport(epoch: epoch, trainingErrors: errors, devAccuracy: nil)
            if !dev.isEmpty {
                report.devAccuracy = Self.accuracy(of: tagger, on: dev)
            }
            last = tagger
            progress(report)
        }
        return last!
    }

    /// The share of words whose tag is the gold tag.
    public static func accuracy(of tagger: POSTagger, on sentences: [(words: [String], tags: [String])]) -> Double {
        var right = 0, total = 0
        for s in sentences {
            for (a, b) in zip(tagger.tag(s.words), s.tags) { total += 1; if a == b { right += 1 } }
        }
        return total > 0 ? Double(right) / Double(total) : 0
    }
}
