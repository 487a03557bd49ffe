/// The measurable shape of one non-blank line: its words, how much of it is function
/// words, whether it ends like a sentence, and the marks of site furniture (prices,
/// subscription terms, template placeholders, reader address).
///
/// Features are computed once per line from the scalars; the classifier only reads them.
struct LineFeatures: Sendable {
    /// Lower-cased words, curly apostrophes folded to "'".
    /// Set only by the scan, so `wordBits` stays in step.
    private(set) var words: [String] = []
    /// Whether each word was written entirely in capitals (at least two letters).
    var capitalWords = 0
    var stopwords = 0
    /// Words that address the reader ("you", "our").
    var readerAddressWords = 0
    /// Ends with . ! ? or … possibly followed by closing quotes or brackets.
    var endsLikeSentence = false
    /// Has a `{{...}}` or `{%...%}` template placeholder.
    var hasPlaceholder = false
    /// Has a quotation mark: the line reports speech, so "we"/"you" are not the site's.
    var hasQuotation = false
    /// Currency symbols next to a digit ("₹900", "$ 9.99", "49€").
    var prices = 0
    /// A price followed by a billing period ("/Month", "per year", "a month").
    var hasBillingPeriod = false
    /// How many words stand before the line's first colon, when a word touches it
    /// ("Disclaimer:" gives 1, "READ MORE:" gives 2).
    var labelWords: Int?
    /// The line ends with an arrow or chevron, as links and buttons do.
    var endsWithArrow = false
    /// Has a © sign.
    var hasCopyrightSign = false
    var letters = 0
    var upperLetters = 0
    /// One bit per word of the line, chosen by `wordBit`: a phrase whose words' bits are
    /// not all set cannot be in the line, which `contains(phrase:)` asks before comparing.
    private var wordBits: UInt64 = 0

    var wordCount: Int { words.count }

    var stopwordShare: Double { words.isEmpty ? 0 : Double(stopwords) / Double(words.count) }

    /// All letters are capitals ("SEE OPINION").
    var isShouting: Bool { letters >= 2 && upperLetters == letters }

    /// Reads like running prose: a finished sentence of several words with a normal share
    /// of function words. Headings, menus, prices and plan lists are not.
    var isProse: Bool { endsLikeSentence && wordCount >= 6 && stopwordShare >= 0.15 }

    /// The words are only a number and a unit of time ("3 Months", "1 Year").
    var isDuration: Bool {
        guard words.count == 2, let first = words.first?.unicodeScalars.first else { return false }
        return ScalarClass.isDigit(first) && BoilerplateLexicon.durationUnits.contains(words[1])
    }

    /// The bit of a word of `length` UTF-8 bytes that opens with `first`. Phrase words are
    /// ASCII, and an ASCII word is equal only to the same bytes (no other character is
    /// canonically equivalent to a lower-case letter), so equal words share the bit.
    @inline(__always)
    private static func wordBit(first: UInt8, length: Int) -> UInt64 {
        1 << ((UInt64(first) &* 7 &+ UInt64(truncatingIfNeeded: length)) & 63)
    }

    func contains(phrase: [String]) -> Bool {
        guard phrase.count <= words.count, let head = phrase.first else { return false }
        for word in phrase {
            guard let first = word.utf8.first,
                  wordBits & Self.wordBit(first: first, length: word.utf8.count) != 0 else { return false }
        }
        // Most words differ from the head in length, which a String knows without a
        // comparison call: the length test spares one per word on every prose line.
        let headLength = head.utf8.count
        var index = 0
        while index + phrase.count <= words.count {
            if words[index].utf8.count == headLength, words[index] == head,
               words[index..<(index + phrase.count)].elementsEqual(phrase) { return true }
            index += 1
        }
        return false
    }

    init(_ scalars: ArraySlice<Unicode.Scalar>) {
        scanWords(scalars)
        scanMarks(scalars)
        scanEnding(scalars)
    }

    /// Splits the line into lower-cased words and counts function words, reader address
    /// and capitals.
    private mutating func scanWords(_ scalars: ArraySlice<Unicode.Scalar>) {
        // The word's UTF-8 bytes, lower-cased: `word[0..<length]`, in one buffer for the
        // line (no per-byte array bookkeeping), so clearing a word is setting `length` to
        // zero. A word is at most the whole line, and a scalar lower-cases to at most three
        // scalars (Unicode's bound on case mappings) of at most four bytes each.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count * 12 + 1) { word in
            scanWords(scalars, into: word)
        }
    }

    /// `scanWords(_:)` with its word buffer, large enough for any word of the line.
    private mutating func scanWords(_ scalars: ArraySlice<Unicode.Scalar>, into word: UnsafeMutableBufferPointer<UInt8>) {
        var length = 0
        func append(_ byte: UInt8) {
            word[length] = byte
            length += 1
        }
        // About one word per five scalars in prose: most lines never regrow the array.
        words.reserveCapacity(scalars.count / 5 + 1)
        var wordLetters = 0
        var wordUpper = 0

        func finish(_ features: inout LineFeatures) {
            // Runs of separators finish nothing (the counters only move with `word`).
            guard length > 0 else { return }
            // Apostrophes and hyphens that hang off a word's ends are punctuation.
            var end = length
            while end > 0, word[end - 1] == UInt8(ascii: "'") || word[end - 1] == UInt8(ascii: "-") { end -= 1 }
            var start = 0
            while start < end, word[start] == UInt8(ascii: "'") || word[start] == UInt8(ascii: "-") { start += 1 }
            if start < end {
                let slice = UnsafeBufferPointer(rebasing: word[start..<end])
                features.words.append(String(decoding: slice, as: UTF8.self))
                features.wordBits |= Self.wordBit(first: slice[0], length: slice.count)
                if let role = BoilerplateLexicon.functionWordRole(slice) {
                    features.stopwords += 1
                    if role == .readerAddress { features.readerAddressWords += 1 }
                }
                if wordLetters >= 2, wordLetters == wordUpper { features.capitalWords += 1 }
            }
            length = 0
            wordLetters = 0
            wordUpper = 0
        }

        // The line's letter counts stay in locals in the loop (stored once at the end):
        // `self` is written through memory, and this loop runs for every scalar.
        var lineLetters = 0
        var lineUpper = 0
        defer {
            letters += lineLetters
            upperLetters += lineUpper
        }
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII, nearly every scalar: the same decisions as the general path below,
                // on the value alone.
                let lower = value | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    lineLetters += 1
                    wordLetters += 1
                    if value <= 0x5A {
                        lineUpper += 1
                        wordUpper += 1
                    }
                    append(UInt8(lower))
                } else if value >= 0x30 && value <= 0x39 {
                    append(UInt8(value))
                } else if length > 0, value == 0x27 || value == 0x2D {
                    append(UInt8(value))
                } else {
                    let touchesWord = length > 0
                    finish(&self)
                    if value == 0x3A, touchesWord, labelWords == nil { labelWords = words.count }
                }
                continue
            }
            let alphabetic = ScalarClass.isAlphabetic(scalar)
            if alphabetic || ScalarClass.isDigit(scalar) {
                if alphabetic {
                    lineLetters += 1
                    wordLetters += 1
                    if ScalarClass.isUppercase(scalar) {
                        lineUpper += 1
                        wordUpper += 1
                    }
                }
                if scalar.isASCII {
                    let value = UInt8(scalar.value)
                    append(value >= 65 && value <= 90 ? value + 32 : value)
                } else if scalar.properties.isUppercase {
                    for byte in scalar.properties.lowercaseMapping.utf8 { append(byte) }
                } else {
                    for byte in UTF8.encode(scalar)! { append(byte) }
                }
            } else if length > 0, scalar == "'" || scalar == "\u{2019}" || scalar == "-" || scalar == "\u{2010}" {
                append(scalar == "'" || scalar == "\u{2019}" ? UInt8(ascii: "'") : UInt8(ascii: "-"))
            } else {
                let touchesWord = length > 0
                finish(&self)
                if scalar == ":", touchesWord, labelWords == nil { labelWords = words.count }
            }
        }
        finish(&self)
    }

    /// Finds prices, billing periods, placeholders and quotation marks.
    private mutating func scanMarks(_ scalars: ArraySlice<Unicode.Scalar>) {
        let lo = scalars.startIndex, hi = scalars.endIndex
        func isDigit(_ i: Int) -> Bool { i >= lo && i < hi && ScalarClass.isDigit(scalars[i]) }
        func isSpace(_ i: Int) -> Bool { i >= lo && i < hi && ScalarClass.isWhitespace(scalars[i]) }
        var openPlaceholder = false
        var i = lo
        while i < hi {
            let scalar = scalars[i]
            switch scalar {
            case "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{2018}":
                hasQuotation = true
            case "\u{00A9}":
                hasCopyrightSign = true
            case "{":
                if i + 1 < hi, scalars[i + 1] == "{" || scalars[i + 1] == "%" { openPlaceholder = true }
            case "}":
                if openPlaceholder, i > lo, scalars[i - 1] == "}" || scalars[i - 1] == "%" { hasPlaceholder = true }
            default:
                // A currency symbol touching a number, or one space away: "₹900", "$ 9", "49 €".
                if ScalarClass.isCurrency(scalar),
                   isDigit(i + 1) || (isSpace(i + 1) && isDigit(i + 2)) || isDigit(i - 1) || (isSpace(i - 1) && isDigit(i - 2)) {
                    prices += 1
                }
            }
            i += 1
        }
        guard prices > 0 else { return }
        for (index, word) in words.enumerated() where BoilerplateLexicon.billingPeriods.contains(word) && index > 0 {
            let before = words[index - 1]
            if before == "per" || before == "a" || before == "every" || before.unicodeScalars.first.map(ScalarClass.isDigit) == true {
                hasBillingPeriod = true
            }
        }
        // "₹300/Month": a slash straight before a period word.
        if !hasBillingPeriod, scalars.contains("/") {
            hasBillingPeriod = words.contains { BoilerplateLexicon.billingPeriods.contains($0) }
        }
    }

    /// Decides whether the line ends like a sentence or like a link.
    private mutating func scanEnding(_ scalars: ArraySlice<Unicode.Scalar>) {
        var index = scalars.endIndex
        while index > scalars.startIndex, ScalarClass.isWhitespace(scalars[index - 1]) { index -= 1 }
        guard index > scalars.startIndex else { return }
        let last = scalars[index - 1]
        endsWithArrow = last == "\u{2192}" || last == "\u{00BB}" || last == "\u{203A}" || last == ">"
            || last == "\u{25B8}" || last == "\u{25B6}"
        // Closing quotes and brackets may follow the sentence's final mark.
        while index > scalars.startIndex {
            let scalar = scalars[index - 1]
            guard scalar == "\"" || scalar == "'" || scalar == "\u{201D}" || scalar == "\u{2019}" || scalar == ")"
                || scalar == "]" || ScalarClass.isWhitespace(scalar) else { break }
            index -= 1
        }
        guard index > scalars.startIndex else { return }
        let mark = scalars[index - 1]
        endsLikeSentence = mark == "." || mark == "!" || mark == "?" || mark == "\u{2026}"
    }
}
