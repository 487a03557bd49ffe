/// Identifies the language of a text from its characters: the script first (kana is
/// Japanese, Hangul Korean, Han without kana Chinese), then, for the rest, a naive Bayes
/// score of the text's character 1- to 3-grams against per-language profiles.
///
/// The profiles (`data/language/profiles.tsv`, 51 languages) are derived from the n-gram
/// counts of PyPI `langdetect` by `scripts/generate-language-profiles`. Results are BCP 47
/// primary subtags ("de", "pt"), or "zh" for Chinese. A text with too few letters to judge
/// gives `nil`.
public struct LanguageIdentifier: Sendable {
    /// One language's cost for one n-gram (-10 ln p, as the data file writes it).
    struct Entry: Sendable {
        var language: UInt8
        /// The n-gram's cost for the language minus the language's floor for n-grams of its
        /// length: what listing the n-gram changes (the floor is added per n-gram counted).
        var delta: Int32
    }

    let languages: [String]
    /// Cost of an n-gram a language does not list, per language, for n = 1, 2, 3.
    let floors: [[Int32]]
    /// Each listed n-gram, by `key(of:)`, to its range in `entries`. Integer keys, not
    /// strings: the lookup runs three times per letter of every document, and hashing a
    /// String there cost more than the rest of decoding (measured: 44% of `gleaner extract`'s
    /// CPU before, on the seeds).
    let grams: GramIndex
    let entries: [Entry]

    /// An n-gram's scalars (n <= 3) packed 21 bits each, shifted by one so that grams of
    /// different lengths never share a key.
    @inline(__always) static func key<C: Collection>(of scalars: C) -> UInt64 where C.Element == Unicode.Scalar {
        var key: UInt64 = 0
        for scalar in scalars { key = key << 21 | UInt64(scalar.value + 1) }
        return key
    }

    /// The identifier built from the embedded profiles.
    public static let shared = LanguageIdentifier(profiles: EmbeddedData.text(named: "data/language/profiles.tsv") ?? "")

    /// Fewer letters than this give no answer.
    public static let minimumLetters = 20
    /// Only this many letters of a long text are read: enough for any language.
    static let sampleLetters = 400

    /// Parses the data file's format (see the generator's documentation).
    init(profiles: String) {
        var languages: [String] = []
        var index: [String: UInt8] = [:]
        var floors: [[Int32]] = []
        var grams: [UInt64: Range<Int32>] = [:]
        var flat: [Entry] = []
        for cols in TabSeparatedRows(profiles, comments: false) where cols.count == 2 {
            if cols[0] == "#floor" {
                for item in cols[1].dataParts(separatedBy: " ") {
                    let parts = item.dataParts(separatedBy: ":")
                    guard parts.count == 2 else { continue }
                    index[parts[0]] = UInt8(languages.count)
                    languages.append(parts[0])
                    floors.append(parts[1].dataParts(separatedBy: ",").map { Int32($0) ?? 100 })
                }
                continue
            }
            if cols[0].utf8.first == UInt8(ascii: "#") { continue }
            let gram = cols[0].unicodeScalars
            let n = gram.count
            guard (1...3).contains(n) else { continue }
            let first = Int32(flat.count)
            for item in cols[1].dataParts(separatedBy: " ") {
                let parts = item.dataParts(separatedBy: ":")
                guard parts.count == 2, let lang = index[parts[0]], let cost = Int32(parts[1]),
                      floors[Int(lang)].count == 3 else { continue }
                flat.append(Entry(language: lang, delta: cost - floors[Int(lang)][n - 1]))
            }
            grams[Self.key(of: gram)] = first..<Int32(flat.count)
        }
        self.languages = languages
        self.floors = floors
        self.grams = GramIndex(grams)
        self.entries = flat
    }

    /// The language of `text`, or `nil` when it has too few letters.
    public func identify(_ text: String) -> String? {
        identify(text.unicodeScalars)
    }

    public func identify<S: Sequence>(_ scalars: S) -> String? where S.Element == Unicode.Scalar {
        // Letters, lower-cased, with one space standing for any run of non-letters.
        var sample: [Unicode.Scalar] = [" "]
        var letters = 0, kana = 0, hangul = 0, han = 0
        for scalar in scalars {
            let v = scalar.value
            if v < 0x80 {
                let lower = v | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    sample.append(Unicode.Scalar(UInt8(lower)))
                    letters += 1
                } else if sample.last != " " {
                    sample.append(" ")
                }
            } else if scalar.properties.isAlphabetic {
                if (0x3040...0x30FF).contains(v) { kana += 1 }
                else if (0xAC00...0xD7AF).contains(v) || (0x1100...0x11FF).contains(v) { hangul += 1 }
                else if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) { han += 1 }
                if scalar.properties.isUppercase, let lower = scalar.properties.lowercaseMapping.unicodeScalars.first {
                    sample.append(lower)
                } else {
                    sample.append(scalar)
                }
                letters += 1
            } else if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .spacingMark {
                // Vowel signs of Indic scripts belong to their word.
                sample.append(scalar)
            } else if sample.last != " " {
                sample.append(" ")
            }
            if letters >= Self.sampleLetters { break }
        }
        guard letters >= Self.minimumLetters else { return nil }
        if kana * 10 >= letters { return "ja" }
        if hangul * 10 >= letters * 3 { return "ko" }
        if han * 10 >= letters * 3 { return "zh" }
        if sample.last != " " { sample.append(" ") }
        return languages.isEmpty ? nil : best(sample)
    }

    /// The profile language with the lowest total cost for the sample's n-grams.
    private func best(_ sample: [Unicode.Scalar]) -> String {
        // Every language starts from the floor cost of every n-gram; a listed n-gram
        // replaces its floor with its own cost.
        var counts: [Int32] = [0, 0, 0]
        var totals = [Int32](repeating: 0, count: languages.count)
        // The grams ending at each scalar, keyed as `key(of:)` keys them, without slicing
        // the sample: a gram is letters, or letters touching one word boundary at an end.
        let space = Unicode.Scalar(" ")
        var previous = sample[0]
        var previousKey = UInt64(previous.value + 1)
        var pairKey: UInt64 = 0
        for end in 1..<sample.count {
            let scalar = sample[end]
            let key = UInt64(scalar.value + 1)
            // n = 1: a letter.
            if scalar != space {
                counts[0] += 1
                add(key, to: &totals)
            }
            // n = 2: not two spaces.
            if !(previous == space && scalar == space) {
                counts[1] += 1
                add(previousKey << 21 | key, to: &totals)
            }
            // n = 3: its middle scalar (the previous one) is no space.
            if end >= 2, previous != space {
                counts[2] += 1
                add(pairKey << 21 | key, to: &totals)
            }
            pairKey = previousKey << 21 | key
            previous = scalar
            previousKey = key
        }
        var bestIndex = 0
        var bestCost = Int64.max
        for index in languages.indices {
            var cost = Int64(totals[index])
            for n in 0..<3 { cost += Int64(counts[n]) * Int64(floors[index][n]) }
            if cost < bestCost {
                bestCost = cost
                bestIndex = index
            }
        }
        return languages[bestIndex]
    }

    /// Adds what a listed gram changes to each language's total; an unlisted gram adds nothing.
    @inline(__always) private func add(_ key: UInt64, to totals: inout [Int32]) {
        guard let range = grams.range(of: key) else { return }
        for position in range {
            let entry = entries[Int(position)]
            totals[Int(entry.language)] += entry.delta
        }
    }
}
