/// Whether a block of an HTML page reads like running prose, in any language.
///
/// English pages (and pages whose language is not known) keep the English test of
/// `LineFeatures.isProse`: a finished sentence of six words or more, 15% of them function
/// words. Other languages use their own stopword list (`Stopwords`) for the same share,
/// count each ideograph, kana or Thai letter as half a word (those scripts do not put
/// spaces between words), and accept the sentence marks of their scripts ("。", "؟", "।").
/// Where a language has no list, or its words cannot be split, shape alone decides: a
/// finished sentence of ten words or more (fifteen when a list exists but few of its
/// words occur: a mislabelled page, or a language without a profile).
struct ProseShape {
    /// Words, with unspaced scripts counted at two letters a word.
    let words: Int
    /// Share of words in the language's stopword list (the English function words for
    /// English), or `nil` when the language has no list.
    let stopwordShare: Double?
    let endsLikeSentence: Bool

    var isProse: Bool {
        guard endsLikeSentence, words >= 6 else { return false }
        if let stopwordShare, stopwordShare >= 0.15 { return true }
        // Shape alone: a finished sentence of ten words without a list, fifteen with one
        // (the list may be the wrong one: a page mislabelled, a language we do not know).
        return words >= (stopwordShare == nil ? 10 : 15) && !english
    }

    /// Built by `init(english:)`: the English test alone decides.
    private var english = false

    /// The English shape: exactly `LineFeatures.isProse`.
    init(english feature: LineFeatures) {
        english = true
        words = feature.wordCount
        stopwordShare = feature.stopwordShare
        endsLikeSentence = feature.endsLikeSentence
    }

    init(_ feature: LineFeatures, scalars: ArraySlice<Unicode.Scalar>, stopwords: Set<String>?) {
        var unspaced = 0
        for scalar in scalars where scalar.value >= 0x0E00 {
            let v = scalar.value
            if (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
                || (0x0E00...0x0E7F).contains(v) { unspaced += 1 }
        }
        let spacedWords = unspaced > 0 ? feature.words.filter { !$0.unicodeScalars.contains { Self.isUnspaced($0) } }.count : feature.wordCount
        words = spacedWords + unspaced / 2
        if unspaced * 2 > scalars.count || stopwords == nil || feature.wordCount == 0 {
            stopwordShare = nil
        } else {
            let hits = feature.words.reduce(0) { $0 + (stopwords!.contains($1) ? 1 : 0) }
            stopwordShare = Double(hits) / Double(feature.wordCount)
        }
        endsLikeSentence = feature.endsLikeSentence || Self.endsWithScriptMark(scalars)
    }

    private static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x0E00...0x0E7F).contains(v)
    }

    /// Ends with a full stop, question or exclamation mark of a non-Latin script, possibly
    /// followed by closing quotes or brackets.
    private static func endsWithScriptMark(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        let closing: Set<Unicode.Scalar> = ["\u{300D}", "\u{300F}", "\u{FF09}", "\u{201D}", "\u{00BB}", ")", "\"", " "]
        let marks: Set<Unicode.Scalar> = ["\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{061F}", "\u{06D4}", "\u{0964}", "\u{FF0E}", "\u{0589}"]
        var index = scalars.endIndex
        while index > scalars.startIndex, closing.contains(scalars[index - 1]) || scalars[index - 1].properties.isWhitespace { index -= 1 }
        return index > scalars.startIndex && marks.contains(scalars[index - 1])
    }
}
