/// One actor a trigger's clause names: the name events carry, the country it stands for,
/// and its CAMEO code when it was found with the actor (an agent noun such as "police").
struct ArgumentActor: Sendable, Hashable {
    var name: String
    var side: String?
    var code: ActorCode?
    /// The frame token the actor's phrase is headed by (its name's first token for a name).
    var head: Int
    /// For "both sides" and the like: the pair's second actor.
    var partner: String? = nil
}

/// Reads a trigger's source and target from the dependency tree of its sentence
/// (`SyntaxParser`'s parse, one per sentence).
///
/// Promises, for the trigger's word in the tree (the first verb of the match, else the
/// match's word whose head lies outside it):
/// - active voice: the source is its `nsubj`, the target its `iobj`, else its `obj`, else
///   the first `obl` (or `nmod` of a nominal trigger or of the object) whose preposition
///   aims at someone ("fired at X", "talks with X", "protest against X");
/// - passive voice (`nsubj:pass`, `aux:pass`, or a participle modifying a noun): the
///   subject is the target and the `obl:agent`/`by` phrase the source;
/// - a verb with no subject of its own takes it from where it hangs: an `xcomp` from the
///   verb that controls it (its object when it has one: "urged X to leave"), a `conj` or an
///   `advcl` from its head verb, a relative clause from the noun it modifies;
/// - reported speech reads itself: in "X said Y attacked Z" the trigger `attacked` has
///   its own subject Y;
/// - an argument is an actor when its phrase (the word with its compound, flat, amod and
///   possessive modifiers) holds an actor phrase of the frame, or when its head is an agent
///   noun ("police", "a court in Kenya"); a quantity ("members of X") or an apposition is
///   read through; each `conj` member of an argument is an actor too.
/// Nil when the tree gives no source; a passive with no agent gives arguments with no
/// source, marked `agentless`.
struct ClauseArguments {
    let frame: TextFrame
    let tree: SyntaxTree
    /// The frame token each tree word stands for (a name's head token for a whole name).
    let tokens: [Int]
    /// The sentence's frame tokens.
    let range: Range<Int>
    /// Per token of `range`, the tree word holding it.
    private let wordOf: [Int]
    let coding: EventActorCoding
    private let kids: [[Int]]

    /// The words the parser reads for the sentence `range` of `frame`: each actor phrase of
    /// the frame that spans several tokens is one word, a stand-in proper noun of its kind,
    /// so that a long title and name ("China's Vice Premier Liu He") parses as one noun;
    /// `tokens` gives each word's frame token.
    static func words(of range: Range<Int>, in frame: TextFrame) -> (words: [String], tokens: [Int]) {
        var words: [String] = [], tokens: [Int] = []
        words.reserveCapacity(range.count)
        tokens.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            let u = frame.unitAtToken[k]
            if u >= 0, frame.units[u].firstToken == k, frame.units[u].endToken > k + 1, frame.units[u].endToken <= range.upperBound {
                let unit = frame.units[u]
                words.append(Self.standIn(for: unit))
                tokens.append(unit.headFirst)
                k = unit.endToken
                continue
            }
            // The parser was trained on the analyzer's words, where "don't" is one word: the
            // frame's "n't" joins the word before it again.
            if k + 1 < range.upperBound, frame.tokens[k + 1].folded == "n't", frame.tokens[k + 1].start == frame.tokens[k].end {
                words.append(frame.text(frame.tokens[k].start, frame.tokens[k + 1].end))
                tokens.append(k)
                k += 2
                continue
            }
            words.append(frame.text(frame.tokens[k].start, frame.tokens[k].end))
            tokens.append(k)
            k += 1
        }
        return (words, tokens)
    }

    /// A one-word proper noun of the phrase's kind, as the treebank writes such names.
    private static func standIn(for unit: ActorUnit) -> String {
        switch unit.type {
        case .location: "France"
        case .organization: "Microsoft"
        default: "Smith"
        }
    }

    init(frame: TextFrame, tree: SyntaxTree, tokens: [Int], range: Range<Int>, coding: EventActorCoding) {
        self.frame = frame
        self.tree = tree
        self.tokens = tokens
        self.range = range
        var wordOf = [Int](repeating: -1, count: range.count)
        for (w, t) in tokens.enumerated() {
            let u = frame.unitAtToken[t]
            if u >= 0, frame.units[u].headFirst == t {
                let unit = frame.units[u]
                for j in max(unit.firstToken, range.lowerBound)..<min(unit.endToken, range.upperBound) where wordOf[j - range.lowerBound] < 0 {
                    wordOf[j - range.lowerBound] = w
                }
            }
            if wordOf[t - range.lowerBound] < 0 { wordOf[t - range.lowerBound] = w }
        }
        self.wordOf = wordOf
        self.coding = coding
        var kids = [[Int]](repeating: [], count: tree.count)
        for (i, h) in tree.heads.enumerated() where h >= 0 { kids[h].append(i) }
        self.kids = kids
    }

    /// Prepositions that aim an act at whoever they introduce.
    static let targetCases: Set<String> = [
        "at", "with", "against", "on", "to", "into", "toward", "towards", "upon", "from", "between", "over", "for",
    ]
    private static let relativePronouns: Set<String> = ["who", "which", "that", "whom"]
    /// Words that stand for a part or a number of something ("members of", "hundreds of").
    private static let partitives: Set<String> = [
        "members", "member", "hundreds", "thousands", "dozens", "some", "many", "most", "all", "one", "two", "three",
        "leader", "leaders", "supporters", "group", "part", "units", "delegation",
    ]

    /// The tree word of the trigger `match`.
    func node(of match: TriggerMatch) -> Int {
        let first = word(of: match.firstToken), end = word(of: match.endToken - 1) + 1
        guard first >= 0, first < end else { return max(0, min(first, tree.count - 1)) }
        for i in first..<end where tree.tags[i].hasPrefix("VB") { return i }
        for i in first..<end where tree.heads[i] < first || tree.heads[i] >= end { return i }
        return first
    }

    /// CAMEO roots whose acts two actors do together: express intent to cooperate, consult,
    /// engage in diplomatic cooperation.
    private static let jointRoots: Set<Substring> = ["03", "04", "05"]

    func read(_ match: TriggerMatch) -> EventArguments? {
        let v = node(of: match)
        var source: ArgumentActor?
        var targets: [ArgumentActor] = []
        var sourceNode = -1, targetNode = -1
        let (head, passive) = subject(of: v, depth: 0)
        if passive {
            if let agent = agentNode(of: v), let a = actor(at: agent) { source = a; sourceNode = agent }
            if let head, let t = actor(at: head) { targets = [t]; targetNode = head }
        } else if let head, let s = actor(at: head) {
            source = s
            sourceNode = head
        } else if let head, let speaker = reportingSpeaker(of: v, pronoun: head) {
            source = speaker
        }
        if match.rule.has(.noun), source == nil {
            // "Yeltsin's visit", "the Chinese crackdown": the possessor acts.
            for c in kids[v] where tree.labels[c] == "nmod:poss" || tree.labels[c] == "amod" {
                if let a = actor(at: c) { source = a; sourceNode = c; break }
            }
            // "held talks with X": the light verb's subject.
            if source == nil, tree.labels[v] == "obj", tree.heads[v] >= 0 {
                let (s, p) = subject(of: tree.heads[v], depth: 0)
                if !p, let s, let a = actor(at: s) { source = a; sourceNode = s }
            }
        }
        guard let source else {
            // "X was jailed": a passive with no agent names no source, and none is guessed.
            if passive, head != nil {
                var args = EventArguments(source: nil, target: nil, location: nil)
                args.agentless = true
                args.passive = true
                return args
            }
            return nil
        }
        if targets.isEmpty, !passive {
            for t in objectNodes(of: v, noun: match.rule.has(.noun)) where t != sourceNode {
                guard var a = actor(at: t) ?? actor(at: t, through: ["of", "from"]) else { continue }
                // "recalled its ambassador from Turkey", "withdrew their troops": the
                // subject's own people are what it acts with, not whom the act reaches.
                if kids[t].contains(where: { tree.labels[$0] == "nmod:poss" && TextFrame.possessivePronouns.contains(frame.tokens[tokens[$0]].folded) }) {
                    continue
                }
                // "between the two countries": the pair's other side.
                if a.name == source.name || a.name == source.side, let other = a.partner { a = ArgumentActor(name: other, side: other, code: nil, head: a.head) }
                if a.name != source.name { targets = [a]; targetNode = t; break }
            }
        }
        var sources = [source]
        if sourceNode >= 0 { sources += members(of: sourceNode, around: source).filter { $0.name != source.name } }
        if targetNode >= 0, let first = targets.first { targets += members(of: targetNode, around: first).filter { $0.name != first.name } }
        // "X and Y met", "he and Maskhadov signed a package of documents": a joint act with no
        // actor for an object (a meeting, an agreement, a pledge: roots 03 to 05, or a rule
        // marked symmetric) is aimed by the first at the second.
        if targets.isEmpty, sources.count > 1, match.rule.has(.sym) || Self.jointRoots.contains(match.rule.code.prefix(2)) {
            targets = [sources[1]]
            sources = [sources[0]]
        }
        var args = EventArguments(source: source.name, target: targets.first?.name, location: nil,
                                  sourceSide: source.side, targetSide: targets.first?.side, sourceHead: source.head)
        args.sourceActor = source.code
        args.targetActor = targets.first?.code
        args.sourceCoordinated = sources.count > 1
        args.moreSources = Array(sources.dropFirst())
        args.moreTargets = Array(targets.dropFirst())
        args.passive = passive
        args.targetFromTree = passive && targetNode >= 0
        return args
    }

    // MARK: - Subjects

    /// The subject word of the clause of `v`, and whether it is a passive subject.
    private func subject(of v: Int, depth: Int) -> (Int?, Bool) {
        var passive = false
        for c in kids[v] where tree.labels[c] == "aux:pass" { passive = true }
        for c in kids[v] {
            switch tree.labels[c] {
            case "nsubj":
                if tree.labels[v] == "acl:relcl", Self.relativePronouns.contains(folded(c)), tree.heads[v] >= 0 {
                    return (tree.heads[v], false)
                }
                return (c, false)
            case "nsubj:pass":
                if tree.labels[v] == "acl:relcl", Self.relativePronouns.contains(folded(c)), tree.heads[v] >= 0 {
                    return (tree.heads[v], true)
                }
                return (c, true)
            default: continue
            }
        }
        guard depth < 4, tree.heads[v] >= 0 else { return (nil, passive) }
        let h = tree.heads[v]
        switch tree.labels[v] {
        case "xcomp":
            // "urged X to leave": the controller's object; "agreed to lift": its subject.
            if let o = kids[h].first(where: { tree.labels[$0] == "obj" || tree.labels[$0] == "iobj" }), actor(at: o) != nil {
                return (o, passive)
            }
            return (subject(of: h, depth: depth + 1).0, passive)
        case "conj", "advcl":
            guard tree.tags[h].hasPrefix("VB") else { return (nil, passive) }
            let (s, p) = subject(of: h, depth: depth + 1)
            // A shared passive subject stays passive only for a passive verb.
            return (s, passive || (p && tree.tags[v] == "VBN"))
        case "acl:relcl":
            return (h, passive)
        case "acl":
            // "rebels backed by X" (a passive participle), "troops guarding X". A participle
            // with a direct object is active: "a court jailed an opposition leader", which the
            // parser can read as a noun modified by "jailed".
            return (h, passive || (tree.tags[v] == "VBN" && !kids[v].contains { tree.labels[$0] == "obj" }))
        default:
            return (nil, passive)
        }
    }

    /// "Police said they fought armed activists": a pronoun subject of a clause a reporting
    /// verb governs stands for that verb's subject, when it is an actor.
    private func reportingSpeaker(of v: Int, pronoun: Int) -> ArgumentActor? {
        guard Self.speakerPronouns.contains(folded(pronoun)), tree.labels[v] == "ccomp", tree.heads[v] >= 0 else { return nil }
        let h = tree.heads[v]
        guard frame.tokens[tokens[h]].classes.contains(.reportingVerb) else { return nil }
        let (speaker, passive) = subject(of: h, depth: 0)
        guard !passive, let speaker else { return nil }
        return actor(at: speaker)
    }

    private static let speakerPronouns: Set<String> = ["it", "they", "he", "she", "we"]

    /// The agent of a passive: `obl:agent`, or an `obl` introduced by "by".
    private func agentNode(of v: Int) -> Int? {
        for c in kids[v] where tree.labels[c] == "obl:agent" || (tree.relation(of: c) == "obl" && caseWord(of: c) == "by") {
            return c
        }
        return nil
    }

    // MARK: - Objects

    /// Candidate target words of `v`, best first.
    private func objectNodes(of v: Int, noun: Bool) -> [Int] {
        var out: [Int] = []
        for c in kids[v] where tree.labels[c] == "iobj" { out.append(c) }
        var objects: [Int] = []
        for c in kids[v] where tree.labels[c] == "obj" { out.append(c); objects.append(c) }
        for c in kids[v] where tree.relation(of: c) == "obl" || (noun && tree.relation(of: c) == "nmod") {
            if let p = caseWord(of: c), Self.targetCases.contains(p) { out.append(c) }
        }
        // "backed Lebed's plan", "struck a deal with rebels", "demanded the release of X".
        for o in objects {
            for c in kids[o] where tree.labels[c] == "nmod:poss" { out.append(c) }
            for c in kids[o] where tree.relation(of: c) == "nmod" {
                if let p = caseWord(of: c), Self.targetCases.contains(p) || p == "of" { out.append(c) }
            }
        }
        return out
    }

    // MARK: - Actors

    /// The actor the phrase headed by tree word `n` names, or nil.
    func actor(at n: Int, depth: Int = 0) -> ArgumentActor? {
        let t = tokens[n]
        let phrase = phraseWords(of: n)
        // A name of the frame in the phrase: the one holding the head, else the nearest.
        var best: ActorUnit?
        var distance = Int.max
        for k in phrase {
            let u = frame.unitAtToken[tokens[k]]
            guard u >= 0 else { continue }
            let unit = frame.units[u]
            guard unit.canAct else { continue }
            let d = k == n ? -1 : abs(k - n)
            if d < distance { distance = d; best = unit }
        }
        if let unit = best {
            // "Gaddafi's airforce blasted …": a person's agent acts, not the person.
            if unit.type == .person, unit.isPossessive, frame.tokens[t].isWord,
               let agent = coding.agentPhrase(endingAt: t, range: sentenceRange), agent.first <= unit.firstToken {
                return ArgumentActor(name: agent.name, side: nil, code: agent.code, head: t)
            }
            return ArgumentActor(name: unit.name, side: unit.side, code: nil, head: unit.headFirst, partner: unit.partner)
        }
        if frame.tokens[t].isWord, let agent = coding.agentPhrase(endingAt: t, range: sentenceRange) {
            return ArgumentActor(name: agent.name, side: nil, code: agent.code, head: t)
        }
        guard depth < 2 else { return nil }
        if Self.partitives.contains(folded(n)) || tree.tags[n] == "CD" {
            for c in kids[n] where tree.relation(of: c) == "nmod" && caseWord(of: c) == "of" {
                if let a = actor(at: c, depth: depth + 1) { return a }
            }
        }
        for c in kids[n] where tree.labels[c] == "appos" {
            if let a = actor(at: c, depth: depth + 1) { return a }
        }
        return nil
    }

    /// The actor of a phrase that `n` introduces with one of `cases` ("tariffs on $50
    /// billion of Chinese goods": the goods' country), at most two levels down.
    private func actor(at n: Int, through cases: Set<String>, depth: Int = 0) -> ArgumentActor? {
        guard depth < 2 else { return nil }
        for c in kids[n] where tree.relation(of: c) == "nmod" {
            guard let p = caseWord(of: c), cases.contains(p) else { continue }
            if let a = actor(at: c) ?? actor(at: c, through: cases, depth: depth + 1) { return a }
        }
        return nil
    }

    /// The other members of a coordination headed by `n` ("X, Y and Z"), or by the word
    /// inside `n`'s phrase that names `actor` ("thousands of Sudanese and Egyptian workers":
    /// the coordination is of the modifiers).
    private func members(of n: Int, around actor: ArgumentActor) -> [ArgumentActor] {
        var out: [ArgumentActor] = []
        var heads = [n]
        let w = word(of: actor.head)
        if w >= 0, w != n { heads.append(w) }
        for h in heads {
            for c in kids[h] where tree.labels[c] == "conj" {
                if let a = self.actor(at: c), !out.contains(where: { $0.name == a.name }) { out.append(a) }
            }
        }
        return out
    }

    private var sentenceRange: Range<Int> { range }

    /// The tree word that holds frame token `t` of the sentence.
    func word(of t: Int) -> Int { range.contains(t) ? wordOf[t - range.lowerBound] : -1 }

    /// `n` and its name-building modifiers (compound, flat, amod, possessor), nested.
    private func phraseWords(of n: Int) -> [Int] {
        var out = [n]
        var k = 0
        while k < out.count {
            for c in kids[out[k]] {
                switch tree.labels[c] {
                case "compound", "flat", "amod", "nmod:poss", "flat:name": out.append(c)
                default: continue
                }
            }
            k += 1
        }
        return out
    }

    private func caseWord(of n: Int) -> String? {
        for c in kids[n] where tree.labels[c] == "case" { return folded(c) }
        return nil
    }

    private func folded(_ n: Int) -> String { frame.tokens[tokens[n]].folded }
}
