/// One token of the clean text: a word, a number, a currency or percent sign, or a
/// punctuation mark, with its Unicode-scalar offsets (end exclusive).
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Letters, digits, hyphens and inner apostrophes ("Vice-Premier", "We’ve", "U.S.").
        case word
        /// Digits with inner commas or points ("2,700", "3.5").
        case number
        /// A possessive ending ("’s", "'s"), kept apart so mentions can leave it out.
        case possessive
        /// A currency sign, with its letters when they are glued on ("$", "US$", "S$", "₹").
        case currency
        /// "%"
        case percent
        case punctuation
    }

    var kind: Kind
    var start: Int
    var end: Int
    var text: String
    /// True when a line break lies between the previous token and this one.
    var lineBreakBefore: Bool
    /// True when no whitespace separates this token from the previous one.
    var gluedToPrevious: Bool

    /// `text` lower-cased, computed once (the recognizers ask for it many times per token).
    let lower: String

    init(kind: Kind, start: Int, end: Int, text: String, lineBreakBefore: Bool, gluedToPrevious: Bool) {
        self.kind = kind; self.start = start; self.end = end; self.text = text
        self.lineBreakBefore = lineBreakBefore; self.gluedToPrevious = gluedToPrevious
        lower = text.utf8.contains(where: { $0 >= 0x80 || ($0 >= 65 && $0 <= 90) }) ? text.lowercased() : text
    }

    /// Starts with an upper-case letter.
    var isCapitalized: Bool {
        guard kind == .word, let first = text.unicodeScalars.first else { return false }
        return first.isUppercaseScalar
    }

    /// Two or more letters, all upper-case ("US", "AFP", "WASHINGTON").
    var isAllCaps: Bool {
        guard kind == .word else { return false }
        var letters = 0
        for scalar in text.unicodeScalars where scalar.isLetterScalar {
            if !scalar.isUppercaseScalar { return false }
            letters += 1
        }
        return letters >= 2
    }

    func isPunctuation(_ mark: String) -> Bool { kind == .punctuation && text == mark }
}
