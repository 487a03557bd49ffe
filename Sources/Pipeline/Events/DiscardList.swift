/// PETRARCH2's discards (`data/lexicon/discards.tsv`, from `Phoenix.discards.txt`): phrases
/// that mark a story or a sentence as not news to code — sports, celebrities, history.
///
/// Promises: `storyDiscarded(_:)` is true when any story-level phrase occurs in the tokens;
/// `sentenceDiscarded(_:range:)` when any phrase (story- or sentence-level) occurs in the
/// sentence; `sentenceHoldsStoryPhrase(_:range:)` when a story-level phrase occurs in the
/// sentence. Phrases match whole words, case-insensitively. A year right after "since" is
/// no phrase: what has gone on since then is news, not history.
struct DiscardList: Sendable {
    static let standard = DiscardList(text: EmbeddedData.text(named: "data/lexicon/discards.tsv") ?? "")

    private struct Phrase: Sendable {
        var words: [String]
        var story: Bool
    }

    private let byFirstWord: [String: [Phrase]]
    /// The first words' filter: most words of a story open no phrase, and asking it costs
    /// less than hashing the word for `byFirstWord`.
    private let firstWords: WordFilter

    init(text: String) {
        var index: [String: [Phrase]] = [:]
        for row in TabSeparatedRows(text) {
            let cols = row.filter { !$0.isEmpty }
            guard cols.count == 2 else { continue }
            let words = cols[0].dataParts(separatedBy: " ")
            guard let first = words.first else { continue }
            index[first, default: []].append(Phrase(words: words, story: cols[1] == "story"))
        }
        byFirstWord = index
        firstWords = WordFilter(index.keys)
    }

    func storyDiscarded(_ tokens: [WordToken]) -> Bool {
        found(in: tokens, range: 0..<tokens.count, storyOnly: true)
    }

    func sentenceDiscarded(_ tokens: [WordToken], range: Range<Int>) -> Bool {
        found(in: tokens, range: range, storyOnly: false)
    }

    /// Whether the sentence holds a story-level phrase ("world cup", "midfielder"): the
    /// sentence itself is about sport or show business, whatever the rest of the story is.
    func sentenceHoldsStoryPhrase(_ tokens: [WordToken], range: Range<Int>) -> Bool {
        found(in: tokens, range: range, storyOnly: true)
    }

    private func found(in tokens: [WordToken], range: Range<Int>, storyOnly: Bool) -> Bool {
        for i in range where tokens[i].isWord {
            guard firstWords.mayContain(slot: tokens[i].slot), let phrases = byFirstWord[tokens[i].folded] else { continue }
            // "has fought … since 1983": a year an act has gone on since is no history.
            if i > range.lowerBound, tokens[i - 1].folded == "since", tokens[i].folded.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { continue }
            for p in phrases where !storyOnly || p.story {
                guard i + p.words.count <= range.upperBound else { continue }
                if (1..<p.words.count).allSatisfy({ tokens[i + $0].folded == p.words[$0] }) { return true }
            }
        }
        return false
    }
}
