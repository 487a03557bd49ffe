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

    /// Marks words inside multi-word gazetteer places and organisations, longest match first.
    private mutating func markLongerNames(_ word: (Int) -> String, startsLongerName: [Bool], wordBits: WordTable<UInt32>,
                                          longestName: Int) {
        let longest = min(longestName, 4)
        guard longest >= 2 else { return }
        var i = 0
        while i < count {
            // Only a word that opens some longer name can start a match.
            guard padded[i + 2].flags.contains(.capitalized), startsLongerName[i] else { i += 1; continue }
            var matched = 0
            var isPlace = false
            var key = word(i)
            var length = 1
            var candidates: [(Int, Bool)] = []
            while length < longest && i + length < count {
                let next = word(i + length)
                let form = padded[i + length + 2]
                guard form.flags.contains(.capitalized) || next == "of" || next == "and" || next == "the" else { break }
                key += " " + next
                length += 1
                if !form.flags.contains(.capitalized) { continue }
                // Every places key has a place-kind bit; organisations have theirs.
                let bits = wordBits[key] ?? 0
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
