/// A name found in one place of the text, before mentions are grouped into entities.
struct EntityCandidate: Sendable, Hashable {
    enum Evidence: Sendable, Hashable {
        /// A gazetteer place: country, demonym, capital or other place, with its canonical name.
        case place(Gazetteer.Place)
        /// Typed by its own form (title, first name, suffix word, parenthesised acronym ...).
        case typed(EntityType)
        /// Typed only if nothing else in the document claims it.
        case guessed(EntityType)
        /// A capitalised word that names something only if it matches a name found elsewhere.
        case unresolved
    }

    /// Token range in the document's token array.
    var tokens: Range<Int>
    var start: Int
    var end: Int
    var text: String
    var sentence: Int
    var evidence: Evidence
    var role: String?
    /// For a parenthesised acronym: the start of the name it abbreviates, if one precedes it.
    var abbreviates: Int?
    /// For an unresolved name: the type the statistical tagger gave it, used when it matches
    /// no entity of the document.
    var proposed: EntityType? = nil
}
