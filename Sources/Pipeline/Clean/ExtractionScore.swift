/// Scores extracted main text against gold text the way main-text extraction benchmarks
/// do: both texts are lower-cased and cut into `\w+` tokens (letters, digits, marks and
/// underscore), every run of four consecutive tokens is a shingle, and precision, recall
/// and F1 are computed over the two multisets of shingles. Texts of fewer than four tokens
/// count as one shingle of what they have.
public enum ExtractionScore {
    public struct Counts: Sendable, Hashable {
        /// Shingles found in both (multiset intersection).
        public var matched: Int
        public var predicted: Int
        public var gold: Int

        public init(matched: Int = 0, predicted: Int = 0, gold: Int = 0) {
            self.matched = matched
            self.predicted = predicted
            self.gold = gold
        }

        public var precision: Double { predicted == 0 ? (gold == 0 ? 1 : 0) : Double(matched) / Double(predicted) }
        public var recall: Double { gold == 0 ? (predicted == 0 ? 1 : 0) : Double(matched) / Double(gold) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }

        /// Sums counts over documents (a micro-average, as benchmarks report it).
        public static func + (a: Counts, b: Counts) -> Counts {
            Counts(matched: a.matched + b.matched, predicted: a.predicted + b.predicted, gold: a.gold + b.gold)
        }
    }

    public static func shingleF1(predicted: String, gold: String) -> (precision: Double, recall: Double, f1: Double) {
        let c = counts(predicted: predicted, gold: gold)
        return (c.precision, c.recall, c.f1)
    }

    public static func counts(predicted: String, gold: String) -> Counts {
        let p = shingles(predicted), g = shingles(gold)
        var matched = 0
        for (shingle, count) in p { matched += min(count, g[shingle] ?? 0) }
        return Counts(matched: matched, predicted: p.values.reduce(0, +), gold: g.values.reduce(0, +))
    }

    /// The multiset of 4-token shingles of `text`.
    static func shingles(_ text: String, size: Int = 4) -> [String: Int] {
        let tokens = self.tokens(text)
        var result: [String: Int] = [:]
        guard !tokens.isEmpty else { return result }
        if tokens.count < size {
            result[tokens.joined(separator: " "), default: 0] += 1
            return result
        }
        for start in 0...(tokens.count - size) {
            result[tokens[start..<(start + size)].joined(separator: " "), default: 0] += 1
        }
        return result
    }

    /// Lower-cased `\w+` tokens: runs of letters, digits, combining marks and "_".
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                || p.generalCategory == .spacingMark || scalar == "_" {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }
}
