import Testing
@testable import Pipeline

/// The embedded part-of-speech tagger and dependency parser on hand-written sentences:
/// the structures the event coder reads its arguments from.
@Suite struct SyntaxParserTests {
    /// The embedded parser's tree of `text`, tokenized as the pipeline tokenizes.
    static func parse(_ text: String) throws -> SyntaxTree {
        let parser = try #require(SyntaxParser.embedded, "the build embedded no syntax models")
        let words = Tokenizer().tokenize(Tokenizer.scalars(of: text)).map(\.text)
        return parser.parse(words)
    }

    /// The index of `word` in the tree (its first occurrence).
    static func at(_ word: String, _ tree: SyntaxTree) throws -> Int {
        try #require(tree.words.firstIndex(of: word), "no \(word) in \(tree.words)")
    }

    /// Word `dependent` hangs from word `head` with relation `label`.
    static func arc(_ tree: SyntaxTree, _ head: String, _ label: String, _ dependent: String,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try at(dependent, tree), h = try at(head, tree)
        #expect(tree.heads[d] == h && tree.labels[d] == label,
                "\(dependent) should be \(label) of \(head); got head \(tree.heads[d] >= 0 ? tree.words[tree.heads[d]] : "ROOT") \(tree.labels[d])",
                sourceLocation: sourceLocation)
    }

    @Test func embeddedModelsLoad() throws {
        let parser = try #require(SyntaxParser.embedded)
        #expect(parser.tagger.tagSet.contains("NNP"))
        #expect(parser.tagger.tagSet.contains("VBD"))
        #expect(parser.parser.labels.contains("nsubj:pass"))
        #expect(parser.parser.labels.contains("xcomp"))
    }

    @Test func activeSubjectAndObject() throws {
        let tree = try Self.parse("The rebels attacked an army base near the border on Sunday.")
        #expect(tree.labels[try Self.at("attacked", tree)] == "root")
        #expect(tree.tags[try Self.at("attacked", tree)] == "VBD")
        try Self.arc(tree, "attacked", "nsubj", "rebels")
        try Self.arc(tree, "attacked", "obj", "base")
        try Self.arc(tree, "rebels", "det", "The")
    }

    @Test func passiveSubjectAndAgent() throws {
        let tree = try Self.parse("The opposition leader was arrested by police in the capital.")
        try Self.arc(tree, "arrested", "nsubj:pass", "leader")
        try Self.arc(tree, "arrested", "aux:pass", "was")
        let police = try Self.at("police", tree)
        #expect(tree.heads[police] == (try Self.at("arrested", tree)))
        #expect(tree.relation(of: police) == "obl")
        try Self.arc(tree, "police", "case", "by")
    }

    @Test func coordinationOfThreeNouns() throws {
        let tree = try Self.parse("Kenya, Uganda and Tanzania signed a trade agreement in Nairobi.")
        try Self.arc(tree, "Kenya", "conj", "Uganda")
        try Self.arc(tree, "Kenya", "conj", "Tanzania")
        try Self.arc(tree, "Tanzania", "cc", "and")
        try Self.arc(tree, "signed", "nsubj", "Kenya")
        try Self.arc(tree, "signed", "obj", "agreement")
    }

    @Test func controlVerbTakesAnOpenComplement() throws {
        let tree = try Self.parse("The government agreed to lift the sanctions.")
        try Self.arc(tree, "agreed", "xcomp", "lift")
        try Self.arc(tree, "lift", "mark", "to")
        try Self.arc(tree, "lift", "obj", "sanctions")
        try Self.arc(tree, "agreed", "nsubj", "government")
    }

    @Test func reportedSpeechIsAClausalComplement() throws {
        let tree = try Self.parse("A police spokesman said gunmen attacked the village overnight.")
        try Self.arc(tree, "said", "nsubj", "spokesman")
        try Self.arc(tree, "said", "ccomp", "attacked")
        try Self.arc(tree, "attacked", "nsubj", "gunmen")
        try Self.arc(tree, "attacked", "obj", "village")
    }

    @Test func prepositionalTargetIsAnObliqueWithItsCase() throws {
        let tree = try Self.parse("Soldiers fired at the protesters.")
        try Self.arc(tree, "fired", "nsubj", "Soldiers")
        try Self.arc(tree, "fired", "obl", "protesters")
        try Self.arc(tree, "protesters", "case", "at")
    }

    @Test func possessiveIsItsOwnWord() throws {
        let tree = try Self.parse("China's foreign minister visited Moscow.")
        #expect(tree.words.prefix(2) == ["China", "'s"])
        try Self.arc(tree, "minister", "nmod:poss", "China")
        try Self.arc(tree, "China", "case", "'s")
        try Self.arc(tree, "visited", "obj", "Moscow")
    }

    @Test func everyParseIsATree() throws {
        let parser = try #require(SyntaxParser.embedded)
        let sentences: [[String]] = [
            ["."], ["the"], ["and", "and", "and"], ["Talks", "with", "Iran", "ended", ",", "said", "the", "U.S.", "."],
            Array(repeating: "very", count: 40), ["(", "2", ")", "$", "5", "%", "'s", "'s"],
        ]
        for words in sentences {
            let tree = parser.parse(words)
            #expect(tree.words == words)
            #expect(UniversalDependenciesReader.isTree(tree.heads), "\(words) gave heads \(tree.heads)")
            #expect(tree.labels.filter { $0 == "root" }.count == 1)
            for (i, h) in tree.heads.enumerated() where h >= 0 { #expect(tree.children(of: h).contains(i)) }
        }
        #expect(parser.parse([]).words.isEmpty)
    }
}
