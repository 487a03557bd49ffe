/// The clean stage: keeps the article's own text and records what it removed, and why.
///
/// It works line by line on the decoded text. Each line is measured (`LineFeatures`) and
/// judged alone (`LineClassifier`), then the document is read as a whole for a trailing
/// block of site furniture (`TailRegion`) and for an agency credit glued to a kept line
/// (`AgencyCredit`). What it promises, as `CleanDocument` states: the clean text is the
/// decoded text with the removed spans cut out, and nothing else changes; kept lines stay
/// verbatim.
public struct BoilerplateCleaner: DocumentStage {
    public static let stage = StageName.clean

    public init() {}

    public func process(_ input: DecodedDocument) throws(PipelineError) -> CleanDocument {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(input.text.utf8.count)
        for scalar in input.text.unicodeScalars { scalars.append(scalar) }
        let plan = input.blocks.isEmpty ? Self.plan(scalars) : Self.plan(scalars, blocks: input.blocks, title: input.metadata.title)
        if plan.spans.isEmpty {
            return CleanDocument(decoded: input, text: input.text, removed: [])
        }
        return CleanDocument(decoded: input, text: plan.cut(input.text), removed: plan.spans)
    }

    /// Decides what to remove from `scalars`.
    static func plan(_ scalars: [Unicode.Scalar]) -> RemovalPlan {
        let lines = TextLine.split(scalars)
        var features: [LineFeatures?] = []
        var cues: [LineCue?] = []
        features.reserveCapacity(lines.count)
        cues.reserveCapacity(lines.count)
        for line in lines {
            if line.isBlank {
                features.append(nil)
                cues.append(nil)
            } else {
                let measured = LineFeatures(scalars[line.start..<line.contentEnd])
                features.append(measured)
                cues.append(LineClassifier.cue(for: measured))
            }
        }
        var verdicts: [BoilerplateReason?] = cues.map { $0?.strength == .strong ? $0?.reason : nil }
        if let tail = TailRegion.start(features: features, cues: cues) {
            // Lines without a cue of their own (plan names, feature lists) take the reason
            // most of the region's cued lines give: under a subscribe button, "Archives"
            // is part of the subscription offer.
            let reason = Self.prevailingReason(cues[tail...]) ?? cues[tail]!.reason
            for index in tail..<lines.count where !lines[index].isBlank {
                verdicts[index] = cues[index]?.reason ?? reason
            }
        }
        var fragments: [Int: (start: Int, reason: BoilerplateReason)] = [:]
        for index in lines.indices where verdicts[index] == nil && !lines[index].isBlank {
            if let start = AgencyCredit.start(in: scalars, line: lines[index]) {
                fragments[index] = (start, .agencyCredit)
            }
        }
        return RemovalPlan(lines: lines, verdicts: verdicts, fragments: fragments)
    }

    /// Decides what to remove from a page rendered from markup: blocks are judged by
    /// `HTMLBlockClassifier`, and every line takes its block's verdict.
    static func plan(_ scalars: [Unicode.Scalar], blocks: [TextBlock], title: String?) -> RemovalPlan {
        let lines = TextLine.split(scalars)
        let blockVerdicts = HTMLBlockClassifier(scalars: scalars, blocks: blocks, title: title).verdicts()
        var verdicts = [BoilerplateReason?](repeating: nil, count: lines.count)
        var block = 0
        var fragments: [Int: (start: Int, reason: BoilerplateReason)] = [:]
        for (index, line) in lines.enumerated() where !line.isBlank {
            while block < blocks.count, blocks[block].end <= line.start { block += 1 }
            guard block < blocks.count, blocks[block].start <= line.start else { continue }
            verdicts[index] = blockVerdicts[block]
            if verdicts[index] == nil, let start = AgencyCredit.start(in: scalars, line: line) {
                fragments[index] = (start, .agencyCredit)
            }
        }
        return RemovalPlan(lines: lines, verdicts: verdicts, fragments: fragments)
    }

    /// The most frequent reason among the cued lines, leaving out one-off labels
    /// (a disclaimer, a placeholder) that say nothing about the lines around them.
    static func prevailingReason(_ cues: ArraySlice<LineCue?>) -> BoilerplateReason? {
        var counts: [BoilerplateReason: Int] = [:]
        for case let cue? in cues where cue.reason != .disclaimer && cue.reason != .templatePlaceholder {
            counts[cue.reason, default: 0] += 1
        }
        // Ties go to the reason that comes first in the contract's list, for stable output.
        return BoilerplateReason.allCases.filter { counts[$0] != nil }.max { counts[$0]! < counts[$1]! }
    }
}
