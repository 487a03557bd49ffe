/// The events stage: CAMEO-coded events and attributed quotes.
///
/// Promises, for every sentence of the analysis: each trigger of the lexicon
/// (`data/lexicon/lexicon.tsv`: the project's `triggers.tsv`, then the rules derived from
/// PETRARCH2's CAMEO.2.0.txt, which fire on verbs only and need a target of their own)
/// whose source is a named actor or an agent noun ("police") (a person, an organisation,
/// a country or its capital standing for it, or a pronoun resolved to one) becomes one
/// `Event` with the code-book's root, quad class and Goldstein score, the sentence's span
/// and text, the trigger's span, the nearest DATE value of the sentence as `time` (with its
/// normalised value), the sentence's MONEY and PERCENT values, the actors' countries, and a
/// polarity, the actors' CAMEO codes (`EventActorCoding`) and the event's day resolved
/// against the published date. Triggers of one clause that share their subject are one event
/// (`ClauseCollapse`); each member of a coordination ("X, Y and Z") gets its own event;
/// sentences PETRARCH discards (sports, showbiz) get none from the derived rules.
/// The project's rules read their actors from the words around the trigger
/// (`ArgumentReader`); the derived rules from the sentence's dependency parse
/// (`ClauseArguments`, one parse per sentence that holds a derived candidate), with the
/// word reader's target where the parse has none. A statement that reports an act is an
/// event of its own beside it; a derived meeting or visit that is only planned is an intent
/// to meet (036). An act (any code but a plain statement, 010) needs an actor code on at
/// least one side; a statement aimed at no one is no event where it is only the source of a
/// report (a medium, unnamed officials or groups, an organisation with no role, a business)
/// or in a story PETRARCH discards. Under the default `EventConvention.dyadic` every event
/// has a target; `monadic` also reports statements and acts aimed at no one.
/// Quotes come from `QuoteFinder`. Pure and thread-safe: no state between documents.
public struct EventExtractor: DocumentStage {
    public static let stage = StageName.events

    private static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "this", "that"]

    /// Verbs that only carry an act a noun names: "held talks", "began a visit".
    private static let lightVerbs: Set<String> = [
        "hold", "holds", "held", "holding", "have", "has", "had", "having", "begin", "begins", "began", "begun",
        "start", "starts", "started", "open", "opens", "opened", "conduct", "conducts", "conducted",
        "make", "makes", "made", "pay", "pays", "paid",
    ]

    /// The light verb right before a noun trigger, past at most two determiners or modifiers
    /// ("held talks", "held fresh talks", "paid a visit"), or nil.
    private static func lightVerb(before first: Int, in frame: TextFrame, range: Range<Int>) -> Int? {
        var k = first - 1
        while k >= range.lowerBound, first - k <= 3, frame.tokens[k].isWord, frame.unitAtToken[k] < 0 {
            if lightVerbs.contains(frame.tokens[k].folded) { return k }
            k -= 1
        }
        return nil
    }

    private let lexicon: TriggerLexicon
    /// Whether events aimed at no one are reported (`EventConvention`).
    public let convention: EventConvention
    private let quoteFinder = QuoteFinder()

    public init(convention: EventConvention = .standard) {
        lexicon = .standard
        self.convention = convention
    }

    public func process(_ input: AnalyzedDocument) throws(PipelineError) -> ExtractedDocument {
        let frame = TextFrame(document: input)
        let published = input.clean.decoded.referenceDate
        return ExtractedDocument(analyzed: input, events: events(in: frame, values: input.values, published: published),
                                 quotes: quoteFinder.quotes(in: frame))
    }

    func events(in frame: TextFrame, values: [ValueMention], published: String? = nil) -> [Event] {
        let dates = values.filter { $0.type == .date }.sorted { $0.start < $1.start }
        let amounts = values.filter { $0.type == .money || $0.type == .percent }.sorted { $0.start < $1.start }
        let arguments = ArgumentReader(frame: frame)
        let polarity = PolarityReader(frame: frame)
        let collapse = ClauseCollapse(frame: frame)
        // Built at the first candidate: most documents' sentences hold none.
        var coding: EventActorCoding?
        // PETRARCH's discards (a sports or showbiz story or sentence), looked up at the first
        // need: the story's once, each sentence's once.
        var storyDiscarded: Bool?
        func discards(_ range: Range<Int>) -> Bool {
            if storyDiscarded == nil { storyDiscarded = DiscardList.standard.storyDiscarded(frame.tokens) }
            return storyDiscarded! || DiscardList.standard.sentenceDiscarded(frame.tokens, range: range)
        }
        let publishedDate = published.flatMap { CalendarDate(iso: $0) }
        let publishedDay = publishedDate.map(\.isoDay)
        var events: [Event] = []
        for (index, range) in frame.sentenceTokens.enumerated() where !range.isEmpty {
            let span = frame.sentences[index]
            var skipped: TokenAsides?
            // The sentence's parse, made at its first candidate (most sentences have none).
            var clause: ClauseArguments??
            var candidates: [EventCandidate] = []
            // Meetings and talks with no subject of their own: the content of a speech act.
            var plannedMeetings: [(TriggerMatch, EventArguments)] = []
            // Participles after a comma, whose subject is the main clause's.
            var participles: [EventCandidate] = []
            // The project's rules first: where one of them (other than a plain speech verb)
            // codes an act in the sentence (under dyadic coding, one aimed at someone), the
            // derived rules add nothing to it, and the sentence is not parsed for them; nor is
            // a sentence or story PETRARCH discards.
            let matches = lexicon.matches(in: frame.tokens, range: range)
            var projectActs = false
            // The sentence's discard: no event from the field's rules, no statement aimed at no one.
            var discarded: Bool?
            var sporting: Bool?
            for match in matches.filter(\.rule.isProject) + matches.filter({ !$0.rule.isProject }) {
                if !match.rule.isProject {
                    if projectActs { break }
                    if discarded == nil { discarded = discards(range) }
                    if discarded! { break }
                } else if convention == .dyadic {
                    // A sentence about sport ("France beat Mexico 2-0 … World Cup hosts"): not
                    // news to code, under the project's rules either. Only the sentence's own
                    // words count: a political story may mention a tournament.
                    if sporting == nil { sporting = DiscardList.standard.sentenceHoldsStoryPhrase(frame.tokens, range: range) }
                    if sporting! { break }
                }
                // A trigger word inside a name ("the G-20 Summit") is part of the name.
                // Quoted words are coded through the speaker's statement, not on their own.
                guard !frame.inMention[match.firstToken], !frame.inQuote[match.firstToken],
                      let entry = CAMEOCodebook.entry(for: match.code) else { continue }
                // "accused X of killing Y", "condemned X for attacking Y": the act is the
                // accusation's content; the accusation is the event (the dev sets' and the
                // seeds' convention), as a reported act is under a statement aimed at no one.
                if Self.isAccusationContent(match, among: matches, in: frame, range: range) { continue }
                if match.rule.has(.noun) {
                    if frame.isTopicNoun(match.firstToken, endToken: match.endToken) { continue }
                    if entry.root == "04", Self.isObjectOfAnotherAct(match.firstToken, in: frame, range: range) { continue }
                    if Self.modifiesAgentNoun(match, in: frame, range: range, anyPrevious: true) { continue }
                } else if Self.modifiesAgentNoun(match, in: frame, range: range, anyPrevious: false) {
                    continue
                } else if match.firstToken > range.lowerBound,
                          Self.determiners.contains(frame.tokens[match.firstToken - 1].folded)
                            || Self.isNounAfterPreposition(match.firstToken, in: frame) {
                    // "the alleged theft", "a charge", "in charge of": a verb word used as a noun
                    // or adjective.
                    continue
                }
                var args: EventArguments
                // Whether the word reader, not the parse, gave the arguments.
                var wordsRead = false
                if match.rule.isProject {
                    if skipped == nil { skipped = frame.appositions(in: range) }
                    args = arguments.read(match, sentence: index, skipped: skipped!)
                    wordsRead = true
                } else {
                    // The field's rules code verbs, as PETRARCH's parse finds them: a verb by its
                    // neighbours (`VerbContext`) that the parse tags VB*, with its arguments
                    // from the tree. The sentence is parsed once, at its first such candidate.
                    let byNeighbours = VerbContext.isVerb(at: match.firstToken, in: frame, range: range)
                    // A bare form after a name ("Saudi Arabia cut") is weighed only where a
                    // pattern's own words follow it ("cut diplomatic ties"); alone ("England
                    // beat Pakistan") it is too often a result or a noun.
                    guard byNeighbours || (match.endToken - match.firstToken > 1
                                           && VerbContext.isBareFormAfterName(at: match.firstToken, in: frame, range: range))
                    else { continue }
                    if coding == nil { coding = EventActorCoding(frame: frame, coder: .standard, published: published) }
                    // The field's rules code acts between two actors only: a sentence that names
                    // fewer is not parsed (issue 11: parse only what needs it).
                    if clause == nil, !coding!.namesTwoActors(range) { break }
                    if clause == nil { clause = Self.parse(range, in: frame, coding: coding!) }
                    if let c = clause ?? nil {
                        // A bare form after a name is a verb only where the tagger reads it
                        // as a finite one ("Saudi Arabia cut diplomatic ties", not "U.S. trade").
                        let tag = c.tree.tags[c.node(of: match)]
                        if !tag.hasPrefix("VB") || (!byNeighbours && !["VBD", "VBZ", "VBP"].contains(tag)) { continue }
                    } else if !byNeighbours {
                        continue
                    }
                    if skipped == nil { skipped = frame.appositions(in: range) }
                    let words = arguments.read(match, sentence: index, skipped: skipped!)
                    if var fromTree = clause??.read(match) {
                        // The tree's subject; where the tree finds no target, the actor after the
                        // verb in its clause (the parse misses many prepositional and long objects).
                        fromTree.location = words.location
                        if fromTree.target == nil, let target = words.target, target != fromTree.source {
                            fromTree.target = target
                            fromTree.targetFromTree = false
                            fromTree.targetSide = words.targetSide
                            fromTree.moreTargets = nil
                        }
                        args = fromTree
                    } else {
                        args = words
                        wordsRead = true
                    }
                }
                // "Russian servicemen were killed when unidentified gunmen attacked guards": an
                // agent noun right before the verb is its subject, not a name farther back, nor
                // the person whose agent it is ("Gaddafi's airforce blasted …").
                if wordsRead, !match.rule.has(.noun), !match.rule.has(.speech), args.sourceHead >= 0, args.sourceHead < match.firstToken {
                    if coding == nil { coding = EventActorCoding(frame: frame, coder: .standard, published: published) }
                    if let agent = coding!.agentSubject(before: match.firstToken, range: range),
                       agent.first > args.sourceHead || (agent.first == args.sourceHead && Self.isPossessivePerson(at: agent.first, in: frame)) {
                        args.source = agent.name
                        args.sourceActor = agent.code
                        args.sourceSide = nil
                        args.sourceHead = agent.first
                    }
                }
                // "X was arrested by police", "jailed for 15 years by a Hong Kong court": a
                // passive's agent the reader or the parse did not attach.
                if args.agentless, !match.rule.has(.noun),
                   let by = (match.endToken..<min(match.endToken + 12, range.upperBound)).prefix(while: { frame.tokens[$0].folded != "," })
                    .first(where: { frame.tokens[$0].folded == "by" }) {
                    if coding == nil { coding = EventActorCoding(frame: frame, coder: .standard, published: published) }
                    if let agent = coding!.agentObject(after: by + 1, range: range) {
                        args.source = agent.name
                        args.sourceActor = agent.code
                        args.sourceHead = agent.first
                        args.agentless = false
                    }
                }
                if args.source == nil, !args.agentless,
                   let verb = match.rule.has(.noun) ? Self.lightVerb(before: match.firstToken, in: frame, range: range) : match.firstToken {
                    // An actor that is no name: "police arrested", "rebels attacked"; for an act
                    // named by a noun, its light verb's ("the foreign minister held talks").
                    if coding == nil { coding = EventActorCoding(frame: frame, coder: .standard, published: published) }
                    // "The army said it killed five rebels": the speaker's agent phrase.
                    let subjectEnd = verb - 2 > range.lowerBound && frame.tokens[verb - 1].folded == "it"
                        && frame.tokens[verb - 2].classes.contains(.reportingVerb) ? verb - 2 : verb
                    if let agent = coding!.agentSubject(before: subjectEnd, range: range) {
                        args.source = agent.name
                        args.sourceActor = agent.code
                        args.sourceHead = subjectEnd - 1
                    }
                }
                // "…, detaining 260 members": a participle after a comma takes its main
                // clause's subject, read once the clause's other triggers are in.
                if Self.isParticipialAdjunct(match, in: frame, range: range) {
                    participles.append(EventCandidate(match: match, entry: entry, arguments: args))
                    continue
                }
                guard args.source != nil else {
                    if entry.root == "04" { plannedMeetings.append((match, args)) }
                    continue
                }
                candidates.append(EventCandidate(match: match, entry: entry, arguments: args))
                // Only a project act aimed at someone silences the field's rules: under dyadic
                // coding one aimed at no one is not reported, and the sentence's field act
                // ("Suu Kyi hit out at the government for recent arrests") would be lost.
                if match.rule.isProject, !match.rule.has(.speech), convention == .monadic || args.target != nil { projectActs = true }
            }
            if !participles.isEmpty { Self.attach(participles, to: &candidates) }
            guard !candidates.isEmpty else { continue }
            // Back in sentence order (the project's rules were read first).
            candidates = candidates.enumerated().sorted {
                ($0.element.match.firstToken, $0.offset) < ($1.element.match.firstToken, $1.offset)
            }.map(\.element)
            var kept = collapse.reduce(candidates)
            if !plannedMeetings.isEmpty {
                intentToMeet(&kept, plannedMeetings, sentence: index, polarity: polarity)
            }
            let sentenceText = frame.text(span.start, span.end)
            let quantities = mentions(in: amounts, within: span).map(\.text)
            for candidate in kept {
                let match = candidate.match
                let mood = polarity.polarity(of: match, sentence: index)
                // The field codes what happened: under dyadic coding a negated event ("did not
                // attack") is no event (`EventConvention`).
                if convention == .dyadic, mood == .negated { continue }
                // Nor is a condition or a speculation ("could", "if"); a plan stays (036, 030).
                if convention == .dyadic, mood == .hypothetical, polarity.isConditional(match, sentence: index) { continue }
                var entry = candidate.entry
                // A planned meeting, visit or talks is an intent to meet (036), as the CAMEO manual
                // codes it. Under monadic coding the project's rules keep their code with a
                // hypothetical polarity, as the seeds' gold wants, unless "X will visit Y" states
                // the plan in so many words.
                if mood == .hypothetical, entry.root == "04",
                   !match.rule.isProject || convention == .dyadic
                    || Self.followsFutureAuxiliary(match.firstToken, in: frame, from: range.lowerBound, visit: entry.code == "042", noun: match.rule.has(.noun)),
                   let intent = CAMEOCodebook.entry(for: "036") { entry = intent }
                // A planned act of cooperation or yielding is an intent to it (03x), as the CAMEO
                // manual codes expressed intentions; the seeds' gold (monadic) keeps the act's
                // code, marked hypothetical.
                if convention == .dyadic, mood == .hypothetical, !match.rule.has(.hyp),
                   let code = Self.intentCodes[entry.code] ?? Self.intentCodes[entry.root], let intent = CAMEOCodebook.entry(for: code) {
                    entry = intent
                }
                var args = candidate.arguments
                if coding == nil { coding = EventActorCoding(frame: frame, coder: .standard, published: published) }
                if isAttribution(candidate, frame: frame, coding: coding!, range: range) { continue }
                // Statements need no target; a denial or an act answers someone.
                if args.target == nil, !match.rule.has(.dyadic), entry.root != "01" || entry.code == "016" {
                    // The rule's own code: a planned visit (036) has its host as a visit does.
                    defaultTarget(&args, match: match, code: candidate.entry, frame: frame)
                }
                // An actor that is no name: "detained three students" after the verb, or
                // before a passive ("an army veteran was jailed by a court").
                if args.target == nil, !match.rule.has(.speech),
                   let agent = args.passive ? coding!.agentSubject(before: match.firstToken, range: range)
                                            : coding!.agentObject(after: match.endToken, range: range)
                                                ?? Self.agentInsidePattern(match, coding: coding!, range: range),
                   agent.name != args.source {
                    args.target = agent.name
                    args.targetActor = agent.code
                }
                // "shelled the city of Kharkiv", "struck positions in Donetsk": force an armed
                // actor or a state aims at a place is aimed at the country it lies in (the dev
                // sets' convention); a man stabbed or an airliner exploding aims at no one.
                if args.target == nil, !args.passive, Self.forceRoots.contains(entry.root) {
                    // The source's code, kept for the coding below (the same call).
                    if args.sourceActor == nil {
                        args.sourceActor = coding!.code(name: args.source, side: args.sourceSide, range: range, near: match.firstToken)
                    }
                    if let code = args.sourceActor, code.type1.map(Self.armedRoles.contains) ?? (code.country != nil),
                       let place = Self.placeAfter(match, frame: frame, coding: coding!, range: range), place.name != args.source {
                        args.target = place.name
                        args.targetActor = place.code
                    }
                }
                // The field's rules code an interaction, never an act with no one on the other end,
                // and its target is the verb's object: close after it, or the subject of a passive.
                if match.rule.has(.dyadic) {
                    guard let target = args.target,
                          args.targetActor != nil || args.targetFromTree || Self.isNear(target, match, in: frame, range: range)
                    else { continue }
                }
                // Dyadic coding reports only what is aimed at someone (`EventConvention`); an
                // event aimed at no one is passed over here, before its actors are coded.
                if convention == .dyadic, args.target == nil { continue }
                let sourceActor = args.sourceActor
                    ?? coding!.code(name: args.source, side: args.sourceSide, range: range, near: match.firstToken)
                if args.target == nil, match.rule.has(.speech), entry.code == "010" {
                    if discarded == nil { discarded = discards(range) }
                    let byOrganisation = args.source.map { source in
                        frame.units.contains { $0.name == source && $0.type == .organization }
                    } ?? false
                    if discarded! || Self.isOutsidePolitics(sourceActor, byOrganisation: byOrganisation) { continue }
                }
                var targetActor = args.targetActor
                    ?? coding!.code(name: args.target, side: args.targetSide, range: range, near: match.endToken)
                if let counterpart = Self.counterpart(of: sourceActor, named: args.target, coded: targetActor,
                                                      after: match.endToken, in: frame, range: range) {
                    targetActor = counterpart
                }
                // An act neither of whose actors any dictionary codes is nothing an analyst can
                // count ("Xbox One S offers", "Marco Arment criticizes"): PETRARCH codes only
                // acts between coded actors. Statements keep the seeds' convention (an
                // analyst's "said" is an event, coded or not).
                if sourceActor == nil, targetActor == nil, entry.code != "010" { continue }
                // "X told Reuters": a news agency of no country that a speaker talks to is the
                // wire's channel, not the statement's target (the dev sets' convention); the
                // reported act is the event. A country's medium ("told German radio") stays.
                if convention == .dyadic, entry.code == "010", match.rule.has(.addressee), targetActor?.code == "MED" { continue }
                let coded = Self.seizureOfPeople(match, entry: entry, source: sourceActor, target: targetActor,
                                                 named: args.target, in: frame)
                let triggerStart = frame.tokens[match.firstToken].start
                let triggerEnd = frame.tokens[match.endToken - 1].end
                let date = nearestDate(in: dates, within: span, to: triggerStart, triggerEnd)
                var event = Event(
                    code: coded.code, root: coded.root, quadClass: coded.quadClass, goldstein: coded.goldstein,
                    source: args.source, target: args.target, location: args.location,
                    time: date?.text,
                    polarity: mood,
                    trigger: frame.text(triggerStart, triggerEnd), sentence: sentenceText,
                    start: span.start, end: span.end, triggerStart: triggerStart, triggerEnd: triggerEnd,
                    sourceAffiliation: args.sourceSide, targetAffiliation: args.targetSide,
                    timeNormalized: date?.normalized["value"]?.stringValue, quantities: quantities)
                event.sourceActor = sourceActor
                event.targetActor = targetActor
                // A weekday of a planned act is the next one ("is due to meet on Tuesday").
                if mood == .hypothetical, let value = event.timeNormalized,
                   let day = publishedDate.flatMap({ DateResolver(published: $0).upcoming(value) }) {
                    event.date = day
                } else {
                    event.date = Self.day(of: date) ?? publishedDay
                }
                events.append(event)
                // Every member of "X, Y and Z" is an actor: one event per pair, as PETRARCH codes.
                guard args.target != nil else { continue }
                if match.rule.has(.sym) {
                    // A joint act ("Russia, China and India met"): each pair of the members
                    // once, the first-named as source; a pair of two is the event already.
                    events.append(contentsOf: Self.jointPairs(of: event, arguments: args, coding: coding!, frame: frame,
                                                              range: range, near: args.sourceHead >= 0 ? args.sourceHead : match.firstToken))
                    continue
                }
                let moreSources = args.moreSources.map { list in
                    list.map { (name: $0.name, code: $0.code ?? coding!.code(name: $0.name, side: $0.side, range: range, near: $0.head)) }
                } ?? coding!.coordinated(with: args.source, range: range, near: match.firstToken)
                let moreTargets = args.moreTargets.map { list in
                    list.map { (name: $0.name, code: $0.code ?? coding!.code(name: $0.name, side: $0.side, range: range, near: $0.head)) }
                } ?? coding!.coordinated(with: args.target, range: range, near: match.endToken)
                let sources = [(args.source, sourceActor)] + moreSources.filter { $0.name != args.target }.map { ($0.name, $0.code) }
                let targets = [(args.target, targetActor)] + moreTargets.filter { $0.name != args.source }.map { ($0.name, $0.code) }
                for (s, sCode) in sources {
                    for (t, tCode) in targets where (s, t) != (args.source, args.target) && s != t {
                        var pair = event
                        pair.source = s
                        pair.target = t
                        pair.sourceActor = sCode
                        pair.targetActor = tCode
                        pair.sourceAffiliation = s == args.source ? event.sourceAffiliation : nil
                        pair.targetAffiliation = t == args.target ? event.targetAffiliation : nil
                        events.append(pair)
                    }
                }
            }
        }
        return events
    }

    /// "ambushed an army convoy" (the field's `AMBUSH - * CONVOY`): an agent the pattern's
    /// own object words hold, where none follows the pattern; never a possessor's modifier
    /// ("intensified his separatist rhetoric").
    private static func agentInsidePattern(_ match: TriggerMatch, coding: EventActorCoding,
                                           range: Range<Int>) -> (name: String, code: ActorCode, first: Int)? {
        guard match.endToken - match.firstToken > 1,
              let agent = coding.agentObject(after: match.firstToken + 1, range: range),
              agent.first < match.endToken,
              !TextFrame.possessivePronouns.contains(coding.frame.tokens[agent.first - 1].folded)
        else { return nil }
        return agent
    }

    /// "ruled out talks", "scheduled the meeting", "to bar the meeting", "weighing a possible
    /// meeting": a meeting noun that is the object of a verb (a past form, an "-ing" form, or
    /// a base form after "to") other than one that holds, joins or resumes it names no
    /// meeting of its own; the verb's act is the event.
    private static func isObjectOfAnotherAct(_ first: Int, in frame: TextFrame, range: Range<Int>) -> Bool {
        var k = first - 1
        var skipped = 0
        while k >= range.lowerBound, skipped < 3, frame.tokens[k].isWord, frame.unitAtToken[k] < 0,
              determiners.contains(frame.tokens[k].folded) || meetingModifiers.contains(frame.tokens[k].folded) {
            k -= 1
            skipped += 1
        }
        guard k >= range.lowerBound, frame.tokens[k].isWord, frame.unitAtToken[k] < 0, !frame.tokens[k].isCapitalized else { return false }
        let word = frame.tokens[k].folded
        if lightVerbs.contains(word) || meetingVerbs.contains(where: { word.hasPrefix($0) }) || frame.tokens[k].classes.contains(.reportingVerb) { return false }
        return VerbContext.isRegularPast(word) || (k > range.lowerBound && frame.tokens[k - 1].folded == "to")
            || (word.hasSuffix("ing") && word.utf8.count > 5)
    }

    /// Verbs (by their stem) whose object meeting is the subject's own: attending, resuming.
    private static let meetingVerbs = ["attend", "resum", "continu", "join", "enter", "conven", "chair", "host", "relaunch", "restart", "reopen", "renew", "kick"]
    /// Words between such a verb and its meeting noun: modifiers and a phrasal verb's particle
    /// ("ruled out talks", "broke off peace talks").
    private static let meetingModifiers: Set<String> = ["new", "further", "fresh", "peace", "direct", "planned", "possible", "out", "off", "up"]

    /// Whether a person's name opens at `token` and ends in "'s" ("Gaddafi's airforce").
    private static func isPossessivePerson(at token: Int, in frame: TextFrame) -> Bool {
        let u = frame.unitAtToken[token]
        guard u >= 0, frame.units[u].type == .person, frame.units[u].endToken < frame.tokens.count else { return false }
        return frame.tokens[frame.units[u].endToken].folded == "'s"
    }

    /// "aid workers", "protest leaders", "three French aid workers", "pressure group": a
    /// one-word trigger right before an agent noun or a collective noun ("group",
    /// "movement") only says which people, and names no act. A noun trigger always;
    /// a verb's bare form only after a name, a number or a determiner (not "police arrest
    /// protesters", never a speech verb: "told reporters").
    private static func modifiesAgentNoun(_ match: TriggerMatch, in frame: TextFrame, range: Range<Int>,
                                          anyPrevious: Bool) -> Bool {
        let next = match.endToken
        guard match.endToken - match.firstToken == 1, next < range.upperBound, frame.unitAtToken[next] < 0,
              ActorDictionary.standard.agentCode(for: frame.tokens[next].folded) != nil
                || EventActorCoding.collectiveNouns.contains(frame.tokens[next].folded) else { return false }
        if anyPrevious { return true }
        // Only a bare form can be a modifier ("aid"); "told reporters", "said police" are verbs.
        guard !match.rule.has(.speech), TriggerLexicon.baseForms.contains(frame.tokens[match.firstToken].folded) else { return false }
        let previous = match.firstToken - 1
        guard previous >= range.lowerBound else { return false }
        let unit = frame.unitAtToken[previous]
        return (unit >= 0 && frame.units[unit].endToken == match.firstToken)
            || determiners.contains(frame.tokens[previous].folded)
            || frame.tokens[previous].folded.utf8.first.map { $0 >= 48 && $0 <= 57 } == true
    }

    /// Roots of force: assault, fight, mass violence.
    private static let forceRoots: Set<String> = ["18", "19", "20"]
    /// The roles that bear arms.
    private static let armedRoles: Set<String> = ["MIL", "REB", "UAF", "INS", "SEP"]

    /// The first place named within eight words after the trigger and before a comma or
    /// the clause's end, coded as its country (", South Korea's military said" is no place
    /// the act reached).
    private static func placeAfter(_ match: TriggerMatch, frame: TextFrame, coding: EventActorCoding,
                                   range: Range<Int>) -> (name: String, code: ActorCode)? {
        var stop = match.endToken
        while stop < min(range.upperBound, match.endToken + 8), frame.tokens[stop].folded != ",",
              !frame.tokens[stop].classes.contains(.targetStop) { stop += 1 }
        var u = frame.firstUnit(atOrAfter: match.endToken)
        while u < frame.units.count, frame.units[u].firstToken < stop {
            let unit = frame.units[u]
            if unit.type == .location, unit.endToken <= range.upperBound,
               let country = coding.coder.countryCode(ofName: unit.name) {
                return (unit.name, ActorCode(code: country, country: country, type1: nil, type2: nil))
            }
            u += 1
        }
        return nil
    }

    /// The roles a counterpart can hold: offices of a state.
    private static let officeRoles: Set<String> = ["GOV", "MIL", "LEG", "JUD", "COP", "SPY"]

    /// "met his Ugandan counterpart": a counterpart holds the source's office in the
    /// target's country, so a target coded as a bare country takes the source's first role
    /// (`UGA` → `UGAGOV` when the source is `KENGOV`). Nil where that does not apply.
    private static func counterpart(of source: ActorCode?, named target: String?, coded code: ActorCode?,
                                    after first: Int, in frame: TextFrame, range: Range<Int>) -> ActorCode? {
        guard let target, let code, let country = code.country, code.type1 == nil,
              let role = source?.type1, source?.country != nil, officeRoles.contains(role) else { return nil }
        for k in first..<range.upperBound where k > range.lowerBound && frame.unitAtToken[k - 1] >= 0 {
            let word = frame.tokens[k].folded
            guard word == "counterpart" || word == "counterparts",
                  frame.units[frame.unitAtToken[k - 1]].name == target else { continue }
            return ActorCode(code: country + role, country: country, type1: role, type2: nil)
        }
        return nil
    }

    /// "US officials said the talks would resume": a neutral statement by a country, aimed
    /// at nobody, only says where a report comes from (gold convention 3: such attribution
    /// clauses are not events of their own), and so does a news medium's ("…, Xinhua said",
    /// "Interfax news agency said": convention 3's `reported_by`, "Bloomberg reported").
    /// A medium's plain statement is one whomever it names ("Interfax quoted X as saying").
    /// Named people's and other bodies' statements are always events, and so are other
    /// statements made to someone.
    private func isAttribution(_ candidate: EventCandidate, frame: TextFrame, coding: EventActorCoding,
                               range: Range<Int>) -> Bool {
        guard candidate.entry.code == "010", candidate.match.rule.has(.speech),
              let source = candidate.arguments.source else { return false }
        // "Interfax news agency quoted spokesman Sergei Yastrzhembsky as saying": a medium's
        // plain statement is where a report comes from, whomever it names.
        if coding.isMedium(source, range: range) { return true }
        guard candidate.arguments.target == nil else { return false }
        if coding.isUnnamedSource(before: candidate.match.firstToken, range: range) { return true }
        // "United Nations relief officials said": unnamed officials of a body are a source of
        // the report, as "A US official said" is (a spokesman speaks for the body: an event).
        for unit in frame.units where unit.name == source && range.contains(unit.firstToken) {
            var k = unit.endToken
            if k < range.upperBound, frame.tokens[k].folded == "'s" { k += 1 }
            if k < range.upperBound, TextFrame.isTitleWord(frame.tokens[k]), !Self.unnamedSources.contains(frame.tokens[k].folded) { k += 1 }
            if k < range.upperBound, Self.unnamedSources.contains(frame.tokens[k].folded) { return true }
        }
        return !frame.units.contains { $0.name == source && ($0.type == .person || $0.type == .organization) }
    }

    /// The APPREHEND block's verbs of taking by force (not its "take" or "catch", which
    /// name taking a class or catching a disease as often).
    private static let seizingVerbs: Set<String> = [
        "seize", "seizes", "seized", "seizing", "capture", "captures", "captured", "capturing",
        "grab", "grabs", "grabbed", "grabbing", "snatch", "snatches", "snatched", "snatching", "nab", "nabs", "nabbed", "nabbing",
    ]
    /// Target types that may be a thing as well as people ("a Kuwaiti tanker" is KWTBUS).
    private static let propertyTypes: Set<String> = ["BUS", "MNC", "ENV", "INS"]
    /// The types of a state's agents: people they seize are arrested.
    private static let stateAgents: Set<String> = ["GOV", "MIL", "COP", "JUD", "SPY"]

    /// "Gunmen seized Penrose", "kidnappers have seized a Dutch couple": the field's
    /// APPREHEND block codes its bare verbs ("seize", "capture", "grab") as taking property
    /// (171). People seized (a person, or a target whose type names people) are abducted
    /// (181) by anyone but a state's agents, and arrested (173) by those, as the CAMEO manual
    /// codes them. Any other match keeps `entry`.
    private static func seizureOfPeople(_ match: TriggerMatch, entry: CAMEOCode, source: ActorCode?, target: ActorCode?,
                                        named targetName: String?, in frame: TextFrame) -> CAMEOCode {
        guard entry.code == "171", match.rule.pattern == "APPREHEND *",
              seizingVerbs.contains(frame.tokens[match.firstToken].folded),
              target?.type1.map({ !propertyTypes.contains($0) }) == true
                || frame.units.contains(where: { $0.name == targetName && $0.type == .person }) else { return entry }
        let code = source?.type1.map { stateAgents.contains($0) } == true ? "173" : "181"
        return CAMEOCodebook.entry(for: code) ?? entry
    }

    /// "Jones Medical Industries Inc said it completed the acquisition": a statement aimed at
    /// no one by a business (`BUS`, or a multinational, `MNC`: "Microsoft says") is a
    /// company's news, not a political act (and in a story or sentence PETRARCH discards,
    /// "Klinsmann has said he will retire", any such statement is, as the caller checks). So
    /// is such a statement by an organisation the dictionaries give no role (no type, or
    /// civilians): "Offshore Data Services said", "the Bank of Canada said" (coded by its
    /// country alone) are where a report comes from, while a ministry, a party, an armed group
    /// or an IGO speaks as an actor. Statements made to someone, and acts, are not judged here.
    private static func isOutsidePolitics(_ speaker: ActorCode?, byOrganisation: Bool) -> Bool {
        if speaker?.type1 == "BUS" || speaker?.type2 == "BUS" || speaker?.type1 == "MNC" { return true }
        return byOrganisation && (speaker?.type1 == nil || speaker?.type1 == "CVL")
    }

    /// "in charge of", "with support from": a verb's word right after a preposition other
    /// than "to" is a noun; only its "-ing" form may be a verb there ("by attacking").
    private static func isNounAfterPreposition(_ first: Int, in frame: TextFrame) -> Bool {
        let before = frame.tokens[first - 1].folded
        return before != "to" && TextFrame.prepositions.contains(before) && !frame.tokens[first].folded.hasSuffix("ing")
    }

    /// The other pairs of a joint act whose source is one of three or more coordinated
    /// members: every pair once, in the order the sentence names them, leaving out the
    /// event's own pair.
    private static func jointPairs(of event: Event, arguments args: EventArguments, coding: EventActorCoding,
                                   frame: TextFrame, range: Range<Int>, near: Int) -> [Event] {
        guard let source = args.source, let target = args.target else { return [] }
        let others = coding.coordinated(with: source, range: range, near: near)
        guard others.count >= 2 else { return [] }
        func position(_ name: String) -> Int {
            frame.units.first { $0.name == name && range.contains($0.firstToken) }?.firstToken ?? Int.max
        }
        var members: [(name: String, code: ActorCode?)] = [(source, event.sourceActor)]
        for other in others where !members.contains(where: { $0.name == other.name }) {
            members.append(other.name == target ? (target, event.targetActor) : other)
        }
        members.sort { position($0.name) < position($1.name) }
        var pairs: [Event] = []
        for i in members.indices {
            for j in members.indices where j > i {
                let (a, b) = (members[i], members[j])
                if Set([a.name, b.name]) == Set([source, target]) { continue }
                var pair = event
                pair.source = a.name
                pair.target = b.name
                pair.sourceActor = a.code
                pair.targetActor = b.code
                pair.sourceAffiliation = nil
                pair.targetAffiliation = nil
                pairs.append(pair)
            }
        }
        return pairs
    }

    /// A verb's "-ing" form right after a comma: an adjunct of the clause before it
    /// ("the government launched a crackdown, detaining 260 members", "…, saying he was
    /// biased"), whose subject is that clause's, never the noun before the comma.
    private static func isParticipialAdjunct(_ match: TriggerMatch, in frame: TextFrame, range: Range<Int>) -> Bool {
        guard !match.rule.has(.noun), match.firstToken - 1 > range.lowerBound else { return false }
        return frame.tokens[match.firstToken - 1].folded == "," && frame.tokens[match.firstToken].folded.hasSuffix("ing")
    }

    /// Gives each participle the source of the nearest candidate before it (its main
    /// clause's verb) and adds it to `candidates`; with no verb before it, a participle keeps
    /// the source its own reading found, if any.
    private static func attach(_ participles: [EventCandidate], to candidates: inout [EventCandidate]) {
        for var participle in participles {
            let main = candidates.filter { $0.match.firstToken < participle.match.firstToken }
                .max { $0.match.firstToken < $1.match.firstToken }
            if let main {
                let from = main.arguments
                participle.arguments.source = from.source
                participle.arguments.sourceActor = from.sourceActor
                participle.arguments.sourceSide = from.sourceSide
                participle.arguments.sourceHead = from.sourceHead
                participle.arguments.moreSources = from.moreSources
                if participle.arguments.target == from.source {
                    participle.arguments.target = nil
                    participle.arguments.targetActor = nil
                    participle.arguments.targetSide = nil
                }
            }
            guard participle.arguments.source != nil else { continue }
            candidates.append(participle)
        }
    }

    /// Auxiliaries of the future ("will visit", "would meet", "'ll hold talks").
    private static let futureAuxiliaries: Set<String> = ["will", "would", "shall", "'ll"]
    /// Adverbs that may stand between the auxiliary and its verb ("will also meet").
    private static let auxiliaryAdverbs: Set<String> = ["also", "then", "now", "soon", "later", "first", "again", "probably"]

    /// Whether the verb at `first` is governed by a future auxiliary right before it, past
    /// at most one adverb, or by a plan's "to" ("was to meet", "is scheduled to visit").
    /// "is due to" is a plan for a meeting ("is due to meet": 036, as the dev sets' gold has
    /// it) but not for a `visit` (042), which the seeds' gold codes as the visit, hypothetical.
    /// A noun trigger ("talks", "meeting") is governed through the light verb that holds it
    /// (`lightVerb(before:)`: "would hold talks", "will have a meeting").
    private static func followsFutureAuxiliary(_ first: Int, in frame: TextFrame, from sentenceStart: Int, visit: Bool, noun: Bool) -> Bool {
        let verb = noun ? lightVerb(before: first, in: frame, range: sentenceStart..<first) ?? first : first
        var k = verb - 1
        if k >= sentenceStart, auxiliaryAdverbs.contains(frame.tokens[k].folded) { k -= 1 }
        guard k >= sentenceStart else { return false }
        if futureAuxiliaries.contains(frame.tokens[k].folded) { return true }
        // "was to meet", "is scheduled to visit", "plans to meet": a plan in so many words.
        guard frame.tokens[k].folded == "to", k - 1 >= sentenceStart else { return false }
        let governor = frame.tokens[k - 1].folded
        return planGovernors.contains(governor) || (!visit && governor == "due")
    }
    private static let planGovernors = PolarityReader.planCopulas.union([
        "scheduled", "plans", "planned", "plan", "intends", "intended", "expected", "expects",
    ])

    /// A planned act's "express intent" code (03x), by the act's code or root, after the
    /// CAMEO code book's parallel branches: material cooperation (06x) is 031, aid (07x)
    /// 033, yielding (08x) 035 or 034, diplomatic cooperation (05x) 032.
    static let intentCodes: [String: String] = [
        "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
        "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
        "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
        "0834": "0344", "084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
    ]

    /// Nouns for people a report comes from without a name.
    private static let unnamedSources: Set<String> = ["official", "officials", "source", "sources"]

    /// "Harlan has said the bargain will be struck at a meeting with Xi": a plain statement
    /// whose content is a planned meeting of the speaker is an expression of intent to meet
    /// (036, the force of the speech act, as gold convention 3 asks), aimed at the meeting's
    /// other party.
    private func intentToMeet(_ kept: inout [EventCandidate], _ meetings: [(TriggerMatch, EventArguments)],
                              sentence: Int, polarity: PolarityReader) {
        guard let intent = CAMEOCodebook.entry(for: "036") else { return }
        for k in kept.indices where kept[k].entry.code == "010" && kept[k].match.rule.has(.speech)
            && !kept[k].match.rule.has(.addressee) {
            let said = kept[k].match
            guard let (meeting, args) = meetings.first(where: { $0.0.firstToken >= said.endToken }),
                  polarity.polarity(of: meeting, sentence: sentence) == .hypothetical else { continue }
            kept[k].entry = intent
            if kept[k].arguments.target == nil, let other = args.target, other != kept[k].arguments.source {
                kept[k].arguments.target = other
                kept[k].arguments.targetSide = args.targetSide
            }
        }
    }

    /// A directed act with no named target in its clause: a visit's host is the country of
    /// the place visited; otherwise, in a story about two countries, an act by one side is
    /// aimed at the other ("Beijing banned fentanyl" in a US–China story).
    private func defaultTarget(_ args: inout EventArguments, match: TriggerMatch, code: CAMEOCode, frame: TextFrame) {
        let side = args.sourceSide
        // "visit Berlin": the place right after a visit or arrival is where it happens.
        if code.root == "04", args.location == nil {
            let u = frame.firstUnit(atOrAfter: match.endToken)
            if u < frame.units.count, frame.units[u].type == .location, frame.units[u].firstToken - match.endToken <= 2 {
                args.location = frame.units[u].name
            }
        }
        if code.root == "04", let place = args.location, let host = PoliticalGeography.country(of: place), host != side {
            args.target = host
            args.targetSide = host
            return
        }
        guard let side, let (a, b) = frame.principalPair, side == a || side == b else { return }
        let other = side == a ? b : a
        args.target = other
        args.targetSide = other
    }

    /// The sentence's dependency parse as an argument reader, or nil when the binary
    /// carries no parser.
    /// A trigger inside the content of an accusation: after a trigger of disapproval (root
    /// 11: accuse, blame, criticise, condemn) and the "of" or "for" + gerund that opens what
    /// it alleges ("of killing", "for attacking … in shelling"), with no comma between.
    static func isAccusationContent(_ match: TriggerMatch, among matches: [TriggerMatch], in frame: TextFrame,
                                    range: Range<Int>) -> Bool {
        let first = match.firstToken
        guard let accusation = matches.last(where: { $0.code.hasPrefix("11") && $0.firstToken >= range.lowerBound && $0.endToken <= first })
        else { return false }
        var opened = false
        for k in accusation.endToken - 1..<first + 1 where k > range.lowerBound {
            let word = frame.tokens[k].folded
            if word == "," || word == ";" { return false }
            if word.hasSuffix("ing"), ["of", "for"].contains(frame.tokens[k - 1].folded) { opened = true }
        }
        return opened
    }

    static func parse(_ range: Range<Int>, in frame: TextFrame, coding: EventActorCoding) -> ClauseArguments? {
        guard let parser = SyntaxParser.embedded, !range.isEmpty else { return nil }
        let (words, tokens) = ClauseArguments.words(of: range, in: frame)
        return ClauseArguments(frame: frame, tree: parser.parse(words), tokens: tokens, range: range, coding: coding)
    }

    /// Whether an actor phrase called `name` stands where a verb's object (or a passive's
    /// subject) does: opening a pattern's gap, right after its verb or a determiner there
    /// ("slammed Syria for its policies"), starting at most six tokens after the trigger (an
    /// aside in brackets not counted), or ending at most four before it.
    static func isNear(_ name: String, _ match: TriggerMatch, in frame: TextFrame, range: Range<Int>) -> Bool {
        frame.units.contains { u in
            u.name == name && u.firstToken >= range.lowerBound && u.endToken <= range.upperBound
                && ((u.firstToken > match.firstToken && u.firstToken - match.firstToken <= 2 && u.endToken <= match.endToken)
                    || (u.firstToken >= match.endToken && distance(from: match.endToken, to: u.firstToken, in: frame) <= 6)
                    || (u.endToken <= match.firstToken && match.firstToken - u.endToken <= 4))
        }
    }

    /// Tokens from `start` up to `end`, a "( … )" aside counting for none ("8.5 million
    /// pounds ($13 million) to Montserrat").
    private static func distance(from start: Int, to end: Int, in frame: TextFrame) -> Int {
        var count = 0, depth = 0
        for k in start..<end {
            switch frame.tokens[k].folded {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            default: if depth == 0 { count += 1 }
            }
        }
        return count
    }

    /// The calendar day a DATE value fixes, resolved against the published date by the
    /// analyzer ("last Tuesday", "on March 1"), as YYYY-MM-DD; nil for a month, a year or
    /// an open date.
    static func day(of value: ValueMention?) -> String? {
        guard let value else { return nil }
        for key in ["resolved", "value"] {
            if let text = value.normalized[key]?.stringValue, text.utf8.count == 10, CalendarDate(iso: text) != nil {
                return text
            }
        }
        return nil
    }

    /// The values of `sorted` that lie inside the sentence.
    private func mentions(in sorted: [ValueMention], within span: SentenceSpan) -> [ValueMention] {
        var k = firstIndex(in: sorted, atOrAfter: span.start)
        var out: [ValueMention] = []
        while k < sorted.count && sorted[k].start < span.end {
            if sorted[k].end <= span.end { out.append(sorted[k]) }
            k += 1
        }
        return out
    }

    private func firstIndex(in sorted: [ValueMention], atOrAfter offset: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The DATE value inside the sentence closest to the trigger.
    private func nearestDate(in dates: [ValueMention], within span: SentenceSpan, to start: Int, _ end: Int) -> ValueMention? {
        var best: (distance: Int, value: ValueMention)?
        var k = firstIndex(in: dates, atOrAfter: span.start)
        while k < dates.count && dates[k].start < span.end {
            let d = dates[k]
            if d.end <= span.end {
                let distance = d.start >= end ? d.start - end : (d.end <= start ? start - d.end : 0)
                if best == nil || distance < best!.distance { best = (distance, d) }
            }
            k += 1
        }
        return best?.value
    }
}

