/// A word or punctuation mark of the clean text, with its Unicode-scalar span.
struct WordToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case word
        case punctuation
    }

    var start: Int
    var end: Int
    /// Lower-cased, with ’ folded to ', so lexicon lookups need one form.
    var folded: String
    var kind: Kind
    /// The first scalar is an upper-case letter (names, titles).
    var isCapitalized: Bool
    /// The closed classes `folded` belongs to, looked up once here.
    var classes: WordClass
    /// `WordFilter.slot(of: folded)`, so each filter in front of a word table asks cheaply.
    var slot: UInt16
    /// `folded`'s UTF-8 packed as `PackedWordTable` packs it when `folded` is ASCII of
    /// 1...8 bytes, else 0: a short word is looked up in such a table without reading the
    /// `String`.
    var packed: UInt64

    /// The length in bytes of the word `packed` holds (0 when it holds none): its bytes
    /// are never zero, so the highest non-zero byte is its last.
    var packedLength: Int { (64 - packed.leadingZeroBitCount + 7) / 8 }

    init(start: Int, end: Int, folded: String, kind: Kind, isCapitalized: Bool) {
        self.start = start
        self.end = end
        self.folded = folded
        self.kind = kind
        self.isCapitalized = isCapitalized
        slot = WordFilter.slot(of: folded)
        classes = WordClass(folded: folded, slot: slot)
        packed = Self.packed(folded)
    }

    /// `word`'s bytes packed as `PackedWordTable` packs them when it is ASCII of 1...8
    /// bytes, else 0 (what the tokenizer's fold hands the other `init`).
    private static func packed(_ word: String) -> UInt64 {
        guard (1...8).contains(word.utf8.count) else { return 0 }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for byte in word.utf8 {
            guard byte != 0, byte < 0x80 else { return 0 }
            key |= UInt64(byte) << shift
            shift += 8
        }
        return key
    }

    /// The same token, from `folded`'s UTF-8 packed little-endian into `packed` (an ASCII
    /// word of `length` 1...8 bytes), which the tokenizer has at hand: no String is read.
    init(start: Int, end: Int, folded: String, kind: Kind, isCapitalized: Bool, packed: UInt64, length: Int) {
        self.start = start
        self.end = end
        self.folded = folded
        self.kind = kind
        self.isCapitalized = isCapitalized
        slot = WordFilter.slot(first: UInt8(truncatingIfNeeded: packed), second: UInt8(truncatingIfNeeded: packed >> 8),
                               length: length)
        classes = WordClass(packed: packed, length: length)
        self.packed = packed
    }

    /// A token of `folded`, taking the packed path when the fold gave one.
    fileprivate init(start: Int, end: Int, _ folded: WordTokenizer.Folded, kind: Kind, isCapitalized: Bool) {
        if let packed = folded.packed {
            self.init(start: start, end: end, folded: folded.text, kind: kind, isCapitalized: isCapitalized,
                      packed: packed, length: folded.length)
        } else {
            self.init(start: start, end: end, folded: folded.text, kind: kind, isCapitalized: isCapitalized)
        }
    }

    var isWord: Bool { kind == .word }
}

/// Splits text into `WordToken`s in one pass over its scalars.
///
/// Words are runs of letters and digits; a hyphen or full stop between two letters stays
/// inside the word ("face-to-face", "U.S"); an apostrophe between letters stays inside
/// too ("we've") except for the possessive "'s" and "n't", which become their own tokens.
/// Every other non-space scalar is a one-scalar token.
///
/// Why a second tokenizer beside the analyzer's `Tokenizer`: they agree on what a word is
/// made of (`Unicode.Scalar.isWordScalar`), but the events stage reads "n't" apart — the
/// negation a `PolarityReader` looks for, and "didn't sign" as the auxiliary "did" before
/// the verb that `VerbContext` and the trigger rules see — and one token per punctuation
/// mark, where the analyzer keeps "don't" whole as CoNLL-2003 and the tagger's training
/// data do. `ClauseArguments.words` joins "n't" back for the parser, which was trained on
/// the analyzer's words. It also folds and classifies each word once (`WordClass`, the
/// lexicon's word filter slot), in the same pass.
enum WordTokenizer {
    static func tokens(of scalars: [Unicode.Scalar]) -> [WordToken] {
        var out: [WordToken] = []
        out.reserveCapacity(scalars.count / 5)
        let n = scalars.count
        var i = 0
        while i < n {
            let c = scalars[i]
            if isSpace(c) { i += 1; continue }
            guard c.isWordScalar else {
                out.append(WordToken(start: i, end: i + 1, fold(scalars[i..<(i + 1)]),
                                     kind: .punctuation, isCapitalized: false))
                i += 1
                continue
            }
            var j = i + 1
            while j < n {
                let s = scalars[j]
                if s.isWordScalar { j += 1; continue }
                let joinsLetters = j + 1 < n && scalars[j + 1].isWordScalar && scalars[j - 1].isWordScalar
                if joinsLetters && (s == "-" || s == ".") { j += 1; continue }
                if joinsLetters && isApostrophe(s) {
                    // "'s" + non-letter is a possessive; "n't" a negation: both end the word here.
                    let next = scalars[j + 1]
                    let afterNext = j + 2 < n ? scalars[j + 2] : " "
                    if (next == "s" || next == "S") && !afterNext.isWordScalar { break }
                    if (next == "t" || next == "T") && !afterNext.isWordScalar
                        && (scalars[j - 1] == "n" || scalars[j - 1] == "N") {
                        j -= 1  // the n goes with "n't"
                        break
                    }
                    j += 1
                    continue
                }
                break
            }
            if j <= i { j = i + 1 }  // "n't" directly at the start: keep at least one scalar
            out.append(WordToken(start: i, end: j, fold(scalars[i..<j]), kind: .word,
                                 isCapitalized: ScalarClass.isUppercase(c)))
            i = j
            // A split-off "'s" or "n't".
            if let length = cliticLength(scalars, at: i) {
                out.append(WordToken(start: i, end: i + length, fold(scalars[i..<(i + length)]),
                                     kind: .word, isCapitalized: false))
                i += length
            }
        }
        return out
    }

    /// The length of a possessive "'s" (3 with "n't") starting at `i`, if one does.
    private static func cliticLength(_ scalars: [Unicode.Scalar], at i: Int) -> Int? {
        let n = scalars.count
        func endsAt(_ k: Int) -> Bool { k >= n || !scalars[k].isWordScalar }
        if i + 1 < n, isApostrophe(scalars[i]), scalars[i + 1] == "s" || scalars[i + 1] == "S", endsAt(i + 2) {
            return 2
        }
        if i + 2 < n, scalars[i] == "n" || scalars[i] == "N", isApostrophe(scalars[i + 1]),
           scalars[i + 2] == "t" || scalars[i + 2] == "T", endsAt(i + 3) {
            return 3
        }
        return nil
    }

    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        // The property lookup is the slow path; ASCII white space is decided by value
        // (the same set `isWhitespace` gives, and U+00A0 is white space to it as well).
        ScalarClass.isWhitespace(c)
    }

    static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "\u{2019}"
    }

    /// A folded word, with its bytes packed when it is ASCII of at most eight bytes.
    fileprivate struct Folded {
        var text: String
        var packed: UInt64?
        var length: Int
    }

    private static func fold(_ slice: ArraySlice<Unicode.Scalar>) -> Folded {
        // Fast path: an ASCII word of up to 15 bytes becomes a small (inline, unallocated)
        // String straight from its bytes, which is almost every word of English news.
        if slice.count <= 15 {
            var bytes: (UInt64, UInt64) = (0, 0)
            var ascii = true
            let length = withUnsafeMutableBytes(of: &bytes) { buffer -> Int in
                var n = 0
                for c in slice {
                    var v = c.value
                    if v == 0x2019 { v = 0x27 }
                    guard v < 0x80 else { ascii = false; return 0 }
                    if v >= 0x41 && v <= 0x5A { v += 32 }
                    buffer[n] = UInt8(v)
                    n += 1
                }
                return n
            }
            if ascii {
                // A typed buffer takes String's contiguous fast path (a raw slice does not).
                let text = withUnsafeBytes(of: &bytes) { raw in
                    String(decoding: raw.bindMemory(to: UInt8.self).prefix(length), as: UTF8.self)
                }
                // The first eight bytes, in text order from the lowest bits (the packing of
                // `PackedWordTable`), whatever the machine's byte order.
                let packed = length >= 1 && length <= 8 ? UInt64(littleEndian: bytes.0) : nil
                return Folded(text: text, packed: packed, length: length)
            }
        }
        var view = String.UnicodeScalarView()
        for c in slice {
            if c == "\u{2019}" { view.append("'") }
            else if c.value >= 0x41 && c.value <= 0x5A { view.append(Unicode.Scalar(c.value + 32)!) }
            else if c.value < 0x80 { view.append(c) }
            else {
                for l in c.properties.lowercaseMapping.unicodeScalars { view.append(l) }
            }
        }
        return Folded(text: String(view), packed: nil, length: 0)
    }
}
