/// Decides whether a trigger is reported as happening, as not happening, or as possible.
///
/// Looks at the words of the trigger's clause before it (at most eight, stopping at a
/// comma, "that", "and", "but" or a quotation mark): a negation (not, n't, no, never,
/// neither, nor) makes it negated; a modal or plan word (will, would, could, might, plan,
/// expect, threaten, if, "set to", "due to", aim, goal, deadline, …) hypothetical, and so does
/// a form of "be" with "to" right before the trigger ("was to meet": a plan). Rules
/// flagged `hyp` (threats, ultimatums) are always hypothetical, as the gold conventions ask.
struct PolarityReader: Sendable {
    let frame: TextFrame

    static let negators: Set<String> = ["not", "n't", "no", "never", "neither", "nor", "cannot", "without"]
    static let hypotheticals: Set<String> = [
        "will", "would", "could", "might", "may", "shall", "should", "if", "unless",
        "plan", "plans", "planned", "planning", "expect", "expects", "expected", "expecting",
        "threaten", "threatens", "threatened", "threatening", "aim", "aims", "aimed", "goal",
        "deadline", "hope", "hopes", "hoped", "intend", "intends", "intended", "likely", "possibly",
        "potential", "seek", "seeks", "scheduled", "proposed",
    ]
    static let boundaries: Set<String> = [
        ",", ";", ":", "that", "and", "but", "\u{201C}", "\u{201D}", "\"", "\u{2018}", "'", "\u{2013}", "\u{2014}",
    ]
    /// "was to meet", "is to visit": the forms of "be" that state a plan before "to".
    static let planCopulas: Set<String> = ["is", "are", "was", "were"]
    private static let window = 8

    /// Whether the words that make a trigger hypothetical state it as a condition or a
    /// speculation ("if", "unless", "could", "might", "may", "likely"), not as a plan or a
    /// future ("will", "plans to"). The same window as `polarity(of:sentence:)`; "May" with
    /// a capital inside a sentence is the month. A "would" before the trigger with an "if"
    /// or "unless" after it in the sentence is a condition too.
    func isConditional(_ match: TriggerMatch, sentence: Int) -> Bool {
        let range = frame.sentenceTokens[sentence]
        let before = clause(before: match, from: range.lowerBound)
        if before.contains(where: { k in
            Self.conditionals.contains(frame.tokens[k].folded) && !(k > range.lowerBound && frame.tokens[k].isCapitalized)
        }) { return true }
        // "would only take action against the gathering if British law was broken": a
        // "would" that an "if" or "unless" after the trigger governs.
        guard before.contains(where: { frame.tokens[$0].folded == "would" }) else { return false }
        return (match.endToken..<range.upperBound).contains { frame.tokens[$0].folded == "if" || frame.tokens[$0].folded == "unless" }
    }
    static let conditionals: Set<String> = ["if", "unless", "could", "might", "may", "possibly", "likely", "potential"]

    /// The words of the trigger's clause before it: at most `window`, back to the sentence's
    /// start (`lower`) or to the nearest boundary word, which is left out.
    private func clause(before match: TriggerMatch, from lower: Int) -> Range<Int> {
        var k = match.firstToken - 1
        while k >= lower && match.firstToken - k <= Self.window, !frame.tokens[k].classes.contains(.polarityBoundary) {
            k -= 1
        }
        return (k + 1)..<match.firstToken
    }

    func polarity(of match: TriggerMatch, sentence: Int) -> EventPolarity {
        let tokens = frame.tokens
        var hypothetical = match.rule.has(.hyp)
        // Nearest first: a negation ends the search.
        for k in clause(before: match, from: frame.sentenceTokens[sentence].lowerBound).reversed() {
            let word = tokens[k].folded
            let classes = tokens[k].classes
            if classes.contains(.negator) { return .negated }
            if classes.contains(.hypothetical) || word.hasSuffix("'ll") { hypothetical = true }
            if (word == "set" || word == "due") && k + 1 < tokens.count && tokens[k + 1].folded == "to" {
                hypothetical = true
            }
            if Self.planCopulas.contains(word), k + 2 == match.firstToken, tokens[k + 1].folded == "to" {
                hypothetical = true
            }
        }
        return hypothetical ? .hypothetical : .asserted
    }
}
