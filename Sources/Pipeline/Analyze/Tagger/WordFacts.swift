/// What the tagger knows about a word before seeing its sentence: its `WordForm` with the
/// single-word gazetteer bits, and the facts `SentenceForms` sums over a sentence.
///
/// Promises: depends only on the word's text, so a document computes it once per distinct word.
struct WordFacts: Sendable {
    /// The form with the word's own gazetteer bits; a sentence adds longer-name bits.
    var form: WordForm
    /// Some multi-word gazetteer place or organisation starts with this word.
    var startsLongerName: Bool
    /// Neither punctuation nor a number.
    var lettered: Bool
    /// Lettered and in capitals (or a single capital letter), as headlines are.
    var headlineCase: Bool

    /// `wordBits` is `Gazetteer.wordBitsTable`, passed alone so no copy of the gazetteer is made per word.
    init(_ word: String, wordBits: WordTable<UInt32>) {
        self.init(word, scalars: word.unicodeScalars, wordBits: wordBits)
    }

    /// `scalars` are `word`'s own scalars, as a faster collection than the string's view.
    init<Scalars: Collection<Unicode.Scalar>>(_ word: String, scalars: Scalars, wordBits: WordTable<UInt32>) {
        var form = WordForm(scalars: scalars)
        let length = scalars.count
        lettered = !form.flags.contains(.punctuation) && !form.flags.contains(.numeric)
        headlineCase = lettered
            && (form.flags.contains(.allCaps) || (form.flags.contains(.capitalized) && length == 1))
        let own = wordBits[word] ?? 0
        // An all-caps word may open a longer name written in title case ("NEW YORK").
        let opens = form.flags.contains(.allCaps) ? own | (wordBits[SentenceForms.titleCased(word)] ?? 0) : own
        startsLongerName = opens & Gazetteer.startsLongerName != 0
        if form.flags.contains(.capitalized) {
            form.gazetteer = Self.singleWordBits(word, length: length, own: own, allCaps: form.flags.contains(.allCaps),
                                                 wordBits: wordBits)
        } else if own & (GazetteerBits.organizationHead | GazetteerBits.organizationSuffix) != 0 {
            form.gazetteer = GazetteerBits.organizationSuffix
        }
        self.form = form
    }

    /// The single-word table bits of a capitalised word whose own `wordBits` are `own`. An
    /// all-caps word longer than three letters is looked up in title case ("CHINA" as
    /// "China"), except among organisations, which are matched as written.
    private static func singleWordBits(_ word: String, length: Int, own: UInt32, allCaps: Bool, wordBits: WordTable<UInt32>) -> UInt32 {
        let features = ~Gazetteer.nonFeatureBits
        guard allCaps && length > 3 else { return own & features }
        let key = SentenceForms.titleCased(word)
        let keyed = key == word ? own : (wordBits[key] ?? 0)
        return (keyed & features & ~GazetteerBits.organization) | (own & GazetteerBits.organization)
    }
}
