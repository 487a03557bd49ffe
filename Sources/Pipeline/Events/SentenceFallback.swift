/// Sentence spans for a document whose analysis gave none: a line break, or a full stop,
/// question or exclamation mark (with any closing quote) followed by a space and an
/// upper-case letter or opening quote, ends a sentence.
///
/// Only a safety net so events still come out of an unanalysed text; the analyzer's
/// sentences are used whenever there are any.
enum SentenceFallback {
    static func sentences(of scalars: [Unicode.Scalar]) -> [SentenceSpan] {
        var out: [SentenceSpan] = []
        var start: Int? = nil
        var lastNonSpace = 0
        var i = 0
        let n = scalars.count
        func close(_ end: Int) {
            if let s = start, end > s { out.append(SentenceSpan(start: s, end: end)) }
            start = nil
        }
        while i < n {
            let c = scalars[i]
            if c == "\n" { close(lastNonSpace); i += 1; continue }
            if WordTokenizer.isSpace(c) { i += 1; continue }
            if start == nil { start = i }
            lastNonSpace = i + 1
            if c == "." || c == "?" || c == "!" {
                var j = i + 1
                while j < n, isClosingQuote(scalars[j]) { j += 1 }
                if j < n, scalars[j] == " " || scalars[j] == "\u{00A0}" {
                    var k = j
                    while k < n, scalars[k] == " " || scalars[k] == "\u{00A0}" { k += 1 }
                    if k < n, scalars[k].properties.isUppercase || isOpeningQuote(scalars[k]),
                       !isAbbreviation(scalars, endingAt: i) {
                        close(j)
                        i = k
                        continue
                    }
                }
                lastNonSpace = j
                i = j
                continue
            }
            i += 1
        }
        close(lastNonSpace)
        return out
    }

    private static func isClosingQuote(_ c: Unicode.Scalar) -> Bool {
        c == "\u{201D}" || c == "\u{2019}" || c == "\"" || c == "'"
    }

    private static func isOpeningQuote(_ c: Unicode.Scalar) -> Bool {
        c == "\u{201C}" || c == "\u{2018}" || c == "\""
    }

    /// "Mr.", "Dr.", "U.S." and single initials do not end sentences.
    private static func isAbbreviation(_ scalars: [Unicode.Scalar], endingAt dot: Int) -> Bool {
        var k = dot
        while k > 0, scalars[k - 1].isWordScalar { k -= 1 }
        let word = String(String.UnicodeScalarView(scalars[k..<dot]))
        if word.count == 1 { return true }
        return ["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Jr", "Sr", "No", "Inc", "Corp", "Co", "Ltd"]
            .contains(word) || (k > 1 && scalars[k - 1] == ".")
    }
}
