extension Unicode.Scalar {
    // Unicode property lookups cost a table search per call; news text is mostly ASCII, so the
    // analyzer's hot loops answer ASCII scalars by range and ask the tables only for the rest.

    /// `properties.isAlphabetic`, with an ASCII fast path.
    @inline(__always) var isLetterScalar: Bool {
        let v = value
        if v < 128 { return (v | 0x20) >= 97 && (v | 0x20) <= 122 }
        return properties.isAlphabetic
    }

    /// What a word is made of, for every tokenizer of the pipeline: a letter or an ASCII digit
    /// (`Tokenizer` and the events stage's `WordTokenizer` agree on it).
    @inline(__always) var isWordScalar: Bool {
        let v = value
        if v < 128 { return (v >= 48 && v <= 57) || ((v | 0x20) >= 97 && (v | 0x20) <= 122) }
        return properties.isAlphabetic
    }

    /// `properties.isUppercase`, with an ASCII fast path.
    @inline(__always) var isUppercaseScalar: Bool {
        let v = value
        if v < 128 { return v >= 65 && v <= 90 }
        return properties.isUppercase
    }

    /// `properties.isWhitespace`, with an ASCII fast path.
    @inline(__always) var isWhitespaceScalar: Bool {
        let v = value
        if v < 128 { return v == 32 || (v >= 9 && v <= 13) }
        return properties.isWhitespace
    }
}
