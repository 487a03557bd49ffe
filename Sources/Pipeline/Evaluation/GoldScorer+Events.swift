extension GoldScorer {
    /// Events: a predicted event matches a gold event when its root is the gold's root or
    /// the root of one of its `alt_cameo_codes`, and source and target designate the gold
    /// actors (or their co-actors); for symmetric gold events, swapped as well.
    ///
    /// Predictions are paired with core gold events first, then with non-core ones. A match
    /// with a core event is a true positive; with a non-core event an optional match
    /// (correct for precision, outside recall). Unmatched core events are false negatives.
    func scoreEvents(_ predicted: [Event], _ actors: ActorMatcher, misses: inout [ScoringMiss]) -> TaskCounts {
        let gold = actors.layout.gold.events
        var goldTaken = [Bool](repeating: false, count: gold.count)
        var predictedTaken = [Bool](repeating: false, count: predicted.count)
        var counts = TaskCounts()
        for wantCore in [true, false] {
            for (p, event) in predicted.enumerated() where !predictedTaken[p] {
                let match = gold.indices.first { g in
                    !goldTaken[g] && gold[g].core == wantCore && matches(event, gold[g], actors)
                }
                guard let g = match else { continue }
                goldTaken[g] = true
                predictedTaken[p] = true
                if wantCore { counts.truePositives += 1 } else { counts.optionalMatches += 1 }
            }
        }
        for (p, event) in predicted.enumerated() where !predictedTaken[p] {
            counts.falsePositives += 1
            misses.append(ScoringMiss(task: .events, kind: .falsePositive, detail: describe(event)))
        }
        for (g, event) in gold.enumerated() where !goldTaken[g] && event.core {
            counts.falseNegatives += 1
            misses.append(ScoringMiss(task: .events, kind: .falseNegative,
                                      detail: "\(event.id ?? "line \(event.line)") \(event.cameoCode) \(event.source ?? "-") -> \(event.target ?? "-") \"\(event.trigger)\""))
        }
        return counts
    }

    func matches(_ event: Event, _ gold: GoldEvent, _ actors: ActorMatcher) -> Bool {
        let root = event.root.isEmpty ? String(event.code.prefix(2)) : event.root
        guard gold.acceptedRoots.contains(root) else { return false }
        if actors.same(predicted: event.source, main: gold.source, additional: gold.sourceAdditional),
           actors.same(predicted: event.target, main: gold.target, additional: gold.targetAdditional) {
            return true
        }
        return gold.symmetric
            && actors.same(predicted: event.source, main: gold.target, additional: gold.targetAdditional)
            && actors.same(predicted: event.target, main: gold.source, additional: gold.sourceAdditional)
    }

    private func describe(_ event: Event) -> String {
        "\(event.code) \(event.source ?? "-") -> \(event.target ?? "-") \"\(event.trigger)\" at \(event.start)"
    }
}
