/// The closed `NameLexicon` classes a lower-cased word belongs to, answered by one lookup
/// instead of one set after another (the recognizer asks several about each capitalised word).
///
/// Promises: `of(word).contains(.month)` exactly when `NameLexicon.months[word] != nil`, and
/// likewise for every class and its `NameLexicon` table.
struct LexiconClasses: OptionSet, Sendable {
    let rawValue: UInt16

    static let month = LexiconClasses(rawValue: 1 << 0)
    static let weekday = LexiconClasses(rawValue: 1 << 1)
    static let functionWord = LexiconClasses(rawValue: 1 << 2)
    static let pronoun = LexiconClasses(rawValue: 1 << 3)
    static let titleHead = LexiconClasses(rawValue: 1 << 4)
    static let titleModifier = LexiconClasses(rawValue: 1 << 5)
    static let honorific = LexiconClasses(rawValue: 1 << 6)

    private static let table: WordTable<LexiconClasses> = {
        var classes: [String: LexiconClasses] = [:]
        for word in NameLexicon.months.keys { classes[word, default: []].insert(.month) }
        for word in NameLexicon.weekdays.keys { classes[word, default: []].insert(.weekday) }
        for word in NameLexicon.functionWords { classes[word, default: []].insert(.functionWord) }
        for word in NameLexicon.pronouns { classes[word, default: []].insert(.pronoun) }
        for word in NameLexicon.titleHeads { classes[word, default: []].insert(.titleHead) }
        for word in NameLexicon.titleModifiers { classes[word, default: []].insert(.titleModifier) }
        for word in NameLexicon.honorifics { classes[word, default: []].insert(.honorific) }
        return WordTable(classes)
    }()

    static func of(_ word: String) -> LexiconClasses { table[word] ?? [] }
}
