extension GoldScorer {
    /// Non-blank lines: removed by the pipeline (mostly) versus listed in
    /// `boilerplate_lines`. Fragments: a gold fragment whose every non-blank character was
    /// removed is a true positive, otherwise a false negative. Blank lines are not scored.
    func scoreBoilerplate(_ layout: GoldLayout, misses: inout [ScoringMiss]) -> TaskCounts {
        var counts = TaskCounts()
        let gold = Set(layout.gold.boilerplateLines)
        let scalars = layout.lines.text.scalars
        for line in 1...layout.lines.count {
            let span = layout.lines.span(ofLine: line)
            var visible = 0, removed = 0
            for i in span.start..<span.end where !scalars[i].properties.isWhitespace {
                visible += 1
                if layout.offsets.isRemoved(i) { removed += 1 }
            }
            guard visible > 0 else { continue }
            let isRemoved = Double(removed) >= removedLineShare * Double(visible)
            switch (isRemoved, gold.contains(line)) {
            case (true, true): counts.truePositives += 1
            case (true, false):
                counts.falsePositives += 1
                misses.append(ScoringMiss(task: .boilerplate, kind: .falsePositive, detail: "line \(line) removed"))
            case (false, true):
                counts.falseNegatives += 1
                misses.append(ScoringMiss(task: .boilerplate, kind: .falseNegative, detail: "line \(line) kept"))
            case (false, false): break
            }
        }
        for fragment in layout.gold.boilerplateFragments {
            let removed = layout.sourceSpan(line: fragment.line, start: fragment.start, text: fragment.text).map { span in
                (span.start..<span.end).allSatisfy { scalars[$0].properties.isWhitespace || layout.offsets.isRemoved($0) }
            } ?? false
            if removed {
                counts.truePositives += 1
            } else {
                counts.falseNegatives += 1
                misses.append(ScoringMiss(task: .boilerplate, kind: .falseNegative,
                                          detail: "fragment \"\(fragment.text)\" in line \(fragment.line) kept"))
            }
        }
        return counts
    }
}

