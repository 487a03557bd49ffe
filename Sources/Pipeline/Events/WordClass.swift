/// The closed word classes the events stage asks about token by token, as bits.
///
/// Promises: `WordClass(folded:)` contains a class exactly when that class's word set
/// (declared beside the code that reads it) contains the word. The table is built once
/// from those very sets, so a token costs one hash lookup when it is made, and every later
/// "is this a preposition?" is a bit test instead of hashing the word again.
struct WordClass: OptionSet, Sendable, Hashable {
    let rawValue: UInt16

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `ArgumentReader.clauseOpeners`
    static let clauseOpener = WordClass(rawValue: 1 << 0)
    /// `ArgumentReader.reportingVerbs`
    static let reportingVerb = WordClass(rawValue: 1 << 1)
    /// `ArgumentReader.targetStops`
    static let targetStop = WordClass(rawValue: 1 << 2)
    /// `PolarityReader.negators`
    static let negator = WordClass(rawValue: 1 << 3)
    /// `PolarityReader.hypotheticals`
    static let hypothetical = WordClass(rawValue: 1 << 4)
    /// `PolarityReader.boundaries`
    static let polarityBoundary = WordClass(rawValue: 1 << 5)
    /// `TextFrame.prepositions`
    static let preposition = WordClass(rawValue: 1 << 6)
    /// `TextFrame.determiners`
    static let determiner = WordClass(rawValue: 1 << 7)
    /// `QuoteFinder.speechVerbs`
    static let speechVerb = WordClass(rawValue: 1 << 8)
    /// `TextFrame.actorWords`
    static let actorWord = WordClass(rawValue: 1 << 9)

    private static let table: [String: WordClass] = {
        var table: [String: WordClass] = [:]
        func add(_ words: Set<String>, _ word: WordClass) {
            for w in words { table[w, default: []].insert(word) }
        }
        add(ArgumentReader.clauseOpeners, .clauseOpener)
        add(ArgumentReader.reportingVerbs, .reportingVerb)
        add(ArgumentReader.targetStops, .targetStop)
        add(PolarityReader.negators, .negator)
        add(PolarityReader.hypotheticals, .hypothetical)
        add(PolarityReader.boundaries, .polarityBoundary)
        add(TextFrame.prepositions, .preposition)
        add(TextFrame.determiners, .determiner)
        add(QuoteFinder.speechVerbs, .speechVerb)
        add(TextFrame.actorWords, .actorWord)
        return table
    }()

    /// The words of up to eight bytes (most of the table, and all the frequent ones),
    /// found by their packed bytes without hashing.
    private static let shortWords = PackedWordTable(table)
    /// Longer words are in no class mostly; the filter answers those without hashing.
    private static let filter = WordFilter(table.keys)

    /// The classes of a folded ASCII word of `length` 1...8 bytes, given packed as
    /// `PackedWordTable` packs them.
    init(packed: UInt64, length: Int) {
        self = Self.shortWords.value(forPacked: packed, length: length) ?? []
    }

    /// The classes of a folded word (`WordToken.folded`) whose filter slot is `slot`.
    init(folded: String, slot: UInt16) {
        if folded.utf8.count <= 8 {
            var word = folded
            self = word.withUTF8 { Self.shortWords.value(for: $0) } ?? []
        } else {
            self = Self.filter.mayContain(slot: slot) ? Self.table[folded] ?? [] : []
        }
    }
}
