/// Codes an actor phrase as a CAMEO actor code, PETRARCH-style, from `ActorDictionary`.
///
/// Promises, for the folded words of a phrase ("chinese vice premier liu he", "police",
/// "a court in kenya"):
/// - a named actor the dictionaries know is coded with the code it held on `day`
///   (people by their dated roles, organisations and countries by their codes), except that
///   a role the phrase states before a known person's name gives the types ("foreign
///   minister lamberto dini" -> ITAGOV, the person's country with the stated role);
/// - a bare country with an agent noun becomes the country plus the agent's types
///   ("kenyan police" -> KENCOP, "chinese vice premier liu he" -> CHNGOV when Liu He is
///   unknown);
/// - an agent noun with no country of its own takes `fallbackCountry` (the country the
///   text ties the actor to, else the document's country), or `---` when there is none
///   ("rebels" -> ---REB);
/// - a phrase with neither is coded by `fallbackCountry` alone, or not at all.
struct ActorCoder: Sendable {
    let dictionary: ActorDictionary

    static let standard = ActorCoder(dictionary: .standard)

    private static let ignored: Set<String> = ["the", "a", "an", "'s", "its", "their", "his", "her", "of", "in", "at",
                                               "new", "top", "senior", "local", "two", "three", "some", "several"]

    /// Agent types of a state office or command, which a "former" holder leaves for the elite
    /// (ELI).
    private static let offices: Set<String> = ["GOV", "LEG", "JUD", "MIL"]

    /// The code of the phrase `words`, or nil.
    func code(_ words: [String], on day: Int?, fallbackCountry: String?) -> String? {
        let words = words.filter { !$0.isEmpty }
        var actor: (code: String, first: Int, end: Int)?
        var agent: (code: String, first: Int, end: Int)?
        // Longest phrases first, left to right: one named actor and one agent noun.
        let longest = min(dictionary.longestPhrase, words.count)
        // A run of two words or more can only match if a table phrase that long opens
        // with its first word (a one-word run is also tried with a full stop added).
        let opens = longest > 1 ? words.map { dictionary.phraseStarts.longest(openingWith: $0) } : []
        var length = longest
        while length >= 1 {
            var i = 0
            while i + length <= words.count {
                if length > 1, opens[i] < length { i += 1; continue }
                // The run's phrase, only when a table may hold it (or, for the actor
                // table, it with a full stop added: `lookupActor`).
                let (maybeAgent, maybeActor) = mayHold(words, i..<(i + length))
                guard maybeAgent || maybeActor else { i += 1; continue }
                let slice = words[i..<(i + length)]
                if slice.first.map({ Self.ignored.contains($0) }) == true || slice.last.map({ Self.ignored.contains($0) }) == true {
                    i += 1; continue
                }
                let overlapsActor = actor.map { i < $0.end && $0.first < i + length } ?? false
                let overlapsAgent = agent.map { i < $0.end && $0.first < i + length } ?? false
                let phrase = Self.phrase(words, i..<(i + length))
                // "Lebanon's Hezbollah": a body of the country named before it outranks the
                // country ("Brazilian Senate" stays Brazil's: Phoenix's "senate" is the United
                // States'). With no actor yet, `overlapsActor` is false.
                let actorCountry = actor.flatMap { isBareCountry($0.code) ? $0.code : nil }
                if actor == nil || actorCountry != nil, !overlapsActor, !overlapsAgent, maybeActor,
                   let c = lookupActor(phrase, day: day),
                   actorCountry.map({ !isBareCountry(c) && c.hasPrefix($0) }) ?? true {
                    actor = (c, i, i + length)
                } else if agent == nil, !overlapsActor, maybeAgent, let c = dictionary.agentCode(for: phrase) {
                    agent = (c, i, i + length)
                }
                i += 1
            }
            length -= 1
        }
        // "former Tanzanian president": an office once held is an elite's (ELI), as Phoenix codes
        // "former president"; "former guerrillas" are still the rebels they were.
        if let a = agent, a.code.hasPrefix("~"), Self.offices.contains(String(a.code.dropFirst().prefix(3))),
           words[..<a.first].contains(where: { $0 == "former" || $0 == "ex" }) {
            agent = ("~ELI", a.first, a.end)
        }
        let country = actor.flatMap { isBareCountry($0.code) ? $0.code : nil }
        if let actor, country == nil {
            // A named person or body: its own code says who it is, unless the text states the
            // person's role right before the name ("Foreign Minister Lamberto Dini", "former
            // president Julius Nyerere"): the role the document states is the one held then.
            let actorCountry = String(actor.code.prefix(3))
            if let agent, agent.end <= actor.first, actor.code.utf8.count > 3, dictionary.isCountry(Substring(actorCountry)) {
                return Self.combine(country: actorCountry, agent: agent.code)
            }
            return actor.code
        }
        if let agent {
            let host = country ?? fallbackCountry
            return Self.combine(country: host, agent: agent.code)
        }
        return country ?? fallbackCountry
    }

    /// Whether `code` is a country's alone ("LBN"), which a body it names yields to.
    private func isBareCountry(_ code: String) -> Bool {
        code.utf8.count == 3 && dictionary.isCountry(Substring(code))
    }

    /// `words[run]` joined by single spaces, as `joined(separator:)` joins them; appended
    /// one by one, which costs a fraction of the generic join (a one-word run is its word).
    static func phrase(_ words: [String], _ run: Range<Int>) -> String {
        var phrase = words[run.lowerBound]
        guard run.count > 1 else { return phrase }
        phrase.reserveCapacity(words[run].reduce(run.count - 1) { $0 + $1.utf8.count })
        for k in (run.lowerBound + 1)..<run.upperBound {
            phrase.append(" ")
            phrase.append(words[k])
        }
        return phrase
    }

    /// Whether a table may hold the phrase `words[run]` (as `phrase` joins it): the agent
    /// table (the phrase itself), the actor table (the phrase, or it with a full stop added
    /// where `lookupActor` adds one). A `false` is certain, from the dictionary's
    /// `phraseFilter`, and no phrase is made to ask.
    private func mayHold(_ words: [String], _ run: Range<Int>) -> (agent: Bool, actor: Bool) {
        var hash = ActorPhraseFilter.emptyHash
        var hasStop = false
        var last: UInt8 = 0
        for k in run {
            if k > run.lowerBound { hash = ActorPhraseFilter.continued(hash, with: UInt8(ascii: " ")) }
            for byte in words[k].utf8 {
                hash = ActorPhraseFilter.continued(hash, with: byte)
                if byte == UInt8(ascii: ".") { hasStop = true }
                last = byte
            }
        }
        if dictionary.phraseFilter.mayContain(hash) { return (true, true) }
        let withStop = hasStop && last != UInt8(ascii: ".")
            && dictionary.phraseFilter.mayContain(ActorPhraseFilter.continued(hash, with: UInt8(ascii: ".")))
        return (false, withStop)
    }

    /// The country code of a country's name ("United States" -> USA), or nil.
    func countryCode(ofName name: String) -> String? {
        let phrase = Self.foldedPhrase(name)
        guard let c = lookupActor(phrase, day: nil), c.utf8.count >= 3 else { return nil }
        let head = String(c.prefix(3))
        return dictionary.isCountry(Substring(head)) ? head : nil
    }

    /// Lower-case words of a name as the tables spell them.
    static func fold(_ text: String) -> [String] {
        lowered(text).utf8.split(whereSeparator: isSeparator).map { String(Substring($0)) }
    }

    /// `fold(text).joined(separator: " ")`, the phrase a table is looked up by; a name whose
    /// words already stand one space apart (almost every name) is its lowered text, and
    /// no words are split out and joined again.
    static func foldedPhrase(_ text: String) -> String {
        let lower = lowered(text)
        var previousIsSeparator = true  // so a leading separator is caught
        for byte in lower.utf8 {
            let separator = isSeparator(byte)
            if separator && (previousIsSeparator || byte != 0x20) {
                return fold(text).joined(separator: " ")
            }
            previousIsSeparator = separator
        }
        return previousIsSeparator && !lower.isEmpty ? fold(text).joined(separator: " ") : lower
    }

    /// `text` lower-cased, with ’ as '.
    private static func lowered(_ text: String) -> String {
        let lower = text.lowercased()
        // U+2019 is E2 80 99 in UTF-8: look for the byte before paying for a replacement.
        guard lower.utf8.contains(0xE2) else { return lower }
        return String(lower.unicodeScalars.map { $0 == "\u{2019}" ? "'" : Character($0) })
    }

    /// The bytes `fold` splits words at: space, line feed, tab.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09
    }

    private func lookupActor(_ phrase: String, day: Int?) -> String? {
        if let c = dictionary.actorCode(for: phrase, on: day) { return c }
        // The tokenizer keeps "U.S" of "U.S." (the stop is the sentence's or the word's).
        if phrase.utf8.contains(UInt8(ascii: ".")), phrase.utf8.last != UInt8(ascii: "."),
           let c = dictionary.actorCode(for: phrase + ".", on: day) { return c }
        return nil
    }

    /// A country and an agent: "~COP" follows the country (KENCOP, or ---COP with none);
    /// "IGO~" stands before it.
    static func combine(country: String?, agent: String) -> String {
        if agent.hasPrefix("~") { return (country ?? "---") + agent.dropFirst() }
        if agent.hasSuffix("~") { return String(agent.dropLast()) + (country ?? "") }
        return (country ?? "") + agent
    }
}
