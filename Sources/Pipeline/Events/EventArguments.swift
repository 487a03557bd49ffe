/// Who did it to whom, and where: the actor arguments of one trigger.
struct EventArguments: Sendable, Hashable {
    var source: String?
    var target: String?
    var location: String?
    /// The countries source and target stand for (a person's affiliation, a country itself).
    var sourceSide: String? = nil
    var targetSide: String? = nil
    /// First token of the source phrase's head, so two triggers that found the very same
    /// subject phrase are known to share one clause subject; -1 when there is no source.
    var sourceHead: Int = -1
    /// The source was a coordinated pair ("he and Santos").
    var sourceCoordinated: Bool = false
    /// Actor codes found with the actor itself (an agent noun such as "police"); others
    /// are coded from the names once the arguments are settled.
    var sourceActor: ActorCode? = nil
    var targetActor: ActorCode? = nil
    /// The other members of a coordinated source or target ("X, Y and Z"), when the
    /// dependency tree gave the arguments; nil when they come from the words around.
    var moreSources: [ArgumentActor]? = nil
    var moreTargets: [ArgumentActor]? = nil
    /// The parse shows a passive with no agent ("X was jailed"): there is no source to find.
    var agentless: Bool = false
    /// The trigger is a passive verb: its target is what stands before it, never what follows.
    var passive: Bool = false
    /// The target is the parse's subject of a passive, however far before the trigger it
    /// stands ("A Dutch couple living on a farm was kidnapped by …"). The parse's objects
    /// of active verbs are not marked: far from the verb they are too often wrong.
    var targetFromTree: Bool = false
}

/// Reads a trigger's source, target and location from the sentence around it: the
/// arguments of the project's rules, and the target of a derived rule whose parse gives none
/// (`ClauseArguments` reads the derived rules' arguments from the tree).
///
/// A light, rule-based reading over actor phrases and a few function words:
/// - source: the nearest actor phrase before the trigger in its clause that is not
///   introduced by a preposition, not a setting ("in Beijing"), and not a possessive of
///   some other noun; "X and Y <trigger>" gives source X and target Y; the name a relative
///   "who" follows; not a past verb's object ("left Nepal for a visit": the verb's subject,
///   and the object is the target where none follows); for a gerund after a subordinator
///   inside the sentence ("…, before visiting X"), the sentence's first acting name;
/// - passive ("was imposed by X"): the `by` phrase is the source;
/// - speech acts: a speaker after the verb ("said Dr X") when none comes before;
/// - a clause that opens with the trigger ("After meeting X, Y agreed") takes the main
///   clause's subject;
/// - target: the addressee right after "told", else the first actor after the trigger in
///   its clause (after "with", "on", "against", "to", "between" as they come);
/// - location: the nearest setting ("in/at <place>") in the sentence.
struct ArgumentReader: Sendable {
    let frame: TextFrame

    private static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being"]
    /// Words that end the clause a subject is searched in (scanning backwards).
    static let clauseOpeners: Set<String> = [";", ":", "\u{201C}", "\u{201D}", "\"", "\u{2018}", "'", "(", ")", "\u{2013}", "\u{2014}"]
    /// Words after which the target search stops.
    static let targetStops: Set<String> = [
        ";", ":", "while", "but", "because", "which", "who", "although", "whereas", "after", "before",
        "since", "if", "unless", "\u{201C}", "\u{201D}", "\"", "\u{2018}", "'", "\u{2013}", "\u{2014}",
    ]
    static let reportingVerbs: Set<String> = [
        "said", "say", "says", "saying", "told", "tell", "tells", "added", "stated", "noted", "reported",
        "announced", "claimed", "argued", "insisted", "warned", "believe", "believes", "think", "thinks", "hint",
        "hinted", "hints", "expect", "expects",
    ]
    /// Words that may stand between "and" and the second of a pair ("and his counterpart").
    private static let pairDeterminers: Set<String> = ["the", "his", "her", "its", "their"]
    private static let subordinators: Set<String> = ["after", "before", "while", "when", "since", "upon", "following", "by", "during"]

    /// `skipped` is `frame.appositions(in:)` of the sentence, computed once per sentence.
    func read(_ match: TriggerMatch, sentence: Int, skipped: TokenAsides) -> EventArguments {
        let range = frame.sentenceTokens[sentence]
        let rule = match.rule

        var source: ActorUnit?
        var target: ActorUnit?
        var partnerName: String?
        var partnerSide: String?
        var coordinated = false

        if rule.has(.sym), let (first, last) = betweenPair(after: match, in: range) {
            return EventArguments(source: first.name, target: last.name, location: setting(near: match, in: range),
                                  sourceSide: first.side, targetSide: last.side, sourceHead: first.headFirst)
        }
        let passive = isPassive(match)
        // Targets are searched outside the asides, but a trigger inside one ("Muratovic, who
        // is due to meet his Turkish counterpart Erbakan, …") looks in its own.
        let targetSkipped = skipped.excludingAside(of: match.firstToken)
        var subject = subjectBefore(match.firstToken, in: range, skipped: skipped)
        // "Rosati will meet Milosevic in Belgrade, before visiting Montenegro": a gerund after
        // a subordinator inside the sentence shares the main clause's subject.
        if let lead = adjunctSubject(of: match.firstToken, in: range, skipped: skipped) { subject = Subject(unit: lead, coordinated: nil) }
        // "King Birendra left Nepal for a visit to China": an actor right after a past verb is
        // that verb's object; its subject acts, and the object is the target where none follows.
        var verbObject: ActorUnit?
        if !passive, let found = subject, found.coordinated == nil, let verb = pastVerb(before: found.unit, in: range),
           let outer = subjectBefore(verb, in: range, skipped: skipped), outer.unit.name != found.unit.name {
            verbObject = found.unit
            subject = outer
        }
        if passive {
            if let agent = unitAfter(word: "by", from: match.endToken, in: range) {
                source = agent
                // "imposed on Mexico by Canada": an actor between the verb and "by"; never the
                // agent's own phrase ("jailed by a Hong Kong court").
                target = subject?.unit ?? firstTarget(after: match.endToken, in: range, skipped: targetSkipped, excluding: agent.name)
                    .flatMap { $0.endToken < agent.firstToken ? $0 : nil }
            } else {
                target = subject?.unit
            }
        } else if let subject {
            source = subject.unit
            if let other = subject.coordinated {
                coordinated = true
                // "Santos and Olsen are in Beijing": two envoys of one side are co-actors;
                // so are the pair of any one-sided act ("X and Y arrived", "X and Y imposed
                // tariffs"). Only a joint act ("X and Y met") is aimed by one at the other.
                if rule.has(.sym), other.side == nil || other.side != subject.unit.side {
                    partnerName = other.name
                    partnerSide = other.side
                }
            } else if let partner = subject.unit.partner {
                partnerName = partner
                partnerSide = PoliticalGeography.country(of: partner)
            }
        } else if rule.has(.speech), speakerMayFollow(match.firstToken, in: range, skipped: skipped),
                  let inverted = unit(startingWithin: 4, after: match.endToken, in: range) {
            source = inverted
        } else if opensClause(match.firstToken, in: range),
                  let main = mainClauseSubject(after: match.endToken, in: range) {
            source = main
        }

        var targetName: String? = target?.name ?? partnerName
        var targetSide: String? = target?.side ?? partnerSide
        if targetName == nil && !passive {
            if rule.has(.addressee) {
                let addressee = unit(startingWithin: 2, after: match.endToken, in: range)
                targetName = addressee?.name
                targetSide = addressee?.side
            } else if !rule.has(.speech) {
                let found = firstTarget(after: match.firstToken + 1, in: range, skipped: targetSkipped, excluding: source?.name)
                targetName = found?.name
                targetSide = found?.side
                // "talks between X and Y" with no subject: X is the source.
                if source == nil, rule.has(.sym), let found {
                    let index = frame.unitAtToken[found.headFirst]
                    if index >= 0, let next = coordinatedUnit(after: index, limit: range.upperBound) {
                        source = found
                        targetName = next.name
                    }
                }
                // "the first meetings the two sides have held": the pair is both actors.
                if source == nil, rule.has(.sym), let found, let partner = found.partner {
                    source = found
                    targetName = partner
                    targetSide = PoliticalGeography.country(of: partner)
                }
                if targetName == nil, let partner = source?.partner {
                    targetName = partner
                    targetSide = PoliticalGeography.country(of: partner)
                }
            }
        }
        if targetName == nil, !rule.has(.speech), let verbObject, verbObject.name != source?.name {
            targetName = verbObject.name
            targetSide = verbObject.side
        }
        // "Germany faced criticism from Poland", "came under pressure from the US": the actor
        // after "from" does the act, and the clause's subject receives it.
        if rule.has(.noun), !rule.has(.sym), match.endToken < range.upperBound, frame.tokens[match.endToken].folded == "from",
           let doer = unit(startingWithin: 3, after: match.endToken + 1, in: range), doer.name != source?.name {
            targetName = source?.name
            targetSide = source?.side
            source = doer
        }
        let sourceName = source?.name
        if targetName == sourceName { targetName = nil; targetSide = nil }
        var arguments = EventArguments(source: sourceName, target: targetName,
                                       location: setting(near: match, in: range),
                                       sourceSide: source?.side, targetSide: targetSide,
                                       sourceHead: source?.headFirst ?? -1, sourceCoordinated: coordinated)
        // "Three soldiers were killed": the words before a passive are its target, and no
        // agent noun there is to be taken for its source.
        arguments.agentless = passive && source == nil
        arguments.passive = passive
        return arguments
    }

    // MARK: - Subjects

    private struct Subject {
        var unit: ActorUnit
        var coordinated: ActorUnit?
    }

    private func subjectBefore(_ trigger: Int, in range: Range<Int>, skipped: TokenAsides) -> Subject? {
        let tokens = frame.tokens
        // "…, the group said": the subject is that common noun, which no dictionary codes,
        // not a name before the comma.
        if trigger - 2 >= range.lowerBound, frame.unitAtToken[trigger - 1] < 0, frame.unitAtToken[trigger - 2] < 0,
           tokens[trigger - 1].isWord, !tokens[trigger - 1].isCapitalized,
           Self.subjectDeterminers.contains(tokens[trigger - 2].folded),
           trigger - 2 == range.lowerBound || tokens[trigger - 3].folded == "," {
            return nil
        }
        var k = trigger - 1
        var candidate: ActorUnit?
        var candidateIndex = -1
        while k >= range.lowerBound {
            if skipped.contains(k) { k -= 1; continue }
            if tokens[k].classes.contains(.clauseOpener) { break }
            // "X said a deal …": what follows a reporting verb is its own clause, and the
            // speaker is not that clause's subject.
            if tokens[k].classes.contains(.reportingVerb) { break }
            // "a call from envoy Dennis Ross, who held talks with …": a relative clause's
            // subject is the name it follows, even inside a prepositional phrase.
            if tokens[k].folded == "who" {
                let end = k - 1 >= range.lowerBound && tokens[k - 1].folded == "," ? k - 1 : k
                let u = end - 1 >= range.lowerBound ? frame.unitAtToken[end - 1] : -1
                if u >= 0, frame.units[u].endToken == end, frame.units[u].canAct {
                    candidate = frame.units[u]
                    candidateIndex = u
                }
                break
            }
            let u = frame.unitAtToken[k]
            if u >= 0 {
                let unit = frame.units[u]
                let possessiveOfOther = unit.isPossessive && trigger - unit.endToken > 3
                if unit.canAct && !unit.isSetting && !possessiveOfOther && !frame.isPrepositional(unit) {
                    candidate = unit
                    candidateIndex = u
                    break
                }
                k = unit.firstToken - 1
                continue
            }
            k -= 1
        }
        guard let candidate else { return nil }
        // "X and Y <trigger>": X is the source, Y the target.
        if candidateIndex > 0 {
            let previous = frame.units[candidateIndex - 1]
            if previous.endToken <= candidate.firstToken, previous.firstToken >= range.lowerBound,
               !previous.isSetting, previous.canAct, joinedByAnd(previous.endToken, candidate.firstToken) {
                return Subject(unit: previous, coordinated: candidate)
            }
        }
        return Subject(unit: candidate, coordinated: nil)
    }

    /// Determiners that open a subject noun phrase of their own.
    private static let subjectDeterminers: Set<String> = ["the", "a", "an", "this", "that", "its", "their"]

    /// Only "and" (or "&"), perhaps with "the", a title ("and Treasury Secretary") or role
    /// words the actor dictionaries know ("and Chechen separatist military leader"), lies
    /// between.
    private func joinedByAnd(_ from: Int, _ to: Int) -> Bool {
        guard from < to, frame.tokens[from].folded == "and" || frame.tokens[from].folded == "&" else { return false }
        for k in (from + 1)..<to where !Self.pairDeterminers.contains(frame.tokens[k].folded)
            && !(frame.tokens[k].isWord && frame.tokens[k].isCapitalized)
            && !TextFrame.isRoleWord(frame.tokens[k]) {
            return false
        }
        return to - from <= 6
    }

    /// "talks between X, Y and Z": X and the last of the list.
    private func betweenPair(after trigger: TriggerMatch, in range: Range<Int>) -> (ActorUnit, ActorUnit)? {
        var k = trigger.endToken
        while k < range.upperBound && k - trigger.endToken < 2 && frame.tokens[k].folded != "between" { k += 1 }
        guard k < range.upperBound, frame.tokens[k].folded == "between",
              let first = unit(startingWithin: 4, after: k + 1, in: range) else { return nil }
        var last = first
        var u = frame.unitAtToken[first.headFirst]
        while u + 1 < frame.units.count {
            let next = frame.units[u + 1]
            guard next.endToken <= range.upperBound, next.firstToken - last.endToken <= 4 else { break }
            let gap = frame.tokens[last.endToken..<next.firstToken]
            guard let joiner = gap.first?.folded, joiner == "," || joiner == "and",
                  gap.dropFirst().allSatisfy({ $0.folded == "and" || $0.folded == "the" || $0.isCapitalized }) else { break }
            last = next
            u += 1
        }
        return last.name == first.name ? nil : (first, last)
    }

    private func coordinatedUnit(after index: Int, limit: Int) -> ActorUnit? {
        guard index + 1 < frame.units.count else { return nil }
        let a = frame.units[index], b = frame.units[index + 1]
        guard b.endToken <= limit, joinedByAnd(a.endToken, b.firstToken) else { return nil }
        return b
    }

    /// The trigger opens its clause: first in the sentence, or right after "After"/"While".
    private func opensClause(_ trigger: Int, in range: Range<Int>) -> Bool {
        trigger == range.lowerBound || (trigger > range.lowerBound
            && Self.subordinators.contains(frame.tokens[trigger - 1].folded))
    }

    /// The sentence's first acting name before the subordinator of a gerund at `trigger`
    /// ("…, before visiting X", "… while visiting X"), when the sentence does not open with
    /// that adjunct; nil otherwise.
    private func adjunctSubject(of trigger: Int, in range: Range<Int>, skipped: TokenAsides) -> ActorUnit? {
        let subordinator = trigger - 1
        guard subordinator > range.lowerBound, frame.tokens[trigger].folded.hasSuffix("ing"),
              Self.subordinators.contains(frame.tokens[subordinator].folded) else { return nil }
        var u = frame.firstUnit(atOrAfter: range.lowerBound)
        while u < frame.units.count, frame.units[u].endToken <= subordinator {
            let unit = frame.units[u]
            if unit.canAct, !unit.isSetting, !frame.isPrepositional(unit), !skipped.contains(unit.firstToken) { return unit }
            u += 1
        }
        return nil
    }

    /// The first actor after the comma that closes an opening adjunct.
    private func mainClauseSubject(after start: Int, in range: Range<Int>) -> ActorUnit? {
        var k = start
        while k < range.upperBound && frame.tokens[k].folded != "," { k += 1 }
        guard k < range.upperBound else { return nil }
        return unit(startingWithin: 6, after: k + 1, in: range)
    }

    /// A speaker after the verb only in reporting inversions: `“…,” said X`, `…, said X`,
    /// or a sentence that opens with the verb; "analysts say the gap between X and Y" is
    /// not spoken by X.
    private func speakerMayFollow(_ trigger: Int, in range: Range<Int>, skipped: TokenAsides) -> Bool {
        guard trigger > range.lowerBound else { return true }
        // "The source, who spoke on condition of anonymity, said X met Y": the comma closes
        // an aside of the subject before it.
        if skipped.contains(trigger - 1) { return false }
        let previous = frame.tokens[trigger - 1].folded
        return previous == "," || Self.closingQuotes.contains(previous)
    }
    private static let closingQuotes: Set<String> = ["\u{201D}", "\"", "\u{2019}", "'"]

    private func isPassive(_ match: TriggerMatch) -> Bool {
        let tokens = frame.tokens
        let word = tokens[match.firstToken].folded
        guard word.hasSuffix("ed") || VerbForms.standard.isParticiple(word) else { return false }
        var k = match.firstToken - 1
        while k >= 0, tokens[k].folded.hasSuffix("ly") || tokens[k].folded == "not" { k -= 1 }
        return k >= 0 && Self.beForms.contains(tokens[k].folded)
    }

    /// The past form right before `unit` (one determiner between allowed) that takes it as
    /// its object ("left Nepal", "gave Kenya"), or nil; not where the unit is the subject of
    /// what follows ("expected China to make an offer", "quoted Rosati as saying", "met
    /// Dennis Ross, who held talks").
    private func pastVerb(before unit: ActorUnit, in range: Range<Int>) -> Int? {
        if unit.isPossessive || (unit.endToken..<min(unit.endToken + 2, range.upperBound)).contains(where: {
            ["to", "as", "who"].contains(frame.tokens[$0].folded)
        }) { return nil }
        var k = unit.firstToken - 1
        if k >= range.lowerBound, frame.tokens[k].folded == "the" { k -= 1 }
        guard k > range.lowerBound, frame.unitAtToken[k] < 0 else { return nil }
        let token = frame.tokens[k]
        guard token.isWord, !token.isCapitalized, !token.classes.contains(.reportingVerb) else { return nil }
        let word = token.folded
        guard VerbContext.isRegularPast(word) || VerbForms.standard.isPast(word) else { return nil }
        return k
    }

    // MARK: - Objects

    /// The first actor phrase whose head starts within `distance` tokens of `start`.
    private func unit(startingWithin distance: Int, after start: Int, in range: Range<Int>) -> ActorUnit? {
        let u = frame.firstUnit(atOrAfter: start)
        guard u < frame.units.count else { return nil }
        let unit = frame.units[u]
        guard unit.firstToken >= start, unit.firstToken - start <= distance,
              unit.endToken <= range.upperBound, !unit.isSetting else { return nil }
        for k in start..<unit.firstToken where !frame.tokens[k].isWord { return nil }
        return unit
    }

    private func unitAfter(word: String, from start: Int, in range: Range<Int>) -> ActorUnit? {
        var k = start
        while k < range.upperBound && k - start < 12 {
            if frame.tokens[k].folded == word { return unit(startingWithin: 3, after: k + 1, in: range) }
            k += 1
        }
        return nil
    }

    private func firstTarget(after start: Int, in range: Range<Int>, skipped: TokenAsides, excluding: String?) -> ActorUnit? {
        var u = frame.firstUnit(atOrAfter: start)
        var stop = start
        while stop < range.upperBound && !frame.tokens[stop].classes.contains(.targetStop) { stop += 1 }
        while u < frame.units.count {
            let unit = frame.units[u]
            if unit.firstToken >= stop || unit.firstToken - start > 15 { return nil }
            if unit.firstToken >= start, isTrailingSpeaker(unit, in: range) { return nil }
            if unit.firstToken >= start, !unit.isSetting, unit.canAct, !skipped.contains(unit.firstToken),
               unit.name != excluding {
                return namedPlace(after: unit, in: range) ?? unit
            }
            u += 1
        }
        return nil
    }

    /// "the Caribbean island of Montserrat", "the West Bank city of Hebron": the place a
    /// region's name, a place noun or two and "of" lead to, which the phrase names.
    private func namedPlace(after unit: ActorUnit, in range: Range<Int>) -> ActorUnit? {
        guard unit.type == .location else { return nil }
        var k = unit.endToken
        while k < range.upperBound, k - unit.endToken < 2, frame.tokens[k].isWord, !frame.tokens[k].isCapitalized,
              frame.tokens[k].folded != "of", frame.tokens[k].classes.isEmpty {
            k += 1
        }
        guard k > unit.endToken, k + 1 < range.upperBound, frame.tokens[k].folded == "of" else { return nil }
        let u = frame.unitAtToken[k + 1]
        guard u >= 0, frame.units[u].firstToken == k + 1, frame.units[u].type == .location,
              frame.units[u].endToken <= range.upperBound else { return nil }
        return frame.units[u]
    }

    /// ", South Korea's military said": a name after a comma that a reporting verb follows
    /// within a few words is the report's speaker, never the act's target.
    private func isTrailingSpeaker(_ unit: ActorUnit, in range: Range<Int>) -> Bool {
        var before = unit.firstToken - 1
        if before > range.lowerBound, frame.tokens[before].classes.contains(.determiner) { before -= 1 }
        guard before >= range.lowerBound, frame.tokens[before].folded == "," else { return false }
        var k = unit.endToken
        while k < range.upperBound, k - unit.endToken < 4 {
            let token = frame.tokens[k]
            if token.classes.contains(.reportingVerb) { return true }
            guard token.isWord, token.folded == "'s" || !token.isCapitalized, frame.unitAtToken[k] < 0 else { return false }
            k += 1
        }
        return false
    }

    // MARK: - Location

    func setting(near match: TriggerMatch, in range: Range<Int>) -> String? {
        var best: (distance: Int, name: String)?
        var u = frame.firstUnit(atOrAfter: range.lowerBound)
        while u < frame.units.count, frame.units[u].firstToken < range.upperBound {
            let unit = frame.units[u]
            if unit.isSetting {
                let distance = unit.firstToken >= match.endToken
                    ? unit.firstToken - match.endToken
                    : match.firstToken - unit.endToken + 2  // a setting after the trigger reads more naturally
                if distance <= 12, best == nil || distance < best!.distance { best = (distance, unit.name) }
            }
            u += 1
        }
        return best?.name
    }
}
