/// Gives an event's source and target their CAMEO actor codes (`ActorCoder`), and finds
/// actors that are not named entities: an agent noun as the subject or object of a
/// trigger ("police arrested", "rebels attacked", "a court in Kenya issued").
///
/// Promises: codes depend only on the document (its text, its published day) and the
/// embedded dictionaries. The document's country — the country its places and actors name
/// most — stands in for an agent noun's missing country ("police" in a Nigerian story is
/// NGACOP).
struct EventActorCoding {
    let frame: TextFrame
    let coder: ActorCoder
    /// The document's published day as YYYYMMDD, when known.
    let day: Int?
    /// The country code the document is mostly about, when it names one.
    let documentCountry: String?

    private static let auxiliaries: Set<String> = [
        "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "may", "might", "also",
        "been", "be", "reportedly", "later", "then", "on", "had", "allegedly", "they", "yesterday", "today",
        "who", "which", "that", "did", "not", "n't", "must", "should", "can", "shall", "recently", "earlier",
    ]
    /// Words that may stand before an object's head noun: determiners and the words of a
    /// count ("more than", "dozens").
    private static let objectLeaders: Set<String> = [
        "the", "a", "an", "its", "their", "his", "her", "some", "two", "three", "four", "five", "ten", "several", "many",
        "more", "than", "about", "nearly", "almost", "least", "dozens", "hundreds", "thousands",
    ]

    init(frame: TextFrame, coder: ActorCoder, published: String?) {
        self.frame = frame
        self.coder = coder
        if let published, let d = CalendarDate(iso: published) {
            day = d.year * 10000 + d.month * 100 + d.day
        } else {
            day = nil
        }
        var counts: [String: Int] = [:]
        // The first place a story names is most often its dateline ("MINSK, Aug 30"), where
        // the story happens: it counts as three mentions.
        var firstPlace = true
        for unit in frame.units where unit.type == .location || unit.type == .organization {
            guard let c = coder.countryCode(ofName: unit.name) else { continue }
            counts[c, default: 0] += unit.type == .location && firstPlace ? 3 : 1
            if unit.type == .location { firstPlace = false }
        }
        for (name, country) in frame.affiliations {
            _ = name
            if let c = coder.countryCode(ofName: country) { counts[c, default: 0] += 1 }
        }
        // A text that names no place, body or person's country ("Thai police charged an
        // opposition leader"): its nationalities, whatever type the tagger gave them.
        if counts.isEmpty {
            for unit in frame.units where unit.type == .norp || unit.type == .misc {
                if let c = coder.countryCode(ofName: unit.name) { counts[c, default: 0] += 1 }
            }
        }
        documentCountry = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// The code of the actor called `name` in the sentence `range`, nearest to token `near`;
    /// `side` is the country the text ties it to. A person whose mention here gives no role
    /// ("Lebed") takes the role another mention in the document states ("security chief
    /// Alexander Lebed"), the first that gives one.
    func code(name: String?, side: String?, range: Range<Int>, near: Int) -> ActorCode? {
        guard let name else { return nil }
        let sideCode = side.flatMap { coder.countryCode(ofName: $0) }
        var nearest: ActorUnit?
        var best = Int.max
        for unit in frame.units where unit.name == name && unit.firstToken >= range.lowerBound && unit.endToken <= range.upperBound {
            let distance = abs(unit.headFirst - near)
            if distance < best { best = distance; nearest = unit }
        }
        // "the Tehran government": a country the text names by its capital.
        if nearest == nil {
            for unit in frame.units where unit.firstToken >= range.lowerBound && unit.endToken <= range.upperBound
                && unit.name != name && PoliticalGeography.country(of: unit.name) == name {
                let distance = abs(unit.headFirst - near)
                if distance < best { best = distance; nearest = unit }
            }
        }
        // "the premier", "the chancellor", "she": a role noun or pronoun standing for a person
        // named earlier is coded as that person's named mention is ("Bosnian Prime Minister
        // Hasan Muratovic"), not as the role in the story's country.
        if let n = nearest, n.type == .person, TextFrame.actorWords.contains(frame.tokens[n.headFirst].folded),
           n.endToken == n.headFirst + 1 {
            for unit in frame.units where unit.name == name && unit.type == .person
                && !TextFrame.actorWords.contains(frame.tokens[unit.headFirst].folded) {
                let sentence = frame.sentenceRange(ofToken: unit.firstToken)
                if let c = code(name: name, side: side, range: sentence, near: unit.headFirst) { return c }
            }
        }
        let words = nearest.map { phraseWords(of: $0, range: range) } ?? ActorCoder.fold(name)
        // A person's country is the one the text ties them to; an agent noun ("police") or a
        // person known only by a title ("President X") takes the document's country.
        let fallback = sideCode ?? (isAgentPhrase(words) ? documentCountry : nil)
        var here = coder.code(words, on: day, fallbackCountry: fallback)
            ?? coder.code(ActorCoder.fold(name), on: day, fallbackCountry: fallback)
        // "Milan Kucan", "George Washington": a place inside a person's name of several words
        // is no country of theirs; the text's tie (`side`) is.
        if let c = here, c.utf8.count == 3, let unit = nearest, unit.type == .person, unit.endToken - unit.firstToken > 1,
           coder.code(ActorCoder.fold(unit.name), on: day, fallbackCountry: nil) == c,
           !words.prefix(while: { !ActorCoder.fold(unit.name).contains($0) }).contains(where: { coder.countryCode(ofName: $0) == c }) {
            here = sideCode
        }
        // "King Hassan of Morocco": the country the text names right after a person outranks
        // a namesake's in the dictionaries (Jordan's Crown Prince Hassan); the words before
        // the name state the role.
        if let c = here, let unit = nearest, unit.type == .person, unit.endToken + 1 < range.upperBound,
           frame.tokens[unit.endToken].folded == "of", frame.unitAtToken[unit.endToken + 1] >= 0 {
            let place = frame.units[frame.unitAtToken[unit.endToken + 1]]
            if place.type == .location, let stated = coder.countryCode(ofName: place.name),
               coder.dictionary.parts(of: c).country != stated {
                let nameWords = Set(ActorCoder.fold(unit.name))
                here = coder.code(words.filter { !nameWords.contains($0) }, on: day, fallbackCountry: stated) ?? stated
            }
        }
        if let here, here.utf8.count == 3, let unit = nearest, let office = counterpartOffice(of: unit, words: words, range: range) {
            return coder.dictionary.parts(of: here + office)
        }
        // "Lee, the Democratic Party leader, said": a person the dictionaries do not know,
        // with the role in an apposition after the name. The side's country stands in for a
        // country the apposition does not name only when it states a role ("the U.S.
        // Under-Secretary of State" names its own; "the last of the founding members" none).
        if here == nil, let unit = nearest, unit.type == .person, let role = appositiveRole(after: unit, range: range),
           let c = coder.code(role.words, on: day, fallbackCountry: role.statesRole ? sideCode : nil), !c.hasPrefix("---") {
            return coder.dictionary.parts(of: c)
        }
        // "The commander of Russian troops in Chechnya, Vyacheslav Tikhomirov, said": a person
        // the dictionaries do not know, named in apposition after the role.
        if here == nil, let unit = nearest, unit.type == .person, let role = roleBefore(unit, range: range) {
            return role
        }
        if here.map({ $0.utf8.count <= 3 }) ?? true, nearest?.type == .person {
            for unit in frame.units where unit.name == name && unit.type == .person && unit != nearest {
                let sentence = frame.sentenceRange(ofToken: unit.firstToken)
                let words = phraseWords(of: unit, range: sentence)
                let fallback = sideCode ?? (isAgentPhrase(words) ? documentCountry : nil)
                guard let c = coder.code(words, on: day, fallbackCountry: fallback) else { continue }
                if c.utf8.count > 3 { return coder.dictionary.parts(of: c) }
                // "Levy and Kinkel would discuss …" after "his German counterpart Klaus Kinkel".
                if c.utf8.count == 3, let office = counterpartOffice(of: unit, words: words, range: sentence) {
                    return coder.dictionary.parts(of: c + office)
                }
            }
        }
        // "The SDA demanded that OSCE …" after "The Organisation for Security and Cooperation
        // in Europe (OSCE)": a body the dictionaries know by the words of another of its
        // mentions (the acronym's first mention absorbed the name it was defined for).
        if here == nil, nearest?.type == .organization {
            for unit in frame.units where unit.name == name && unit.type == .organization && unit != nearest
                && unit.headFirst > unit.firstToken {
                let sentence = frame.sentenceRange(ofToken: unit.firstToken)
                if let c = coder.code(phraseWords(of: unit, range: sentence), on: day, fallbackCountry: nil), !c.hasPrefix("---") {
                    return coder.dictionary.parts(of: c)
                }
            }
        }
        // A person the text gives no role, whose dictionary roles did not hold on the day:
        // a former office holder ("Obama" in 2026 is USAELI).
        if here == nil, nearest?.type == .person, let day,
           let former = coder.dictionary.formerCode(for: ActorCoder.fold(name).joined(separator: " "), on: day) {
            return coder.dictionary.parts(of: former)
        }
        return here.map { coder.dictionary.parts(of: $0) }
    }

    /// The words of ", the … ," or ", Russia's … ," right after `unit` (at most ten after the
    /// opening) and whether they hold a role word, or nil. A place's possessive names the
    /// role's country ("Alexander Lebed, Russia's security chief,").
    private func appositiveRole(after unit: ActorUnit, range: Range<Int>) -> (words: [String], statesRole: Bool)? {
        let comma = unit.endToken
        guard comma + 2 < range.upperBound, frame.tokens[comma].folded == "," else { return nil }
        var words: [String] = []
        var start = comma + 2
        let possessive = frame.tokens[comma + 1].folded != "the"
        if possessive {
            let place = frame.unitAtToken[comma + 1]
            guard place >= 0, frame.units[place].type == .location, frame.units[place].firstToken == comma + 1,
                  frame.units[place].endToken < range.upperBound, frame.tokens[frame.units[place].endToken].folded == "'s"
            else { return nil }
            start = frame.units[place].endToken + 1
            words = frame.tokens[(comma + 1)..<start].map(\.folded)
        }
        var k = start
        // The possessor's office ends at a preposition: "Canada's high commissioner in Hong
        // Kong" holds Canada's.
        var roleEnd: Int?
        while k < range.upperBound, k - start <= 9, frame.tokens[k].folded != "," {
            if possessive, roleEnd == nil, frame.tokens[k].classes.contains(.preposition) { roleEnd = k }
            if roleEnd == nil { words.append(frame.tokens[k].folded) }
            k += 1
        }
        guard k < range.upperBound, frame.tokens[k].folded == "," else { return nil }
        return (words, frame.tokens[start..<(roleEnd ?? k)].contains(where: { TextFrame.isRoleWord($0) }))
    }

    /// The code of the agent phrase before ", `unit`," ("the commander of Russian troops,
    /// Vyacheslav Tikhomirov,"), or nil. The phrase runs back from the comma over words to a
    /// determiner; its head is its first agent word when a preposition follows that word
    /// ("commander of …"), else its last ("Russian army commander").
    private func roleBefore(_ unit: ActorUnit, range: Range<Int>) -> ActorCode? {
        let comma = unit.firstToken - 1
        guard comma > range.lowerBound, frame.tokens[comma].folded == ",", unit.endToken < range.upperBound,
              frame.tokens[unit.endToken].folded == "," else { return nil }
        var agents: [Int] = []
        var k = comma - 1
        while k >= range.lowerBound, comma - k <= 8, frame.tokens[k].isWord, !frame.tokens[k].classes.contains(.determiner) {
            if VerbForms.standard.isPastForm(frame.tokens[k].folded) { return nil }
            if isAgentWord(frame.tokens[k].folded) { agents.append(k) }
            k -= 1
        }
        guard let last = agents.first, let first = agents.last else { return nil }
        let head = first < last && frame.tokens[first + 1].classes.contains(.preposition) ? first : last
        guard let phrase = agentPhrase(endingAt: head, range: range), !phrase.code.code.hasPrefix("---") else { return nil }
        return phrase.code
    }

    /// Words that stand inside a stated role ("former prime minister", "acting president").
    private static let roleModifiers: Set<String> = ["former", "ex", "prime", "vice", "deputy", "acting", "interim"]

    /// "his German counterpart Klaus Kinkel": the office (the types after the country) of
    /// the person whose counterpart `unit` is, the nearest before it in `range` that has one.
    private func counterpartOffice(of unit: ActorUnit, words: [String], range: Range<Int>) -> Substring? {
        guard words.contains("counterpart") else { return nil }
        for other in frame.units.reversed() where other.endToken <= unit.firstToken && other.firstToken >= range.lowerBound
            && other.type == .person && other.name != unit.name {
            // The other's code as the document gives it (its role may be stated elsewhere:
            // "German Defence Minister Volker Ruehe" before "Ruehe … his Israeli counterpart").
            guard let c = code(name: other.name, side: other.side, range: range, near: other.headFirst)?.code,
                  c.utf8.count > 3 else { continue }
            return c.dropFirst(3)
        }
        return nil
    }

    /// Whether the words right before a speech verb at `trigger` are an unnamed source that no
    /// name belongs to: a medium ("…, state radio said", "a newspaper said"; a spokesman
    /// speaks for a body and is not one), or a group ("…, Hindustan Copper Ltd, traders
    /// said"; "analysts said"): a plural lower-case noun that is no armed or political agent
    /// (traders, analysts and residents are; rebels, troops and diplomats are actors).
    func isUnnamedSource(before trigger: Int, range: Range<Int>) -> Bool {
        var k = trigger - 1
        while k >= range.lowerBound, frame.tokens[k].isWord, Self.auxiliaries.contains(frame.tokens[k].folded) { k -= 1 }
        guard k >= range.lowerBound, frame.unitAtToken[k] < 0, TextFrame.isTitleWord(frame.tokens[k]) else { return false }
        let word = frame.tokens[k].folded
        let agent = coder.dictionary.agentCode(for: word)
        if agent == "~MED", !Self.isSpokesperson(word) { return true }
        guard word.hasSuffix("s"), !word.hasSuffix("ss") else { return false }
        guard let agent else { return true }
        return Self.bystanderAgents.contains(agent)
    }

    /// A spokesman, spokeswoman or spokesperson: the dictionaries code the word as media
    /// (`~MED`), but it speaks for the body it names, and is no medium.
    private static func isSpokesperson(_ word: String) -> Bool { word.hasPrefix("spokes") }

    /// Agent codes of people who report rather than act: business, civilians, education, media.
    private static let bystanderAgents: Set<String> = ["~BUS", "~CVL", "~EDU", "~MED"]

    /// Whether the actor called `name` in the sentence `range` is a news medium: by its name
    /// alone ("Xinhua": a `MED` code first), or by the media noun right after its name
    /// ("Interfax news agency", "the Yonhap news agency"). A spokesman speaks for the body
    /// he names ("a USTR spokesman"): that is no medium.
    func isMedium(_ name: String, range: Range<Int>) -> Bool {
        if let c = coder.code(ActorCoder.fold(name), on: day, fallbackCountry: nil),
           coder.dictionary.parts(of: c).type1 == "MED" { return true }
        for unit in frame.units where unit.name == name && range.contains(unit.firstToken) {
            for end in unit.endToken..<min(unit.endToken + 2, range.upperBound) {
                guard let (first, agent) = agentWords(endingAt: end, range: range), first == unit.endToken,
                      agent == "~MED" else { continue }
                if !(first...end).contains(where: { Self.isSpokesperson(frame.tokens[$0].folded) }) { return true }
            }
        }
        return false
    }

    /// The folded words of `unit` with the capitalised, agent or role words right before it
    /// ("Chinese Vice Premier X", "senior Belarus politician", "rebel military leader X")
    /// and the agent nouns among the title words right after it ("Iranian troops", "Egypt's
    /// police", "the U.S. special envoy"), within `range`.
    private func phraseWords(of unit: ActorUnit, range: Range<Int>) -> [String] {
        var words = (unit.firstToken..<unit.endToken).map { frame.tokens[$0].folded }
        var k = unit.firstToken - 1
        var added = 0
        while k >= range.lowerBound, added < 3, frame.tokens[k].isWord, frame.unitAtToken[k] < 0,
              frame.tokens[k].isCapitalized || TextFrame.isRoleWord(frame.tokens[k])
                || Self.roleModifiers.contains(frame.tokens[k].folded) || (frame.tokens[k].folded.contains("-") && TextFrame.isTitleWord(frame.tokens[k])) {
            words.insert(frame.tokens[k].folded, at: 0)
            k -= 1
            added += 1
        }
        // "EU foreign policy chief Federica Mogherini": an organisation or a place named
        // right before the stated role is whose office it is.
        if added > 0, k >= range.lowerBound, frame.unitAtToken[k] >= 0 {
            let owner = frame.units[frame.unitAtToken[k]]
            if owner.endToken == k + 1, owner.type != .person {
                words.insert(contentsOf: (owner.firstToken...k).map { frame.tokens[$0].folded }, at: 0)
            }
        }
        var j = unit.endToken
        if j < range.upperBound, frame.tokens[j].folded == "'s" { j += 1 }
        // "Sudanese and Egyptian workers": the agent noun after coordinated demonyms belongs
        // to each of them.
        if isDemonym(unit) {
            func pastJoiners(_ start: Int) -> Int {
                var m = start
                while m < range.upperBound, Self.joiners.contains(frame.tokens[m].folded) || frame.tokens[m].folded == "or" { m += 1 }
                return m
            }
            var m = pastJoiners(j)
            while m > j, m < range.upperBound, frame.unitAtToken[m] >= 0, isDemonym(frame.units[frame.unitAtToken[m]]) {
                j = frame.units[frame.unitAtToken[m]].endToken
                m = pastJoiners(j)
            }
        }
        var taken = 0
        while j < range.upperBound, taken < 3, frame.tokens[j].isWord, frame.unitAtToken[j] < 0,
              TextFrame.isRoleWord(frame.tokens[j]) || TextFrame.isTitleWord(frame.tokens[j]) {
            if isAgentWord(frame.tokens[j].folded) { words.append(frame.tokens[j].folded) }
            j += 1
            taken += 1
        }
        return words
    }

    /// The other members of a coordination the actor called `name` (nearest to token `near`)
    /// stands in: "X, Y and Z" gives the two others of X, Y or Z, with their codes.
    func coordinated(with name: String?, range: Range<Int>, near: Int) -> [(name: String, code: ActorCode?)] {
        guard let name else { return [] }
        var best = -1, distance = Int.max
        for (k, u) in frame.units.enumerated() where u.name == name && u.firstToken >= range.lowerBound && u.endToken <= range.upperBound {
            if abs(u.headFirst - near) < distance { distance = abs(u.headFirst - near); best = k }
        }
        guard best >= 0 else { return [] }
        func joined(_ a: ActorUnit, _ b: ActorUnit) -> Bool {
            guard a.endToken < b.firstToken, b.firstToken - a.endToken <= 2 else { return false }
            return (a.endToken..<b.firstToken).allSatisfy { Self.joiners.contains(frame.tokens[$0].folded) }
        }
        var members: [ActorUnit] = []
        var k = best
        while k + 1 < frame.units.count, frame.units[k + 1].endToken <= range.upperBound, joined(frame.units[k], frame.units[k + 1]) {
            k += 1
            members.append(frame.units[k])
        }
        let last = k
        k = best
        while k > 0, frame.units[k - 1].firstToken >= range.lowerBound, joined(frame.units[k - 1], frame.units[k]) {
            k -= 1
            members.append(frame.units[k])
        }
        // Commas alone make an apposition ("the United Nations, Madeleine Albright,"), not a
        // list: a coordination has its "and".
        guard !members.isEmpty, (frame.units[k].endToken..<frame.units[last].firstToken).contains(where: { frame.tokens[$0].folded == "and" || frame.tokens[$0].folded == "&" })
        else { return [] }
        return members.filter { $0.canAct && !$0.isSetting && $0.name != name }.map { member in
            (member.name, code(name: member.name, side: member.side, range: range, near: member.headFirst))
        }
    }

    private static let joiners: Set<String> = [",", "and", "&"]

    /// Whether `unit` is one demonym ("Sudanese"), as the gazetteer knows it.
    private func isDemonym(_ unit: ActorUnit) -> Bool {
        guard unit.endToken - unit.firstToken == 1 else { return false }
        let token = frame.tokens[unit.firstToken]
        return Gazetteer.shared.places[frame.text(token.start, token.end)]?.kind == .demonym
    }

    /// An agent noun phrase ending right before the trigger, after any auxiliaries and the
    /// place it is in or from ("police have arrested", "Kenyan troops on Tuesday attacked",
    /// "police in southwest China have arrested", "troops from Uganda attacked"): its text
    /// and code.
    func agentSubject(before trigger: Int, range: Range<Int>) -> (name: String, code: ActorCode, first: Int)? {
        var k = trigger - 1
        // Auxiliaries and a day ("police on Friday arrested").
        while k >= range.lowerBound, frame.tokens[k].isWord,
              Self.auxiliaries.contains(frame.tokens[k].folded) || frame.isWeekday(k) {
            k -= 1
        }
        // "Police in southwest China have arrested": the agent before the place it is in.
        if k >= range.lowerBound, frame.unitAtToken[k] >= 0 {
            guard let p = frame.preposition(before: frame.units[frame.unitAtToken[k]]),
                  p > range.lowerBound, Self.placePrepositions.contains(frame.tokens[p].folded) else { return nil }
            k = p - 1
        }
        guard k >= range.lowerBound, frame.tokens[k].isWord, frame.unitAtToken[k] < 0 else { return nil }
        // "a Kurdish guerrilla group accused": a collective noun after the agent word names
        // its members' body, which PETRARCH codes by the agent inside the noun phrase.
        if Self.collectiveNouns.contains(frame.tokens[k].folded), k - 1 >= range.lowerBound,
           frame.tokens[k - 1].isWord, frame.unitAtToken[k - 1] < 0, !frame.tokens[k - 1].isCapitalized,
           let phrase = agentPhrase(endingAt: k - 1, range: range) {
            return phrase
        }
        if let phrase = agentPhrase(endingAt: k, range: range) { return phrase }
        // "an 88-year-old army veteran was jailed": a head noun the dictionaries do not know,
        // after an agent word, is coded by that word, as PETRARCH codes a noun phrase by the
        // agent in it (`agentObject` reads objects so).
        func isNoun(_ j: Int) -> Bool {
            frame.tokens[j].isWord && frame.unitAtToken[j] < 0 && !frame.tokens[j].isCapitalized
                && !Self.functionWords.contains(frame.tokens[j].folded)
                && !frame.tokens[j].folded.hasSuffix("ly") && !VerbForms.standard.isPastForm(frame.tokens[j].folded)
        }
        guard isNoun(k) else { return nil }
        var m = k - 1
        while m >= range.lowerBound, k - m <= 2, isNoun(m) {
            if let phrase = agentPhrase(endingAt: m, range: range) { return phrase }
            m -= 1
        }
        return nil
    }

    /// English function words ("and", "after"), which head no noun phrase.
    private static let functionWords = Stopwords.embeddedList(for: "en")

    /// Nouns that name a body of people of the kind the word before them says ("rebel group",
    /// "guerrilla faction").
    static let collectiveNouns: Set<String> = [
        "group", "groups", "faction", "factions", "movement", "movements", "organisation", "organization",
        "organisations", "organizations", "unit", "units", "alliance", "coalition", "leadership",
    ]

    /// An agent noun phrase right after the trigger ("arrested opposition supporters",
    /// "fired at police"): its text and code. A phrase behind "in" is where the act happens,
    /// not whom it reaches ("died in hospital").
    func agentObject(after end: Int, range: Range<Int>) -> (name: String, code: ActorCode, first: Int)? {
        var k = end
        var skipped = 0
        // "the", "at", and a count ("15,000 refugees", "more than 120 students", "dozens of").
        func isDigits(_ j: Int) -> Bool {
            j >= range.lowerBound && j < range.upperBound && frame.tokens[j].folded.utf8.first.map { $0 >= 48 && $0 <= 57 } == true
        }
        while k < range.upperBound, skipped < 6,
              isDigits(k) || (frame.tokens[k].folded == "," && isDigits(k - 1) && isDigits(k + 1))
                || (frame.tokens[k].isWord && (Self.objectLeaders.contains(frame.tokens[k].folded)
                    || TextFrame.prepositions.contains(frame.tokens[k].folded))) {
            if frame.tokens[k].folded == "in" { return nil }
            k += 1
            skipped += 1
        }
        // "by a group of former guerrillas", "members of the police": the body's people.
        if k + 1 < range.upperBound, Self.collectiveNouns.contains(frame.tokens[k].folded) || frame.tokens[k].folded.hasPrefix("member"),
           frame.tokens[k + 1].folded == "of" {
            k += 2
            while k < range.upperBound, frame.tokens[k].isWord,
                  Self.objectLeaders.contains(frame.tokens[k].folded) || Self.roleModifiers.contains(frame.tokens[k].folded) { k += 1 }
        }
        // "by a Hong Kong court", "killed 30 Taliban militants": a place or a group named
        // before the head noun.
        if k < range.upperBound, frame.unitAtToken[k] >= 0 {
            k = frame.units[frame.unitAtToken[k]].endToken
        }
        // The head noun: the last word of up to four before a non-word or a function word.
        var head = -1
        var j = k
        while j < range.upperBound, j - k < 4, frame.tokens[j].isWord, frame.unitAtToken[j] < 0 {
            let word = frame.tokens[j].folded
            if TextFrame.prepositions.contains(word) { break }
            if coder.dictionary.agentCode(for: word) != nil
                || (j > k && coder.dictionary.agentCode(for: frame.tokens[j - 1].folded + " " + word) != nil) {
                head = j
            }
            j += 1
        }
        guard head >= 0 else { return nil }
        return agentPhrase(endingAt: head, range: range)
    }

    /// The longest agent phrase ending at token `k` ("Kenyan police", "a court in Kenya"),
    /// with its country's code: its text, code and first token.
    func agentPhrase(endingAt k: Int, range: Range<Int>) -> (name: String, code: ActorCode, first: Int)? {
        guard let (first, agent) = agentWords(endingAt: k, range: range) else { return nil }
        // A country adjective or name right before ("Kenyan police", "Israel's army").
        var country: String?
        var start = first
        var m = first - 1
        if m >= range.lowerBound, frame.tokens[m].folded == "'s" { m -= 1 }
        // "Taliban militants", "Hamas fighters": a group the dictionaries code is the actor,
        // and the agent noun only says what its members are.
        if m >= range.lowerBound, frame.unitAtToken[m] >= 0, frame.units[frame.unitAtToken[m]].endToken == m + 1,
           frame.units[frame.unitAtToken[m]].type != .person,
           let group = coder.code(ActorCoder.fold(frame.units[frame.unitAtToken[m]].name), on: day, fallbackCountry: nil),
           group.utf8.count > 3 {
            let first = frame.units[frame.unitAtToken[m]].firstToken
            return (frame.text(frame.tokens[first].start, frame.tokens[k].end), coder.dictionary.parts(of: group), first)
        }
        // "Trump administration officials": the officials of the leader's government.
        if m > range.lowerBound, TextFrame.governmentNouns.contains(frame.tokens[m].folded),
           frame.unitAtToken[m - 1] >= 0, case let leader = frame.units[frame.unitAtToken[m - 1]], leader.endToken == m,
           let c = personCountry(leader) {
            country = c
            start = leader.firstToken
        } else if m >= range.lowerBound, frame.tokens[m].isWord, let c = coder.countryCode(ofName: frame.tokens[m].folded) {
            country = c
            start = m
        } else if m >= range.lowerBound, frame.unitAtToken[m] >= 0, frame.units[frame.unitAtToken[m]].endToken == m + 1 {
            let unit = frame.units[frame.unitAtToken[m]]
            // "a Hong Kong court": a place of several words.
            if let c = coder.countryCode(ofName: unit.name) {
                country = c
                start = unit.firstToken
            } else if frame.tokens[m + 1].folded == "'s", let c = personCountry(unit) {
                // "Gaddafi's airforce": the force of the person's country.
                country = c
                start = unit.firstToken
            }
        }
        // "a court in Kenya", "delegates from Armenia", "the army of Iraq": the place right after.
        if country == nil, k + 2 < range.upperBound, Self.placePrepositions.contains(frame.tokens[k + 1].folded) {
            var p = k + 2
            while p + 1 < range.upperBound, frame.unitAtToken[p] < 0, p - k <= 4, frame.tokens[p].isWord, !frame.tokens[p].isCapitalized { p += 1 }
            let u = frame.unitAtToken[p]
            if u >= 0, frame.isPrepositional(frame.units[u]), let c = coder.countryCode(ofName: frame.units[u].name) { country = c }
        }
        let code = ActorCoder.combine(country: country ?? documentCountry, agent: agent)
        let name = frame.text(frame.tokens[start].start, frame.tokens[k].end)
        return (name, coder.dictionary.parts(of: code), start)
    }

    /// The country of the code the dictionaries give a person `unit` on the document's day,
    /// or nil (no person, or no country in the code).
    private func personCountry(_ unit: ActorUnit) -> String? {
        guard unit.type == .person, let person = coder.code(ActorCoder.fold(unit.name), on: day, fallbackCountry: nil) else { return nil }
        return coder.dictionary.parts(of: person).country
    }

    /// Whether the sentence `range` names two actors or more: names and the pronouns that
    /// stand for them (a pair such as "both sides" counts twice), and agent phrases ("police",
    /// "security forces"). An act the field's rules code needs a source and a target, so a
    /// sentence with fewer can give none, and is not worth its parse.
    func namesTwoActors(_ range: Range<Int>) -> Bool {
        var count = 0
        var u = frame.firstUnit(atOrAfter: range.lowerBound)
        while u < frame.units.count, frame.units[u].firstToken < range.upperBound {
            count += frame.units[u].partner == nil ? 1 : 2
            if count >= 2 { return true }
            u += 1
        }
        for k in range where frame.tokens[k].isWord && frame.unitAtToken[k] < 0 && agentWords(endingAt: k, range: range) != nil {
            count += 1
            if count >= 2 { return true }
        }
        return false
    }

    /// The longest agent phrase of the dictionary (up to three words) ending at token `k`:
    /// its first token and agent code.
    private func agentWords(endingAt k: Int, range: Range<Int>) -> (first: Int, agent: String)? {
        for length in stride(from: 3, through: 1, by: -1) where k - length + 1 >= range.lowerBound {
            var words = ((k - length + 1)...k).map { frame.tokens[$0].folded }
            if let c = coder.dictionary.agentCode(for: words.joined(separator: " ")) { return (k - length + 1, c) }
            // "heavily-armed men": a compound's last part as the word ("armed men").
            if length > 1, let dash = words[0].lastIndex(of: "-"), words[0].index(after: dash) < words[0].endIndex {
                words[0] = String(words[0][words[0].index(after: dash)...])
                if let c = coder.dictionary.agentCode(for: words.joined(separator: " ")) { return (k - length + 1, c) }
            }
        }
        return nil
    }

    private static let placePrepositions: Set<String> = ["in", "from", "of"]

    private func isAgentWord(_ word: String) -> Bool {
        coder.dictionary.agentCode(for: word) != nil
    }

    private func isAgentPhrase(_ words: [String]) -> Bool {
        words.contains { coder.dictionary.agentCode(for: $0) != nil }
    }
}
