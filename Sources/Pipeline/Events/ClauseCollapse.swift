/// Turns the triggers of one sentence into one event per act, the way a coder reads a
/// clause: several trigger words that share one subject usually describe one act.
///
/// Promises, in this order:
/// - a participial speech verb (", saying …") whose speaker already acts earlier in the
///   sentence elaborates that act and is dropped;
/// - a plain speech act ("X said (that) …") followed by another act of the same actor is
///   coded by that act, the force of what was said ("Harlan said he plans to keep
///   tariffs" is 1244, not 010); "X told Y" keeps its own event, the medium being its target;
/// - of two triggers that found the very same subject phrase with no clause boundary
///   (",", ";", "and", "but") between them, a control verb (`light`: "agreed to suspend")
///   gives way to its complement, otherwise the first one stands ("imposed a levy",
///   "retaliated by imposing": one event).
struct ClauseCollapse: Sendable {
    let frame: TextFrame

    private static let boundaries: Set<String> = [",", ";", ":", "and", "but", "while", "whereas", "\u{2013}", "\u{2014}"]

    func reduce(_ candidates: [EventCandidate]) -> [EventCandidate] {
        guard candidates.count > 1 else { return candidates }
        var kept = [Bool](repeating: true, count: candidates.count)

        for (j, b) in candidates.enumerated() where isParticipialSpeech(b) {
            if candidates[..<j].contains(where: { $0.arguments.source == b.arguments.source }) { kept[j] = false }
        }
        for (i, a) in candidates.enumerated() where kept[i] && isPlainSpeech(a) {
            if candidates[(i + 1)...].contains(where: { b in
                b.arguments.source == a.arguments.source && !b.arguments.sourceCoordinated
                    && !b.match.rule.has(.speech)
            }) {
                kept[i] = false
            }
        }
        var i = 0
        while i < candidates.count {
            guard kept[i] else { i += 1; continue }
            var j = i + 1
            while j < candidates.count && !kept[j] { j += 1 }
            guard j < candidates.count else { break }
            let a = candidates[i], b = candidates[j]
            if a.arguments.sourceHead == b.arguments.sourceHead, a.arguments.sourceHead >= 0,
               !a.match.rule.has(.speech), !b.match.rule.has(.speech),
               !boundaryBetween(a.match.endToken, b.match.firstToken) {
                if a.match.rule.has(.light) {
                    kept[i] = false
                    i = j
                } else {
                    kept[j] = false
                }
                continue
            }
            i = j
        }
        return candidates.indices.filter { kept[$0] }.map { candidates[$0] }
    }

    private func isParticipialSpeech(_ c: EventCandidate) -> Bool {
        let first = c.match.firstToken
        return c.match.rule.has(.speech) && first > 0 && frame.tokens[first - 1].folded == ","
            && frame.tokens[first].folded.hasSuffix("ing")
    }

    /// "said", "says": a neutral statement verb that takes no addressee.
    private func isPlainSpeech(_ c: EventCandidate) -> Bool {
        c.entry.code == "010" && c.match.rule.has(.speech) && !c.match.rule.has(.addressee)
    }

    private func boundaryBetween(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        for k in from..<to where Self.boundaries.contains(frame.tokens[k].folded) { return true }
        return false
    }
}
