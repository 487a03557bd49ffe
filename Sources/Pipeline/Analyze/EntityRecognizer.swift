/// Finds candidate names in tokenized sentences: gazetteer places and demonyms, titled and
/// first-name persons, organisations and events by their suffix words, parenthesised acronyms,
/// and leftover capitalised words for the resolver to match.
///
/// Promises: candidates never overlap, never include a possessive ending, titles or
/// honorifics, and are returned in text order.
struct EntityRecognizer: Sendable {
    let gazetteer: Gazetteer

    init(gazetteer: Gazetteer = .shared) {
        self.gazetteer = gazetteer
    }

    func recognize(tokens: [Token], sentences: [Range<Int>], scalars: [Unicode.Scalar]) -> [EntityCandidate] {
        var out: [EntityCandidate] = []
        for (index, sentence) in sentences.enumerated() {
            scan(sentence: sentence, index: index, tokens: tokens, scalars: scalars, into: &out)
        }
        return out
    }

    // MARK: - Scanning one sentence

    private func scan(sentence: Range<Int>, index: Int, tokens: [Token], scalars: [Unicode.Scalar],
                      into out: inout [EntityCandidate]) {
        var i = sentence.lowerBound
        let firstWord = sentence.first { tokens[$0].kind == .word } ?? sentence.lowerBound
        var pendingRoleStart: Int? = nil   // start of a place just before a title ("US" Trade Representative)

        func add(_ range: Range<Int>, _ evidence: EntityCandidate.Evidence, role: String? = nil, abbreviates: Int? = nil) {
            let start = tokens[range.lowerBound].start, end = tokens[range.upperBound - 1].end
            out.append(EntityCandidate(tokens: range, start: start, end: end, text: slice(scalars, start, end),
                                       sentence: index, evidence: evidence, role: role, abbreviates: abbreviates))
        }

        while i < sentence.upperBound {
            // `tokens[i]` is read in place throughout: a copy would retain both its strings.
            let initial = i == firstWord
            guard tokens[i].kind == .word else {
                // Parenthesised acronym: "(USTR)".
                if tokens[i].isPunctuation("("), i + 2 < sentence.upperBound, tokens[i + 1].isAllCaps,
                   tokens[i + 2].isPunctuation(")") {
                    let previous = out.last.flatMap { $0.tokens.upperBound == i ? $0 : nil }
                    let abbreviated: Int? = previous.flatMap {
                        if case .typed(.organization) = $0.evidence { return $0.start }
                        return nil
                    }
                    add((i + 1)..<(i + 2), .typed(.organization), abbreviates: abbreviated)
                    i += 3; continue
                }
                i += 1; continue
            }

            // Titles: "US Trade Representative (USTR) Maria Santos", "Dr Anna Kessler".
            if let title = matchTitle(at: i, in: sentence, tokens: tokens) {
                let roleStart = pendingRoleStart ?? tokens[i].start
                let role = slice(scalars, roleStart, tokens[title - 1].end)
                var j = title
                if j + 2 < sentence.upperBound, tokens[j].isPunctuation("("), tokens[j + 1].isAllCaps,
                   tokens[j + 2].isPunctuation(")") {
                    add((j + 1)..<(j + 2), .typed(.organization))
                    j += 3
                }
                let nameEnd = nameRun(from: j, in: sentence, tokens: tokens, allowPronouns: false, limit: 3)
                if nameEnd > j {
                    add(j..<nameEnd, .typed(.person), role: role)
                    i = nameEnd
                } else {
                    i = title
                }
                pendingRoleStart = nil
                continue
            }
            pendingRoleStart = nil

            // Capitalised mid-sentence "The" opens names like "The New York Times".
            let startsWithThe = tokens[i].text == "The" && !initial
            let spanStart = startsWithThe ? i + 1 : i
            if spanStart < sentence.upperBound, isNameToken(tokens[spanStart]) || startsWithThe {
                let span = nameSpan(from: spanStart, in: sentence, tokens: tokens)
                if let event = eventEnd(span: span, tokens: tokens), event - spanStart > 1 || !initial {
                    add(i..<event, .typed(.eventName)); i = event; continue
                }
                if let org = organizationEnd(span: span, tokens: tokens) {
                    add(i..<org, .typed(.organization)); i = org; continue
                }
                if let loc = locationSuffixEnd(span: span, tokens: tokens) {
                    add(spanStart..<loc, .typed(.location)); i = loc; continue
                }
            }

            guard isNameToken(tokens[i]) || tokens[i].hasHyphen else { i += 1; continue }

            // "spokesman Zhou Lan": a cue noun beats a same-named town.
            if let cue = previousWord(before: i, in: sentence, tokens: tokens), NameLexicon.personCues.contains(cue.lower),
               isNameToken(tokens[i]), gazetteer.placeTable[tokens[i].text].map({ $0.kind == .place }) ?? true {
                let run = nameRun(from: i, in: sentence, tokens: tokens, allowPronouns: false, limit: 3)
                if run - i >= 2 {
                    add(i..<run, .typed(.person), role: cue.text); i = run; continue
                }
            }
            // Gazetteer places, longest first.
            if let (end, place) = matchPlace(at: i, in: sentence, tokens: tokens) {
                add(i..<end, .place(place))
                // "Chinese commerce ministry": a lower-case ministry named after its country.
                if place.kind == .country || place.kind == .demonym,
                   let ministry = lowerCaseOrganization(after: end, in: sentence, tokens: tokens) {
                    add(ministry, .typed(.organization)); i = ministry.upperBound; continue
                }
                if end < sentence.upperBound, tokens[end].kind == .possessive {
                    pendingRoleStart = tokens[i].start
                    i = end + 1
                } else {
                    pendingRoleStart = tokens[i].start
                    i = end
                }
                continue
            }
            // Places inside hyphenated words: "US-Chinese".
            if tokens[i].hasHyphen {
                addPlaceParts(of: tokens[i], at: i, sentence: index, scalars: scalars, into: &out)
                i += 1; continue
            }
            guard isNameToken(tokens[i]) else { i += 1; continue }

            if bits(tokens[i].text) & GazetteerBits.organization != 0 {
                add(i..<(i + 1), .typed(.organization)); i += 1; continue
            }

            let previous = previousWord(before: i, in: sentence, tokens: tokens)
            let run = nameRun(from: i, in: sentence, tokens: tokens, allowPronouns: true, limit: 4)
            let next = run < sentence.upperBound ? tokens[run] : nil

            // "told AFP", "Bloomberg reported": a news outlet.
            if previous?.lower == "told" && bits(tokens[i].text) & GazetteerBits.firstName == 0
                || (next.map { NameLexicon.reportingVerbs.contains($0.lower) } ?? false) {
                add(i..<run, .guessed(.organization)); i = run; continue
            }
            // "Mark Hollis", "Paul Edward Brandt".
            if bits(tokens[i].text) & GazetteerBits.firstName != 0, run - i >= 2 {
                add(i..<run, .typed(.person)); i = run; continue
            }
            // "spokesman Zhou Lan", "his Chinese counterpart, Li Wei".
            if let cue = previous, NameLexicon.personCues.contains(cue.lower), run - i >= 2 {
                add(i..<run, .typed(.person), role: cue.text); i = run; continue
            }
            // "White House trade adviser": an employer.
            if let next, employerCue(after: run, in: sentence, tokens: tokens), next.kind == .word {
                add(i..<run, .guessed(.organization)); i = run; continue
            }
            if !LexiconClasses.of(tokens[i].lower).isDisjoint(with: [.pronoun, .functionWord]) {
                i += 1; continue
            }
            if run - i >= 2 && run - i <= 3 && !(initial && run - i == 2 && isCommonOpening(tokens[i])) {
                add(i..<run, .guessed(.person)); i = run; continue
            }
            add(i..<run, .unresolved)
            i = run
        }
    }

    // MARK: - Pieces

    private func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        Tokenizer.string(scalars, start, end)
    }

    /// The word's single-word gazetteer bits (`Gazetteer.wordBits`).
    @inline(__always) private func bits(_ word: String) -> UInt32 { gazetteer.wordBitsTable[word] ?? 0 }

    /// A capitalised word that can be part of a name.
    func isNameToken(_ token: Token) -> Bool {
        guard token.kind == .word, token.isCapitalized else { return false }
        let classes = LexiconClasses.of(token.lower)
        return !classes.contains(.month) && !classes.contains(.weekday)
            && !(classes.contains(.functionWord) && !token.isAllCaps)
    }

    private func isCommonOpening(_ token: Token) -> Bool {
        LexiconClasses.of(token.lower).contains(.functionWord) || token.lower.hasSuffix("ing") || token.lower.hasSuffix("ed")
    }

    private func previousWord(before i: Int, in sentence: Range<Int>, tokens: [Token]) -> Token? {
        var j = i - 1
        if j >= sentence.lowerBound, tokens[j].isPunctuation(",") { j -= 1 }
        guard j >= sentence.lowerBound, tokens[j].kind == .word, !tokens[j].isCapitalized else { return nil }
        return tokens[j]
    }

    private func employerCue(after end: Int, in sentence: Range<Int>, tokens: [Token]) -> Bool {
        for j in end..<min(end + 2, sentence.upperBound) {
            let t = tokens[j]
            guard t.kind == .word, !t.isCapitalized else { return false }
            if NameLexicon.employerCues.contains(t.lower) { return true }
        }
        return false
    }

    /// End of a run of name words (capitalised, not function words, not places) from `i`.
    private func nameRun(from i: Int, in sentence: Range<Int>, tokens: [Token], allowPronouns: Bool, limit: Int) -> Int {
        var j = i
        while j < sentence.upperBound, j - i < limit {
            let t = tokens[j]
            guard t.kind == .word, t.isCapitalized else { break }
            let lower = t.lower
            let classes = LexiconClasses.of(lower)
            if classes.contains(.month) || classes.contains(.weekday) { break }
            if classes.contains(.functionWord) { break }
            if j == i && classes.contains(.pronoun) && !allowPronouns { break }
            if j > i, gazetteer.placeTable[t.text] != nil { break }
            if j > i, classes.contains(.titleHead) || classes.contains(.titleModifier) { break }
            j += 1
        }
        return j
    }

    /// Capitalised words with inner connectors ("of", "for", "and", "the", "&") and numbers.
    private func nameSpan(from i: Int, in sentence: Range<Int>, tokens: [Token]) -> Range<Int> {
        var j = i
        // At most `maxNameTokens`: a page of capitalised words is scanned once, not once per word.
        let limit = min(sentence.upperBound, i + Self.maxNameTokens)
        while j < limit {
            let t = tokens[j]
            if t.kind == .word && t.isCapitalized, case let classes = LexiconClasses.of(t.lower),
               !classes.contains(.weekday) && (!classes.contains(.functionWord) || t.isAllCaps) {
                j += 1; continue
            }
            if j > i, t.kind == .number { j += 1; continue }
            if j > i, (t.kind == .word && Self.isConnector(t.text)) || t.isPunctuation("&") {
                var k = j + 1
                if k < limit, tokens[k].text == "the" { k += 1 }
                if k < limit, (tokens[k].kind == .word && tokens[k].isCapitalized) || tokens[k].kind == .number {
                    j = k; continue
                }
            }
            break
        }
        return i..<j
    }

    /// The most tokens a name may span (connectors and numbers included).
    static let maxNameTokens = 12

    /// Lower-case words that may join the capitalised words of one name.
    private static func isConnector(_ word: String) -> Bool {
        switch word {
        case "of", "for", "and", "the", "on": true
        default: false
        }
    }

    private func lastPart(_ token: Token) -> String {
        // Most words have no hyphen byte at all, and then no hyphen character to search for.
        if token.hasHyphen, let dash = token.text.lastIndex(of: "-") {
            return String(token.text[token.text.index(after: dash)...])
        }
        return token.text
    }

    private func eventEnd(span: Range<Int>, tokens: [Token]) -> Int? {
        for k in span.reversed() where tokens[k].kind == .word && bits(lastPart(tokens[k])) & GazetteerBits.eventWord != 0 {
            return k + 1
        }
        return nil
    }

    private func organizationEnd(span: Range<Int>, tokens: [Token]) -> Int? {
        guard !span.isEmpty else { return nil }
        // Known organisation names, longest prefix first; only a word that opens a longer
        // gazetteer name can start one.
        var best: Int? = nil
        if span.count >= 2, (gazetteer.wordBitsTable[tokens[span.lowerBound].text] ?? 0) & Gazetteer.startsLongerName != 0 {
            var text = tokens[span.lowerBound].text
            for k in span.dropFirst() {
                text += " " + tokens[k].text
                if bits(text) & GazetteerBits.organization != 0 { best = k + 1 }
            }
        }
        var end: Int? = best
        for k in span where tokens[k].kind == .word {
            let bits = gazetteer.wordBitsTable[tokens[k].text] ?? 0
            let followedByOf = k + 1 < span.upperBound && (tokens[k + 1].text == "of" || tokens[k + 1].text == "for")
            if bits & GazetteerBits.organizationHead != 0 && followedByOf {
                return span.upperBound
            }
            if bits & GazetteerBits.organizationSuffix != 0 && k > span.lowerBound {
                end = followedByOf ? span.upperBound : k + 1
            }
        }
        // Trim connectors left dangling at the end.
        if var e = end {
            while e > span.lowerBound + 1, tokens[e - 1].kind != .word || Self.isConnector(tokens[e - 1].text) { e -= 1 }
            end = e
        }
        return end
    }

    private func locationSuffixEnd(span: Range<Int>, tokens: [Token]) -> Int? {
        for k in span.reversed() where k > span.lowerBound && bits(tokens[k].text) & GazetteerBits.locationSuffix != 0 {
            return k + 1
        }
        return nil
    }

    /// A title starting at `i`; returns the index after it.
    private func matchTitle(at i: Int, in sentence: Range<Int>, tokens: [Token]) -> Int? {
        // Tokens are read in place here: a copy would retain both their strings.
        guard tokens[i].kind == .word, tokens[i].isCapitalized else { return nil }
        if LexiconClasses.of(tokens[i].lower).contains(.honorific) {
            return i + 1 < sentence.upperBound && tokens[i + 1].kind == .word && tokens[i + 1].isCapitalized ? i + 1 : nil
        }
        var j = i
        var lastHead: Int? = nil
        while j < sentence.upperBound {
            guard tokens[j].kind == .word, tokens[j].isCapitalized else { break }
            let isHead: Bool, isModifier: Bool
            if tokens[j].hasHyphen {
                let parts = tokens[j].lower.split(separator: "-").map(String.init)
                isHead = parts.last.map { LexiconClasses.of($0).contains(.titleHead) } ?? false
                isModifier = parts.allSatisfy { !LexiconClasses.of($0).isDisjoint(with: [.titleModifier, .titleHead]) }
            } else {
                // One part, the common case: no split needed.
                let classes = LexiconClasses.of(tokens[j].lower)
                isHead = classes.contains(.titleHead)
                isModifier = isHead || classes.contains(.titleModifier)
            }
            if isHead { lastHead = j }
            if !(isHead || isModifier) { break }
            j += 1
        }
        guard var end = lastHead.map({ $0 + 1 }) else { return nil }
        // "Secretary of State", "Minister of Commerce".
        if end + 1 < sentence.upperBound, tokens[end].text == "of", tokens[end + 1].isCapitalized,
           ["secretary", "minister"].contains(tokens[end - 1].lower) {
            end += 2
        } else if end + 2 < sentence.upperBound, tokens[end].text == "of", tokens[end + 1].text == "the",
                  tokens[end + 2].isCapitalized, ["secretary", "minister"].contains(tokens[end - 1].lower) {
            end += 3
        }
        return end
    }

    /// The longest gazetteer place starting at `i`.
    private func matchPlace(at i: Int, in sentence: Range<Int>, tokens: [Token]) -> (Int, Gazetteer.Place)? {
        // Only runs of capitalised words can match, so lengths past the run are skipped.
        var run = 0
        let limit = min(gazetteer.longestName, sentence.upperBound - i)
        while run < limit, tokens[i + run].kind == .word, tokens[i + run].isCapitalized { run += 1 }
        guard run >= 1 else { return nil }
        for length in stride(from: run, through: 1, by: -1) {
            // Every token of the run is a capitalised word; one word needs no joining (nor a list).
            var allCaps = true
            let key: String
            if length == 1 {
                key = tokens[i].text
                allCaps = tokens[i].isAllCaps
            } else {
                var words: [String] = []
                words.reserveCapacity(length)
                for k in i..<(i + length) {
                    if !tokens[k].isAllCaps { allCaps = false }
                    words.append(tokens[k].text)
                }
                key = words.joined(separator: " ")
            }
            if let place = gazetteer.placeTable[key] ?? (key.utf8.contains(UInt8(ascii: ".")) ? gazetteer.placeTable[key.filter { $0 != "." }] : nil) {
                // Two-letter codes count only in capitals outside an all-capitals line.
                if key.count <= 3 && allCaps && length == 1 && !isCodeContext(i, sentence: sentence, tokens: tokens) { continue }
                return (i + length, place)
            }
            if allCaps && key.count > 3 {
                let titled = (i..<(i + length)).map { k in
                    let word = tokens[k].text
                    return word.prefix(1) + word.dropFirst().lowercased()
                }.joined(separator: " ")
                if let place = gazetteer.placeTable[titled] { return (i + length, place) }
            }
        }
        return nil
    }

    /// "commerce ministry" after a country word: lower-case word plus an organisation head.
    private func lowerCaseOrganization(after end: Int, in sentence: Range<Int>, tokens: [Token]) -> Range<Int>? {
        var j = end
        if j < sentence.upperBound, tokens[j].kind == .possessive { j += 1 }
        guard j + 1 < sentence.upperBound, tokens[j].kind == .word, tokens[j + 1].kind == .word,
              !tokens[j].isCapitalized, !tokens[j + 1].isCapitalized,
              ["ministry", "department"].contains(tokens[j + 1].text),
              !LexiconClasses.of(tokens[j].text).contains(.functionWord) else { return nil }
        return j..<(j + 2)
    }

    private func isCodeContext(_ i: Int, sentence: Range<Int>, tokens: [Token]) -> Bool {
        // An all-capitals neighbour word means a headline or dateline, where "IN", "IT" are words.
        for k in [i - 1, i + 1] where k >= sentence.lowerBound && k < sentence.upperBound {
            if tokens[k].kind == .word && tokens[k].isAllCaps && tokens[k].text.count > 3 { return false }
        }
        return true
    }

    private func addPlaceParts(of token: Token, at index: Int, sentence: Int, scalars: [Unicode.Scalar],
                               into out: inout [EntityCandidate]) {
        var offset = token.start
        for part in token.text.split(separator: "-", omittingEmptySubsequences: false) {
            let length = part.unicodeScalars.count
            if let place = gazetteer.placeTable[String(part)], place.kind == .country || place.kind == .demonym {
                out.append(EntityCandidate(tokens: index..<(index + 1), start: offset, end: offset + length,
                                           text: String(part), sentence: sentence, evidence: .place(place)))
            }
            offset += length + 1
        }
    }
}
