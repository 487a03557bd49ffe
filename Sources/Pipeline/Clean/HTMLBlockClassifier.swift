/// Decides which rendered blocks of an HTML page are the article, in the spirit of
/// jusText and trafilatura: markup hints first (`<nav>`, `class="cookie-banner"`), then the
/// article container (`<article>`, `<main>`, `itemprop=articleBody`) holding most of the
/// page's prose, then each block's own shape (length, link density, share of function
/// words), then its neighbours for the blocks too short to judge alone.
///
/// What counts as article text: the headline, in-article subheadings, paragraphs, lists
/// and quotes between article paragraphs. Not article text: bylines and datelines (they are
/// metadata), figure captions and photo credits (they describe a picture, not the story),
/// and everything the page's furniture holds.
struct HTMLBlockClassifier {
    /// How a block reads on its own.
    enum Quality: Equatable { case good, nearGood, short, heading, bad(BoilerplateReason) }

    let scalars: [Unicode.Scalar]
    let blocks: [TextBlock]
    let title: String?

    /// The reason each block is removed, or `nil` to keep it.
    func verdicts() -> [BoilerplateReason?] {
        let features = blocks.map { LineFeatures(scalars[$0.start..<$0.end]) }
        let cues = features.map(LineClassifier.cue(for:))
        let ignoredHints = overwhelmingHintScopes(features)
        let main = mainScope(features)
        var verdicts = [BoilerplateReason?](repeating: nil, count: blocks.count)
        var qualities = [Quality](repeating: .short, count: blocks.count)
        for (index, block) in blocks.enumerated() {
            let feature = features[index]
            let cue = cues[index]
            if let hint = block.hint, !ignoredHints.contains(block.hintScope) {
                // A generic "promo" or "other" box may say more precisely what it is.
                qualities[index] = .bad(hint == .other || hint == .crossReference ? (cue?.reason ?? hint) : hint)
                continue
            }
            let inMain = main == nil || block.articleScope == main
            qualities[index] = quality(block, feature, cue, inMain: main != nil && inMain)
            if !inMain, case .bad = qualities[index] {} else if !inMain {
                qualities[index] = .bad(block.linkDensity > 0.3 ? .navigation : (cue?.reason ?? .other))
            }
        }
        // Furniture named by markup (an ad slot, an inline related box) is lifted out of
        // the text flow before neighbours are read: a subheading above an inline box
        // still belongs to the paragraphs after it.
        let lifted = Set(blocks.indices.filter { blocks[$0].hint != nil && !ignoredHints.contains(blocks[$0].hintScope) })
        let resolved = resolveByContext(qualities, mainFound: main != nil, lifted: lifted)
        for index in blocks.indices {
            switch resolved[index] {
            case .good: verdicts[index] = nil
            case .bad(let reason): verdicts[index] = reason
            default: verdicts[index] = .other
            }
        }
        keepHeadline(&verdicts, features)
        return verdicts
    }

    private func quality(_ block: TextBlock, _ feature: LineFeatures, _ cue: LineCue?, inMain: Bool) -> Quality {
        if let cue, cue.strength == .strong { return .bad(cue.reason) }
        if block.textScalars > 0, block.linkDensity > 0.5 { return .bad(inMain ? .crossReference : .navigation) }
        if block.isHeading { return .heading }
        if feature.wordCount <= 14, !feature.isProse {
            // Bylines and datelines are short; only short blocks are worth the string work.
            if block.hasTime { return .bad(.other) }
            let text = String(String.UnicodeScalarView(scalars[block.start..<block.end]))
            if TextHeader.byline(text) != nil { return .bad(.other) }
            if feature.wordCount <= 10, !feature.endsLikeSentence, PublishedDate.iso8601(text) != nil { return .bad(.other) }
        }
        if feature.isProse && block.linkDensity <= 0.3 { return .good }
        if feature.wordCount >= 12, feature.stopwordShare >= 0.25, block.linkDensity <= 0.3 { return .good }
        if feature.wordCount >= 12 { return .nearGood }
        if feature.endsLikeSentence, feature.wordCount >= 3, feature.stopwords > 0 { return .nearGood }
        return .short
    }

    /// jusText's context step: a short block takes its neighbours' verdict, a near-good
    /// block is kept unless bad blocks stand on both sides; a heading is kept when good
    /// text follows it.
    private func resolveByContext(_ qualities: [Quality], mainFound: Bool, lifted: Set<Int>) -> [Quality] {
        var result = qualities
        func isGood(_ q: Quality) -> Bool { q == .good }
        func neighbour(_ index: Int, step: Int, skipNearGood: Bool) -> Quality {
            var i = index + step
            while i >= 0 && i < qualities.count {
                if lifted.contains(i) { i += step; continue }
                switch qualities[i] {
                case .short, .heading: i += step; continue
                case .nearGood where skipNearGood: i += step; continue
                default: return qualities[i]
                }
            }
            return .bad(.other)
        }
        for index in qualities.indices {
            switch qualities[index] {
            case .nearGood:
                let before = neighbour(index, step: -1, skipNearGood: true), after = neighbour(index, step: 1, skipNearGood: true)
                result[index] = isGood(before) || isGood(after) ? .good : .bad(.other)
            case .short:
                let before = neighbour(index, step: -1, skipNearGood: false), after = neighbour(index, step: 1, skipNearGood: false)
                let keep = mainFound ? (isGood(before) && (isGood(after) || after == .nearGood)) || (isGood(after) && before == .nearGood)
                                     : isGood(before) && isGood(after)
                result[index] = keep ? .good : .bad(.other)
            default:
                break
            }
        }
        for index in qualities.indices where qualities[index] == .heading {
            // Kept when good text follows before the next heading or bad block.
            var i = index + 1
            var keep = false
            while i < result.count {
                if lifted.contains(i) { i += 1; continue }
                if result[i] == .good { keep = true; break }
                if case .bad = result[i] { break }
                if qualities[i] == .heading { i += 1; continue }
                i += 1
            }
            result[index] = keep ? .good : .bad(.other)
        }
        return result
    }

    /// The article container with the most prose, when it holds a fair share of the page's.
    private func mainScope(_ features: [LineFeatures]) -> Int? {
        var prose: [Int: Int] = [:]
        var total = 0
        for (index, block) in blocks.enumerated() where block.hint == nil && features[index].isProse && block.linkDensity < 0.3 {
            total += block.textScalars
            if let scope = block.articleScope { prose[scope, default: 0] += block.textScalars }
        }
        guard let best = prose.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              best.value * 2 >= total else { return nil }
        return best.key
    }

    /// Hint scopes that cover most of the page's prose: a wrapper named "share-enabled" or
    /// "has-sidebar" around the whole page says nothing about the article inside it.
    private func overwhelmingHintScopes(_ features: [LineFeatures]) -> Set<Int> {
        var prose: [Int: Int] = [:]
        var total = 0
        for (index, block) in blocks.enumerated() where features[index].isProse && block.linkDensity < 0.3 {
            total += block.textScalars
            if block.hint != nil { prose[block.hintScope, default: 0] += block.textScalars }
        }
        return Set(prose.filter { $0.value * 10 >= total * 6 }.keys)
    }

    /// The page's headline (an `<h1>`, or the heading that repeats the title) is kept when
    /// it stands before the first kept block, even outside the article container.
    private func keepHeadline(_ verdicts: inout [BoilerplateReason?], _ features: [LineFeatures]) {
        guard let firstKept = verdicts.firstIndex(where: { $0 == nil }) else { return }
        let wanted = title.map(Self.folded)
        for index in stride(from: firstKept - 1, through: 0, by: -1) where blocks[index].isHeading {
            if blocks[index].hint != nil, blocks[index].hint != .navigation { continue }
            let text = Self.folded(String(String.UnicodeScalarView(scalars[blocks[index].start..<blocks[index].end])))
            let matchesTitle = wanted.map { !text.isEmpty && ($0.hasPrefix(text) || text.hasPrefix($0)) } ?? false
            if matchesTitle || (blocks[index].tag == "h1" && blocks[index].linkDensity < 0.5) {
                verdicts[index] = nil
                return
            }
        }
    }

    private static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ($0.value >= 48 && $0.value <= 57) })
    }
}
