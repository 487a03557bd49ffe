/// A configuration of the arc-eager transition system over a sentence of `n` words.
///
/// Nodes are 1...n for the words and 0 for an artificial root at the bottom of the stack.
/// Transitions (as class numbers): 0 shift, 1 reduce, `2 + 2l` left-arc with label `l`
/// (the stack top becomes a dependent of the buffer front and is popped), `3 + 2l` right-arc
/// with label `l` (the buffer front becomes a dependent of the stack top and is pushed).
/// The root takes one dependent, with label `rootLabel`, and no other label uses the root.
/// Promises: applying only legal transitions never gives a word two heads or makes a cycle;
/// from any state some transition is legal until `isTerminal`.
struct ArcEagerState {
    static let shift = 0
    static let reduce = 1
    @inline(__always) static func left(_ label: Int) -> Int { 2 + 2 * label }
    @inline(__always) static func right(_ label: Int) -> Int { 3 + 2 * label }

    let n: Int
    let rootLabel: Int
    var stack: [Int] = [0]
    /// The front of the buffer: words `next...n` remain.
    var next = 1
    /// Per node: its head (-1 none yet), label, leftmost and second-leftmost, rightmost and
    /// second-rightmost dependents (-1 none), dependents on each side, and the set of labels
    /// (bit `l % 64`) on each side.
    var heads: [Int]
    var labels: [Int]
    var leftmost: [Int], leftmost2: [Int], rightmost: [Int], rightmost2: [Int]
    var leftCount: [Int], rightCount: [Int]
    var leftLabels: [UInt64], rightLabels: [UInt64]

    init(words n: Int, rootLabel: Int) {
        self.n = n
        self.rootLabel = rootLabel
        let none = [Int](repeating: -1, count: n + 1)
        heads = none; labels = none
        leftmost = none; leftmost2 = none; rightmost = none; rightmost2 = none
        leftCount = [Int](repeating: 0, count: n + 1); rightCount = leftCount
        leftLabels = [UInt64](repeating: 0, count: n + 1); rightLabels = leftLabels
        stack.reserveCapacity(n + 1)
    }

    var isTerminal: Bool { next > n }
    @inline(__always) var top: Int { stack[stack.count - 1] }

    /// Whether transition `t` may be applied.
    @inline(__always) func isLegal(_ t: Int) -> Bool {
        guard next <= n else { return false }
        let s = top
        switch t {
        case Self.shift: return true
        case Self.reduce: return s != 0 && heads[s] >= 0
        default:
            let label = (t - 2) >> 1
            if t & 1 == 0 { return s != 0 && heads[s] < 0 && label != rootLabel }
            return s == 0 ? (label == rootLabel && rightCount[0] == 0) : label != rootLabel
        }
    }

    mutating func apply(_ t: Int) {
        switch t {
        case Self.shift:
            stack.append(next); next += 1
        case Self.reduce:
            stack.removeLast()
        default:
            let label = (t - 2) >> 1
            if t & 1 == 0 {
                let s = stack.removeLast()
                attach(s, to: next, label: label)
            } else {
                attach(next, to: top, label: label)
                stack.append(next); next += 1
            }
        }
    }

    private mutating func attach(_ d: Int, to h: Int, label: Int) {
        heads[d] = h
        labels[d] = label
        if d < h {
            leftCount[h] += 1
            leftLabels[h] |= 1 << UInt64(label & 63)
            if leftmost[h] < 0 || d < leftmost[h] { leftmost2[h] = leftmost[h]; leftmost[h] = d }
            else if leftmost2[h] < 0 || d < leftmost2[h] { leftmost2[h] = d }
        } else {
            rightCount[h] += 1
            rightLabels[h] |= 1 << UInt64(label & 63)
            if d > rightmost[h] { rightmost2[h] = rightmost[h]; rightmost[h] = d }
            else if d > rightmost2[h] { rightmost2[h] = d }
        }
    }

    /// The cost of each transition type against gold heads (`goldHeads[k]` for node k, 0 the
    /// root): how many gold arcs still reachable it makes unreachable (Goldberg & Nivre's
    /// dynamic oracle for arc-eager), before label mistakes.
    func costs(goldHeads g: [Int]) -> (shift: Int, reduce: Int, left: Int, right: Int) {
        let s = top, b = next
        var shift = 0, reduce = 0, left = 0, right = 0
        // Arcs between the buffer's later words and s or b.
        var k = b + 1
        while k <= n {
            if g[k] == s { reduce += 1; left += 1 }
            if g[b] == k { right += 1 }
            if g[s] == k && heads[s] < 0 { left += 1 }
            k += 1
        }
        if g[b] == s { left += 1; reduce += 1 }
        // Arcs between the stack and b.
        for x in stack {
            if g[b] == x { shift += 1; if x != s { right += 1 } }
            if g[x] == b && heads[x] < 0 && x != 0 { shift += 1; right += 1 }
        }
        if heads[s] >= 0 || s == 0 { left = Int.max / 4 }
        return (shift, reduce, left, right)
    }
}
