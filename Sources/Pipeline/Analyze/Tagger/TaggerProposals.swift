/// Combines the statistical tagger's spans with the rule recognizer's candidates.
///
/// The rules stay primary: they keep places, demonyms, titles and roles, events and
/// acronyms. The tagger only speaks where the rules were unsure or silent: a leftover
/// capitalised run (`.unresolved`) that the tagger tags exactly as PER/ORG/LOC gets that type
/// as `proposed`, the rules' weakest guess ("two capitalised words are a person") takes
/// the tagger's type for the same span (cue-based guesses such as "Bloomberg reported" stay), and a tagger span that no rule candidate (or title) touches is added as an
/// unresolved candidate with its type proposed. The resolver uses the proposal only when the
/// name joins no entity of the document. MISC spans are dropped (the rules find event names). Promises: the result never has
/// overlapping candidates and stays in text order.
struct TaggerProposals: Sendable {
    let tagger: NERTagger

    func merge(_ candidates: [EntityCandidate], tokens: [Token], sentences: [Range<Int>],
               scalars: [Unicode.Scalar], vocabulary: DocumentVocabulary) -> [EntityCandidate] {
        let tags = tagger.tag(tokens: tokens, sentences: sentences, vocabulary: vocabulary, scalars: scalars)

        var claimed = [Bool](repeating: false, count: tokens.count)
        for candidate in candidates {
            for k in candidate.tokens { claimed[k] = true }
            // A person's title is their role, not an organisation: "Treasury Secretary X".
            for k in candidate.titleTokens(in: tokens) { claimed[k] = true }
        }
        var exact: [Range<Int>: Int] = [:]
        exact.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() { exact[candidate.tokens] = index }

        var out = candidates
        var added = false
        for (index, sentence) in sentences.enumerated() {
            for span in NERSpanScore.spans(tags[index]) {
                guard let type = Self.entityType(span.label) else { continue }
                let range = (sentence.lowerBound + span.start)..<(sentence.lowerBound + span.end)
                if let existing = exact[range] {
                    switch out[existing].evidence {
                    case .unresolved: out[existing].proposed = type
                    case .guessed(.person): out[existing].evidence = .guessed(type)
                    default: break
                    }
                    continue
                }
                guard !range.contains(where: { claimed[$0] }) else { continue }
                // Possessive endings and punctuation stay outside names.
                var end = range.upperBound
                while end > range.lowerBound, tokens[end - 1].kind != .word { end -= 1 }
                guard end > range.lowerBound, tokens[range.lowerBound].kind == .word,
                      !ModelDecision.isLoneFunctionWord(range.lowerBound..<end, tokens) else { continue }
                let start = tokens[range.lowerBound].start, stop = tokens[end - 1].end
                out.append(EntityCandidate(tokens: range.lowerBound..<end, start: start, end: stop,
                                           text: Tokenizer.string(scalars, start, stop),
                                           sentence: index, evidence: .unresolved, proposed: type))
                added = true
            }
        }
        if added { out.sort { $0.start < $1.start } }
        return out
    }

    static func entityType(_ label: NERLabel) -> EntityType? {
        switch label {
        case .person: .person
        case .organization: .organization
        case .location: .location
        case .miscellaneous: nil
        }
    }
}
