/// The shallow parse events and quotes are read from: the clean text's tokens, each
/// sentence's token range, and the actor phrases (entity mentions, resolved pronouns) in
/// text order.
///
/// Built once per document; everything after it is index arithmetic on arrays.
struct TextFrame: Sendable {
    let scalars: [Unicode.Scalar]
    let tokens: [WordToken]
    /// Per sentence of `AnalyzedDocument.sentences`: its span and token range.
    let sentences: [SentenceSpan]
    let sentenceTokens: [Range<Int>]
    /// Actor phrases sorted by token position.
    let units: [ActorUnit]
    /// Per token: the index into `units` of the phrase that covers it, or -1.
    let unitAtToken: [Int]
    /// Per token: covered by an entity mention (triggers never start inside a name).
    let inMention: [Bool]
    /// The quoted stretches of the text (between the marks), in text order.
    let quoteSpans: [Range<Int>]
    /// Per token: inside a quotation. Quoted words are the speaker's, not the reporter's:
    /// they hold no events and do not move pronoun antecedents.
    let inQuote: [Bool]
    /// Person name -> the country the text ties them to.
    let affiliations: [String: String]
    /// The two countries most mentioned as actors: the sides of a bilateral story.
    let principalPair: (String, String)?

    static let prepositions: Set<String> = [
        "in", "at", "on", "with", "to", "from", "of", "by", "for", "against", "between",
        "over", "into", "about", "toward", "towards", "through", "among", "via", "under",
    ]
    private static let relativeOpeners: Set<String> = ["who", "which", "whose", "where", "a", "an"]
    static let determiners: Set<String> = ["the", "a", "an", "top", "other"]
    /// Possessors that point back to the clause's subject ("its ambassador", "his separatist rhetoric").
    static let possessivePronouns: Set<String> = ["its", "their", "his", "her"]
    /// Every word the pronoun and nominal switch in `init` has a case for: other tokens
    /// skip it (most do), so keep the two in step.
    static let actorWords: Set<String> = [
        "he", "she", "him", "her", "they", "them", "it", "president", "premier", "minister", "secretary",
        "representative", "chancellor", "king", "monarch", "ambassador", "envoy", "sides", "side", "countries",
    ]
    private static let settingPrepositions: Set<String> = ["in", "at", "near", "outside", "inside"]
    /// Nouns after a leader's name that make the phrase the leader's government.
    static let governmentNouns: Set<String> = [
        "administration", "cabinet", "government", "officials", "aides", "team",
    ]
    private static let roleNouns: Set<String> = ["counterpart", "envoy", "negotiator", "leader", "minister", "president", "spokesman", "spokeswoman", "spokesperson"]
    private static let bridgeWords: Set<String> = ["'s", "of", "the", "(", ")", "-", "vice", "deputy", "former", "counterpart", "envoy", "negotiator", "chief", "top", "his", "her", "trade", "foreign"]

    init(document: AnalyzedDocument) {
        let scalars = ScalarText.scalars(of: document.clean.text)
        self.scalars = scalars
        let tokens = WordTokenizer.tokens(of: scalars)
        self.tokens = tokens
        let quoteSpans = QuoteFinder.spans(in: scalars)
        self.quoteSpans = quoteSpans
        var inQuote = [Bool](repeating: false, count: tokens.count)
        for span in quoteSpans {
            var k = Self.tokenIndex(atOrAfter: span.lowerBound, in: tokens)
            while k < tokens.count && tokens[k].start < span.upperBound { inQuote[k] = true; k += 1 }
        }
        self.inQuote = inQuote
        let sentences = document.sentences.isEmpty
            ? SentenceFallback.sentences(of: scalars)
            : document.sentences.sorted { $0.start < $1.start }
        self.sentences = sentences
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(sentences.count)
        var t = 0
        for s in sentences {
            while t < tokens.count && tokens[t].start < s.start { t += 1 }
            var e = t
            while e < tokens.count && tokens[e].end <= s.end { e += 1 }
            ranges.append(t..<e)
            t = e
        }
        sentenceTokens = ranges

        // Entity mentions as token ranges, in text order.
        struct Placed {
            var first: Int
            var end: Int
            var name: String
            var type: EntityType
            var metonym: Bool
            /// A place that elsewhere stands for a government (a capital): literally, only a setting.
            var capital: Bool
        }
        var placed: [Placed] = []
        var inMention = [Bool](repeating: false, count: tokens.count)
        for entity in document.entities {
            let capital = entity.type == .location && entity.mentions.contains { $0.metonymFor != nil }
            for m in entity.mentions {
                let first = Self.tokenIndex(atOrAfter: m.start, in: tokens)
                var end = first
                while end < tokens.count && tokens[end].start < m.end { end += 1 }
                guard end > first else { continue }
                for k in first..<end { inMention[k] = true }
                placed.append(Placed(first: first, end: end, name: m.metonymFor ?? entity.name,
                                     type: entity.type, metonym: m.metonymFor != nil, capital: capital))
            }
        }
        placed.sort { $0.first < $1.first }
        self.inMention = inMention

        let personRoles: [String: String] = document.entities.reduce(into: [:]) { roles, e in
            if e.type == .person, let role = e.role { roles[e.name] = role.lowercased() }
        }
        let pair = Self.principalPair(document.entities)

        // Pronouns and nominals that stand for actors, merged with the mentions.
        var units: [ActorUnit] = []
        var nextMention = 0
        // Antecedents with the sentence they were seen in: "they" reaches only within its
        // sentence (a previous sentence's "they" is as often analysts or officials, unnamed).
        var lastPerson: (name: String, sentence: Int)?
        // The first person of the latest sentence that names one: its subject, most often,
        // and what a subject pronoun refers back to ("Lebed, whom Yeltsin ordered …. He
        // later discussed …": Lebed).
        var subjectPerson: (name: String, sentence: Int)?
        var lastGroup: (name: String, sentence: Int)?
        // The first country or body each sentence names outside settings: what a sentence
        // that opens with "It" refers back to.
        var subjectGroup: (name: String, sentence: Int)?
        var affiliations: [String: String] = [:]
        var sentenceCursor = 0
        var i = 0
        while i < tokens.count {
            while sentenceCursor < ranges.count && ranges[sentenceCursor].upperBound <= i { sentenceCursor += 1 }
            if nextMention < placed.count && placed[nextMention].first <= i {
                let p = placed[nextMention]
                nextMention += 1
                if p.first < i { continue }  // overlaps a mention already taken
                var unit = ActorUnit(firstToken: p.first, headFirst: p.first, endToken: p.end, name: p.name,
                                     type: p.metonym ? .location : p.type, isSetting: false,
                                     isPossessive: p.end < tokens.count && tokens[p.end].folded == "'s",
                                     partner: nil)
                switch p.type {
                case .eventName, .misc: unit.canAct = false
                case .norp: break
                case .location: unit.canAct = p.metonym || PoliticalGeography.isCountry(p.name) || Self.isInstitution(p.name)
                case .person, .organization: break
                }
                if p.type == .location && !p.metonym, p.first > 0 {
                    var k = p.first - 1
                    if tokens[k].folded == "the" && k > 0 { k -= 1 }
                    unit.isSetting = p.capital || Self.settingPrepositions.contains(tokens[k].folded)
                }
                if p.type == .person { unit.affiliation = affiliations[p.name] }
                // A modifier mention directly before a name absorbs into it; a country
                // modifier of a person is the person's affiliation.
                if let previous = units.last, !previous.isSetting,
                   p.type == .person || p.type == .organization,
                   Self.bridges(tokens, from: previous.endToken, to: p.first) {
                    unit.firstToken = previous.firstToken
                    // "Daniel arap Moi": one person now, who is the sentence's subject if the
                    // first part was.
                    if subjectPerson?.name == previous.name, subjectPerson?.sentence == sentenceCursor, p.type == .person {
                        subjectPerson = (p.name, sentenceCursor)
                    }
                    if p.type == .person, let country = previous.side {
                        unit.affiliation = country
                        affiliations[p.name] = country
                    }
                    units[units.count - 1] = unit
                } else {
                    units.append(unit)
                }
                // "Harlan administration officials": the government the person leads.
                if p.type == .person, p.end < tokens.count, Self.governmentNouns.contains(tokens[p.end].folded),
                   let country = unit.affiliation {
                    var end = p.end + 1
                    while end < tokens.count && Self.governmentNouns.contains(tokens[end].folded) { end += 1 }
                    units[units.count - 1] = ActorUnit(firstToken: units[units.count - 1].firstToken, headFirst: p.first,
                                                       endToken: end, name: country, type: .location, isSetting: false,
                                                       isPossessive: false, partner: nil)
                    i = max(i, end)
                    continue
                }
                let placedUnit = units[units.count - 1]
                if inQuote[p.first] {
                    // A name inside a quotation is no antecedent for the reporter's pronouns.
                } else if p.type == .person {
                    lastPerson = (p.name, sentenceCursor)
                    if subjectPerson?.sentence != sentenceCursor { subjectPerson = (p.name, sentenceCursor) }
                }
                else if !placedUnit.isSetting && placedUnit.canAct {
                    lastGroup = (placedUnit.name, sentenceCursor)
                    if subjectGroup?.sentence != sentenceCursor { subjectGroup = (placedUnit.name, sentenceCursor) }
                }
                i = max(i, p.end)
                continue
            }
            guard tokens[i].classes.contains(.actorWord) else {
                i += 1
                continue
            }
            let word = tokens[i].folded
            switch word {
            case "he", "she", "him", "her":
                // A subject pronoun takes the subject's person; an object pronoun the last one
                // named ("Yeltsin ordered Lebed … and gave him").
                if let last = word == "he" || word == "she" ? subjectPerson : lastPerson {
                    units.append(ActorUnit(firstToken: i, headFirst: i, endToken: i + 1, name: last.name, type: .person,
                                           isSetting: false, isPossessive: false, partner: nil,
                                           affiliation: affiliations[last.name]))
                }
            case "it":
                // "Israel's military said it struck …": the "it" a reporting verb introduces is
                // the speaker, the sentence's last country or body (elsewhere "it" is as often
                // no actor: "it was unclear").
                if i > 0, tokens[i - 1].classes.contains(.reportingVerb), let last = lastGroup, last.sentence == sentenceCursor {
                    units.append(ActorUnit(firstToken: i, headFirst: i, endToken: i + 1, name: last.name, type: nil,
                                           isSetting: false, isPossessive: false, partner: nil))
                } else if sentenceCursor < ranges.count, Self.opensSentence(i, range: ranges[sentenceCursor], tokens: tokens),
                          Self.actsAfterIt(i, tokens: tokens),
                          let last = subjectGroup, last.sentence == sentenceCursor - 1 {
                    // "Israel sent Syria a message. But it slammed Damascus": a sentence that
                    // opens with "it" and a verb of action goes on about the previous
                    // sentence's first country or body ("It is unclear", "It would" do not).
                    units.append(ActorUnit(firstToken: i, headFirst: i, endToken: i + 1, name: last.name, type: nil,
                                           isSetting: false, isPossessive: false, partner: nil))
                    subjectGroup = (last.name, sentenceCursor)
                }
            case "they", "them":
                if let last = lastGroup, last.sentence == sentenceCursor {
                    units.append(ActorUnit(firstToken: i, headFirst: i, endToken: i + 1, name: last.name, type: nil,
                                           isSetting: false, isPossessive: false, partner: nil))
                }
            case "president", "premier", "minister", "secretary", "representative", "chancellor", "king", "monarch",
                 "ambassador", "envoy":
                // "the president" names the last person whose role it is.
                if i > 0, tokens[i - 1].folded == "the", i + 1 >= tokens.count || !inMention[i + 1],
                   let name = Self.lastPerson(withRole: word, in: units, roles: personRoles) {
                    units.append(ActorUnit(firstToken: i - 1, headFirst: i, endToken: i + 1, name: name,
                                           type: .person, isSetting: false, isPossessive: false, partner: nil,
                                           affiliation: affiliations[name]))
                }
            case "sides", "side", "countries":
                if let pair, i > 0, ["both", "two", "neither", "either"].contains(tokens[i - 1].folded) {
                    let first = i >= 2 && tokens[i - 2].folded == "the" ? i - 2 : i - 1
                    units.append(ActorUnit(firstToken: first, headFirst: first, endToken: i + 1, name: pair.0,
                                           type: .location, isSetting: false, isPossessive: false, partner: pair.1))
                }
            default:
                break
            }
            i += 1
        }
        // A person's country, once the text gives it, holds for every mention of them.
        for u in units.indices where units[u].type == .person && units[u].affiliation == nil {
            units[u].affiliation = affiliations[units[u].name]
        }
        self.units = units
        self.affiliations = affiliations
        self.principalPair = pair
        var unitAtToken = [Int](repeating: -1, count: tokens.count)
        for (u, unit) in units.enumerated() {
            for k in unit.firstToken..<unit.endToken { unitAtToken[k] = u }
        }
        self.unitAtToken = unitAtToken
    }

    /// Whether token `i` opens its sentence, perhaps after a conjunction ("But it …").
    private static func opensSentence(_ i: Int, range: Range<Int>, tokens: [WordToken]) -> Bool {
        i == range.lowerBound || (i - 1 == range.lowerBound && ["but", "and", "yet", "however"].contains(tokens[i - 1].folded))
    }

    /// Whether the word after "it" (adverbs passed over) is a verb of action: no form of
    /// "be", no modal, no verb of seeming, and a word in "-ed" or "-s" ("it slammed", "it
    /// accuses", "it has accused", not "it was", "it would", "it seemed").
    private static func actsAfterIt(_ i: Int, tokens: [WordToken]) -> Bool {
        var k = i + 1
        while k < tokens.count, tokens[k].isWord, tokens[k].folded.hasSuffix("ly") || tokens[k].folded == "also" { k += 1 }
        guard k < tokens.count, tokens[k].isWord else { return false }
        var word = tokens[k].folded
        if ["has", "had"].contains(word), k + 1 < tokens.count { word = tokens[k + 1].folded }
        if nonActions.contains(word) { return false }
        return word.hasSuffix("ed") || (word.hasSuffix("s") && !word.hasSuffix("ss")) || VerbForms.standard.isPast(word)
    }
    private static let nonActions: Set<String> = [
        "is", "was", "'s", "has", "had", "been", "seems", "seemed", "appears", "appeared", "remains", "remained",
        "means", "meant", "needs", "needed", "looks", "looked", "happened", "happens", "includes", "included",
        "contains", "contained", "follows", "followed", "comes", "takes", "costs", "depends", "depended",
    ]

    /// Whether the tokens between two mentions are only title words ("Trade Representative",
    /// "'s Vice Premier"), so the first mention modifies the second.
    private static func bridges(_ tokens: [WordToken], from: Int, to: Int) -> Bool {
        guard to >= from, to - from <= 5 else { return false }
        var titleWords = 0
        for k in from..<to {
            let t = tokens[k]
            if t.isWord && t.isCapitalized { continue }
            if bridgeWords.contains(t.folded) { continue }
            // "former Tanzanian president Julius Nyerere": a role between them.
            if isRoleWord(t) { continue }
            // "his Chinese counterpart, Li Wei": a role noun and its appositive name.
            if t.folded == ",", k > from, roleNouns.contains(tokens[k - 1].folded) { continue }
            // "Russian peacemaker Alexander Lebed", "Azerbaijani presidential adviser X": the
            // words of a title before a name, up to three, none of them a verb or a function
            // word ("Chinese police detained Wang" does not tie Wang to China), nor a word a
            // determiner follows ("the Rally for Refugees urged the U.N.": a verb and its object).
            if titleWords < 3, isTitleWord(t), k + 1 >= to || !tokens[k + 1].classes.contains(.determiner) { titleWords += 1; continue }
            return false
        }
        return true
    }

    /// A lower-case word that can stand in a title before a name: a word of letters (and
    /// hyphens) that is no function word, no form of a verb the lexicon knows and no
    /// irregular past or participle (`VerbForms`).
    static func isTitleWord(_ t: WordToken) -> Bool {
        guard t.isWord, !t.isCapitalized, t.classes.isEmpty, !titleStops.contains(t.folded),
              t.folded.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }) else { return false }
        let word = t.folded
        if word.hasSuffix("ing") { return false }
        let verbs = TriggerLexicon.baseForms
        if verbs.contains(word) { return false }
        // An irregular past or participle ("struck", "shot") that no base-form rule below catches.
        if VerbForms.standard.isPast(word) || VerbForms.standard.isParticiple(word) { return false }
        if word.hasSuffix("s"), verbs.contains(String(word.dropLast())) { return false }
        if word.hasSuffix("ed"), verbs.contains(String(word.dropLast())) || verbs.contains(String(word.dropLast(2))) { return false }
        return true
    }

    /// Function words and verbs the lexicon's base forms do not list.
    private static let titleStops: Set<String> = [
        "and", "or", "but", "nor", "that", "which", "who", "whom", "whose", "to", "as", "than", "then", "also",
        "said", "says", "told", "tells", "was", "were", "is", "are", "be", "been", "has", "have", "had", "will",
        "would", "could", "can", "may", "might", "must", "should", "shall", "did", "does", "do", "not", "no",
        "met", "led", "sent", "held", "made", "took", "gave", "went", "came", "saw", "got", "left", "put",
        "when", "where", "while", "after", "before", "since", "if", "because", "so", "he", "she", "it", "they",
        "we", "i", "you", "him", "them", "us", "this", "these", "those", "there", "here",
    ]

    private static func lastPerson(withRole role: String, in units: [ActorUnit], roles: [String: String]) -> String? {
        for unit in units.reversed() where unit.type == .person {
            if let r = roles[unit.name], r.contains(role) || (roleSynonyms[role]?.contains { r.contains($0) } ?? false) {
                return unit.name
            }
        }
        return nil
    }

    /// Other words a role is written with: "the premier" is the prime minister, "the monarch"
    /// the king or queen.
    private static let roleSynonyms: [String: [String]] = [
        "premier": ["prime minister"], "monarch": ["king", "queen", "emperor", "sultan", "emir"],
    ]

    /// The two places most mentioned as actors: what "both sides" means in a bilateral story.
    private static func principalPair(_ entities: [Entity]) -> (String, String)? {
        // Mentions and first offset per country, in one table: one hash per mention, and
        // the ranking reads both from the entry it sorts.
        var seen: [String: (count: Int, first: Int)] = [:]
        for e in entities where e.type == .location {
            for m in e.mentions {
                // Only states are sides: a city or region mentioned often is a setting.
                guard let name = PoliticalGeography.country(of: m.metonymFor ?? e.name) else { continue }
                Self.count(&seen[name, default: (0, Int.max)], at: m.start)
            }
        }
        let ranked = seen.filter { $0.value.count >= 2 }.sorted {
            $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.value.first < $1.value.first
        }
        guard ranked.count >= 2 else { return nil }
        let a = ranked[0], b = ranked[1]
        return a.value.first <= b.value.first ? (a.key, b.key) : (b.key, a.key)
    }

    /// One more mention at `start` of a country `principalPair` counts, updated in place.
    private static func count(_ entry: inout (count: Int, first: Int), at start: Int) {
        entry.count += 1
        entry.first = min(entry.first, start)
    }

    static func tokenIndex(atOrAfter offset: Int, in tokens: [WordToken]) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The sentence that holds token `t`, if any.
    func sentence(ofToken t: Int) -> Int? {
        var lo = 0, hi = sentenceTokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentenceTokens[mid].upperBound <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentenceTokens.count && sentenceTokens[lo].contains(t) ? lo : nil
    }

    /// The token range of the sentence that holds token `t`, or the whole text when no
    /// sentence does.
    func sentenceRange(ofToken t: Int) -> Range<Int> {
        sentence(ofToken: t).map { sentenceTokens[$0] } ?? 0..<tokens.count
    }

    /// Whether token `k` is a day of the week ("Friday"), as wire stories date an act.
    func isWeekday(_ k: Int) -> Bool {
        tokens[k].isCapitalized && DateResolver.weekdayNumbers[text(tokens[k].start, tokens[k].end)] != nil
    }

    /// Whether `unit` is introduced by a preposition (so it is not a clause's subject).
    func isPrepositional(_ unit: ActorUnit) -> Bool {
        preposition(before: unit) != nil
    }

    /// The token of the preposition `unit` is the object of, past determiners and compass
    /// words ("in southwest China", "in the eastern Congo"), or nil.
    func preposition(before unit: ActorUnit) -> Int? {
        var k = unit.firstToken - 1
        while k >= 0, tokens[k].classes.contains(.determiner) || Self.compassWords.contains(tokens[k].folded) { k -= 1 }
        return k >= 0 && tokens[k].classes.contains(.preposition) ? k : nil
    }

    /// A lower-case word that names a role: a role noun ("leader", "counterpart") or an
    /// agent noun of the actor dictionaries ("president", "separatist", "military").
    static func isRoleWord(_ token: WordToken) -> Bool {
        token.isWord && (roleNouns.contains(token.folded) || ActorDictionary.standard.agentCode(for: token.folded) != nil)
    }

    private static let compassWords: Set<String> = [
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
        "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
    ]

    /// Index of the first unit whose head starts at or after token `t`.
    func firstUnit(atOrAfter t: Int) -> Int {
        var lo = 0, hi = units.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if units[mid].endToken <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A place the actor dictionaries code as an institution, not a country: "the Kremlin"
    /// (RUSGOV), "the White House" (USAGOV) act as their governments do.
    private static func isInstitution(_ place: String) -> Bool {
        guard let code = ActorCoder.standard.code(ActorCoder.fold(place), on: nil, fallbackCountry: nil),
              let type = ActorDictionary.standard.parts(of: code).type1 else { return false }
        return institutionTypes.contains(type)
    }
    /// The CAMEO types of a state's institutions (a region's code, such as PSEGZA, is no
    /// institution).
    private static let institutionTypes: Set<String> = ["GOV", "MIL", "COP", "JUD", "LEG", "SPY"]

    /// Token positions inside ", who …," / ", a … ," asides and short "( … )" asides
    /// ("the OSCE (Organisation for Security …)", "Senator X (R-Texas)"), which never hold
    /// the subject.
    func appositions(in range: Range<Int>) -> TokenAsides {
        var skipped = TokenAsides()
        var k = range.lowerBound
        while k < range.upperBound {
            if tokens[k].folded == "(" {
                var e = k + 1
                while e < range.upperBound, e - k <= Self.longestBracketAside, tokens[e].folded != ")", tokens[e].folded != "(" { e += 1 }
                if e < range.upperBound, tokens[e].folded == ")" {
                    skipped.add(k...e)
                    k = e + 1
                    continue
                }
            }
            // ", who …,", ", a …,"; and ", the …," after a person's name ("Talbott, the
            // second-ranking State Department official, was to meet"), not after a place
            // ("In Gaza, the police arrested …").
            if tokens[k].folded == ",", k + 1 < range.upperBound,
               Self.relativeOpeners.contains(tokens[k + 1].folded)
                || (tokens[k + 1].folded == "the" && k > range.lowerBound && unitAtToken[k - 1] >= 0
                    && units[unitAtToken[k - 1]].type == .person) {
                var e = k + 1
                while e < range.upperBound && tokens[e].folded != "," && tokens[e].folded != ";" { e += 1 }
                if e < range.upperBound && tokens[e].folded == "," {
                    skipped.add(k...e)
                }
                k = e
                continue
            }
            k += 1
        }
        return skipped
    }

    /// The most tokens a "( … )" aside spans, brackets included, to be passed over.
    private static let longestBracketAside = 12

    func text(_ start: Int, _ end: Int) -> String {
        ScalarText.string(scalars[max(0, start)..<min(end, scalars.count)])
    }
}

extension TextFrame {
    private static let topicPrepositions: Set<String> = [
        "in", "at", "on", "with", "to", "from", "of", "for", "about", "over", "into", "during", "after", "before",
        "ahead", "around", "amid", "despite",
    ]
    private static let nounModifiers: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "such",
    ]

    /// Whether the nominal trigger at `first..<end` is the object of a preposition with no
    /// actor of its own ("sources familiar with the talks", "closed lower on the talks'
    /// first day"): then it names a topic, not an event. An actor right before it ("to US
    /// pressure") or a "between"/"with" + actor after it ("at a meeting with Xi") keeps it.
    func isTopicNoun(_ first: Int, endToken end: Int) -> Bool {
        if first > 0, unitAtToken[first - 1] >= 0 { return false }
        // "After meeting Xi": a gerund with an object is a verb.
        if end < tokens.count, unitAtToken[end] >= 0 { return false }
        if first > 1, tokens[first - 1].folded == "'s", unitAtToken[first - 2] >= 0 { return false }
        var k = first - 1
        var skippedWords = 0
        while k >= 0, skippedWords < 3 {
            let word = tokens[k].folded
            if Self.nounModifiers.contains(word) || (tokens[k].isWord && !tokens[k].isCapitalized && !Self.topicPrepositions.contains(word)) {
                if unitAtToken[k] >= 0 { return false }
                k -= 1
                skippedWords += 1
                continue
            }
            break
        }
        guard k >= 0, Self.topicPrepositions.contains(tokens[k].folded) else { return false }
        if end + 1 < tokens.count, tokens[end].folded == "between" || tokens[end].folded == "with",
           unitAtToken[end + 1] >= 0 || (end + 2 < tokens.count && unitAtToken[end + 2] >= 0) {
            return false
        }
        return true
    }
}
