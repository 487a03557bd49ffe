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

    /// The tokens of the title right before a person's name ("Treasury Secretary X"): the
    /// words of `role` and punctuation, read back from the name; a bracketed word inside the
    /// title ("US Trade Representative (USTR) X") is passed over, not included: it names the
    /// office. Empty when the candidate has no role. The one reading of a title that the
    /// rules' and the tagger's decisions share.
    func titleTokens(in tokens: [Token]) -> [Int] {
        guard let role else { return [] }
        let roleWords = role.split(separator: " ")
        var out: [Int] = []
        var k = self.tokens.lowerBound - 1
        while k >= 0 {
            if roleWords.contains(where: { $0 == tokens[k].text }) || tokens[k].kind == .punctuation {
                out.append(k)
            } else if !(k > 0 && k + 1 < tokens.count && tokens[k - 1].isPunctuation("(") && tokens[k + 1].isPunctuation(")")) {
                break
            }
            k -= 1
        }
        return out
    }
}
