/// The clean stage: keeps the article's own text and records what it removed, and why.
///
/// It works line by line on the decoded text. Each line is measured (`LineFeatures`) and
/// judged alone (`LineClassifier`), then the document is read as a whole for a trailing
/// block of site furniture (`TailRegion`) and for an agency credit glued to a kept line
/// (`AgencyCredit`). Given a `SiteFurniture` index, it also removes short lines that many
/// earlier documents of the same site held (`.repeatedBlock`). What it promises, as
/// `CleanDocument` states: the clean text is the decoded text with the removed spans cut
/// out, and nothing else changes; kept lines stay verbatim.
public struct BoilerplateCleaner: DocumentStage {
    public static let stage = StageName.clean

    /// The site furniture learned across documents, or `nil` to judge each document alone.
    public let furniture: SiteFurniture?

    /// - parameter furniture: when given, short lines that at least
    ///   `furniture.minimumDocuments` earlier documents of the same site held are removed
    ///   as `.repeatedBlock`, and each document's short lines are counted into it.
    public init(furniture: SiteFurniture? = nil) {
        self.furniture = furniture
    }

    public func process(_ input: DecodedDocument) throws(PipelineError) -> CleanDocument {
        let scalars = ScalarText.scalars(of: input.text)
        var judgement = input.blocks.isEmpty
            ? Self.judge(scalars)
            : Self.judge(scalars, blocks: input.blocks, title: input.metadata.title, language: input.metadata.language)
        var site: String?
        var fingerprints: [UInt64] = []
        if let furniture {
            let key = SiteFurniture.site(of: input)
            site = key
            fingerprints = Self.removeFurniture(from: &judgement, scalars: scalars, site: key,
                                                document: input.sha256, furniture: furniture)
        }
        let plan = RemovalPlan(lines: judgement.lines, verdicts: judgement.verdicts, fragments: judgement.fragments)
        let text = plan.spans.isEmpty ? input.text : plan.cut(input.text)
        return CleanDocument(decoded: input, text: text, removed: plan.spans,
                             furnitureSite: site, blockFingerprints: fingerprints)
    }

    /// What the cleaner decided about each line, before it becomes removed spans.
    struct Judgement {
        var lines: [TextLine]
        /// The reason each non-blank line is removed, or `nil` to keep it.
        var verdicts: [BoilerplateReason?]
        /// Removals inside kept lines (from an offset to the line's content end).
        var fragments: [Int: (start: Int, reason: BoilerplateReason)]
    }

    /// Marks kept lines the index knows as the site's furniture, counts the document's
    /// short lines into the index, and returns their distinct fingerprints.
    ///
    /// Lines already removed are counted too: a site's paywall line is its furniture as
    /// much as its footer, and knowing it helps where the line classifier hesitates.
    static func removeFurniture(from judgement: inout Judgement, scalars: [Unicode.Scalar], site: String,
                                document: String, furniture: SiteFurniture) -> [UInt64] {
        var lineFingerprints = [UInt64?](repeating: nil, count: judgement.lines.count)
        var distinct: [UInt64] = []
        var seen: Set<UInt64> = []
        for (index, line) in judgement.lines.enumerated() where !line.isBlank {
            guard let fingerprint = SiteFurniture.fingerprint(scalars[line.start..<line.contentEnd]) else { continue }
            lineFingerprints[index] = fingerprint
            if seen.insert(fingerprint).inserted { distinct.append(fingerprint) }
        }
        let known = furniture.observe(site: site, document: document, fingerprints: distinct)
        guard !known.isEmpty else { return distinct }
        for index in judgement.lines.indices where judgement.verdicts[index] == nil {
            guard let fingerprint = lineFingerprints[index], known.contains(fingerprint) else { continue }
            judgement.verdicts[index] = .repeatedBlock
            judgement.fragments[index] = nil
        }
        return distinct
    }

    /// Judges each line of `scalars` alone and in its place in the document.
    static func judge(_ scalars: [Unicode.Scalar]) -> Judgement {
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
        return Judgement(lines: lines, verdicts: verdicts, fragments: fragments)
    }

    /// Judges a page rendered from markup: blocks are judged by `HTMLBlockClassifier`, and
    /// every line takes its block's verdict.
    static func judge(_ scalars: [Unicode.Scalar], blocks: [TextBlock], title: String?, language: String? = nil) -> Judgement {
        let lines = TextLine.split(scalars)
        let blockVerdicts = HTMLBlockClassifier(scalars: scalars, blocks: blocks, title: title, language: language).verdicts()
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
        return Judgement(lines: lines, verdicts: verdicts, fragments: fragments)
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
