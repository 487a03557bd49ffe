/// One sentence of a tagged training or evaluation corpus: its words and their BIO tags.
///
/// Promises: `words.count == tags.count`; tags are well-formed BIO (IOB1 input is converted).
public struct TaggedSentence: Sendable, Hashable {
    public var words: [String]
    public var tags: [BIOTag]

    public init(words: [String], tags: [BIOTag]) {
        precondition(words.count == tags.count, "one tag per word")
        self.words = words
        self.tags = tags
    }
}

/// A document of a tagged corpus: the unit over which document-level consistency features look.
public struct TaggedDocument: Sendable, Hashable {
    public var sentences: [TaggedSentence]

    public init(sentences: [TaggedSentence]) { self.sentences = sentences }

    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.words.count } }
}
