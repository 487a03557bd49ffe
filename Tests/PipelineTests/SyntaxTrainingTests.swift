import Testing
@testable import Pipeline

/// Reading UD and CoNLL-2003 data the way the pipeline tokenizes, training the tagger and
/// parser on a tiny corpus, and the syntax model files.
@Suite struct SyntaxTrainingTests {
    /// Hand-written CoNLL-U: a multiword token (`don't`), a hyphenated word split by UD
    /// (`cease - fire`, no spaces), a possessive written as a multiword token, and an empty
    /// node to skip.
    static let conllu = """
    # sent_id = 1
    # text = Rebels don't accept Kenya's cease-fire.
    1\tRebels\trebel\tNOUN\tNNS\t_\t4\tnsubj\t_\t_
    2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
    2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
    3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
    4\taccept\taccept\tVERB\tVB\t_\t0\troot\t_\t_
    4.1\taccepted\taccept\tVERB\tVBD\t_\t_\t_\t_\t_
    5-6\tKenya's\t_\t_\t_\t_\t_\t_\t_\t_
    5\tKenya\tKenya\tPROPN\tNNP\t_\t9\tnmod:poss\t_\t_
    6\t's\t's\tPART\tPOS\t_\t5\tcase\t_\t_
    7\tcease\tcease\tNOUN\tNN\t_\t9\tcompound\t_\tSpaceAfter=No
    8\t-\t-\tPUNCT\tHYPH\t_\t9\tpunct\t_\tSpaceAfter=No
    9\tfire\tfire\tNOUN\tNN\t_\t4\tobj\t_\tSpaceAfter=No
    10\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

    """

    @Test func udIsRetokenizedAsThePipelineTokenizes() throws {
        let sentences = UniversalDependenciesReader().read(Self.conllu)
        let s = try #require(sentences.first)
        #expect(sentences.count == 1)
        #expect(s.words == ["Rebels", "don't", "accept", "Kenya", "'s", "cease-fire", "."])
        #expect(s.tags == ["NNS", "VBP", "VB", "NNP", "POS", "NN", "."])
        #expect(s.heads == [2, 2, -1, 5, 3, 2, 2])
        #expect(s.labels == ["nsubj", "aux", "root", "nmod:poss", "case", "obj", "punct"])
    }

    @Test func aWordTheTokenizerSplitsGoesWithItsFirstPiece() throws {
        let text = "1\tin\tin\tADP\tIN\t_\t2\tcase\t_\t_\n2\tjohn@example.org\tx\tX\tADD\t_\t0\troot\t_\t_\n"
        let s = try #require(UniversalDependenciesReader().read(text).first)
        #expect(s.words.count > 2)
        #expect(s.words[1] == "john")
        #expect(s.heads[0] == 1 && s.heads[1] == -1)
        #expect(s.tags[1] == "ADD")
        for k in 2..<s.words.count { #expect(s.heads[k] == 1 && s.labels[k] == "goeswith" && s.tags[k] == "GW") }
    }

    @Test func conllPartOfSpeechColumnsWithNormalisedTags() {
        let text = "-DOCSTART- -X- O O\n\nTalks NNS I-NP O\n( ( O O\n\" \" O O\nend NN|SYM I-VP O\n\nOK UH O O\n"
        let sentences = CoNLLPartOfSpeechReader().read(text)
        #expect(sentences.count == 2)
        #expect(sentences[0].words == ["Talks", "(", "\"", "end"])
        #expect(sentences[0].tags == ["NNS", "-LRB-", "''", "NN"])
        #expect(sentences[1].tags == ["UH"])
    }

    /// Hand-written sentences with gold tags and trees.
    static let tiny: [DependencySentence] = [
        DependencySentence(words: ["Rebels", "attacked", "the", "town", "."], tags: ["NNS", "VBD", "DT", "NN", "."],
                           heads: [1, -1, 3, 1, 1], labels: ["nsubj", "root", "det", "obj", "punct"]),
        DependencySentence(words: ["The", "town", "was", "shelled", "by", "troops", "."], tags: ["DT", "NN", "VBD", "VBN", "IN", "NNS", "."],
                           heads: [1, 3, 3, -1, 5, 3, 3], labels: ["det", "nsubj:pass", "aux:pass", "root", "case", "obl", "punct"]),
        DependencySentence(words: ["Troops", "agreed", "to", "leave", "the", "town", "."], tags: ["NNS", "VBD", "TO", "VB", "DT", "NN", "."],
                           heads: [1, -1, 3, 1, 5, 3, 1], labels: ["nsubj", "root", "mark", "xcomp", "det", "obj", "punct"]),
        DependencySentence(words: ["Officials", "said", "rebels", "fired", "at", "troops", "."], tags: ["NNS", "VBD", "NNS", "VBD", "IN", "NNS", "."],
                           heads: [1, -1, 3, 1, 5, 3, 1], labels: ["nsubj", "root", "nsubj", "ccomp", "case", "obl", "punct"]),
    ]

    @Test func aTinyTrainingRunLearnsATinyCorpus() {
        let tagger = POSTrainer(options: .init(epochs: 10, bucketBits: 14)).train(Self.tiny.map { ($0.words, $0.tags) })
        #expect(POSTrainer.accuracy(of: tagger, on: Self.tiny.map { ($0.words, $0.tags) }) == 1)
        let parser = ParserTrainer(options: .init(epochs: 15, bucketBits: 14, pruneBelow: 0)).train(Self.tiny)
        let score = ParserTrainer.evaluate(parser, tagger: tagger, on: Self.tiny)
        #expect(score.words == 26)
        #expect(score.las == 1, "LAS \(score.las)")
        let syntax = SyntaxParser(tagger: tagger, parser: parser)
        #expect(syntax.parse(Self.tiny[1].words) == Self.tiny[1].tree)
    }

    @Test func modelFilesRoundTripAndRejectForeignBytes() throws {
        let tagger = POSTrainer(options: .init(epochs: 3, bucketBits: 12)).train(Self.tiny.map { ($0.words, $0.tags) })
        let parser = ParserTrainer(options: .init(epochs: 3, bucketBits: 12, pruneBelow: 0)).train(Self.tiny)
        let posBytes = tagger.encoded(), parserBytes = parser.encoded()
        let tagger2 = try POSTagger(decoding: posBytes)
        let parser2 = try DependencyParser(decoding: parserBytes)
        #expect(tagger2.encoded() == posBytes)
        #expect(parser2.encoded() == parserBytes)
        #expect(tagger2.tagSet == tagger.tagSet)
        #expect(tagger2.nonZeroWeights > 0)
        let words = ["Troops", "fired", "at", "the", "town", "."]
        #expect(SyntaxParser(tagger: tagger2, parser: parser2).parse(words) == SyntaxParser(tagger: tagger, parser: parser).parse(words))

        #expect(throws: PerceptronWeights.DecodingError.notAModel) { try POSTagger(decoding: Array("GNER not a syntax model".utf8)) }
        #expect(throws: PerceptronWeights.DecodingError.wrongKind) { try DependencyParser(decoding: posBytes) }
        #expect(throws: PerceptronWeights.DecodingError.wrongKind) { try POSTagger(decoding: parserBytes) }
        #expect(throws: PerceptronWeights.DecodingError.truncated) { try POSTagger(decoding: Array(posBytes.dropLast(1))) }
        #expect(throws: PerceptronWeights.DecodingError.notAModel) { try POSTagger(decoding: posBytes + [0]) }
        var version = posBytes
        version[4] = 9
        #expect(throws: PerceptronWeights.DecodingError.unsupportedVersion(9)) { try POSTagger(decoding: version) }
    }

    /// `PerceptronWeights.add` loads rows ahead of summing them; the sums must be each
    /// listed row's weights, whatever the rows' lengths (none, one, two, many) and classes
    /// (class 0 alone), a row listed twice counting twice, and an empty bucket after the last
    /// row reading nothing. Rows of at least four weights (of seven classes, eight score lanes)
    /// are stored dense, so buckets 3 and 5 are dense and the others sparse; the lane past the
    /// classes stays zero. Encoding and decoding keep every weight.
    @Test func addingRowsSumsExactlyTheirWeights() throws {
        let classes = (0..<7).map { "c\($0)" }
        let c = classes.count
        // Bucket 0: empty; 1: one weight; 2: two; 3: all seven; 4: empty; 5: three; 6: class 0
        // alone; 7: empty.
        let sparse: [Int: Int16] = [
            1 * c + 4: -9,
            2 * c + 0: 300, 2 * c + 6: -32768,
            3 * c + 0: 1, 3 * c + 1: 2, 3 * c + 2: 3, 3 * c + 3: 4, 3 * c + 4: 5, 3 * c + 5: 6, 3 * c + 6: 32767,
            5 * c + 1: -1, 5 * c + 3: 7, 5 * c + 5: 11, 5 * c + 6: -32768,
            6 * c + 0: -2,
        ]
        let weights = PerceptronWeights(kind: POSTagger.kind, bucketBits: 3, classes: classes, scale: 1, sparse: sparse)
        #expect(weights.nonZeroWeights == sparse.count)
        let decoded = try PerceptronWeights(decoding: weights.encoded(), kind: POSTagger.kind)
        #expect(decoded.encoded() == weights.encoded())
        #expect(decoded.nonZeroWeights == sparse.count)
        func expected(_ buckets: [Int]) -> [Int32] {
            var scores = [Int32](repeating: 0, count: c)
            for b in buckets { for t in 0..<c { scores[t] &+= Int32(sparse[b * c + t] ?? 0) } }
            return scores
        }
        #expect(weights.scoreLanes == 8)
        func added(_ buckets: [Int], _ model: PerceptronWeights? = nil) -> [Int32] {
            let model = model ?? weights
            var scores = [Int32](repeating: 0, count: model.scoreLanes)
            scores.withUnsafeMutableBufferPointer { out in buckets.withUnsafeBufferPointer { model.add(buckets: $0, into: out) } }
            #expect(scores[c...].allSatisfy { $0 == 0 })
            return Array(scores[0..<c])
        }
        for buckets in [[], [0], [1], [2], [3], [5], [6], [7], [0, 4, 6, 7], [3, 3, 2, 1, 5, 0, 7], [7, 5, 3, 1, 2, 2, 6]] {
            #expect(added(buckets) == expected(buckets), "buckets \(buckets)")
            #expect(added(buckets, decoded) == expected(buckets), "decoded, buckets \(buckets)")
        }
        #expect(added([3, 2]) == [301, 2, 3, 4, 5, 6, -1])

        let none = PerceptronWeights(kind: POSTagger.kind, bucketBits: 3, classes: classes, scale: 1, sparse: [:])
        var scores = [Int32](repeating: 5, count: none.scoreLanes)
        scores.withUnsafeMutableBufferPointer { out in [0, 7].withUnsafeBufferPointer { none.add(buckets: $0, into: out) } }
        #expect(scores == [Int32](repeating: 5, count: none.scoreLanes))
    }

    /// The shipped models, decoded into the scoring layout (their long rows dense), encode
    /// back to the bytes they were decoded from. The encoding writes `nonZeroWeights` as its
    /// entry count, so this checks that count too.
    @Test func shippedSyntaxModelsEncodeBackToTheirBytes() throws {
        let pos = try #require(EmbeddedData.bytes(named: "models/pos.model"))
        let dep = try #require(EmbeddedData.bytes(named: "models/parser.model"))
        let tagger = try POSTagger(decoding: pos), parser = try DependencyParser(decoding: dep)
        #expect(tagger.encoded() == Array(pos))
        #expect(parser.encoded() == Array(dep))
    }

    /// The ASCII fast path of `SyntaxWords.form` gives the forms the Unicode path gives.
    @Test func asciiWordFormsMatchTheUnicodePath() {
        func fields(_ f: SyntaxWords.Form) -> [UInt64] {
            [f.exact, f.lower, f.shape, f.prefixes.0, f.prefixes.1, f.prefixes.2,
             f.suffixes.0, f.suffixes.1, f.suffixes.2, f.suffixes.3, f.flags]
        }
        let words = ["", "a", "A", "Ab", "USA", "U.S.", "don't", "co-operate", "1996-08-30", "McDonald", "aaaa",
                     "XXXXX", "$", "--", "iPhone", "ab_c", "A1b2", "'s", "...", "MIDEAST", "Z", "zZ", "@user", "~`{|}",
                     "Troops", "fired", "1,200", "ABC-TV", "x86_64"]
        for word in words {
            let fast = word.utf8.withContiguousStorageIfAvailable(SyntaxWords.asciiForm)
            #expect(fast != nil, "\(word)")
            if let fast, let fast {
                #expect(fields(fast) == fields(SyntaxWords.unicodeForm(word)), "\(word)")
            }
            #expect(fields(SyntaxWords.form(word)) == fields(SyntaxWords.unicodeForm(word)), "\(word)")
        }
        for word in ["Iran\u{2019}s", "Zürich", "naïve", "\u{2014}", "ÅLAND"] {
            #expect(word.utf8.withContiguousStorageIfAvailable(SyntaxWords.asciiForm) ?? nil == nil, "\(word)")
            #expect(fields(SyntaxWords.form(word)) == fields(SyntaxWords.unicodeForm(word)), "\(word)")
        }
    }

    @Test func oracleCostsAreZeroAlongTheGoldPath() {
        // Following the least-cost transition of a projective tree rebuilds it exactly; the
        // root word is never attached by a transition, and shifting it costs nothing.
        for s in Self.tiny {
            let labels = Array(Set(Self.tiny.flatMap(\.labels))).sorted()
            let rootLabel = labels.firstIndex(of: "root")!
            let gold = [0] + s.heads.map { $0 + 1 }
            var x = ArcEagerState(words: s.words.count, rootLabel: rootLabel)
            while !x.isTerminal {
                let c = x.costs(goldHeads: gold)
                let b = x.next, top = x.top
                if c.left == 0 && x.isLegal(ArcEagerState.left(labels.firstIndex(of: s.labels[top - 1])!)) {
                    x.apply(ArcEagerState.left(labels.firstIndex(of: s.labels[top - 1])!))
                } else if c.right == 0 && gold[b] == top && top != 0 {
                    x.apply(ArcEagerState.right(labels.firstIndex(of: s.labels[b - 1])!))
                } else if c.reduce == 0 && x.isLegal(ArcEagerState.reduce) {
                    x.apply(ArcEagerState.reduce)
                } else {
                    #expect(c.shift == 0)
                    #expect(!x.isLegal(ArcEagerState.right(rootLabel)))
                    x.apply(ArcEagerState.shift)
                }
            }
            let (heads, labelIndices) = DependencyParser.finish(x, tags: [], punctuationLabel: nil, fallbackLabel: 0)
            #expect(heads == s.heads)
            #expect(labelIndices.map { labels[$0] } == s.labels)
        }
    }
}
