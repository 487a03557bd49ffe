/// Finds the boilerplate region that sites append after an article: a paywall, disclaimer,
/// plan list or "Related" list that runs to the end of the document.
///
/// The region opens at a strong cue and is accepted only when what follows it does not
/// read like the article: no two prose lines in a row and at most one prose line in five.
/// Inside the region every line is boilerplate, including plan names and feature lists
/// ("Archives") that would mean nothing on their own. A strong cue followed by more
/// article (a newsletter box mid-story) opens no region; the cue line alone goes.
enum TailRegion {
    /// The index in `lines` where the tail region starts, or `nil` when there is none.
    /// `features[i]` and `cues[i]` describe `lines[i]`; blank lines have no features.
    static func start(features: [LineFeatures?], cues: [LineCue?]) -> Int? {
        // Prose after the last article line counts backwards, so one pass from the end
        // knows, for every line, how many non-blank and prose lines follow it.
        var nonBlankAfter = 0
        var proseAfter = 0
        var consecutiveProse = false
        var previousWasProse = false
        var best: Int?
        var sawArticleBefore = [Bool](repeating: false, count: features.count)
        var seen = false
        for index in features.indices {
            sawArticleBefore[index] = seen
            if let line = features[index], cues[index] == nil, line.isProse { seen = true }
        }
        for index in features.indices.reversed() {
            guard let line = features[index] else { continue }
            let articleProse = cues[index] == nil && line.isProse
            if let cue = cues[index], cue.strength == .strong, sawArticleBefore[index],
               !consecutiveProse, proseAfter * 5 <= nonBlankAfter {
                best = index
            }
            nonBlankAfter += 1
            if articleProse {
                proseAfter += 1
                if previousWasProse { consecutiveProse = true }
            }
            previousWasProse = articleProse
        }
        return best
    }
}
