/// Finds direct quotations and attributes each to its speaker.
///
/// A quotation opens with “, ‘ or " at the start of a word and closes with the matching
/// mark at the end of one, so the ’ of "We’ve" or "talks’" never closes a ‘quote’ that
/// is not open, and never closes a “quote” at all. Quotes stay within a paragraph: an
/// unclosed quote ends at the paragraph's end (the next paragraph reopens it, as papers
/// print long quotations), and a mismatched nesting (‘…‘victory!”) ends at its last
/// closing mark. `text` is everything between the marks, nothing trimmed.
///
/// The speaker is, in order: the actor beside a speech verb right after the quote
/// (`," he said`, `, said Dr X`); the subject of a speech verb before it in its sentence
/// (`X said, “…`); for a quote that opens its sentence, the speaker of the sentence before
/// it in the paragraph; for a quote-only paragraph, the previous quote's speaker. Pronouns
/// resolve to the last person named before them. `speaker` is the canonical entity name.
public struct QuoteFinder: Sendable {
    public init() {}

    public func quotes(in document: AnalyzedDocument) -> [Quote] {
        quotes(in: TextFrame(document: document))
    }

    static let speechVerbs: Set<String> = [
        "say", "says", "said", "saying", "tell", "tells", "told", "added", "adds", "asked", "according",
        "explained", "noted", "wrote", "stated", "insisted", "claimed", "declared", "remarked", "tweeted",
        "continued", "warned", "argued", "replied", "stressed", "recalled", "acknowledged",
    ]

    enum Mark: Equatable {
        case double, single, straight
    }

    func quotes(in frame: TextFrame) -> [Quote] {
        var quotes: [Quote] = []
        var lastSpeaker: String?
        for span in frame.quoteSpans {
            let speaker = attribute(openAt: span.lowerBound - 1, closeAt: span.upperBound, in: frame, previous: lastSpeaker)
            if let speaker { lastSpeaker = speaker }
            quotes.append(Quote(speaker: speaker, text: frame.text(span.lowerBound, span.upperBound),
                                start: span.lowerBound, end: span.upperBound))
        }
        return quotes
    }

    /// The quoted stretches of `scalars` (between the marks), in text order.
    static func spans(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let n = scalars.count
        var spans: [Range<Int>] = []
        var i = 0
        while i < n {
            // Almost no scalar is an opening mark: skip the others without a call.
            let v = scalars[i].value
            guard v == 0x201C || v == 0x2018 || v == 0x22, let mark = opener(at: i, in: scalars) else { i += 1; continue }
            // Find the close, following nesting within the paragraph.
            var stack: [Mark] = [mark]
            var j = i + 1
            var closeAt: Int?
            var lastCloser: Int?
            while j < n && scalars[j] != "\n" {
                let w = scalars[j].value
                // Only quotation marks open or close.
                guard w == 0x201C || w == 0x2018 || w == 0x22 || w == 0x201D || w == 0x2019 else { j += 1; continue }
                if let inner = opener(at: j, in: scalars), !(inner == .straight && stack.last == .straight) {
                    stack.append(inner)
                } else if let closing = closer(at: j, in: scalars) {
                    let top = stack.last!
                    // ” also closes a ‘ (typographic mismatch); ’ never closes a “.
                    if closing == top || (closing == .double && top == .single) {
                        stack.removeLast()
                        lastCloser = j
                        if stack.isEmpty { closeAt = j; break }
                    }
                }
                j += 1
            }
            var end: Int
            var resume: Int
            if let closeAt {
                end = closeAt
                resume = closeAt + 1
            } else if let lastCloser, lastCloser > i + 1 {
                end = lastCloser
                resume = lastCloser + 1
            } else {
                end = j
                while end > i + 1 && WordTokenizer.isSpace(scalars[end - 1]) { end -= 1 }
                resume = j
            }
            if end > i + 1 { spans.append((i + 1)..<end) }
            i = resume
        }
        return spans
    }

    static func opener(at i: Int, in scalars: [Unicode.Scalar]) -> Mark? {
        let c = scalars[i]
        // Every scalar of the text is asked; almost none is a mark, so answer those first.
        guard c == "\u{201C}" || c == "\u{2018}" || c == "\"" else { return nil }
        let atWordStart = i == 0 || !scalars[i - 1].isWordScalar
            && !(scalars[i - 1] == "." || scalars[i - 1] == "," || scalars[i - 1] == "!" || scalars[i - 1] == "?")
        let followedByText = i + 1 < scalars.count && !WordTokenizer.isSpace(scalars[i + 1])
        switch c {
        case "\u{201C}": return followedByText ? .double : nil
        case "\u{2018}": return atWordStart && followedByText ? .single : nil
        case "\"": return atWordStart && followedByText ? .straight : nil
        default: return nil
        }
    }

    private static func closer(at j: Int, in scalars: [Unicode.Scalar]) -> Mark? {
        let c = scalars[j]
        guard c == "\u{201D}" || c == "\u{2019}" || c == "\"" else { return nil }
        let afterText = j > 0 && !WordTokenizer.isSpace(scalars[j - 1])
        let atWordEnd = j + 1 >= scalars.count || !scalars[j + 1].isWordScalar
        switch c {
        case "\u{201D}": return .double
        case "\u{2019}": return afterText && atWordEnd ? .single : nil
        case "\"": return afterText ? .straight : nil
        default: return nil
        }
    }

    // MARK: - Attribution

    private func attribute(openAt: Int, closeAt: Int, in frame: TextFrame, previous: String?) -> String? {
        let tokens = frame.tokens
        let openToken = TextFrame.tokenIndex(atOrAfter: openAt, in: tokens)
        let closeToken = TextFrame.tokenIndex(atOrAfter: closeAt, in: tokens)

        // After: `," he said` / `," said Dr X` / `’ Mike Castell told Fox`.
        var k = closeToken + 1
        while k < tokens.count && k - closeToken <= 9 {
            let word = tokens[k].folded
            if word == "." || Self.opener(at: tokens[k].start, in: frame.scalars) != nil { break }
            if frame.scalars[tokens[k - 1].end..<tokens[k].start].contains("\n") { break }
            if tokens[k].classes.contains(.speechVerb) {
                if let u = lastUnit(from: closeToken + 1, before: k, in: frame) { return u.name }
                if let u = unit(after: k + 1, within: 4, in: frame) { return u.name }
                break
            }
            k += 1
        }
        guard let sentence = frame.sentence(ofToken: openToken) ?? frame.sentence(ofToken: max(0, openToken - 1)) else {
            return paragraphOpens(at: openAt, in: frame) ? previous : nil
        }
        // Before, in the same sentence: `X said, “…` / `X said it was ‘premature’`.
        let range = frame.sentenceTokens[sentence]
        if let speaker = speaker(of: range.lowerBound..<min(openToken, range.upperBound), in: frame) {
            return speaker
        }
        // A quote that opens its sentence continues the previous sentence's speaker.
        if openToken <= range.lowerBound + 1 {
            if paragraphOpens(at: openAt, in: frame) { return previous }
            if sentence > 0 {
                let before = frame.sentenceTokens[sentence - 1]
                let gap = frame.text(frame.sentences[sentence - 1].end, frame.sentences[sentence].start)
                if !gap.contains("\n"), let speaker = speaker(of: before, in: frame) { return speaker }
            }
        }
        return nil
    }

    /// The subject of the last speech verb in `range`.
    private func speaker(of range: Range<Int>, in frame: TextFrame) -> String? {
        guard !range.isEmpty else { return nil }
        let skipped = frame.appositions(in: range)
        var v = range.upperBound - 1
        while v >= range.lowerBound {
            if frame.tokens[v].classes.contains(.speechVerb) && !skipped.contains(v) { break }
            v -= 1
        }
        guard v >= range.lowerBound else { return nil }
        var k = v - 1
        while k >= range.lowerBound {
            let u = frame.unitAtToken[k]
            if u >= 0, !skipped.contains(k) {
                let unit = frame.units[u]
                if !unit.isSetting && (!frame.isPrepositional(unit) || Self.isAbsoluteSpeaker(unit, verb: v, in: frame)) {
                    return unit.name
                }
                k = unit.firstToken - 1
                continue
            }
            k -= 1
        }
        return unit(after: v + 1, within: 4, in: frame)?.name
    }

    /// "…, with White House trade adviser Peter Navarro saying …": the object of "with"
    /// right before a participle of speech is who speaks.
    private static func isAbsoluteSpeaker(_ unit: ActorUnit, verb v: Int, in frame: TextFrame) -> Bool {
        guard frame.tokens[v].folded == "saying", unit.endToken == v, let p = frame.preposition(before: unit) else { return false }
        return frame.tokens[p].folded == "with"
    }

    private func lastUnit(from start: Int, before end: Int, in frame: TextFrame) -> ActorUnit? {
        var k = end - 1
        while k >= start {
            let u = frame.unitAtToken[k]
            if u >= 0 && frame.units[u].firstToken >= start { return frame.units[u] }
            k -= 1
        }
        return nil
    }

    private func unit(after start: Int, within distance: Int, in frame: TextFrame) -> ActorUnit? {
        let u = frame.firstUnit(atOrAfter: start)
        guard u < frame.units.count else { return nil }
        let unit = frame.units[u]
        guard unit.firstToken >= start, unit.firstToken - start <= distance else { return nil }
        for k in start..<unit.firstToken where !frame.tokens[k].isWord { return nil }
        return unit
    }

    /// Only white space lies between the previous line break and `offset`.
    private func paragraphOpens(at offset: Int, in frame: TextFrame) -> Bool {
        var k = offset - 1
        while k >= 0 {
            let c = frame.scalars[k]
            if c == "\n" { return true }
            if !WordTokenizer.isSpace(c) { return false }
            k -= 1
        }
        return true
    }
}
