extension GoldScorer {
    /// Values: the same type and exactly the gold span, either the minimal `text` or the
    /// longer `text_with_modifier`.
    func scoreValues(_ predicted: [ValueMention], _ layout: GoldLayout, misses: inout [ScoringMiss]) -> TaskCounts {
        let gold = layout.gold.values
        var bySpan: [SpanKey: [Int]] = [:]
        for (g, value) in gold.enumerated() {
            for span in acceptedSpans(value, layout) { bySpan[SpanKey(span), default: []].append(g) }
        }
        var taken = [Bool](repeating: false, count: gold.count)
        var counts = TaskCounts()
        for value in predicted {
            let key = SpanKey((value.start, value.end))
            if let g = bySpan[key]?.first(where: { !taken[$0] && gold[$0].type == value.type.rawValue }) {
                taken[g] = true
                counts.truePositives += 1
            } else {
                counts.falsePositives += 1
                misses.append(ScoringMiss(task: .values, kind: .falsePositive,
                                          detail: "\(value.type.rawValue) \"\(value.text)\" at \(value.start)"))
            }
        }
        for (g, value) in gold.enumerated() where !taken[g] {
            counts.falseNegatives += 1
            misses.append(ScoringMiss(task: .values, kind: .falseNegative,
                                      detail: "\(value.type) \"\(value.text)\" line \(value.line):\(value.start)"))
        }
        return counts
    }

    /// The clean spans a gold value accepts. The gold gives no offset for
    /// `text_with_modifier`; it is placed so that it contains `text` at the gold position.
    private func acceptedSpans(_ value: GoldValue, _ layout: GoldLayout) -> [(start: Int, end: Int)] {
        var spans: [(start: Int, end: Int)] = []
        guard let main = layout.sourceSpan(line: value.line, start: value.start, text: value.text) else { return spans }
        if let clean = layout.offsets.cleanSpan(main.start, main.end) { spans.append(clean) }
        guard let longer = value.textWithModifier else { return spans }
        let wide = Array(longer.unicodeScalars)
        let narrow = Array(value.text.unicodeScalars)
        let scalars = layout.lines.text.scalars
        // Every place `text` occurs in `text_with_modifier` is a candidate; keep the one the source agrees with.
        for shift in 0...max(0, wide.count - narrow.count) where wide.count >= narrow.count {
            guard wide[shift..<(shift + narrow.count)].elementsEqual(narrow) else { continue }
            let start = main.start - shift
            guard start >= 0, start + wide.count <= scalars.count,
                  scalars[start..<(start + wide.count)].elementsEqual(wide) else { continue }
            if let clean = layout.offsets.cleanSpan(start, start + wide.count) { spans.append(clean) }
            break
        }
        return spans
    }
}
