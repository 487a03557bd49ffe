/// The token positions of a sentence that lie inside ", who …," / ", a …," asides
/// (`TextFrame.appositions(in:)`), which never hold a clause's subject.
///
/// Promises: `contains(k)` is true exactly for the positions of the asides added. A
/// sentence has none or a few, so a scan of their ranges is cheaper than hashing every
/// position asked about into a `Set<Int>`.
struct TokenAsides: Sendable {
    private var ranges: [ClosedRange<Int>] = []

    mutating func add(_ aside: ClosedRange<Int>) {
        ranges.append(aside)
    }

    func contains(_ k: Int) -> Bool {
        for aside in ranges where aside.contains(k) { return true }
        return false
    }

    /// The asides without the one that holds position `k`: a trigger inside ", who is due
    /// to meet X," finds its target in its own aside.
    func excludingAside(of k: Int) -> TokenAsides {
        guard contains(k) else { return self }
        var copy = self
        copy.ranges.removeAll { $0.contains(k) }
        return copy
    }
}
