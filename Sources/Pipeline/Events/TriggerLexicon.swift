/// Where a lexicon rule matched: the token range it covers and the rule.
struct TriggerMatch: Sendable, Hashable {
    /// Index of the first and one past the last matched token (gap words included).
    var firstToken: Int
    var endToken: Int
    var rule: TriggerRule
    /// A more specific code the field's rules give the same verb, under the rule's own
    /// ("accused Iran of aggression": 1123 under a project rule's 112), set by `matches`.
    var finerCode: String? = nil

    /// The code the match is coded with: the finer one when there is one.
    var code: String { finerCode ?? rule.code }
}

/// The trigger lexicon, indexed by the first position of each rule and by its anchor.
///
/// Built once from the embedded `data/lexicon/lexicon.tsv` (made by
/// `scripts/generate-event-tables`; format in `data/lexicon/README.md`). Every word of the
/// lexicon gets an integer; a sentence's words are looked up once, and rules compare
/// integers. A rule is tried at a word only when the word can stand at its first position
/// and, for a rule of more than one word, when its anchor (the first word it names after
/// the first) stands close enough behind: most derived rules share their first position (a
/// whole verb block) and differ in the anchor, so this keeps the rules tried per verb to a
/// few. Overlapping matches are resolved longest-first, so a phrase ("agreed to consider")
/// beats its head ("agreed").
struct TriggerLexicon: Sendable {
    /// The lexicon compiled into the binary.
    static let standard = TriggerLexicon(rules: TriggerLexicon.rules)

    /// The embedded lexicon file, parsed once.
    private static let embedded = parse(EmbeddedData.text(named: "data/lexicon/lexicon.tsv") ?? "")

    /// Every rule of the embedded lexicon, in file order.
    static let rules: [TriggerRule] = embedded.rules

    /// The base forms of the derived verbs (the lexicon's `@BASE_FORMS` set).
    static let baseForms: Set<String> = Set(embedded.sets["@BASE_FORMS"] ?? [])

    /// The rules of a compiled lexicon: named word sets (`@NAME<TAB>a|b`), then rules
    /// (`pattern<TAB>tokens<TAB>code<TAB>flags<TAB>origin`); malformed lines are skipped.
    static func parse(_ text: String) -> (rules: [TriggerRule], sets: [String: [String]]) {
        var sets: [String: [String]] = [:]
        var rules: [TriggerRule] = []
        for cols in TabSeparatedRows(text) {
            if cols[0].utf8.first == UInt8(ascii: "@") {
                if cols.count == 2 { sets[cols[0]] = cols[1].dataParts(separatedBy: "|") }
                continue
            }
            guard cols.count == 5 else { continue }
            let written = cols[1].dataParts(separatedBy: " ")
            let tokens: [[String]?] = written.map { token in
                if token == ".." { return nil }
                if token.utf8.first == UInt8(ascii: "@") { return sets[token] ?? [] }
                return token.dataParts(separatedBy: "|")
            }
            let flags = Set(cols[3].split(separator: ",").compactMap { TriggerRule.Flag(rawValue: String($0)) })
            let isProject = cols[4] == "project"
            // A derived pattern's verb is its verb block's set ("armed men @KIDNAP": 2).
            let verbOffset = isProject ? 0 : written.firstIndex { $0.utf8.first == UInt8(ascii: "@") } ?? 0
            rules.append(TriggerRule(pattern: String(cols[0]), tokens: tokens, code: String(cols[2]), flags: flags,
                                     order: rules.count, isProject: isProject, isCorrection: cols[4] == "correction",
                                     verbOffset: verbOffset))
        }
        return (rules, sets)
    }

    /// A rule with its positions as sorted word numbers (`nil` a gap).
    private struct Compiled: Sendable {
        let rule: TriggerRule
        let positions: [[Int32]?]
    }

    /// The rules that share one first position (most derived rules start with a whole verb
    /// block, and a block starts dozens of them).
    private struct Block: Sendable {
        /// Rules that name no word after the first.
        var single: [Int32] = []
        /// The other rules by each word their anchor position accepts.
        var byAnchor: [Int32: [Int32]] = [:]
        /// The farthest token after the first word an anchor can stand at.
        var reach = 0
    }

    private let compiled: [Compiled]
    private let blocks: [Block]
    /// The blocks each word starts, by word number (empty: the word starts no rule).
    private let blocksOfWord: [[Int32]]
    /// Word numbers of every word the lexicon names.
    private let numbers: [String: Int32]
    /// `numbers` for the words of up to eight bytes, found without hashing a String.
    private let shortNumbers: PackedWordTable<Int32>
    /// The keys of `numbers`: most words of a text are in no rule, and the filter says so cheaply.
    private let lexiconWords: WordFilter

    init(rules: [TriggerRule]) {
        var numbers: [String: Int32] = [:]
        func number(_ word: String) -> Int32 {
            if let n = numbers[word] { return n }
            let n = Int32(numbers.count)
            numbers[word] = n
            return n
        }
        // A position's words as sorted numbers, compiled once per distinct word list.
        var compiledLists: [[String]: [Int32]] = [:]
        func numbered(_ words: [String]) -> [Int32] {
            if let list = compiledLists[words] { return list }
            let list = Array(Set(words.map(number))).sorted()
            compiledLists[words] = list
            return list
        }
        let compiled = rules.map { rule in Compiled(rule: rule, positions: rule.tokens.map { $0.map(numbered) }) }
        var blocks: [Block] = []
        var blockOfFirst: [[Int32]: Int] = [:]
        for (index, rule) in compiled.enumerated() {
            guard let first = rule.positions.first ?? nil else { continue }
            let b: Int
            if let known = blockOfFirst[first] {
                b = known
            } else {
                b = blocks.count
                blockOfFirst[first] = b
                blocks.append(Block())
            }
            if let anchor = rule.positions.indices.dropFirst().first(where: { rule.positions[$0] != nil }),
               let words = rule.positions[anchor] {
                for w in words { blocks[b].byAnchor[w, default: []].append(Int32(index)) }
                // Tokens from the first word to the anchor: a word per literal, up to maxGap per gap.
                let reach = (1..<anchor).reduce(1) { $0 + (rule.positions[$1] == nil ? TriggerRule.maxGap : 1) }
                blocks[b].reach = max(blocks[b].reach, reach)
            } else {
                // No word after the first (gaps at most): tried wherever the first word stands.
                blocks[b].single.append(Int32(index))
            }
        }
        var blocksOfWord = [[Int32]](repeating: [], count: numbers.count)
        for (first, b) in blockOfFirst {
            for w in first { blocksOfWord[Int(w)].append(Int32(b)) }
        }
        self.compiled = compiled
        self.blocks = blocks
        self.blocksOfWord = blocksOfWord
        self.numbers = numbers
        shortNumbers = PackedWordTable(numbers)
        lexiconWords = WordFilter(numbers.keys)
    }

    /// Non-overlapping matches among `tokens[range]`, in text order.
    func matches(in tokens: [WordToken], range: Range<Int>) -> [TriggerMatch] {
        let found = allMatches(in: tokens, range: range)
        guard found.count > 1 else { return found }
        // The project's rules first, then its corrections of the field's, then longest first
        // (most pattern words, then widest span), keep what does not overlap. The order is
        // total (a rule matches once at a word), so the order in which rules were tried does
        // not matter.
        let ranked = found.sorted {
            if $0.rule.isProject != $1.rule.isProject { return $0.rule.isProject }
            if $0.rule.isCorrection != $1.rule.isCorrection { return $0.rule.isCorrection }
            if $0.rule.tokens.count != $1.rule.tokens.count { return $0.rule.tokens.count > $1.rule.tokens.count }
            if $0.endToken - $0.firstToken != $1.endToken - $1.firstToken {
                return $0.endToken - $0.firstToken > $1.endToken - $1.firstToken
            }
            if $0.rule.order != $1.rule.order { return $0.rule.order < $1.rule.order }
            return $0.firstToken < $1.firstToken
        }
        var taken = [Bool](repeating: false, count: range.count)
        var kept: [TriggerMatch] = []
        for var m in ranked {
            let span = (m.firstToken - range.lowerBound)..<(m.endToken - range.lowerBound)
            if span.contains(where: { taken[$0] }) { continue }
            // "issued arrest warrants": a project verb rule's word inside a field pattern,
            // between that pattern's verb and its last word, modifies the pattern's noun; it
            // is no verb of its own. A past form there is a verb ("has imposed punitive
            // measures").
            if m.rule.isProject, !m.rule.has(.noun), !tokens[m.firstToken].folded.hasSuffix("ed"), found.contains(where: {
                !$0.rule.isProject && $0.firstToken < m.firstToken && $0.endToken > m.endToken
            }) { continue }
            // "paid a visit": after a determiner it is the pattern's last word, a noun the
            // events stage would pass over, and the pattern (`PAY - * VISIT`, 042) is the act.
            if m.rule.isProject, !m.rule.has(.noun), m.firstToken > range.lowerBound,
               tokens[m.firstToken - 1].classes.contains(.determiner), found.contains(where: {
                   !$0.rule.isProject && $0.firstToken < m.firstToken - 1 && $0.endToken >= m.endToken
               }) { continue }
            // "fought government forces": a field pattern's last word right before an agent
            // noun modifies that noun, the object's head; the pattern (`- * GOVERNMENT`, 111)
            // does not hold, and a shorter rule on the verb may.
            if !m.rule.isProject, m.rule.tokens.count > 1, m.endToken < range.upperBound,
               tokens[m.endToken].isWord, !tokens[m.endToken].isCapitalized,
               tokens[m.endToken - 1].isWord, !tokens[m.endToken - 1].classes.contains(.preposition),
               ActorDictionary.standard.agentCode(for: tokens[m.endToken].folded) != nil { continue }
            for k in span { taken[k] = true }
            // The most specific code the words support, as the CAMEO manual asks: a project
            // verb rule keeps its words and actors and takes a field rule's finer code on the
            // same verb.
            if m.rule.isProject, !m.rule.has(.noun),
               let finer = found.first(where: {
                   !$0.rule.isProject && $0.firstToken == m.firstToken
                       && $0.rule.code.utf8.count > m.rule.code.utf8.count && $0.rule.code.hasPrefix(m.rule.code)
               }) {
                m.finerCode = finer.rule.code
            }
            kept.append(m)
        }
        return kept.sorted { $0.firstToken < $1.firstToken }
    }

    /// Every match of every rule among `tokens[range]`, overlapping ones included, in the
    /// order of their first token: the same as trying each rule at each word.
    func allMatches(in tokens: [WordToken], range: Range<Int>) -> [TriggerMatch] {
        // Each token's word number: -1 for a word the lexicon does not name, -2 for punctuation.
        var ids = [Int32](repeating: -2, count: range.count)
        var anyFirst = false
        for i in range where tokens[i].isWord {
            let id = number(ofTokenAt: i, in: tokens)
            ids[i - range.lowerBound] = id
            if id >= 0, !blocksOfWord[Int(id)].isEmpty { anyFirst = true }
        }
        guard anyFirst else { return [] }
        var found: [TriggerMatch] = []
        var candidates: [Int32] = []
        for i in range {
            let id = ids[i - range.lowerBound]
            guard id >= 0, !blocksOfWord[Int(id)].isEmpty else { continue }
            candidates.removeAll(keepingCapacity: true)
            var lists = 0
            for b in blocksOfWord[Int(id)] {
                let block = blocks[Int(b)]
                if !block.single.isEmpty {
                    candidates.append(contentsOf: block.single)
                    lists += 1
                }
                var k = i + 1
                while k < range.upperBound && k - i <= block.reach {
                    let next = ids[k - range.lowerBound]
                    if next == -2 { break }  // only words stand between a first word and its anchor
                    if next >= 0, let list = block.byAnchor[next] {
                        candidates.append(contentsOf: list)
                        lists += 1
                    }
                    k += 1
                }
            }
            if lists > 1 {
                // A rule is found once per anchor word that stands near; try it once.
                candidates.sort()
                var kept = 0
                for c in candidates where kept == 0 || candidates[kept - 1] != c {
                    candidates[kept] = c
                    kept += 1
                }
                candidates.removeLast(candidates.count - kept)
            }
            for index in candidates {
                let rule = compiled[Int(index)]
                if let end = match(rule, at: i, ids: ids, tokens: tokens, base: range.lowerBound, limit: range.upperBound) {
                    // Room for a sentence's matches at the first one, not regrown from one.
                    if found.isEmpty { found.reserveCapacity(8) }
                    // The match starts at the verb: words a pattern names before it are
                    // its context ("gunmen kidnapped": the trigger is "kidnapped").
                    found.append(TriggerMatch(firstToken: i + rule.rule.verbOffset, endToken: end, rule: rule.rule))
                }
            }
        }
        return found
    }

    /// The lexicon's number for the word token `tokens[i]`, or -1. Read field by field: a
    /// copy of the whole token costs more than the lookup of a short word by its packed bytes.
    private func number(ofTokenAt i: Int, in tokens: [WordToken]) -> Int32 {
        guard lexiconWords.mayContain(slot: tokens[i].slot) else { return -1 }
        let packed = tokens[i].packed
        if packed != 0 { return shortNumbers.value(forPacked: packed, length: tokens[i].packedLength) ?? -1 }
        let word = tokens[i].folded
        guard word.utf8.count <= 8 else { return numbers[word] ?? -1 }
        var bytes = word
        return bytes.withUTF8 { shortNumbers.value(for: $0) } ?? -1
    }

    /// The end token of `rule` matched from `start` (whose word the index already matched
    /// to the first position), or `nil`. Gaps take as few words as possible and never
    /// cross punctuation. Inside a phrase group after the verb's first word, one determiner
    /// may stand before a word ("called for the resignation" matches `(FOR RESIGNATION)`,
    /// as PETRARCH matches a phrase's head, not its every word).
    private func match(_ rule: Compiled, at start: Int, ids: [Int32], tokens: [WordToken], base: Int, limit: Int) -> Int? {
        func accepts(_ words: [Int32], _ id: Int32) -> Bool {
            var lo = 0, hi = words.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if words[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < words.count && words[lo] == id
        }
        func step(_ position: Int, _ tokenIndex: Int) -> Int? {
            if position == rule.positions.count { return tokenIndex }
            guard let words = rule.positions[position] else {
                var skip = 0
                var t = tokenIndex
                while skip <= TriggerRule.maxGap && t < limit {
                    if let end = step(position + 1, t) { return end }
                    guard ids[t - base] != -2 else { return nil }
                    t += 1
                    skip += 1
                }
                return nil
            }
            guard tokenIndex < limit else { return nil }
            let id = ids[tokenIndex - base]
            if id >= 0, accepts(words, id) { return step(position + 1, tokenIndex + 1) }
            guard position >= 2, rule.positions[position - 1] != nil, tokenIndex + 1 < limit,
                  tokens[tokenIndex].classes.contains(.determiner) else { return nil }
            let next = ids[tokenIndex + 1 - base]
            guard next >= 0, accepts(words, next) else { return nil }
            return step(position + 1, tokenIndex + 2)
        }
        return step(1, start + 1)
    }
}
