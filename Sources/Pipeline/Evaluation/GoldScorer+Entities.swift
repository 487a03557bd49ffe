extension GoldScorer {
    /// Entities: a predicted entity matches a gold entity when the type agrees (or is the
    /// gold's `acceptable_alt_type`) and either the names agree after normalisation or
    /// some predicted mention overlaps some gold occurrence. Name matches are paired
    /// first, then pairs by decreasing number of overlapped occurrences.
    ///
    /// Returns the counts and the alignment (predicted name -> gold canonical names),
    /// which event and quote scoring use to compare actors.
    func scoreEntities(_ predicted: [Entity], _ layout: GoldLayout,
                       misses: inout [ScoringMiss]) -> (TaskCounts, [String: Set<String>]) {
        let gold = layout.gold.entities
        let goldSpans: [[(start: Int, end: Int)]] = gold.map { entity in
            entity.occurrences.compactMap { layout.cleanSpan(line: $0.line, start: $0.start, text: $0.text) }
        }
        struct Candidate { var gold: Int; var predicted: Int; var byName: Bool; var overlap: Int }
        var candidates: [Candidate] = []
        for (p, entity) in predicted.enumerated() {
            let name = ActorName(entity.name)
            for (g, goldEntity) in gold.enumerated() where goldEntity.accepts(entity.type.rawValue) {
                let byName = name == ActorName(goldEntity.canonical)
                let overlap = goldSpans[g].count { span in
                    entity.mentions.contains { $0.start < span.end && span.start < $0.end }
                }
                if byName || overlap > 0 {
                    candidates.append(Candidate(gold: g, predicted: p, byName: byName, overlap: overlap))
                }
            }
        }
        candidates.sort {
            if $0.byName != $1.byName { return $0.byName }
            if $0.overlap != $1.overlap { return $0.overlap > $1.overlap }
            return ($0.gold, $0.predicted) < ($1.gold, $1.predicted)
        }
        var goldTaken = [Bool](repeating: false, count: gold.count)
        var predictedTaken = [Bool](repeating: false, count: predicted.count)
        var alignment: [String: Set<String>] = [:]
        var counts = TaskCounts()
        for candidate in candidates where !goldTaken[candidate.gold] && !predictedTaken[candidate.predicted] {
            goldTaken[candidate.gold] = true
            predictedTaken[candidate.predicted] = true
            counts.truePositives += 1
            alignment[predicted[candidate.predicted].name, default: []].insert(gold[candidate.gold].canonical)
        }
        for (g, entity) in gold.enumerated() where !goldTaken[g] {
            counts.falseNegatives += 1
            misses.append(ScoringMiss(task: .entities, kind: .falseNegative, detail: "\(entity.type) \"\(entity.canonical)\""))
        }
        for (p, entity) in predicted.enumerated() where !predictedTaken[p] {
            counts.falsePositives += 1
            misses.append(ScoringMiss(task: .entities, kind: .falsePositive, detail: "\(entity.type.rawValue) \"\(entity.name)\""))
        }
        return (counts, alignment)
    }

    /// Mentions: the exact clean-text span and an accepted type. Every gold occurrence is
    /// one answer; an occurrence inside text the cleaner removed can only be missed.
    func scoreMentions(_ predicted: [Entity], _ layout: GoldLayout, misses: inout [ScoringMiss]) -> TaskCounts {
        struct GoldMention { var entity: GoldEntity; var occurrence: GoldEntity.Occurrence }
        var bySpan: [SpanKey: [Int]] = [:]
        var all: [GoldMention] = []
        for entity in layout.gold.entities {
            for occurrence in entity.occurrences {
                if let span = layout.cleanSpan(line: occurrence.line, start: occurrence.start, text: occurrence.text) {
                    bySpan[SpanKey(span), default: []].append(all.count)
                }
                all.append(GoldMention(entity: entity, occurrence: occurrence))
            }
        }
        var taken = [Bool](repeating: false, count: all.count)
        var counts = TaskCounts()
        for entity in predicted {
            for mention in entity.mentions {
                let key = SpanKey((mention.start, mention.end))
                if let g = bySpan[key]?.first(where: { !taken[$0] && all[$0].entity.accepts(entity.type.rawValue) }) {
                    taken[g] = true
                    counts.truePositives += 1
                } else {
                    counts.falsePositives += 1
                    misses.append(ScoringMiss(task: .mentions, kind: .falsePositive,
                                              detail: "\(entity.type.rawValue) \"\(mention.text)\" at \(mention.start)"))
                }
            }
        }
        for (g, mention) in all.enumerated() where !taken[g] {
            counts.falseNegatives += 1
            misses.append(ScoringMiss(task: .mentions, kind: .falseNegative,
                                      detail: "\(mention.entity.type) \"\(mention.occurrence.text)\" line \(mention.occurrence.line):\(mention.occurrence.start)"))
        }
        return counts
    }
}

/// A clean-text span as a dictionary key.
struct SpanKey: Hashable {
    var start: Int
    var end: Int

    init(_ span: (start: Int, end: Int)) {
        start = span.start
        end = span.end
    }
}
