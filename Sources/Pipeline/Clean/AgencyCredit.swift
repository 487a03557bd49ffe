/// Finds a news-agency credit glued to the end of a line: `...got a win."REUTERS`.
///
/// Wire copy ends with the agency's name in capitals; when a site pastes it, the credit
/// often lands right after the last sentence's closing punctuation with no space. The
/// shape is what identifies it: a capitalised token (letters, "/" or "&" between names)
/// that follows sentence-final punctuation or a closing quote and ends the line.
enum AgencyCredit {
    /// The offset where the credit starts (including a single space before it), or `nil`.
    static func start(in scalars: [Unicode.Scalar], line: TextLine) -> Int? {
        var end = line.contentEnd
        while end > line.start, ScalarClass.isWhitespace(scalars[end - 1]) { end -= 1 }
        var tokenStart = end
        var letters = 0
        while tokenStart > line.start {
            let scalar = scalars[tokenStart - 1]
            if ScalarClass.isAlphabetic(scalar) {
                guard ScalarClass.isUppercase(scalar) else { return nil }
                letters += 1
            } else if scalar != "/" && scalar != "&" {
                break
            }
            tokenStart -= 1
        }
        guard letters >= 2, end - tokenStart <= 24 else { return nil }
        guard ScalarClass.isAlphabetic(scalars[tokenStart]) else { return nil }
        var start = tokenStart
        var before = start - 1
        if before > line.start, scalars[before] == " " {
            start = before
            before -= 1
        }
        guard before > line.start else { return nil }
        let mark = scalars[before]
        let closesSentence: Bool
        switch mark {
        case ".", "!", "?", "\u{2026}":
            // "U.S.REUTERS" is not a credit; a sentence ends after a lower-case word or quote.
            closesSentence = before > line.start && !ScalarClass.isUppercase(scalars[before - 1])
        case "\"", "\u{201D}", "\u{2019}", ")":
            closesSentence = before > line.start && [".", "!", "?", ",", "\u{2026}"].contains(scalars[before - 1])
        default:
            closesSentence = false
        }
        guard closesSentence else { return nil }
        // The line itself must be article text, not just the credit.
        return start - line.start >= 20 ? start : nil
    }
}
