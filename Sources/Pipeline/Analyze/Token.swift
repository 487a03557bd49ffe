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

    var lower: String { text.lowercased() }

    /// Starts with an upper-case letter.
    var isCapitalized: Bool {
        guard kind == .word, let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// Two or more letters, all upper-case ("US", "AFP", "WASHINGTON").
    var isAllCaps: Bool {
        guard kind == .word else { return false }
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if !scalar.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    func isPunctuation(_ mark: String) -> Bool { kind == .punctuation && text == mark }
}
