/// `EntityDecision.model`: combines the statistical tagger's spans with the rule recognizer's
/// candidates so that the tagger decides which words are names and of what type; the rules add only what the
/// development set shows they add (see `models/README.md`, "What the rules still do").
///
/// Every tagger span becomes a typed candidate: PER a person, ORG an organisation, LOC a
/// place (a gazetteer place keeps its canonical name and capital/country facts, so "US" is
/// "United States" and "Beijing said" is metonymic), MISC a nationality (a gazetteer demonym:
/// a `NORP` mention of its country's entity, `Mention.type`), a group (`NORP`, a plural group
/// name), an event (when the rules read it as one) or `MISC`.
/// The gazetteer, the rules' cues and the document's other mentions reach the tagger as its
/// features (`TaggerFeatures`), not as overrides. Rule candidates keep only what the tagger
/// cannot give: a title's role on the same person span, and the rule kinds listed in
/// `RuleUse` where no tagger span touches their words.
///
/// Promises: the result never has overlapping candidates and stays in text order.
struct ModelDecision: Sendable {
    let tagger: NERTagger
    let gazetteer: Gazetteer

    init(tagger: NERTagger, gazetteer: Gazetteer = .shared) {
        self.tagger = tagger
        self.gazetteer = gazetteer
    }

    func merge(_ candidates: [EntityCandidate], tokens: [Token], sentences: [Range<Int>],
               scalars: [Unicode.Scalar], vocabulary: DocumentVocabulary) -> [EntityCandidate] {
        let tags = tagger.tag(tokens: tokens, sentences: sentences, vocabulary: vocabulary, scalars: scalars)

        // The rule candidates by their first token, to find a title's role and the rules' events.
        var ruleAt = [Int32](repeating: -1, count: tokens.count)
        for (index, candidate) in candidates.enumerated() where ruleAt[candidate.tokens.lowerBound] < 0 {
            ruleAt[candidate.tokens.lowerBound] = Int32(index)
        }
        // A person's title is their role, not an organisation: "Treasury Secretary X".
        var roleWord = [Bool](repeating: false, count: tokens.count)
        for candidate in candidates {
            guard let role = candidate.role else { continue }
            let roleWords = role.split(separator: " ")
            var k = candidate.tokens.lowerBound - 1
            while k >= 0, roleWords.contains(where: { $0 == tokens[k].text }) || tokens[k].kind == .punctuation {
                roleWord[k] = true; k -= 1
            }
        }

        var out: [EntityCandidate] = []
        out.reserveCapacity(candidates.count)
        var taken = [Bool](repeating: false, count: tokens.count)
        for (index, sentence) in sentences.enumerated() {
            for span in NERSpanScore.spans(tags[index]) {
                var start = sentence.lowerBound + span.start
                var end = sentence.lowerBound + span.end
                // Possessive endings and punctuation stay outside names.
                while end > start, tokens[end - 1].kind != .word && tokens[end - 1].kind != .number { end -= 1 }
                while start < end, tokens[start].kind != .word { start += 1 }
                // A sentence-opening function word is not part of the name ("When Trump").
                while end - start > 1, start == sentence.lowerBound || tokens[start - 1].kind == .punctuation,
                      Self.isOpeningWord(tokens[start].text) {
                    start += 1
                }
                guard end > start, end - start <= EntityRecognizer.maxNameTokens, !Self.isLoneFunctionWord(start..<end, tokens),
                      tokens[end - 1].kind == .word || span.label == .miscellaneous else { continue }
                if (start..<end).contains(where: { roleWord[$0] || taken[$0] }) { continue }
                // A titled person the rules read further, through capitalised words, is that
                // longer name ("Vice Premier Liu He", where the tagger stops at "Liu").
                if span.label == .person, ruleAt[start] >= 0 {
                    let rule = candidates[Int(ruleAt[start])]
                    if rule.role != nil, case .typed(.person) = rule.evidence, rule.tokens.upperBound > end,
                       rule.tokens.upperBound <= sentence.upperBound,
                       (end..<rule.tokens.upperBound).allSatisfy({ tokens[$0].isCapitalized && !taken[$0] }) {
                        end = rule.tokens.upperBound
                    }
                }
                let first = tokens[start].start, last = tokens[end - 1].end
                var candidate = EntityCandidate(tokens: start..<end, start: first, end: last,
                                                text: Tokenizer.string(scalars, first, last), sentence: index,
                                                evidence: .typed(.misc))
                let rule = ruleAt[start] >= 0 ? candidates[Int(ruleAt[start])] : nil
                let sameSpan = rule.map { $0.tokens == start..<end } ?? false
                switch span.label {
                case .person:
                    candidate.evidence = .typed(.person)
                    if sameSpan { candidate.role = rule?.role }
                case .organization:
                    candidate.evidence = .typed(.organization)
                    if sameSpan, let abbreviates = rule?.abbreviates { candidate.abbreviates = abbreviates }
                case .location:
                    let place = place(candidate.text, tokens: start..<end, tokens)
                    candidate.evidence = place.map { .place($0) } ?? .typed(.location)
                case .miscellaneous:
                    if let place = place(candidate.text, tokens: start..<end, tokens), place.kind == .demonym {
                        candidate.evidence = .place(place)
                    } else if sameSpan, case .typed(.eventName) = rule?.evidence {
                        candidate.evidence = .typed(.eventName)
                    } else if Self.isGroupName(candidate.text) {
                        candidate.evidence = .typed(.norp)
                    }
                }
                for k in start..<end { taken[k] = true }
                out.append(candidate)
            }
        }
        var added = false
        for candidate in candidates where RuleUse.keeps(candidate) && !candidate.tokens.contains(where: { taken[$0] }) {
            out.append(candidate)
            added = true
        }
        if added { out.sort { $0.start < $1.start } }
        return out
    }

    /// The gazetteer place a span names, looked up as written and, for a capitalised
    /// headline word, in title case.
    private func place(_ text: String, tokens range: Range<Int>, _ tokens: [Token]) -> Gazetteer.Place? {
        if let place = gazetteer.placeTable[text] { return place }
        // "U.S." as "US": the tables list the undotted abbreviations.
        if range.count == 1, text.unicodeScalars.count >= 4, text.hasSuffix("."),
           let place = gazetteer.placeTable[String(text.unicodeScalars.filter { $0 != "." }.map(Character.init))] {
            return place
        }
        guard tokens[range.lowerBound].isAllCaps, text.count > 3 else { return nil }
        return gazetteer.placeTable[text.split(separator: " ").map { SentenceForms.titleCased(String($0)) }.joined(separator: " ")]
    }

    /// A one-word span that is a function word ("The" after a dateline's bullet) names nothing.
    static func isLoneFunctionWord(_ span: Range<Int>, _ tokens: [Token]) -> Bool {
        span.count == 1 && LexiconClasses.of(tokens[span.lowerBound].text.lowercased()).contains(.functionWord)
    }

    /// A capitalised function word that opens a clause ("When", "If", "But"), never a name's
    /// first word; "The" is not one (it opens names: "The Hague").
    private static func isOpeningWord(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower != "the" && LexiconClasses.of(lower).contains(.functionWord)
    }

    /// Plural group names the tagger reads as MISC ("Republicans", "Democrats", "Moslems").
    private static func isGroupName(_ text: String) -> Bool {
        text.hasSuffix("ans") || text.hasSuffix("ists") || text.hasSuffix("ats") || text.hasSuffix("ims")
    }
}

/// Which rule candidates survive where the tagger found no name. Each kept kind raised
/// exact-span F1 on the development set (eng.testa and UNER dev, `gleaner eval conll`); the
/// figures are in `models/README.md`.
enum RuleUse {
    static func keeps(_ candidate: EntityCandidate) -> Bool {
        switch candidate.evidence {
        case .place(let place):
            // Countries and capitals (mostly in headlines), +0.03 F1 with MISC.
            if place.kind == .country || place.kind == .capital { return true }
            // Demonyms, as nationalities: +0.09 F1 with MISC.
            return place.kind == .demonym
        case .typed(let type):
            // Titled people ("Dr Anna Kessler") and events by their event word: +0.24.
            return (type == .person && candidate.role != nil) || type == .eventName
        case .guessed, .unresolved:
            // Two capitalised words as a person: -0.52; other guesses -0.02.
            return false
        }
    }
}
