/// Scores one pipeline output against its gold answer key: counts of true positives,
/// false positives and false negatives for every `EvaluationTask`, with the misses behind them.
///
/// Gold positions (`line`, `start` in the raw file) are mapped to source offsets by line
/// starts and then to clean-text offsets through the document's `removed` spans, so a
/// gold mention the cleaner cut out can never be matched. Matching is one-to-one: each gold
/// answer satisfies at most one prediction. The matching rules per task are in the
/// `score…` methods and follow `corpus/gold/README.md`.
public struct GoldScorer: Sendable {
    /// A line counts as removed when at least this share of its non-blank characters was removed.
    public var removedLineShare: Double
    /// A predicted quote matches a gold quote of the same speaker when their spans overlap by
    /// at least this share of the longer of the two.
    public var quoteOverlapShare: Double

    public init(removedLineShare: Double = 0.5, quoteOverlapShare: Double = 0.5) {
        self.removedLineShare = removedLineShare
        self.quoteOverlapShare = quoteOverlapShare
    }

    /// Scores `document` against `gold`, reading the gold's line positions in the
    /// document's own decoded text (what `removed` indexes).
    public func score(_ document: ExtractedDocument, against gold: GoldAnnotation, name: String? = nil) -> DocumentScore {
        score(document, against: gold, sourceText: document.analyzed.clean.decoded.text, name: name)
    }

    /// Scores `document` against `gold`, reading the gold's line positions in `sourceText`:
    /// the raw seed text, which must be the text `removed` indexes (a `.txt` seed decodes
    /// to itself, minus any byte-order mark).
    public func score(_ document: ExtractedDocument, against gold: GoldAnnotation, sourceText: String,
                      name: String? = nil) -> DocumentScore {
        let layout = GoldLayout(gold: gold, sourceText: sourceText, removed: document.analyzed.clean.removed)
        var result = DocumentScore(name: name ?? gold.file)
        var misses: [ScoringMiss] = []
        result.counts[.boilerplate] = scoreBoilerplate(layout, misses: &misses)
        let (entityCounts, alignment) = scoreEntities(document.analyzed.entities, layout, misses: &misses)
        result.counts[.entities] = entityCounts
        result.counts[.mentions] = scoreMentions(document.analyzed.entities, layout, misses: &misses)
        result.counts[.values] = scoreValues(document.analyzed.values, layout, misses: &misses)
        let actors = ActorMatcher(layout: layout, alignment: alignment)
        result.counts[.events] = scoreEvents(document.events, actors, misses: &misses)
        result.counts[.quotes] = scoreQuotes(document.quotes, layout, actors, misses: &misses)
        result.misses = misses
        return result
    }
}

/// Decides whether a predicted actor name designates a gold actor: by name (see
/// `GoldLayout.sameActor`) or because the predicted entity of that name was matched to
/// the gold entity in entity scoring.
struct ActorMatcher {
    let layout: GoldLayout
    /// Predicted entity name -> canonical names of the gold entities it was matched to.
    let alignment: [String: Set<String>]

    func same(predicted: String?, gold: String?) -> Bool {
        switch (predicted, gold) {
        case (nil, nil): return true
        case let (p?, g?): return layout.sameActor(predicted: p, gold: g) || alignment[p]?.contains(g) == true
        default: return false
        }
    }

    /// Whether `predicted` is the gold actor or one of its co-actors.
    func same(predicted: String?, main: String?, additional: [String]) -> Bool {
        if same(predicted: predicted, gold: main) { return true }
        return additional.contains { same(predicted: predicted, gold: $0) }
    }
}
