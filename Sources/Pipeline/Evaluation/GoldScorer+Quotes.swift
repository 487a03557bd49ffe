extension GoldScorer {
    /// Quotes: every gold event with a `quote` gives one gold quote (speaker = the event's
    /// source). A predicted quote matches when the speaker designates that source and the
    /// text is the same (ignoring surrounding blanks and punctuation) or the spans overlap
    /// by `quoteOverlapShare` of the longer one. A prediction matching a
    /// `quote_continuation` segment of the same speaker is an optional match.
    func scoreQuotes(_ predicted: [Quote], _ layout: GoldLayout, _ actors: ActorMatcher,
                     misses: inout [ScoringMiss]) -> TaskCounts {
        struct GoldQuote: Hashable { var text: String; var speaker: String?; var line: Int; var start: Int }
        var required: [GoldQuote] = []
        var optional: [GoldQuote] = []
        var seen: Set<GoldQuote> = []
        for event in layout.gold.events {
            if let quote = event.quote {
                let q = GoldQuote(text: quote, speaker: event.source, line: event.line, start: event.sentenceStart)
                if seen.insert(q).inserted { required.append(q) }
            }
            for segment in event.quoteContinuation {
                optional.append(GoldQuote(text: segment, speaker: event.source, line: event.line, start: 0))
            }
        }
        func span(_ q: GoldQuote) -> (start: Int, end: Int)? {
            layout.cleanSpan(searching: q.text, fromLine: q.line, start: q.start)
        }
        let requiredSpans = required.map(span)
        let optionalSpans = optional.map(span)
        func same(_ quote: Quote, _ q: GoldQuote, _ goldSpan: (start: Int, end: Int)?) -> Bool {
            guard actors.same(predicted: quote.speaker, gold: q.speaker) else { return false }
            if QuoteText(quote.text) == QuoteText(q.text) { return true }
            guard let g = goldSpan else { return false }
            let overlap = min(quote.end, g.end) - max(quote.start, g.start)
            let longer = max(quote.end - quote.start, g.end - g.start)
            return overlap > 0 && Double(overlap) >= quoteOverlapShare * Double(longer)
        }
        var taken = [Bool](repeating: false, count: required.count)
        var counts = TaskCounts()
        for quote in predicted {
            if let g = required.indices.first(where: { !taken[$0] && same(quote, required[$0], requiredSpans[$0]) }) {
                taken[g] = true
                counts.truePositives += 1
            } else if optional.indices.contains(where: { same(quote, optional[$0], optionalSpans[$0]) }) {
                counts.optionalMatches += 1
            } else {
                counts.falsePositives += 1
                misses.append(ScoringMiss(task: .quotes, kind: .falsePositive,
                                          detail: "\(quote.speaker ?? "-"): \"\(quote.text)\""))
            }
        }
        for (g, q) in required.enumerated() where !taken[g] {
            counts.falseNegatives += 1
            misses.append(ScoringMiss(task: .quotes, kind: .falseNegative, detail: "\(q.speaker ?? "-"): \"\(q.text)\""))
        }
        return counts
    }
}

/// Quote text compared without the blanks and punctuation at its ends, so `progress,`
/// and `progress` are the same quotation.
struct QuoteText: Equatable {
    let core: String

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        func trimmed(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || s.properties.generalCategory.isPunctuation
        }
        var lo = 0, hi = scalars.count
        while lo < hi, trimmed(scalars[lo]) { lo += 1 }
        while hi > lo, trimmed(scalars[hi - 1]) { hi -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        core = String(view)
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
