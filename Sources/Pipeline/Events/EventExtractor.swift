/// The events stage: CAMEO-coded events and attributed quotes.
///
/// Promises, for every sentence of the analysis: each trigger of the lexicon
/// (`data/lexicon/triggers.tsv`) that has a source actor becomes one `Event` with the
/// code-book's root, quad class and Goldstein score, the sentence's span and text, the
/// trigger's span, the nearest DATE value of the sentence as `time`, and a polarity.
/// Quotes come from `QuoteFinder`. Pure and thread-safe: no state between documents.
public struct EventExtractor: DocumentStage {
    public static let stage = StageName.events

    private let lexicon: TriggerLexicon
    private let quoteFinder = QuoteFinder()

    public init() {
        lexicon = .standard
    }

    public func process(_ input: AnalyzedDocument) throws(PipelineError) -> ExtractedDocument {
        let frame = TextFrame(document: input)
        return ExtractedDocument(analyzed: input, events: events(in: frame, values: input.values),
                                 quotes: quoteFinder.quotes(in: frame))
    }

    func events(in frame: TextFrame, values: [ValueMention]) -> [Event] {
        let dates = values.filter { $0.type == .date }.sorted { $0.start < $1.start }
        let arguments = ArgumentReader(frame: frame)
        let polarity = PolarityReader(frame: frame)
        var events: [Event] = []
        for (index, range) in frame.sentenceTokens.enumerated() where !range.isEmpty {
            let span = frame.sentences[index]
            var sentenceText: String?
            var skipped: Set<Int>?
            for match in lexicon.matches(in: frame.tokens, range: range) {
                // A trigger word inside a name ("the G-20 Summit") is part of the name.
                // Quoted words are coded through the speaker's statement, not on their own.
                guard !frame.inMention[match.firstToken], !frame.inQuote[match.firstToken],
                      let entry = CAMEOCodebook.entry(for: match.rule.code) else { continue }
                if skipped == nil { skipped = frame.appositions(in: range) }
                let args = arguments.read(match, sentence: index, skipped: skipped!)
                guard let source = args.source else { continue }
                let triggerStart = frame.tokens[match.firstToken].start
                let triggerEnd = frame.tokens[match.endToken - 1].end
                if sentenceText == nil { sentenceText = frame.text(span.start, span.end) }
                events.append(Event(
                    code: entry.code, root: entry.root, quadClass: entry.quadClass, goldstein: entry.goldstein,
                    source: source, target: args.target, location: args.location,
                    time: nearestDate(in: dates, within: span, to: triggerStart, triggerEnd),
                    polarity: polarity.polarity(of: match, sentence: index),
                    trigger: frame.text(triggerStart, triggerEnd), sentence: sentenceText!,
                    start: span.start, end: span.end, triggerStart: triggerStart, triggerEnd: triggerEnd))
            }
        }
        return events
    }

    /// The DATE value inside the sentence closest to the trigger, as written.
    private func nearestDate(in dates: [ValueMention], within span: SentenceSpan, to start: Int, _ end: Int) -> String? {
        var best: (distance: Int, text: String)?
        // Dates are sorted; skip to the sentence with a binary search.
        var lo = 0, hi = dates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dates[mid].start < span.start { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < dates.count && dates[k].start < span.end {
            let d = dates[k]
            if d.end <= span.end {
                let distance = d.start >= end ? d.start - end : (d.end <= start ? start - d.end : 0)
                if best == nil || distance < best!.distance { best = (distance, d.text) }
            }
            k += 1
        }
        return best?.text
    }
}
