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

    let kind: Kind
    let start: Int
    let end: Int
    let text: String
    /// True when a line break lies between the previous token and this one.
    let lineBreakBefore: Bool
    /// True when no whitespace separates this token from the previous one.
    let gluedToPrevious: Bool

    /// `text` lower-cased, computed once (the recognizers ask for it many times per token).
    let lower: String
    /// A word starting with an upper-case letter; computed once, like `lower`.
    let isCapitalized: Bool
    /// A word of two or more letters, all upper-case ("US", "AFP", "WASHINGTON").
    let isAllCaps: Bool

    init(kind: Kind, start: Int, end: Int, text: String, lineBreakBefore: Bool, gluedToPrevious: Bool) {
        self.kind = kind; self.start = start; self.end = end; self.text = text
        self.lineBreakBefore = lineBreakBefore; self.gluedToPrevious = gluedToPrevious
        lower = text.utf8.contains(where: { $0 >= 0x80 || ($0 >= 65 && $0 <= 90) }) ? text.lowercased() : text
        guard kind == .word, let first = text.unicodeScalars.first, first.isUppercaseScalar else {
            isCapitalized = false
            isAllCaps = kind == .word && Self.allCaps(text)
            return
        }
        isCapitalized = true
        isAllCaps = Self.allCaps(text)
    }

    private static func allCaps(_ text: String) -> Bool {
        var letters = 0
        for scalar in text.unicodeScalars where scalar.isLetterScalar {
            if !scalar.isUppercaseScalar { return false }
            letters += 1
        }
        return letters >= 2
    }

    func isPunctuation(_ mark: String) -> Bool { kind == .punctuation && text == mark }
}
