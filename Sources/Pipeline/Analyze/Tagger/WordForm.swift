/// What the tagger's features need to know about one word, hashed once per word.
///
/// Promises: equal words give equal forms, so training and tagging see the same feature ids
/// (typographic quotes and apostrophes count as their ASCII spellings);
/// computing a form allocates nothing for ASCII words (hashes are taken over scalars).
struct WordForm: Sendable {
    /// Letter-case and character-class facts about the word.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32
        static let capitalized = Flags(rawValue: 1 << 0)
        static let allCaps = Flags(rawValue: 1 << 1)
        static let hasDigit = Flags(rawValue: 1 << 2)
        static let numeric = Flags(rawValue: 1 << 3)
        static let hasHyphen = Flags(rawValue: 1 << 4)
        static let hasDot = Flags(rawValue: 1 << 5)
        static let punctuation = Flags(rawValue: 1 << 6)
        static let hasLower = Flags(rawValue: 1 << 7)
        static let initial = Flags(rawValue: 1 << 8)
    }

    var lower: UInt64
    var shape: UInt64
    var shortShape: UInt64
    var prefixes: (UInt64, UInt64, UInt64, UInt64)
    var suffixes: (UInt64, UInt64, UInt64, UInt64)
    var flags: Flags
    /// `GazetteerBits` of the word, filled in by `WordForms`.
    var gazetteer: UInt32 = 0

    @inline(__always) static func step(_ h: UInt64, _ v: UInt32) -> UInt64 { FNV1a.step(h, UInt64(v)) }

    /// The form of a word outside the sentence (before its start or after its end).
    static func boundary(_ marker: UInt32) -> WordForm {
        let h = step(FNV1a.offsetBasis, 0x11_0000 + marker)
        return WordForm(lower: h, shape: h, shortShape: h, prefixes: (h, h, h, h), suffixes: (h, h, h, h),
                        flags: [], gazetteer: 0)
    }

    init(lower: UInt64, shape: UInt64, shortShape: UInt64, prefixes: (UInt64, UInt64, UInt64, UInt64),
         suffixes: (UInt64, UInt64, UInt64, UInt64), flags: Flags, gazetteer: UInt32) {
        self.lower = lower; self.shape = shape; self.shortShape = shortShape
        self.prefixes = prefixes; self.suffixes = suffixes; self.flags = flags; self.gazetteer = gazetteer
    }

    init(_ word: String) { self.init(scalars: word.unicodeScalars) }

    /// The form of the word made of `scalars` (the analyzer passes a slice of the text's
    /// scalars, which reads faster than the string's view).
    init<Scalars: Collection<Unicode.Scalar>>(scalars: Scalars) {
        var lower = FNV1a.offsetBasis, shape = FNV1a.offsetBasis, shortShape = FNV1a.offsetBasis
        var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var last: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)   // the last four lowered scalars, newest first
        var count = 0, letters = 0, uppers = 0, digits = 0, others = 0
        var flags: Flags = []
        var previousClass: UInt32 = 0, run = 0
        for scalar in scalars {
            var v = scalar.value
            // Typographic quotes read as the ASCII ones the training text has ("Trump’s").
            if v >= 0x2018 && v <= 0x201D { v = v <= 0x2019 ? 39 : 34 }
            let cls: UInt32
            if v >= 65 && v <= 90 { cls = 88; v += 32; letters += 1; uppers += 1 }            // X
            else if v >= 97 && v <= 122 { cls = 120; letters += 1; flags.insert(.hasLower) }  // x
            else if v >= 48 && v <= 57 { cls = 100; digits += 1 }                           // d
            else if v < 128 { cls = v; others += 1 }
            else if scalar.properties.isUppercase { cls = 88; letters += 1; uppers += 1 }
            else if scalar.properties.isAlphabetic { cls = 120; letters += 1; flags.insert(.hasLower) }
            else { cls = v; others += 1 }
            if v == 45 { flags.insert(.hasHyphen) }
            if v == 46 { flags.insert(.hasDot) }
            lower = Self.step(lower, v)
            if cls == previousClass { run += 1 } else { run = 1 }
            if run <= 4 { shape = Self.step(shape, cls) }
            if run == 1 { shortShape = Self.step(shortShape, cls) }
            previousClass = cls
            count += 1
            switch count {
            case 1: prefixes.0 = lower
            case 2: prefixes.1 = lower
            case 3: prefixes.2 = lower
            case 4: prefixes.3 = lower
            default: break
            }
            last = (v, last.0, last.1, last.2)
        }
        if count < 4 { prefixes.3 = 0 }
        if count < 3 { prefixes.2 = 0 }
        if count < 2 { prefixes.1 = 0 }
        var s1 = Self.step(FNV1a.offsetBasis, last.0)
        let s2 = count >= 2 ? Self.step(Self.step(FNV1a.offsetBasis, last.1), last.0) : 0
        let s3 = count >= 3 ? Self.step(Self.step(Self.step(FNV1a.offsetBasis, last.2), last.1), last.0) : 0
        let s4 = count >= 4 ? Self.step(Self.step(Self.step(Self.step(FNV1a.offsetBasis, last.3), last.2), last.1), last.0) : 0
        if count == 0 { s1 = 0 }
        if let first = scalars.first, first.isUppercaseScalar { flags.insert(.capitalized) }
        if letters >= 2 && uppers == letters { flags.insert(.allCaps) }
        if digits > 0 { flags.insert(.hasDigit) }
        if digits > 0 && letters == 0 { flags.insert(.numeric) }
        if letters == 0 && digits == 0 { flags.insert(.punctuation) }
        if letters == 1 && uppers == 1 && count <= 2 { flags.insert(.initial) }
        self.init(lower: lower, shape: shape, shortShape: shortShape, prefixes: prefixes,
                  suffixes: (s1, s2, s3, s4), flags: flags, gazetteer: 0)
    }
}

/// Gazetteer facts about a word as bits: single-word tables and membership in longer names.
enum GazetteerBits {
    static let country: UInt32 = 1 << 0
    static let demonym: UInt32 = 1 << 1
    static let capital: UInt32 = 1 << 2
    static let place: UInt32 = 1 << 3
    static let firstName: UInt32 = 1 << 4
    static let organization: UInt32 = 1 << 5
    static let organizationSuffix: UInt32 = 1 << 6
    static let organizationHead: UInt32 = 1 << 7
    static let eventWord: UInt32 = 1 << 8
    static let locationSuffix: UInt32 = 1 << 9
    static let placeNameStart: UInt32 = 1 << 10
    static let placeNameInside: UInt32 = 1 << 11
    static let organizationNameStart: UInt32 = 1 << 12
    static let organizationNameInside: UInt32 = 1 << 13
    /// A known person's name or the last word of one (`data/gazetteer/people.txt`).
    static let knownPerson: UInt32 = 1 << 14
    /// A known organisation's one-word name (`data/gazetteer/known-organizations.txt`).
    static let knownOrganization: UInt32 = 1 << 15
    static let personNameStart: UInt32 = 1 << 16
    static let personNameInside: UInt32 = 1 << 17
    static let knownOrganizationNameStart: UInt32 = 1 << 18
    static let knownOrganizationNameInside: UInt32 = 1 << 19
    /// Feature bits 0..<count; `TaggerFeatures` gives bit k the templates 40+k, 60+k, 80+k,
    /// so count stays at most 20.
    static let count = 20
}
