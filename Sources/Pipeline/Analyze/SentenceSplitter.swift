/// Groups tokens into sentences.
///
/// Promises: every token belongs to exactly one sentence; a sentence spans from its first
/// token's start to its last token's end, so surrounding whitespace is never included. A line
/// break always ends a sentence. A sentence mark ends a sentence when the next token starts
/// after whitespace with a capital, a digit or an opening quote, unless the mark belongs to
/// an abbreviation ("Mr.", "U.S."). A sentence holds at most `maxTokens` tokens: text without
/// sentence marks or line breaks is cut there, so no stage's work per sentence can grow
/// with the document.
struct SentenceSplitter: Sendable {
    static let maxTokens = 200

    static let closers: Set<String> = ["\"", "\u{201D}", "\u{2019}", "'", ")", "]"]
    static let openers: Set<String> = ["\"", "\u{201C}", "\u{2018}", "'", "(", "[", "\u{2013}", "\u{2014}", "-"]

    /// Returns, for each sentence, the range of token indices it holds.
    func split(_ tokens: [Token]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var first = 0
        var i = 0
        while i < tokens.count {
            if i > first && (tokens[i].lineBreakBefore || i - first >= Self.maxTokens) {
                sentences.append(first..<i); first = i
            }
            let token = tokens[i]
            if token.kind == .punctuation && (token.text == "." || token.text == "!" || token.text == "?" || token.text == "\u{2026}") {
                var last = i
                while last + 1 < tokens.count, tokens[last + 1].gluedToPrevious,
                      Self.closers.contains(tokens[last + 1].text) {
                    last += 1
                }
                let next = last + 1
                if next >= tokens.count || startsSentence(tokens[next]) {
                    sentences.append(first..<(last + 1)); first = last + 1
                }
                i = last + 1
                continue
            }
            i += 1
        }
        if first < tokens.count { sentences.append(first..<tokens.count) }
        return sentences
    }

    private func startsSentence(_ token: Token) -> Bool {
        if token.lineBreakBefore { return true }
        if token.gluedToPrevious { return false }
        switch token.kind {
        case .word: return token.isCapitalized
        case .number, .currency: return true
        case .punctuation: return Self.openers.contains(token.text)
        default: return false
        }
    }
}
