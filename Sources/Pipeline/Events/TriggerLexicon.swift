/// Where a lexicon rule matched: the token range it covers and the rule.
struct TriggerMatch: Sendable, Hashable {
    /// Index of the first and one past the last matched token (gap words included).
    var firstToken: Int
    var endToken: Int
    var rule: TriggerRule
}

/// The trigger lexicon, indexed by the first word of each rule.
///
/// Built once from the embedded `data/lexicon/lexicon.tsv` (made by
/// `scripts/generate-event-tables`; format in `data/lexicon/README.md`); matching a sentence costs one dictionary
/// lookup per word plus the rules that start with that word. Overlapping matches are
/// resolved longest-first, so a phrase ("agreed to consider") beats its head ("agreed").
struct TriggerLexicon: Sendable {
    /// The lexicon compiled into the binary.
    static let standard = TriggerLexicon(rules: TriggerLexicon.rules)

    /// Every rule of the embedded lexicon, in file order.
    static let rules: [TriggerRule] = parse(EmbeddedData.text(named: "data/lexicon/lexicon.tsv") ?? "").rules

    /// The base forms of the derived verbs (the lexicon's `@BASE_FORMS` set).
    static let baseForms: Set<String> = Set(parse(EmbeddedData.text(named: "data/lexicon/lexicon.tsv") ?? "").sets["@BASE_FORMS"] ?? [])

    /// The rules of a compiled lexicon: named word sets (`@NAME<TAB>a|b`), then rules
    /// (`pattern<TAB>tokens<TAB>code<TAB>flags<TAB>origin`); malformed lines are skipped.
    static func parse(_ text: String) -> (rules: [TriggerRule], sets: [Substring: [String]]) {
        var sets: [Substring: [String]] = [:]
        var rules: [TriggerRule] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.first != "#" {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            if line.first == "@" {
                if cols.count == 2 { sets[cols[0]] = cols[1].split(separator: "|").map(String.init) }
                continue
            }
            guard cols.count == 5 else { continue }
            let tokens: [[String]?] = cols[1].split(separator: " ").map { token in
                if token == ".." { return nil }
                if token.first == "@" { return sets[token] ?? [] }
                return token.split(separator: "|").map(String.init)
            }
            let flags = Set(cols[3].split(separator: ",").compactMap { TriggerRule.Flag(rawValue: String($0)) })
            rules.append(TriggerRule(pattern: String(cols[0]), tokens: tokens, code: String(cols[2]), flags: flags,
                                     order: rules.count, isProject: cols[4] == "project"))
        }
        return (rules, sets)
    }

    /// Rules by every word their first position accepts, longest pattern first.
    private let byFirstWord: [String: [TriggerRule]]
    /// The keys of `byFirstWord`: most words start no rule, and the filter says so cheaply.
    private let firstWords: WordFilter
    /// `byFirstWord` for the words of up to eight bytes, found without hashing a String.
    private let byShortFirstWord: PackedWordTable<[TriggerRule]>

    init(rules: [TriggerRule]) {
        var index: [String: [TriggerRule]] = [:]
        for rule in rules {
            guard let first = rule.tokens.first ?? nil else { continue }
            for word in first { index[word, default: []].append(rule) }
        }
        for (word, list) in index {
            index[word] = list.sorted { $0.tokens.count > $1.tokens.count }
        }
        byFirstWord = index
        firstWords = WordFilter(index.keys)
        byShortFirstWord = PackedWordTable(index)
    }

    /// Non-overlapping matches among `tokens[range]`, in text order.
    func matches(in tokens: [WordToken], range: Range<Int>) -> [TriggerMatch] {
        var found: [TriggerMatch] = []
        for i in range where tokens[i].isWord {
            guard firstWords.mayContain(slot: tokens[i].slot),
                  let candidates = rules(startingWith: tokens[i].folded) else { continue }
            for rule in candidates {
                if let end = match(rule, at: i, in: tokens, limit: range.upperBound) {
                    // Room for a sentence's matches at the first one, not regrown from one.
                    if found.isEmpty { found.reserveCapacity(8) }
                    found.append(TriggerMatch(firstToken: i, endToken: end, rule: rule))
                }
            }
        }
        guard found.count > 1 else { return found }
        // The project's rules first, then longest first (most pattern words, then widest
        // span), keep what does not overlap.
        let ranked = found.sorted {
            if $0.rule.isProject != $1.rule.isProject { return $0.rule.isProject }
            if $0.rule.tokens.count != $1.rule.tokens.count { return $0.rule.tokens.count > $1.rule.tokens.count }
            if $0.endToken - $0.firstToken != $1.endToken - $1.firstToken {
                return $0.endToken - $0.firstToken > $1.endToken - $1.firstToken
            }
            if $0.rule.order != $1.rule.order { return $0.rule.order < $1.rule.order }
            return $0.firstToken < $1.firstToken
        }
        var taken = [Bool](repeating: false, count: range.count)
        var kept: [TriggerMatch] = []
        for m in ranked {
            let span = (m.firstToken - range.lowerBound)..<(m.endToken - range.lowerBound)
            if span.contains(where: { taken[$0] }) { continue }
            for k in span { taken[k] = true }
            kept.append(m)
        }
        return kept.sorted { $0.firstToken < $1.firstToken }
    }

    /// The rules whose first position accepts `word`, longest pattern first.
    private func rules(startingWith word: String) -> [TriggerRule]? {
        guard word.utf8.count <= 8 else { return byFirstWord[word] }
        var bytes = word
        return bytes.withUTF8 { byShortFirstWord.value(for: $0) }
    }

    /// The end token of `rule` matched from `start`, or `nil`. Gaps take as few words as
    /// possible and never cross punctuation.
    private func match(_ rule: TriggerRule, at start: Int, in tokens: [WordToken], limit: Int) -> Int? {
        func step(_ position: Int, _ tokenIndex: Int) -> Int? {
            if position == rule.tokens.count { return tokenIndex }
            guard let words = rule.tokens[position] else {
                var skip = 0
                var t = tokenIndex
                while skip <= TriggerRule.maxGap && t < limit {
                    if let end = step(position + 1, t) { return end }
                    guard tokens[t].isWord else { return nil }
                    t += 1
                    skip += 1
                }
                return nil
            }
            guard tokenIndex < limit, tokens[tokenIndex].isWord,
                  words.contains(tokens[tokenIndex].folded) else { return nil }
            return step(position + 1, tokenIndex + 1)
        }
        // The index found the rule by its first word: matching starts at the second
        // position (a derived rule's first position lists a whole verb block's forms).
        return step(1, start + 1)
    }
}
