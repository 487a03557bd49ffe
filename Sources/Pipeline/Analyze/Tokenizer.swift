/// Splits news English into tokens on Unicode scalars.
///
/// Promises: tokens are in text order, never overlap, and `text` is exactly the scalars
/// `start..<end`; whitespace (including NBSP) is never part of a token. Possessive endings,
/// currency signs and percent signs are tokens of their own; dotted abbreviations ("U.S.",
/// "Mr.", "Jan.") keep their points.
package struct Tokenizer: Sendable {
    package init() {}

    /// Words that keep a following point as part of the token: titles and month abbreviations.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "inc", "corp", "co", "ltd", "no", "vs", "etc", "mt", "ft",
    ]

    /// The most scalars in any of `abbreviations`. Lower-casing never shortens a word by
    /// scalars (it maps each scalar to one or more), so a longer word cannot be one.
    static let longestAbbreviation = abbreviations.map(\.unicodeScalars.count).max() ?? 0

    static let currencySigns: Set<Unicode.Scalar> = ["$", "€", "£", "¥", "₹", "₩", "₽"]
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}"]

    package func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var i = 0
        let n = scalars.count
        var lineBreak = false
        var glued = false

        func emit(_ kind: Token.Kind, _ start: Int, _ end: Int) {
            let text = Self.string(scalars, start, end)
            tokens.append(Token(kind: kind, start: start, end: end, text: text, scalars: scalars[start..<end],
                                lineBreakBefore: lineBreak, gluedToPrevious: glued && !tokens.isEmpty))
            lineBreak = false
            glued = true
        }

        while i < n {
            let c = scalars[i]
            if c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" {
                lineBreak = true; glued = false; i += 1; continue
            }
            if c.isWhitespaceScalar { glued = false; i += 1; continue }

            if c.isLetterScalar {
                var j = i + 1
                while j < n {
                    let d = scalars[j]
                    if d.isLetterScalar || isDigit(d) || (d.value >= 128 && d.properties.generalCategory == .nonspacingMark) {
                        j += 1
                    } else if (d == "-" || d == "\u{2011}") && j + 1 < n && scalars[j + 1].isWordScalar {
                        j += 1
                    } else if isApostrophe(d) && j + 1 < n && scalars[j + 1].isLetterScalar
                                && !isPossessive(scalars, at: j) {
                        j += 1
                    } else if d == "." && j + 1 < n && scalars[j + 1].isLetterScalar
                                && j + 2 <= n && isDottedAbbreviation(scalars, from: i, dot: j) {
                        j += 1
                    } else {
                        break
                    }
                }
                // Letters glued to a currency sign: "US$", "S$", "HK$".
                if j < n, scalars[j] == "$", j - i <= 3, scalars[i..<j].allSatisfy({ $0.isUppercaseScalar }) {
                    emit(.currency, i, j + 1); i = j + 1; continue
                }
                // Keep the point of an abbreviation or an initial ("U.S.", "Mr.", "J.").
                if j < n, scalars[j] == "." {
                    let dotted = scalars[i..<j].contains(".")
                    let initial = j - i == 1 && scalars[i].isUppercaseScalar
                    // The word is spelled out only when it could be an abbreviation (none is
                    // longer than `longestAbbreviation` scalars).
                    if dotted || initial
                        || (j - i <= Self.longestAbbreviation && Self.abbreviations.contains(Self.string(scalars, i, j).lowercased())) {
                        j += 1
                    }
                }
                emit(.word, i, j); i = j; continue
            }

            if isDigit(c) {
                var j = i + 1
                while j < n {
                    let d = scalars[j]
                    if isDigit(d) { j += 1 }
                    else if (d == "," || d == ".") && j + 1 < n && isDigit(scalars[j + 1]) { j += 1 }
                    else { break }
                }
                // A number joined to a word by a hyphen ("G-20" is handled as a word; "20-year" here).
                if j + 1 < n, scalars[j] == "-", scalars[j + 1].isLetterScalar {
                    var k = j + 1
                    while k < n, scalars[k].isWordScalar || (scalars[k] == "-" && k + 1 < n && scalars[k + 1].isWordScalar) { k += 1 }
                    emit(.word, i, k); i = k; continue
                }
                emit(.number, i, j); i = j; continue
            }

            if isApostrophe(c) && isPossessive(scalars, at: i) {
                emit(.possessive, i, i + 2); i += 2; continue
            }
            if c.value >= 0x24 && (c == "$" || (c.value >= 0xA3 && Self.currencySigns.contains(c))) { emit(.currency, i, i + 1); i += 1; continue }
            if c == "%" { emit(.percent, i, i + 1); i += 1; continue }
            emit(.punctuation, i, i + 1); i += 1
        }
        return tokens
    }

    /// `Array(text.unicodeScalars)`, decoded from the string's UTF-8 in one pass: ASCII bytes
    /// are scalars as they are, and a Swift string's own storage is always valid UTF-8.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
                var i = 0, k = 0
                let n = bytes.count
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 {
                        out[k] = Unicode.Scalar(b); k += 1; i += 1
                        continue
                    }
                    let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
                    var v = UInt32(b) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                    for j in 1..<length { v = v << 6 | UInt32(bytes[i + j] & 0x3F) }
                    out[k] = Unicode.Scalar(v) ?? "\u{FFFD}"; k += 1
                    i += length
                }
                count = k
            }
        }
    }

    /// The scalars as a String, encoded straight into the string's buffer (small words stay inline).
    static func string(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        // The exact UTF-8 length: a capacity of at most 15 bytes builds an inline string,
        // where a generous one would allocate storage first.
        var length = 0
        for index in start..<end {
            let v = scalars[index].value
            length += v < 0x80 ? 1 : (v < 0x800 ? 2 : (v < 0x1_0000 ? 3 : 4))
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var k = 0
            for index in start..<end {
                let scalar = scalars[index]
                if scalar.value < 0x80 {
                    buffer[k] = UInt8(truncatingIfNeeded: scalar.value); k += 1
                } else {
                    for byte in UTF8.encode(scalar)! { buffer[k] = byte; k += 1 }
                }
            }
            return k
        }
    }

    private func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Member of `apostrophes`, compared directly: the set would hash every scalar of a word.
    @inline(__always) private func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" }


    /// An apostrophe after a word, followed by "s" and then no letter: "China’s", "Beijing's".
    private func isPossessive(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i > 0, scalars[i - 1].isLetterScalar, i + 1 < scalars.count,
              scalars[i + 1] == "s" || scalars[i + 1] == "S" else { return false }
        return i + 2 >= scalars.count || !scalars[i + 2].isLetterScalar
    }

    /// "U.S", "U.K.", "D.C.": single letters separated by points.
    private func isDottedAbbreviation(_ scalars: [Unicode.Scalar], from start: Int, dot: Int) -> Bool {
        guard dot - start == 1 || (dot >= 2 && scalars[dot - 2] == ".") else { return false }
        let next = dot + 1
        return next < scalars.count && scalars[next].isLetterScalar
            && (next + 1 >= scalars.count || !scalars[next + 1].isLetterScalar)
    }
}
