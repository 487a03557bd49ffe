/// The hashed forms of a sentence's words that the tagger's and parser's features read,
/// computed once per sentence.
///
/// Promises: the same word always hashes the same way (FNV-1a over UTF-8, so across
/// processes); typographic quotes, apostrophes and dashes hash as their ASCII spellings
/// (`plain`); a position outside the sentence gives the padding form.
struct SyntaxWords {
    struct Form {
        var exact: UInt64
        var lower: UInt64
        var shape: UInt64
        var prefixes: (UInt64, UInt64, UInt64)
        var suffixes: (UInt64, UInt64, UInt64, UInt64)
        /// Bits: 1 capitalised, 2 all capitals, 4 has a digit, 8 has a hyphen, 16 has a letter.
        var flags: UInt64
    }

    static let padding = Form(exact: 1, lower: 1, shape: 1, prefixes: (1, 1, 1), suffixes: (1, 1, 1, 1), flags: 0)

    let forms: [Form]
    var count: Int { forms.count }

    init(_ words: [String]) {
        forms = words.map(Self.form)
    }

    @inline(__always) func form(_ i: Int) -> Form {
        i >= 0 && i < forms.count ? forms[i] : Self.padding
    }

    static func hash<S: Sequence<Unicode.Scalar>>(_ scalars: S, seed: UInt64 = FNV1a.offsetBasis) -> UInt64 {
        var h = seed
        for s in scalars {
            // Each scalar's UTF-8 bytes, so the hash equals FNV-1a of the UTF-8 string.
            if s.value < 0x80 { h = FNV1a.step(h, UInt64(s.value)); continue }
            for byte in UTF8.encode(s)! { h = FNV1a.step(h, UInt64(byte)) }
        }
        return h
    }

    static func hash(_ text: String) -> UInt64 { hash(text.unicodeScalars) }

    /// Typographic quotes, apostrophes, dashes and the ellipsis as the training data mostly
    /// writes them (news text is typeset; the treebank is mostly ASCII): `’s` reads as `'s`,
    /// a dash as a hyphen.
    static func plain(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 >= 0x80 }) else { return word }
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars {
            switch s {
            case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": out.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{2033}", "\u{00AB}", "\u{00BB}": out.append("\"")
            case "\u{2013}", "\u{2014}", "\u{2015}": out.append("-")
            case "\u{2026}": out.append(contentsOf: "...".unicodeScalars)
            default: out.append(s)
            }
        }
        return String(out)
    }

    static func form(_ word: String) -> Form {
        if let form = word.utf8.withContiguousStorageIfAvailable(asciiForm), let form { return form }
        return unicodeForm(word)
    }

    /// `unicodeForm` of an ASCII word, from its bytes, without making strings: for ASCII, `plain`
    /// changes nothing, lower-casing is A-Z to a-z, the upper-case scalars are A-Z and the
    /// alphabetic ones A-Z and a-z. Nil when a byte is not ASCII.
    static func asciiForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Form? {
        var flags: UInt64 = 0
        var shape = FNV1a.offsetBasis, exact = FNV1a.offsetBasis, lower = FNV1a.offsetBasis
        var last: UInt64 = 0, run = 0
        var uppers = 0, letters = 0
        for b in bytes {
            guard b < 0x80 else { return nil }
            let c: UInt64
            if b >= 65 && b <= 90 { c = 88; uppers += 1; letters += 1 }
            else if b >= 97 && b <= 122 { c = 120; letters += 1 }
            else if b >= 48 && b <= 57 { c = 100; flags |= 4 }
            else { c = UInt64(b); if b == 45 { flags |= 8 } }
            exact = FNV1a.step(exact, UInt64(b))
            lower = FNV1a.step(lower, UInt64(Self.lowered(b)))
            if c == last { run += 1; if run > 1 { continue } } else { run = 0; last = c }
            shape = FNV1a.step(shape, c)
        }
        if let first = bytes.first, first >= 65 && first <= 90 { flags |= 1 }
        if uppers >= 2 && uppers == letters { flags |= 2 }
        if letters > 0 { flags |= 16 }
        let n = bytes.count
        func hash(_ range: Range<Int>, seed: UInt64) -> UInt64 {
            var h = seed
            for k in range { h = FNV1a.step(h, UInt64(Self.lowered(bytes[k]))) }
            return h
        }
        func prefix(_ k: Int) -> UInt64 { n >= k ? hash(0..<k, seed: 0x1000 + UInt64(k)) : 0 }
        func suffix(_ k: Int) -> UInt64 { n >= k ? hash((n - k)..<n, seed: 0x2000 + UInt64(k)) : 0 }
        return Form(exact: exact, lower: lower, shape: shape,
                    prefixes: (prefix(1), prefix(2), prefix(3)),
                    suffixes: (suffix(1), suffix(2), suffix(3), suffix(4)), flags: flags)
    }

    @inline(__always) private static func lowered(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// A word's form from its Unicode scalars: what `form` computes for every word.
    static func unicodeForm(_ word: String) -> Form {
        let word = plain(word)
        let lowered = word.lowercased()
        let scalars = Array(lowered.unicodeScalars)
        var flags: UInt64 = 0
        var shape = FNV1a.offsetBasis
        var last: UInt64 = 0, run = 0
        var uppers = 0, letters = 0
        for s in word.unicodeScalars {
            let c: UInt64
            if s.properties.isUppercase { c = 88; uppers += 1; letters += 1 }
            else if s.properties.isAlphabetic { c = 120; letters += 1 }
            else if s.value >= 48 && s.value <= 57 { c = 100; flags |= 4 }
            else { c = UInt64(s.value & 0xffff); if s == "-" { flags |= 8 } }
            if c == last { run += 1; if run > 1 { continue } } else { run = 0; last = c }
            shape = FNV1a.step(shape, c)
        }
        if let first = word.unicodeScalars.first, first.properties.isUppercase { flags |= 1 }
        if uppers >= 2 && uppers == letters { flags |= 2 }
        if letters > 0 { flags |= 16 }
        func prefix(_ k: Int) -> UInt64 { scalars.count >= k ? hash(scalars[0..<k], seed: 0x1000 + UInt64(k)) : 0 }
        func suffix(_ k: Int) -> UInt64 { scalars.count >= k ? hash(scalars[(scalars.count - k)...], seed: 0x2000 + UInt64(k)) : 0 }
        return Form(exact: hash(word), lower: hash(lowered), shape: shape,
                    prefixes: (prefix(1), prefix(2), prefix(3)),
                    suffixes: (suffix(1), suffix(2), suffix(3), suffix(4)), flags: flags)
    }
}

/// Maps (template, value) pairs to weight buckets.
///
/// Promises: a pair always gives the same bucket, in `0..<(1 << bucketBits)`.
struct SyntaxFeatureHasher: Sendable {
    let bucketBits: Int
    private let mask: UInt64

    init(bucketBits: Int) {
        self.bucketBits = bucketBits
        mask = UInt64((1 << bucketBits) - 1)
    }

    @inline(__always) func bucket(_ template: UInt64, _ value: UInt64) -> Int {
        var z = (template &* 0x9e37_79b9_7f4a_7c15) ^ value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int(truncatingIfNeeded: z & mask)
    }

    @inline(__always) func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x100_0000_01b3) ^ (b &+ 0x9e37_79b9)
    }
}
