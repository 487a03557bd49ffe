/// The `WordForm`s of one sentence, with gazetteer bits, padded by two boundary forms on each side
/// so features can look two words left and right without bounds checks.
///
/// Promises: `form(i)` is valid for `-2..<count + 2`; `headline` is true when every word with
/// letters is in capitals (datelines, headlines), where case says little.
package struct SentenceForms: Sendable {
    private(set) var padded: [WordForm]
    package let count: Int
    let headline: Bool

    static let before2 = WordForm.boundary(1), before1 = WordForm.boundary(2)
    static let after1 = WordForm.boundary(3), after2 = WordForm.boundary(4)

    package init(words: [String], gazetteer: Gazetteer) {
        let wordBits = gazetteer.wordBitsTable
        self.init(facts: words.map { WordFacts($0, wordBits: wordBits) }, word: { words[$0] },
                  wordBits: wordBits, longestName: gazetteer.longestName)
    }

    /// The forms of a sentence whose words' `facts` are known; `word(i)` is word `i`'s text,
    /// read only where a longer gazetteer name may start.
    /// `wordBits` and `longestName` are the gazetteer's, passed alone so it is never copied.
    init<Facts: Collection<WordFacts>>(facts: Facts, word: (Int) -> String, wordBits: WordTable<UInt32>, longestName: Int) {
        count = facts.count
        var padded: [WordForm] = []
        padded.reserveCapacity(count + 4)
        padded.append(Self.before2)
        padded.append(Self.before1)
        var lettered = 0, caps = 0
        var startsLongerName: [Bool] = []
        startsLongerName.reserveCapacity(count)
        for fact in facts {
            if fact.lettered { lettered += 1 }
            if fact.headlineCase { caps += 1 }
            startsLongerName.append(fact.startsLongerName)
            padded.append(fact.form)
        }
        padded.append(Self.after1)
        padded.append(Self.after2)
        headline = lettered >= 2 && caps == lettered
        self.padded = padded
        markLongerNames(word, startsLongerName: startsLongerName, wordBits: wordBits, longestName: longestName)
    }

    @inline(__always) func form(_ i: Int) -> WordForm { padded[i + 2] }

    static func titleCased(_ word: String) -> String {
        guard let first = word.unicodeScalars.first else { return word }
        var view = String.UnicodeScalarView()
        view.append(first)
        view.append(contentsOf: word.unicodeScalars.dropFirst().lazy.map { s in
            s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s
        })
        return String(view)
    }

    /// What kind of multi-word gazetteer name a run of words is, in order of preference
    /// when one key is in several tables.
    private enum LongerName { case place, organization, knownOrganization, person }

    /// Marks words inside multi-word gazetteer places, organisations and known people and
    /// organisations, longest match first.
    private mutating func markLongerNames(_ word: (Int) -> String, startsLongerName: [Bool], wordBits: WordTable<UInt32>,
                                          longestName: Int) {
        let longest = min(longestName, 4)
        guard longest >= 2 else { return }
        var i = 0
        while i < count {
            // Only a word that opens some longer name can start a match.
            guard padded[i + 2].flags.contains(.capitalized), startsLongerName[i] else { i += 1; continue }
            var key = word(i)
            // A run of all-caps words is also looked up in title case ("NEW YORK" as "New York").
            var titledKey: String? = padded[i + 2].flags.contains(.allCaps) ? Self.titleCased(key) : nil
            var length = 1
            var best: (length: Int, kind: LongerName)? = nil
            while length < longest && i + length < count {
                let next = word(i + length)
                let form = padded[i + length + 2]
                guard form.flags.contains(.capitalized) || next == "of" || next == "and" || next == "the" else { break }
                key += " " + next
                length += 1
                if titledKey != nil {
                    if form.flags.contains(.allCaps) {
                        let lower = next.lowercased()
                        titledKey! += " " + (lower == "of" || lower == "and" || lower == "the" ? lower : Self.titleCased(next))
                    }
                    else if form.flags.contains(.capitalized) { titledKey = nil } else { titledKey! += " " + next }
                }
                if !form.flags.contains(.capitalized) { continue }
                // Every places key has a place-kind bit; organisations and people have theirs.
                let bits = wordBits[key] ?? titledKey.flatMap { wordBits[$0] } ?? 0
                if bits & (GazetteerBits.country | GazetteerBits.demonym | GazetteerBits.capital | GazetteerBits.place) != 0 {
                    best = (length, .place)
                } else if bits & GazetteerBits.organization != 0 {
                    best = (length, .organization)
                } else if bits & GazetteerBits.knownOrganization != 0 {
                    best = (length, .knownOrganization)
                } else if bits & GazetteerBits.knownPerson != 0 {
                    best = (length, .person)
                }
            }
            guard let match = best else { i += 1; continue }
            let (start, inside): (UInt32, UInt32)
            switch match.kind {
            case .place: (start, inside) = (GazetteerBits.placeNameStart, GazetteerBits.placeNameInside)
            case .organization: (start, inside) = (GazetteerBits.organizationNameStart, GazetteerBits.organizationNameInside)
            case .knownOrganization: (start, inside) = (GazetteerBits.knownOrganizationNameStart, GazetteerBits.knownOrganizationNameInside)
            case .person: (start, inside) = (GazetteerBits.personNameStart, GazetteerBits.personNameInside)
            }
            for k in i..<(i + match.length) { padded[k + 2].gazetteer |= k == i ? start : inside }
            i += match.length
        }
    }
}
