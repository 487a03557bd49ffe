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
    /// a capital inside a sentence is the month.
    func isConditional(_ match: TriggerMatch, sentence: Int) -> Bool {
        let tokens = frame.tokens
        let lower = frame.sentenceTokens[sentence].lowerBound
        var k = match.firstToken - 1
        while k >= lower && match.firstToken - k <= Self.window {
            if tokens[k].classes.contains(.polarityBoundary) { break }
            if Self.conditionals.contains(tokens[k].folded), !(k > lower && tokens[k].isCapitalized) { return true }
            k -= 1
        }
        return false
    }
    static let conditionals: Set<String> = ["if", "unless", "could", "might", "may", "possibly", "likely", "potential"]

    func polarity(of match: TriggerMatch, sentence: Int) -> EventPolarity {
        let tokens = frame.tokens
        let lower = frame.sentenceTokens[sentence].lowerBound
        var hypothetical = match.rule.has(.hyp)
        var k = match.firstToken - 1
        while k >= lower && match.firstToken - k <= Self.window {
            let word = tokens[k].folded
            let classes = tokens[k].classes
            if classes.contains(.polarityBoundary) { break }
            if classes.contains(.negator) { return .negated }
            if classes.contains(.hypothetical) || word.hasSuffix("'ll") { hypothetical = true }
            if (word == "set" || word == "due") && k + 1 < tokens.count && tokens[k + 1].folded == "to" {
                hypothetical = true
            }
            if Self.planCopulas.contains(word), k + 2 == match.firstToken, tokens[k + 1].folded == "to" {
                hypothetical = true
            }
            k -= 1
        }
        return hypothetical ? .hypothetical : .asserted
    }
}
