/// One token of the clean text: a word, a number, a currency or percent sign, or a
/// punctuation mark, with its Unicode-scalar offsets (end exclusive).
package struct Token: Sendable, Hashable {
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
    /// `text` holds an ASCII hyphen ("Vice-Premier", "G-20").
    let hasHyphen: Bool

    init(kind: Kind, start: Int, end: Int, text: String, lineBreakBefore: Bool, gluedToPrevious: Bool) {
        self.init(kind: kind, start: start, end: end, text: text, scalars: text.unicodeScalars,
                  lineBreakBefore: lineBreakBefore, gluedToPrevious: gluedToPrevious)
    }

    /// `scalars` are `text`'s own scalars: the tokenizer passes a slice of its array, which
    /// reads faster than the string.
    init<Scalars: Collection<Unicode.Scalar>>(kind: Kind, start: Int, end: Int, text: String, scalars: Scalars,
                                               lineBreakBefore: Bool, gluedToPrevious: Bool) {
        self.kind = kind; self.start = start; self.end = end; self.text = text
        self.lineBreakBefore = lineBreakBefore; self.gluedToPrevious = gluedToPrevious
        // One pass answers the ASCII words; others take the Unicode property paths.
        var ascii = true, upper = false, lowerLetter = false, hyphen = false, uppers = 0
        for scalar in scalars {
            let v = scalar.value
            if v >= 0x80 { ascii = false } else if v >= 65 && v <= 90 { upper = true; uppers += 1 }
            else if v >= 97 && v <= 122 { lowerLetter = true } else if v == 45 { hyphen = true }
        }
        hasHyphen = hyphen
        lower = !ascii || upper ? text.lowercased() : text
        if ascii {
            isCapitalized = kind == .word && (scalars.first.map { $0.value >= 65 && $0.value <= 90 } ?? false)
            isAllCaps = kind == .word && !lowerLetter && uppers >= 2
            return
        }
        guard kind == .word, let first = scalars.first, first.isUppercaseScalar else {
            isCapitalized = false
            isAllCaps = kind == .word && Self.allCaps(scalars)
            return
        }
        isCapitalized = true
        isAllCaps = Self.allCaps(scalars)
    }

    /// Two or more letters, all upper-case, by scalar properties.
    private static func allCaps<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> Bool {
        var letters = 0
        for scalar in scalars where scalar.isLetterScalar {
            if !scalar.isUppercaseScalar { return false }
            letters += 1
        }
        return letters >= 2
    }

    func isPunctuation(_ mark: String) -> Bool { kind == .punctuation && text == mark }
}
