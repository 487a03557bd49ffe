/// Exact-span scores in the manner of conlleval: an entity counts only when its label and both
/// boundaries match the gold span.
public struct NERSpanScore: Sendable, Hashable {
    public struct Counts: Sendable, Hashable {
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0

        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
        }

        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    }

    public private(set) var overall = Counts()
    public private(set) var byLabel: [NERLabel: Counts] = [:]

    public init() {}

    /// The spans of a BIO sequence as (first word, end word, label).
    public static func spans(_ tags: [BIOTag]) -> [(start: Int, end: Int, label: NERLabel)] {
        var out: [(start: Int, end: Int, label: NERLabel)] = []
        var i = 0
        while i < tags.count {
            guard let label = tags[i].label else { i += 1; continue }
            var j = i + 1
            while j < tags.count, tags[j].isInside, tags[j].label == label { j += 1 }
            out.append((i, j, label))
            i = j
        }
        return out
    }

    public mutating func add(predicted: [BIOTag], gold: [BIOTag]) {
        let ours = Set(Self.spans(predicted).map { "\($0.start) \($0.end) \($0.label.rawValue)" })
        for span in Self.spans(gold) {
            let hit = ours.contains("\(span.start) \(span.end) \(span.label.rawValue)")
            if hit { overall.truePositives += 1; byLabel[span.label, default: Counts()].truePositives += 1 }
            else { overall.falseNegatives += 1; byLabel[span.label, default: Counts()].falseNegatives += 1 }
        }
        let golden = Set(Self.spans(gold).map { "\($0.start) \($0.end) \($0.label.rawValue)" })
        for span in Self.spans(predicted) where !golden.contains("\(span.start) \(span.end) \(span.label.rawValue)") {
            overall.falsePositives += 1
            byLabel[span.label, default: Counts()].falsePositives += 1
        }
    }
}
