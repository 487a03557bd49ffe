/// `EntityDecision.model`: combines the statistical tagger's spans with the rule recognizer's
/// candidates so that the tagger decides which words are names and of what type; the rules add only what the
/// development set shows they add (see `models/README.md`, "What the rules still do").
///
/// Every tagger span becomes a typed candidate: PER a person, ORG an organisation, LOC a
/// place (a gazetteer place keeps its canonical name and capital/country facts, so "US" is
/// "United States" and "Beijing said" is metonymic), MISC a nationality (a gazetteer demonym:
/// a `NORP` mention of its country's entity, `Mention.type`), a group (`NORP`, a plural group
/// name), an event (when the rules read it as one) or `MISC`. A span is read with what the
/// rules know around it: an organisation or event the rules read by its head, suffix or
/// event word is taken where the tagger stopped inside it, "X and Y" of two gazetteer places
/// is two places, and an all-caps dateline before "•", "—", "–" or "|" is tagged as a
/// sentence of its own (`taggedPieces`).
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
        // A dateline that opens a mixed-case sentence is tagged as the line of its own that
        // the training data gives it ("WASHINGTON/NEW YORK • The US ...").
        let pieces = Self.taggedPieces(sentences, tokens: tokens)
        let tags = tagger.tag(tokens: tokens, sentences: pieces.map(\.range), vocabulary: vocabulary, scalars: scalars)

        // The rule candidates by their first token, to find a title's role and the rules' events.
        var ruleAt = [Int32](repeating: -1, count: tokens.count)
        for (index, candidate) in candidates.enumerated() where ruleAt[candidate.tokens.lowerBound] < 0 {
            ruleAt[candidate.tokens.lowerBound] = Int32(index)
        }
        // A person's title is their role, not an organisation: "Treasury Secretary X".
        var roleWord = [Bool](repeating: false, count: tokens.count)
        for candidate in candidates {
            for k in candidate.titleTokens(in: tokens) { roleWord[k] = true }
        }

        var out: [EntityCandidate] = []
        out.reserveCapacity(candidates.count)
        var taken = [Bool](repeating: false, count: tokens.count)
        // Rule organisations by their words: a name the rules read by its head or suffix word.
        var ruleOrganization = [Int32](repeating: -1, count: tokens.count)
        var ruleEvent = [Int32](repeating: -1, count: tokens.count)
        for (index, candidate) in candidates.enumerated() where candidate.tokens.count > 1 {
            if case .typed(.organization) = candidate.evidence {
                for k in candidate.tokens { ruleOrganization[k] = Int32(index) }
            } else if case .typed(.eventName) = candidate.evidence {
                for k in candidate.tokens { ruleEvent[k] = Int32(index) }
            }
        }
        for (pieceIndex, piece) in pieces.enumerated() {
            let index = piece.sentence, sentence = sentences[index]
            for span in NERSpanScore.spans(tags[pieceIndex]) {
                var start = piece.range.lowerBound + span.start
                var end = piece.range.lowerBound + span.end
                // Possessive endings and punctuation stay outside names.
                while end > start, tokens[end - 1].kind != .word && tokens[end - 1].kind != .number { end -= 1 }
                while start < end, tokens[start].kind != .word { start += 1 }
                // Nor does a lower-case function word after it ("Summit - a").
                while end - start > 1, tokens[end - 1].kind != .number,
                      tokens[end - 1].kind != .word || !tokens[end - 1].isCapitalized
                        && LexiconClasses.of(tokens[end - 1].lower).contains(.functionWord) {
                    end -= 1
                }
                // A sentence-opening function word is not part of the name ("When Trump").
                while end - start > 1, start == sentence.lowerBound || tokens[start - 1].kind == .punctuation,
                      Self.isOpeningWord(tokens[start].text) {
                    start += 1
                }
                guard end > start, end - start <= EntityRecognizer.maxNameTokens, !Self.isLoneFunctionWord(start..<end, tokens),
                      tokens[end - 1].kind == .word || span.label == .miscellaneous else { continue }
                if (start..<end).contains(where: { roleWord[$0] || taken[$0] }) { continue }
                var label = span.label
                // A person's name does not end in an organisation's suffix word: the tagger's
                // "Enterprise Institute" is an organisation, and with the nationality it read
                // alone just before it, when the rules read the two as one name, it is that
                // name ("American Enterprise Institute"). A MISC span that ends in one and that
                // the rules read as the same organisation is that organisation ("World Trade
                // Organization" in a sentence of its own), except a league, which CoNLL-2003
                // reads as a competition ("American League" is MISC there: -0.03 F1 without it;
                // `competition-suffix` in name-words.tsv).
                let ruleOrganisation = ruleOrganization[start] >= 0 ? candidates[Int(ruleOrganization[start])].tokens : nil
                let ruleReadsSpan = ruleOrganisation == start..<end && !hasBits(tokens[end - 1].text, Gazetteer.competitionSuffix)
                if label == .person || label == .miscellaneous && ruleReadsSpan, end - start >= 2,
                   hasBits(tokens[end - 1].text, GazetteerBits.organizationSuffix) {
                    label = .organization
                    if let ruleOrganisation, ruleOrganization[start] == ruleOrganization[end - 1],
                       let previous = out.last, previous.tokens.upperBound == start,
                       ruleOrganisation == previous.tokens.lowerBound..<end,
                       case .place(let place) = previous.evidence, place.kind == .demonym {
                        out.removeLast()
                        start = previous.tokens.lowerBound
                    }
                }
                // An organisation the rules read by its head or suffix word from the tagger's
                // first word on is that longer name when the tagger stopped inside it: after a
                // head word and its "of"/"for" ("Center for Strategic" of "Center for Strategic
                // and International Studies"), or before the rules' suffix word ("Federal" of
                // "Federal Air Traffic Control Administration").
                if ruleOrganization[start] >= 0,
                   ruleOrganization[start] == ruleOrganization[end - 1] {
                    let rule = candidates[Int(ruleOrganization[start])].tokens
                    if label != .person, rule.lowerBound == start, rule.upperBound > end, rule.upperBound <= sentence.upperBound,
                       !rule.contains(where: { roleWord[$0] || taken[$0] }),
                       extendsOrganization(start..<end, label: label, to: rule.upperBound, tokens: tokens, scalars: scalars) {
                        (end, label) = (rule.upperBound, .organization)
                    }
                }
                // An event the rules read by its event word is that event when the tagger stopped
                // inside it: from the tagger's first word on through capitalised words ("G-20
                // Summit", where the tagger reads "G-20"), or back from a lone event word the
                // tagger read alone ("Group of 20 Summit", where it reads "Summit").
                if ruleEvent[start] >= 0, ruleEvent[start] == ruleEvent[end - 1] {
                    let rule = candidates[Int(ruleEvent[start])].tokens
                    if rule.lowerBound == start, rule.upperBound > end, rule.upperBound <= sentence.upperBound,
                       (end..<rule.upperBound).allSatisfy({ !taken[$0] && !roleWord[$0] && (tokens[$0].isCapitalized || tokens[$0].kind == .number
                           || Self.joinsEventName($0, rule, tokens)) }) {
                        (end, label) = (rule.upperBound, .miscellaneous)
                    } else if rule.lowerBound < start, rule.upperBound == end, end - start == 1,
                              hasBits(tokens[start].text, GazetteerBits.eventWord), rule.lowerBound >= sentence.lowerBound,
                              !rule.contains(where: { roleWord[$0] || taken[$0] }) {
                        (start, label) = (rule.lowerBound, .miscellaneous)
                    }
                }
                // A titled person the rules read further, through capitalised words, is that
                // longer name ("Vice Premier Liu He", where the tagger stops at "Liu").
                if label == .person, ruleAt[start] >= 0 {
                    let rule = candidates[Int(ruleAt[start])]
                    if rule.role != nil, case .typed(.person) = rule.evidence, rule.tokens.upperBound > end,
                       rule.tokens.upperBound <= sentence.upperBound,
                       (end..<rule.tokens.upperBound).allSatisfy({ tokens[$0].isCapitalized && !taken[$0] }) {
                        end = rule.tokens.upperBound
                    }
                }
                for k in start..<end { taken[k] = true }
                // Two places joined by "and" are two names ("US and China"), unless together
                // they are one ("Bosnia and Herzegovina").
                if let halves = placeHalves(start..<end, tokens: tokens, scalars: scalars) {
                    for half in halves {
                        out.append(candidate(half, label: .location, sentence: index, candidates: candidates, ruleAt: ruleAt,
                                             tokens: tokens, scalars: scalars))
                    }
                    continue
                }
                out.append(candidate(start..<end, label: label, sentence: index, candidates: candidates, ruleAt: ruleAt,
                                     tokens: tokens, scalars: scalars))
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

    /// The typed candidate of one tagger span: its label read with the gazetteer and the
    /// rule candidate that starts where it starts.
    private func candidate(_ range: Range<Int>, label: NERLabel, sentence: Int, candidates: [EntityCandidate],
                           ruleAt: [Int32], tokens: [Token], scalars: [Unicode.Scalar]) -> EntityCandidate {
        let start = range.lowerBound, end = range.upperBound
        let first = tokens[start].start, last = tokens[end - 1].end
        var candidate = EntityCandidate(tokens: range, start: first, end: last,
                                        text: Tokenizer.string(scalars, first, last), sentence: sentence,
                                        evidence: .typed(.misc))
        let rule = ruleAt[start] >= 0 ? candidates[Int(ruleAt[start])] : nil
        let sameSpan = rule.map { $0.tokens == range } ?? false
        switch label {
        case .person:
            candidate.evidence = .typed(.person)
            if sameSpan { candidate.role = rule?.role }
        case .organization:
            candidate.evidence = .typed(.organization)
            if sameSpan, let abbreviates = rule?.abbreviates { candidate.abbreviates = abbreviates }
        case .location:
            let place = place(candidate.text, tokens: range, tokens)
            candidate.evidence = place.map { .place($0) } ?? .typed(.location)
        case .miscellaneous:
            if let place = place(candidate.text, tokens: range, tokens), place.kind == .demonym {
                candidate.evidence = .place(place)
            } else if sameSpan, case .typed(.eventName) = rule?.evidence {
                candidate.evidence = .typed(.eventName)
            } else if Self.isGroupName(candidate.text) {
                candidate.evidence = .typed(.norp)
            }
        }
        return candidate
    }

    private func hasBits(_ word: String, _ bits: UInt32) -> Bool {
        (gazetteer.wordBitsTable[word] ?? 0) & bits != 0
    }

    /// The span holds an organisation head word followed by "of" or "for" ("Center for ...").
    private func opensWithHead(_ range: Range<Int>, tokens: [Token]) -> Bool {
        range.dropLast().contains { k in
            hasBits(tokens[k].text, GazetteerBits.organizationHead) && (tokens[k + 1].text == "of" || tokens[k + 1].text == "for")
        }
    }

    /// Whether a tagger span (not a person) is cut short of the organisation the rules read
    /// on to `end`: it holds a head word and its "of"/"for" ("Center for Strategic"), or it has
    /// no suffix word and the rules' name ends in one ("Federal" of "Federal Air Traffic
    /// Control Administration", "Jerusalem" of "Jerusalem Post"). A nationality never opens
    /// the longer name (CoNLL-2003 reads "German Foreign Ministry" as two names), a place
    /// opens it only through capitalised words ("Tunisia and the Palestinian Authority" is
    /// two), and a suffix is not read across "the" ("White Sox for the American League").
    func extendsOrganization(_ range: Range<Int>, label: NERLabel, to end: Int, tokens: [Token],
                                     scalars: [Unicode.Scalar]) -> Bool {
        let text = Tokenizer.string(scalars, tokens[range.lowerBound].start, tokens[range.upperBound - 1].end)
        let place = place(text, tokens: range, tokens)
        if place?.kind == .demonym { return false }
        if place == nil, opensWithHead(range, tokens: tokens) { return true }
        guard label != .miscellaneous, hasBits(tokens[end - 1].text, GazetteerBits.organizationSuffix),
              !range.contains(where: { hasBits(tokens[$0].text, GazetteerBits.organizationSuffix) }) else { return false }
        let added = range.upperBound..<end
        if place != nil { return added.allSatisfy { tokens[$0].isCapitalized } }
        return !added.contains { tokens[$0].lower == "the" }
    }

    /// The two halves of a span "X and Y" when each is a gazetteer country, capital or
    /// place and the whole is not one.
    func placeHalves(_ range: Range<Int>, tokens: [Token], scalars: [Unicode.Scalar]) -> [Range<Int>]? {
        guard range.count >= 3,
              let and = range.dropFirst().dropLast().first(where: { tokens[$0].text == "and" || tokens[$0].text == "&" })
        else { return nil }
        let halves = [range.lowerBound..<and, (and + 1)..<range.upperBound]
        func isPlace(_ r: Range<Int>) -> Bool {
            guard tokens[r.upperBound - 1].kind == .word else { return false }
            let text = Tokenizer.string(scalars, tokens[r.lowerBound].start, tokens[r.upperBound - 1].end)
            guard let place = place(text, tokens: r, tokens) else { return false }
            return place.kind != .demonym
        }
        guard !isPlace(range), halves.allSatisfy(isPlace) else { return nil }
        return halves
    }

    /// The stretches of text tagged as one sentence each: every sentence, except that an
    /// all-caps dateline opening a sentence before a separator ("•", "—", "–", "-") is a
    /// stretch of its own. Each stretch keeps the index of its sentence.
    static func taggedPieces(_ sentences: [Range<Int>], tokens: [Token]) -> [(range: Range<Int>, sentence: Int)] {
        var pieces: [(range: Range<Int>, sentence: Int)] = []
        pieces.reserveCapacity(sentences.count)
        for (index, sentence) in sentences.enumerated() {
            if let cut = datelineEnd(sentence, tokens: tokens) {
                pieces.append((sentence.lowerBound..<cut, index))
                pieces.append((cut..<sentence.upperBound, index))
            } else {
                pieces.append((sentence, index))
            }
        }
        return pieces
    }

    /// Words that separate a dateline from the text it opens.
    private static let datelineSeparators: Set<String> = ["•", "—", "–", "|"]

    /// The index just after a dateline's separator when the sentence opens with all-caps
    /// words (and "/" or ",") up to the separator, mixed-case text follows, and the dateline
    /// has at most `maxDatelineTokens` tokens.
    private static func datelineEnd(_ sentence: Range<Int>, tokens: [Token]) -> Int? {
        var words = 0
        for k in sentence.prefix(maxDatelineTokens + 1) {
            let token = tokens[k]
            if token.kind == .word {
                guard token.isAllCaps else { return nil }
                words += 1
            } else if datelineSeparators.contains(token.text) {
                guard words > 0, k + 1 < sentence.upperBound,
                      sentence[(k + 1)...].contains(where: { tokens[$0].kind == .word && !tokens[$0].isAllCaps }) else { return nil }
                return k + 1
            } else if token.text != "/" && token.text != "," && token.kind != .number {
                return nil
            }
        }
        return nil
    }

    private static let maxDatelineTokens = 8

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

    /// "of" between capitalised words or numbers inside an event the rules read ("Group of 20
    /// Summit"): part of the event's name.
    private static func joinsEventName(_ k: Int, _ rule: Range<Int>, _ tokens: [Token]) -> Bool {
        tokens[k].text == "of" && k > rule.lowerBound && k + 1 < rule.upperBound
            && (tokens[k + 1].isCapitalized || tokens[k + 1].kind == .number)
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
            // Lower-case ministries after their country ("Chinese commerce ministry"), which a
            // tagger trained on capitalised names cannot see: one organisation of the seeds
            // found; on eng.testa one false span (-0.01 F1), where CoNLL-2003's annotators
            // differ ("interior ministry officials" is a name there, "Dutch transport
            // ministry" is not); UNER dev unchanged.
            if type == .organization, let first = candidate.text.unicodeScalars.first, first.properties.isLowercase { return true }
            return (type == .person && candidate.role != nil) || type == .eventName
        case .guessed, .unresolved:
            // Two capitalised words as a person: -0.52; other guesses -0.02.
            return false
        }
    }
}
