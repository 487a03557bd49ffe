/// Whether a word the CAMEO verb dictionary lists is used as a verb where it stands.
///
/// PETRARCH codes verbs its parse finds; until the events stage reads the parser's tags,
/// the word's neighbours decide. Promises: a word that opens its sentence is not a verb
/// ("Asked about the offer, X said"); another counts as a verb when it is a past form (ends
/// in "ed"), or when what stands right before it (adverbs and a day skipped) is an
/// auxiliary, a modal, "to" after a verb ("agreed to sign", not "a deadline to delay"), a
/// pronoun or the end of an actor phrase ("Russia sent", "police have arrested"), or an
/// agent of force or authority before a past form ("troops shot", "police beat"); after a
/// form of "be" only a participle counts ("was attacked", not "to be back"); a verb's bare
/// base form or an agent noun right after a name is not a verb ("U.S. trade", "U.S.
/// forces"), nor is a word after a noun, adjective or preposition ("trade talks", "in
/// talks").
enum VerbContext {
    /// A regular past form of five letters or more ("ruled", "scheduled"), which stands before
    /// its object: what the project's readers take for a verb that has one ("left Nepal",
    /// "ruled out talks"). `isVerb` itself counts four-letter forms too.
    static func isRegularPast(_ word: String) -> Bool {
        word.hasSuffix("ed") && word.utf8.count > 4
    }

    private static let before: Set<String> = [
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "has", "have", "had",
        "is", "are", "was", "were", "be", "been", "being", "did", "does", "do", "he", "she", "it", "they", "we",
        "i", "you", "who", "which", "that", "and", "or", "but", "not", "n't", "then",
    ]
    private static let skipped: Set<String> = [
        "also", "never", "later", "again", "jointly", "already", "still", "just", "formally", "reportedly",
        "allegedly", "repeatedly", "recently", "previously", "finally", "immediately", "subsequently", "yesterday",
    ]
    private static let nounAfterActor: Set<String> = ["'s", "of"]
    private static let beForms: Set<String> = ["be", "been", "being", "is", "are", "was", "were", "am"]
    /// Words whose "to"-infinitive is their subject's own act.
    private static let controlVerbs: Set<String> = [
        "agree", "plan", "want", "decide", "vow", "pledge", "promise", "threaten", "seek", "sought", "try", "tried",
        "hope", "intend", "refuse", "expect", "move", "aim", "prepare", "ready", "able", "going", "set", "continue",
        "need", "wish", "offer", "demand", "attempt", "begin", "began", "start", "fail", "choose", "chose", "would",
        "like", "ask", "order", "urge", "call", "help", "allow", "force", "invite", "persuade", "tell", "told",
    ]

    static func isVerb(at index: Int, in frame: TextFrame, range: Range<Int>) -> Bool {
        let word = frame.tokens[index].folded
        guard index > range.lowerBound else { return false }
        if word.hasSuffix("ed") && word.utf8.count > 3 { return true }
        var k = index - 1
        while k >= range.lowerBound, frame.tokens[k].isWord,
              skipped.contains(frame.tokens[k].folded) || frame.tokens[k].folded.hasSuffix("ly") {
            k -= 1
        }
        // "Sihanouk on Friday gave": the day a wire story puts between subject and verb.
        if k > range.lowerBound, !word.hasSuffix("ing"), frame.isWeekday(k) {
            k -= frame.tokens[k - 1].folded == "on" ? 2 : 1
        }
        guard k >= range.lowerBound else { return false }
        let previous = frame.tokens[k]
        // "to be back": after a form of "be" only a participle is a verb.
        if beForms.contains(previous.folded) { return !TriggerLexicon.baseForms.contains(word) }
        // "agreed to sign" is the actor's act; "a deadline to delay" is not.
        if previous.folded == "to" {
            guard k > range.lowerBound else { return false }
            let governor = frame.tokens[k - 1].folded
            return governor.hasSuffix("ed") || governor.hasSuffix("s") || controlVerbs.contains(governor)
        }
        if previous.isWord && before.contains(previous.folded) { return true }
        // "Russia sent", "the rebels attacked": right after an actor phrase, not inside one.
        let unit = frame.unitAtToken[k]
        if unit >= 0, frame.units[unit].endToken == k + 1 {
            // A bare base form right after a name is a noun: "U.S. trade", "China aid"; so is
            // an agent noun: "U.S. forces carried out …" (the name's agent).
            if TriggerLexicon.baseForms.contains(word) || ActorDictionary.standard.agentCode(for: word) != nil { return false }
            return !nounAfterActor.contains(previous.folded)
        }
        // "troops shot", "police beat": a past form right after an agent of force or
        // authority ("passengers held hostage", "people wanting to visit" are no acts); a
        // base form only where it is also the past ("beat", "hit", not "police raid").
        if unit < 0, previous.isWord, !word.hasSuffix("ing"),
           !TriggerLexicon.baseForms.contains(word) || VerbForms.standard.isUnchangedPast(word),
           let agent = ActorDictionary.standard.agentCode(for: previous.folded),
           forceAgents.contains(String(agent.drop { $0 == "~" }.prefix(3))) {
            return true
        }
        return false
    }

    /// A verb's bare form right after a name ("U.S. trade", but also "Saudi Arabia cut"):
    /// `isVerb` says no, and only the parser's tag can tell a past form from a noun.
    static func isBareFormAfterName(at index: Int, in frame: TextFrame, range: Range<Int>) -> Bool {
        guard index > range.lowerBound, TriggerLexicon.baseForms.contains(frame.tokens[index].folded) else { return false }
        let unit = frame.unitAtToken[index - 1]
        return unit >= 0 && frame.units[unit].endToken == index
    }

    /// Agent types whose noun is, before a past form, that verb's subject.
    private static let forceAgents: Set<String> = ["MIL", "COP", "REB", "UAF", "INS", "SPY", "GOV", "JUD", "CRM", "OPP", "SEP"]
}
