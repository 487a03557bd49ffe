/// The `WordForm`s of one sentence, with gazetteer bits, padded by two boundary forms on each side
/// so features can look two words left and right without bounds checks.
///
/// Promises: `form(i)` is valid for `-2..<count + 2`; `headline` is true when every word with
/// letters is in capitals (datelines, headlines), where case says little.
struct SentenceForms: Sendable {
    private(set) var padded: [WordForm]
    let count: Int
    let headline: Bool

    static let before2 = WordForm.boundary(1), before1 = WordForm.boundary(2)
    static let after1 = WordForm.boundary(3), after2 = WordForm.boundary(4)

    init(words: [String], gazetteer: Gazetteer) {
        count = words.count
        var padded: [WordForm] = []
        padded.reserveCapacity(words.count + 4)
        padded.append(Self.before2)
        padded.append(Self.before1)
        var lettered = 0, caps = 0
        var startsLongerName: [Bool] = []
        startsLongerName.reserveCapacity(words.count)
        for word in words {
            var form = WordForm(word)
            if !form.flags.contains(.punctuation) && !form.flags.contains(.numeric) {
                lettered += 1
                if form.flags.contains(.allCaps) || (form.flags.contains(.capitalized) && word.unicodeScalars.count == 1) { caps += 1 }
            }
            let own = gazetteer.wordBitsTable[word] ?? 0
            startsLongerName.append(own & Gazetteer.startsLongerName != 0)
            if form.flags.contains(.capitalized) {
                form.gazetteer = Self.singleWordBits(word, own: own, allCaps: form.flags.contains(.allCaps), gazetteer: gazetteer)
            } else if own & (GazetteerBits.organizationHead | GazetteerBits.organizationSuffix) != 0 {
                form.gazetteer = GazetteerBits.organizationSuffix
            }
            padded.append(form)
        }
        padded.append(Self.after1)
        padded.append(Self.after2)
        headline = lettered >= 2 && caps == lettered
        self.padded = padded
        markLongerNames(words, startsLongerName: startsLongerName, gazetteer: gazetteer)
    }

    @inline(__always) func form(_ i: Int) -> WordForm { padded[i + 2] }

    /// The single-word table bits of a capitalised word whose own `wordBits` are `own`. An
    /// all-caps word longer than three letters is looked up in title case ("CHINA" as
    /// "China"), except among organisations, which are matched as written.
    private static func singleWordBits(_ word: String, own: UInt32, allCaps: Bool, gazetteer: Gazetteer) -> UInt32 {
        let features = ~Gazetteer.startsLongerName
        guard allCaps && word.unicodeScalars.count > 3 else { return own & features }
        let key = titleCased(word)
        let keyed = key == word ? own : (gazetteer.wordBitsTable[key] ?? 0)
        return (keyed & features & ~GazetteerBits.organization) | (own & GazetteerBits.organization)
    }

    static func titleCased(_ word: String) -> String {
        guard let first = word.unicodeScalars.first else { return word }
        var view = String.UnicodeScalarView()
        view.append(first)
        view.append(contentsOf: word.unicodeScalars.dropFirst().lazy.map { s in
            s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s
        })
        return String(view)
    }

    /// Marks words inside multi-word gazetteer places and organisations, longest match first.
    private mutating func markLongerNames(_ words: [String], startsLongerName: [Bool], gazetteer: Gazetteer) {
        let longest = min(gazetteer.longestName, 4)
        guard longest >= 2 else { return }
        var i = 0
        while i < count {
            // Only a word that opens some longer name can start a match.
            guard padded[i + 2].flags.contains(.capitalized), startsLongerName[i] else { i += 1; continue }
            var matched = 0
            var isPlace = false
            var key = words[i]
            var length = 1
            var candidates: [(Int, Bool)] = []
            while length < longest && i + length < count {
                let next = words[i + length]
                let form = padded[i + length + 2]
                guard form.flags.contains(.capitalized) || next == "of" || next == "and" || next == "the" else { break }
                key += " " + next
                length += 1
                if !form.flags.contains(.capitalized) { continue }
                // Every places key has a place-kind bit; organisations have theirs.
                let bits = gazetteer.wordBitsTable[key] ?? 0
                if bits & (GazetteerBits.country | GazetteerBits.demonym | GazetteerBits.capital | GazetteerBits.place) != 0 {
                    candidates.append((length, true))
                } else if bits & GazetteerBits.organization != 0 { candidates.append((length, false)) }
            }
            if let best = candidates.last { matched = best.0; isPlace = best.1 }
            guard matched >= 2 else { i += 1; continue }
            for k in i..<(i + matched) {
                let bit = isPlace
                    ? (k == i ? GazetteerBits.placeNameStart : GazetteerBits.placeNameInside)
                    : (k == i ? GazetteerBits.organizationNameStart : GazetteerBits.organizationNameInside)
                padded[k + 2].gazetteer |= bit
            }
            i += matched
        }
    }
}
