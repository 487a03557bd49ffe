/// Decides which rendered blocks of an HTML page are the article, in the spirit of
/// jusText and trafilatura: markup hints first (`<nav>`, `class="cookie-banner"`), then the
/// article container (`<article>`, `<main>`, `itemprop=articleBody`) holding most of the
/// page's prose, then each block's own shape (length, link density, share of function
/// words), then its neighbours for the blocks too short to judge alone.
///
/// What counts as article text: in-article subheadings, paragraphs, lists
/// and quotes between article paragraphs. Not article text: bylines and datelines (they are
/// metadata), figure captions and photo credits (they describe a picture, not the story),
/// and everything the page's furniture holds.
struct HTMLBlockClassifier {
    /// How a block reads on its own.
    enum Quality: Equatable { case good, nearGood, short, heading, bad(BoilerplateReason) }

    let scalars: [Unicode.Scalar]
    let blocks: [TextBlock]
    let title: String?
    /// The page's language (BCP 47), when known: its stopword list is one signal of prose.
    var language: String? = nil

    /// The reason each block is removed, or `nil` to keep it.
    func verdicts() -> [BoilerplateReason?] {
        let features = blocks.map { LineFeatures(scalars[$0.start..<$0.end]) }
        let english = language.map { LanguageTag.primary($0) == "en" } ?? true
        let stopwords = english ? nil : Stopwords.shared.list(for: language)
        let shapes = english ? features.map(ProseShape.init(english:))
            : blocks.indices.map { ProseShape(features[$0], scalars: scalars[blocks[$0].start..<blocks[$0].end], stopwords: stopwords) }
        let cues = features.map(LineClassifier.cue(for:))
        let ignoredHints = overwhelmingHintScopes(shapes)
        let main = mainScope(shapes)
        var verdicts = [BoilerplateReason?](repeating: nil, count: blocks.count)
        var qualities = [Quality](repeating: .short, count: blocks.count)
        // How each block outside the article's containers reads on its own, for the
        // neighbours that continue the article (a lead above it, a second body block).
        var outside: [Int: Quality] = [:]
        for (index, block) in blocks.enumerated() {
            let feature = features[index]
            let cue = cues[index]
            if let hint = block.hint, !ignoredHints.contains(block.hintScope) {
                // A generic "promo" or "other" box may say more precisely what it is.
                qualities[index] = .bad(hint == .other || hint == .crossReference ? (cue?.reason ?? hint) : hint)
                continue
            }
            let inMain = main == nil || block.articleScope.map { main!.contains($0) } == true
            qualities[index] = quality(block, feature, shapes[index], cue, inMain: main != nil && inMain)
            if !inMain { outside[index] = qualities[index] }
            if !inMain, case .bad = qualities[index] {} else if !inMain {
                qualities[index] = .bad(block.linkDensity > 0.3 ? .navigation : (cue?.reason ?? .other))
            }
        }
        // Furniture named by markup (an ad slot, an inline related box) is lifted out of
        // the text flow before neighbours are read: a subheading above an inline box
        // still belongs to the paragraphs after it.
        let lifted = Set(blocks.indices.filter { blocks[$0].hint != nil && !ignoredHints.contains(blocks[$0].hintScope) })
        var resolved = resolveByContext(qualities, mainFound: main != nil, lifted: lifted)
        if let main {
            fillArticle(&resolved, qualities: qualities, main: main, lifted: lifted)
            bringInNeighbours(&resolved, outside: outside, main: main, lifted: lifted)
        }
        for index in blocks.indices {
            switch resolved[index] {
            case .good: verdicts[index] = nil
            case .bad(let reason): verdicts[index] = reason
            default: verdicts[index] = .other
            }
        }
        dropHeadline(&verdicts)
        return verdicts
    }

    private func quality(_ block: TextBlock, _ feature: LineFeatures, _ shape: ProseShape, _ cue: LineCue?, inMain: Bool) -> Quality {
        if let cue, cue.strength == .strong { return .bad(cue.reason) }
        if block.textScalars > 0, block.linkDensity > 0.5 { return .bad(inMain ? .crossReference : .navigation) }
        if block.isHeading { return .heading }
        if feature.wordCount <= 14, !shape.isProse {
            // Bylines and datelines are short; only short blocks are worth the string work.
            if block.hasTime { return .bad(.other) }
            let text = String(String.UnicodeScalarView(scalars[block.start..<block.end]))
            if TextHeader.byline(text) != nil { return .bad(.other) }
            if feature.wordCount <= 10, !feature.endsLikeSentence, PublishedDate.iso8601(text) != nil { return .bad(.other) }
        }
        if shape.isProse && block.linkDensity <= 0.3 { return .good }
        if shape.words >= 12, (shape.stopwordShare ?? 0) >= 0.25, block.linkDensity <= 0.3 { return .good }
        if shape.words >= 12 { return .nearGood }
        if shape.endsLikeSentence, shape.words >= 3, (shape.stopwordShare.map { $0 > 0 } ?? true) { return .nearGood }
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

    /// The article's containers: those of the tag and class (`articleClass`) that hold
    /// the most prose, when they hold a fair share of the page's. Sibling sections of one
    /// class ("post__content" three times) that each hold prose are one article; a
    /// container without a class stands alone.
    private func mainScope(_ shapes: [ProseShape]) -> Set<Int>? {
        var prose: [UInt64: Int] = [:]
        var scopes: [UInt64: Set<Int>] = [:]
        var total = 0
        for (index, block) in blocks.enumerated() where block.hint == nil && shapes[index].isProse && block.linkDensity < 0.3 {
            total += block.textScalars
            guard let scope = block.articleScope else { continue }
            // Scopes without a class key are keyed by themselves.
            let key = block.articleClass == 0 ? UInt64(scope) : block.articleClass
            prose[key, default: 0] += block.textScalars
            scopes[key, default: []].insert(scope)
        }
        guard let best = prose.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              best.value * 2 >= total, let chosen = scopes[best.key] else { return nil }
        return chosen
    }

    /// Hint scopes that cover most of the page's prose: a wrapper named "share-enabled" or
    /// "has-sidebar" around the whole page says nothing about the article inside it.
    private func overwhelmingHintScopes(_ shapes: [ProseShape]) -> Set<Int> {
        var prose: [Int: Int] = [:]
        var total = 0
        for (index, block) in blocks.enumerated() where shapes[index].isProse && block.linkDensity < 0.3 {
            total += block.textScalars
            if block.hint != nil { prose[block.hintScope, default: 0] += block.textScalars }
        }
        return Set(prose.filter { $0.value * 10 >= total * 6 }.keys)
    }

    /// Whole-article assembly inside the article container: every block between the
    /// container's first and last good block, and the lists and short lines that follow
    /// the last one before anything bad, belong to the story (a lead, crossheads, lists,
    /// a second body block after an advert) unless markup or a cue named them furniture
    /// or they are mostly links.
    private func fillArticle(_ resolved: inout [Quality], qualities: [Quality], main: Set<Int>, lifted: Set<Int>) {
        let inMain = blocks.indices.filter { blocks[$0].articleScope.map(main.contains) == true && !lifted.contains($0) }
        guard let first = inMain.first(where: { resolved[$0] == .good }),
              var last = inMain.last(where: { resolved[$0] == .good }) else { return }
        // Lists and short lines straight after the last paragraph, up to the first block
        // judged bad on its own.
        var next = last + 1
        while next < blocks.count, blocks[next].articleScope.map(main.contains) == true, !lifted.contains(next) {
            if case .bad = qualities[next] { break }
            let isList = blocks[next].tag == "li" || blocks[next].tag == "dd" || blocks[next].tag == "dt"
            // A line that introduces a list ("...two things for next year:") comes with it.
            let introducesList = blocks[next].end > blocks[next].start && scalars[blocks[next].end - 1] == ":"
                && next + 1 < blocks.count && blocks[next + 1].tag == "li"
            guard isList || introducesList else { break }
            last = next
            next += 1
        }
        for index in inMain where index > first && index <= last {
            if case .bad = qualities[index] { continue }
            if blocks[index].linkDensity > 0.5 { continue }
            resolved[index] = .good
        }
    }

    /// Paragraphs just outside the article's containers that continue it: a lead in an
    /// element of its own above the first kept block, a second body block after the last
    /// one (across lifted furniture such as an advert). Only blocks that are good prose
    /// on their own come in, and the walk stops at the first that is not.
    private func bringInNeighbours(_ resolved: inout [Quality], outside: [Int: Quality], main: Set<Int>, lifted: Set<Int>) {
        guard let first = resolved.firstIndex(of: .good), let last = resolved.lastIndex(of: .good) else { return }
        for step in [-1, 1] {
            var index = (step < 0 ? first : last) + step
            while index >= 0, index < blocks.count {
                if lifted.contains(index) { index += step; continue }
                guard let own = outside[index], own == .good else { break }
                resolved[index] = .good
                index += step
            }
        }
    }

    /// The page's headline belongs in `title`, not in the text: a heading that repeats
    /// the title before the first kept paragraph is removed, even when kept as a heading.
    private func dropHeadline(_ verdicts: inout [BoilerplateReason?]) {
        guard let title, let firstKept = verdicts.firstIndex(where: { $0 == nil }) else { return }
        let wanted = Self.folded(title)
        guard !wanted.isEmpty else { return }
        // The first kept block, or the first kept heading within the next three blocks.
        for index in firstKept..<min(blocks.count, firstKept + 3) where verdicts[index] == nil {
            guard blocks[index].isHeading else { return }
            let text = Self.folded(String(String.UnicodeScalarView(scalars[blocks[index].start..<blocks[index].end])))
            if !text.isEmpty, wanted.hasPrefix(text) || text.hasPrefix(wanted) {
                verdicts[index] = .other
                return
            }
        }
    }

    private static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ($0.value >= 48 && $0.value <= 57) })
    }
}
