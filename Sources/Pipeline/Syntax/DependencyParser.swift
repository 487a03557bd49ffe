/// A greedy arc-eager dependency parser: an averaged perceptron chooses each transition
/// from hashed features of the state (`ParserFeatures`), over words and their tags.
///
/// Promises: every parse is a tree over the words (one root, no cycles); labels are the
/// model's UD relations, `root` for the root word.
public struct DependencyParser: Sendable {
    static let kind = PerceptronWeights.Kind(tag: Array("DEP ".utf8), featureVersion: 3)
    static let rootLabelName = "root"

    let weights: PerceptronWeights
    let features: ParserFeatures
    /// Relation names; transition classes are `ArcEagerState`'s numbering over them.
    let labels: [String]
    let rootLabel: Int

    init(weights: PerceptronWeights) {
        self.weights = weights
        features = ParserFeatures(bucketBits: weights.bucketBits)
        labels = Self.labels(fromClasses: weights.classes)
        rootLabel = labels.firstIndex(of: Self.rootLabelName) ?? 0
    }

    /// Reads a model file (`models/parser.model`).
    public init(decoding bytes: [UInt8]) throws(PerceptronWeights.DecodingError) {
        self.init(weights: try PerceptronWeights(decoding: bytes, kind: Self.kind))
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws(PerceptronWeights.DecodingError) {
        self.init(weights: try PerceptronWeights(decoding: bytes, kind: Self.kind))
    }

    public func encoded() -> [UInt8] { weights.encoded() }
    public var nonZeroWeights: Int { weights.nonZeroWeights }

    /// Class names for `labels`: "shift", "reduce", then "L:label" and "R:label" per label.
    static func classes(labels: [String]) -> [String] {
        ["shift", "reduce"] + labels.flatMap { ["L:" + $0, "R:" + $0] }
    }

    static func labels(fromClasses classes: [String]) -> [String] {
        stride(from: 2, to: classes.count, by: 2).map { String(classes[$0].dropFirst(2)) }
    }

    /// Parses words with the given Penn Treebank tags.
    public func parse(words: [String], tags: [String]) -> SyntaxTree {
        precondition(words.count == tags.count)
        let input = ParserFeatures.Input(forms: SyntaxWords(words), tags: tags.map(SyntaxWords.hash))
        let (heads, labelIndices) = parse(input, count: words.count)
        return SyntaxTree(words: words, tags: tags, heads: heads, labels: labelIndices.map { labels[$0] })
    }

    /// Heads (-1 the root) and label indices of words 0..<count.
    func parse(_ input: ParserFeatures.Input, count n: Int) -> (heads: [Int], labels: [Int]) {
        guard n > 0 else { return ([], []) }
        var state = ArcEagerState(words: n, rootLabel: rootLabel)
        let c = weights.classCount
        var scores = [Int32](repeating: 0, count: weights.scoreLanes)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: ParserFeatures.maxBuckets) { buckets in
            while !state.isTerminal {
                let count = features.extract(state, input, into: buckets.baseAddress!)
                var best = ArcEagerState.shift
                scores.withUnsafeMutableBufferPointer { out in
                    for t in 0..<c { out[t] = 0 }
                    weights.add(buckets: UnsafeBufferPointer(rebasing: buckets[0..<count]), into: out)
                    var top = Int32.min
                    for t in 0..<c where out[t] > top && state.isLegal(t) { top = out[t]; best = t }
                }
                state.apply(best)
            }
        }
        return Self.finish(state, tags: input.tags, punctuationLabel: labels.firstIndex(of: "punct"),
                           fallbackLabel: labels.firstIndex(of: "parataxis") ?? 0)
    }

    /// The state's arcs as word heads. Of the words left without a head, the one with the
    /// most dependents (the first on a tie; punctuation only when nothing else is left)
    /// becomes the root; the others attach to it, punctuation as `punct` and other words as
    /// `fallbackLabel`.
    static func finish(_ state: ArcEagerState, tags: [UInt64], punctuationLabel: Int?, fallbackLabel: Int) -> (heads: [Int], labels: [Int]) {
        let n = state.n
        var heads = [Int](repeating: -1, count: n), labels = [Int](repeating: state.rootLabel, count: n)
        func isPunctuation(_ k: Int) -> Bool { k < tags.count && punctuationTags.contains(tags[k]) }
        var root = -1, rootRank = (-1, -1)
        for k in 1...n {
            if state.heads[k] >= 0 {
                heads[k - 1] = state.heads[k] - 1
                labels[k - 1] = state.labels[k]
                continue
            }
            let rank = (isPunctuation(k) ? 0 : 1, state.leftCount[k] + state.rightCount[k])
            if rank > rootRank { root = k; rootRank = rank }
        }
        for k in 1...n where state.heads[k] < 0 && k != root {
            heads[k - 1] = root - 1
            labels[k - 1] = punctuationLabel.flatMap { isPunctuation(k) ? $0 : nil } ?? fallbackLabel
        }
        return (heads, labels)
    }

    static let punctuationTags: Set<UInt64> = Set([".", ",", ":", "''", "-LRB-", "-RRB-", "HYPH", "NFP"].map(SyntaxWords.hash))
}

/// Trains the parser's averaged perceptron with the arc-eager dynamic oracle.
///
/// Pure: sentences in, a model out. Each epoch visits the sentences in a fixed shuffled
/// order; at each state the perceptron's best legal transition is compared with the best
/// of the transitions of least cost (`ArcEagerState.costs`, plus one for a wrong label on a
/// gold arc), and the weights are updated when it costs more. After the first epoch the
/// parser follows its own choice nine times in ten (exploration), so it learns to recover
/// from its mistakes. Sentences are parsed over `tags` (gold or predicted, as the caller
/// chooses). The model returned is the last epoch's averaged weights; `dev` is only scored,
/// for the report.
public struct ParserTrainer: Sendable {
    public struct Options: Sendable {
        public var epochs: Int
        public var bucketBits: Int
        public var pruneBelow: Float
        public var seed: UInt64
        public var explore: Double

        public init(epochs: Int = 12, bucketBits: Int = 21, pruneBelow: Float = 0.1, seed: UInt64 = 13, explore: Double = 0.9) {
            self.epochs = epochs; self.bucketBits = bucketBits; self.pruneBelow = pruneBelow; self.seed = seed; self.explore = explore
        }
    }

    public struct EpochReport: Sendable {
        public var epoch: Int
        public var trainingErrors: Int
        public var dev: AttachmentScore?
    }

    public let options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Trains on `sentences`, whose `tags` are the ones the parser sees; `dev` is scored with
    /// `tagger` when given (predicted tags), else with its own tags.
    public func train(_ sentences: [DependencySentence], dev: [DependencySentence] = [], tagger: POSTagger? = nil,
                      progress: (EpochReport) -> Void = { _ in }) -> DependencyParser {
        var labelSet = Set(sentences.flatMap(\.labels))
        labelSet.insert(DependencyParser.rootLabelName)
        let labels = labelSet.sorted()
        guard labels.count <= 64 else { preconditionFailure("more than 64 relations") }
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let classes = DependencyParser.classes(labels: labels)
        let rootLabel = labelIndex[DependencyParser.rootLabelName]!
        let inputs = sentences.map { ParserFeatures.Input(forms: SyntaxWords($0.words), tags: $0.tags.map(SyntaxWords.hash)) }
        let goldHeads = sentences.map { [0] + $0.heads.map { $0 + 1 } }
        let goldLabels = sentences.map { [rootLabel] + $0.labels.map { labelIndex[$0]! } }
        let features = ParserFeatures(bucketBits: options.bucketBits)
        var state = SyntaxPerceptronState(bucketBits: options.bucketBits, classCount: classes.count)
        var order = Array(sentences.indices)
        var random = SplitMix(seed: options.seed)
        var last: DependencyParser? = nil
        var buckets: [Int] = []
        var scores = [Float](repeating: 0, count: classes.count)
        var costs = [Int](repeating: 0, count: classes.count)
        for epoch in 1...max(1, options.epochs) {
            order.shuffle(using: &random)
            var errors = 0
            for k in order {
                let g = goldHeads[k], gl = goldLabels[k]
                var x = ArcEagerState(words: sentences[k].words.count, rootLabel: rootLabel)
                while !x.isTerminal {
                    buckets = withUnsafeTemporaryAllocation(of: Int.self, capacity: ParserFeatures.maxBuckets) { out in
                        Array(out[0..<features.extract(x, inputs[k], into: out.baseAddress!)])
                    }
                    state.score(buckets, into: &scores)
                    let base = x.costs(goldHeads: g)
                    let s = x.top, b = x.next
                    var predicted = -1, oracle = -1, least = Int.max
                    for t in 0..<classes.count where x.isLegal(t) {
                        var cost: Int
                        switch t {
                        case ArcEagerState.shift: cost = base.shift
                        case ArcEagerState.reduce: cost = base.reduce
                        default:
                            let label = (t - 2) >> 1
                            if t & 1 == 0 { cost = base.left + (g[s] == b && gl[s] != label ? 1 : 0) }
                            else { cost = base.right + (g[b] == s && gl[b] != label ? 1 : 0) }
                        }
                        costs[t] = cost
                        if predicted < 0 || scores[t] > scores[predicted] { predicted = t }
                        if cost < least || (cost == least && scores[t] > scores[oracle]) { least = cost; oracle = t }
                    }
                    state.tick()
                    if costs[predicted] > least {
                        errors += 1
                        state.update(buckets, class: oracle, by: 1)
                        state.update(buckets, class: predicted, by: -1)
                    }
                    let follow = epoch > 1 && costs[predicted] > least && Double(random.next() >> 11) / Double(1 << 53) < options.explore
                    x.apply(follow ? predicted : oracle)
                }
            }
            let parser = DependencyParser(weights: state.model(kind: DependencyParser.kind, classes: classes, pruneBelow: options.pruneBelow))
            var report = EpochReport(epoch: epoch, trainingErrors: errors, dev: nil)
            if !dev.isEmpty {
                report.dev = Self.evaluate(parser, tagger: tagger, on: dev)
            }
            last = parser
            progress(report)
        }
        return last!
    }

    /// Attachment scores of `parser` on gold sentences, over tags from `tagger` (or the gold tags).
    public static func evaluate(_ parser: DependencyParser, tagger: POSTagger?, on sentences: [DependencySentence]) -> AttachmentScore {
        var score = AttachmentScore()
        for s in sentences {
            let tags = tagger?.tag(s.words) ?? s.tags
            let tree = parser.parse(words: s.words, tags: tags)
            score.add(predicted: tree, gold: s, predictedTags: tags)
        }
        return score
    }
}

/// Labelled and unlabelled attachment and tagging counts over words, all words counted
/// (punctuation included), and the same without punctuation.
public struct AttachmentScore: Sendable {
    public var words = 0
    public var headsRight = 0
    public var labelledRight = 0
    public var tagsRight = 0
    public var wordsWithoutPunctuation = 0
    public var headsRightWithoutPunctuation = 0
    public var labelledRightWithoutPunctuation = 0

    public init() {}

    public var uas: Double { words > 0 ? Double(headsRight) / Double(words) : 0 }
    public var las: Double { words > 0 ? Double(labelledRight) / Double(words) : 0 }
    public var tagAccuracy: Double { words > 0 ? Double(tagsRight) / Double(words) : 0 }
    public var uasWithoutPunctuation: Double { wordsWithoutPunctuation > 0 ? Double(headsRightWithoutPunctuation) / Double(wordsWithoutPunctuation) : 0 }
    public var lasWithoutPunctuation: Double { wordsWithoutPunctuation > 0 ? Double(labelledRightWithoutPunctuation) / Double(wordsWithoutPunctuation) : 0 }

    public mutating func add(predicted: SyntaxTree, gold: DependencySentence, predictedTags: [String]) {
        for i in gold.words.indices {
            let head = predicted.heads[i] == gold.heads[i]
            let labelled = head && predicted.labels[i] == gold.labels[i]
            words += 1
            if head { headsRight += 1 }
            if labelled { labelledRight += 1 }
            if predictedTags[i] == gold.tags[i] { tagsRight += 1 }
            if gold.labels[i] != "punct" {
                wordsWithoutPunctuation += 1
                if head { headsRightWithoutPunctuation += 1 }
                if labelled { labelledRightWithoutPunctuation += 1 }
            }
        }
    }
}
