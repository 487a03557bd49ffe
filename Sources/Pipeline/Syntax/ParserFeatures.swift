/// The dependency parser's feature templates over an arc-eager state: words, tags and labels
/// of the stack top, its head and outermost dependents, the next three buffer words and the
/// second stack word, their pairs and triples, distance and valency (after Zhang & Nivre 2011).
///
/// Promises: the same sentence, tags and state always give the same buckets; templates never
/// change meaning without a new `DependencyParser.kind` feature version.
struct ParserFeatures: Sendable {
    let hasher: SyntaxFeatureHasher

    init(bucketBits: Int) { hasher = SyntaxFeatureHasher(bucketBits: bucketBits) }

    /// A sentence as the features read it: per node (0 the root) the word and tag hashes.
    struct Input {
        var words: [UInt64]
        var tags: [UInt64]
        var shapes: [UInt64]

        init(forms: SyntaxWords, tags: [UInt64]) {
            words = [2]; self.tags = [2]; shapes = [2]
            for i in 0..<forms.count {
                let f = forms.form(i)
                words.append(f.lower); self.tags.append(tags[i]); shapes.append(f.shape)
            }
        }
    }

    /// The most buckets `extract` writes for one state.
    static let maxBuckets = 78

    /// Writes the state's buckets to `out` (room for `maxBuckets`) and returns how many.
    /// A fixed buffer, not an array, because this runs at every transition: an array's
    /// append checks its capacity and uniqueness each time.
    func extract(_ x: ArcEagerState, _ input: Input, into out: UnsafeMutablePointer<Int>) -> Int {
        var count = 0
        let h = hasher
        func w(_ k: Int) -> UInt64 { k < 0 ? 1 : input.words[k] }
        func t(_ k: Int) -> UInt64 { k < 0 ? 1 : input.tags[k] }
        func l(_ k: Int) -> UInt64 { k < 0 ? 1 : UInt64(bitPattern: Int64(x.labels[k])) &+ 7 }
        func at(_ k: Int, _ array: [Int]) -> Int { k < 0 ? -1 : array[k] }
        let s0 = x.top
        let n0 = x.next <= x.n ? x.next : -1
        let n1 = x.next + 1 <= x.n ? x.next + 1 : -1
        let n2 = x.next + 2 <= x.n ? x.next + 2 : -1
        let s1 = x.stack.count >= 2 ? x.stack[x.stack.count - 2] : -1
        let s0h = x.heads[s0]
        let s0h2 = s0h > 0 ? x.heads[s0h] : -1
        let s0l = x.leftmost[s0], s0r = x.rightmost[s0], s0l2 = x.leftmost2[s0], s0r2 = x.rightmost2[s0]
        let n0l = at(n0, x.leftmost), n0l2 = at(n0, x.leftmost2)
        let s0w = w(s0), s0t = t(s0), n0w = w(n0), n0t = t(n0), n1w = w(n1), n1t = t(n1), n2t = t(n2)
        let s0wt = h.pair(s0w, s0t), n0wt = h.pair(n0w, n0t), n1wt = h.pair(n1w, n1t)
        var d: UInt64 = 0
        if s0 > 0 && n0 > 0 { let gap = n0 - s0; d = UInt64(gap < 5 ? gap : (gap < 10 ? 5 : 6)) }
        let s0vl = UInt64(x.leftCount[s0]), s0vr = UInt64(x.rightCount[s0]), n0vl = UInt64(at(n0, x.leftCount) + 1)
        func add(_ template: UInt64, _ value: UInt64) { out[count] = h.bucket(template, value); count += 1 }
        add(1, 0)
        // Single words.
        add(2, s0wt); add(3, s0w); add(4, s0t)
        add(5, n0wt); add(6, n0w); add(7, n0t)
        add(8, n1wt); add(9, n1w); add(10, n1t)
        add(11, h.pair(w(n2), n2t)); add(12, w(n2)); add(13, n2t)
        // Pairs.
        add(14, h.pair(s0wt, n0wt)); add(15, h.pair(s0wt, n0w)); add(16, h.pair(s0w, n0wt))
        add(17, h.pair(s0wt, n0t)); add(18, h.pair(s0t, n0wt)); add(19, h.pair(s0w, n0w))
        add(20, h.pair(s0t, n0t)); add(21, h.pair(n0t, n1t))
        // Triples of tags.
        add(22, h.pair(h.pair(n0t, n1t), n2t)); add(23, h.pair(h.pair(s0t, n0t), n1t))
        add(24, h.pair(h.pair(t(s0h), s0t), n0t)); add(25, h.pair(h.pair(s0t, t(s0l)), n0t))
        add(26, h.pair(h.pair(s0t, t(s0r)), n0t)); add(27, h.pair(h.pair(s0t, n0t), t(n0l)))
        // Distance.
        add(28, h.pair(s0w, d)); add(29, h.pair(s0t, d)); add(30, h.pair(n0w, d)); add(31, h.pair(n0t, d))
        add(32, h.pair(h.pair(s0w, n0w), d)); add(33, h.pair(h.pair(s0t, n0t), d))
        // Valency.
        add(34, h.pair(s0w, s0vr)); add(35, h.pair(s0t, s0vr)); add(36, h.pair(s0w, s0vl)); add(37, h.pair(s0t, s0vl))
        add(38, h.pair(n0w, n0vl)); add(39, h.pair(n0t, n0vl))
        // Second order: head and outermost dependents.
        add(40, w(s0h)); add(41, t(s0h)); add(42, l(s0))
        add(43, w(s0l)); add(44, t(s0l)); add(45, l(s0l))
        add(46, w(s0r)); add(47, t(s0r)); add(48, l(s0r))
        add(49, w(n0l)); add(50, t(n0l)); add(51, l(n0l))
        // Third order.
        add(52, w(s0h2)); add(53, t(s0h2)); add(54, l(s0h))
        add(55, w(s0l2)); add(56, t(s0l2)); add(57, l(s0l2))
        add(58, w(s0r2)); add(59, t(s0r2)); add(60, l(s0r2))
        add(61, w(n0l2)); add(62, t(n0l2)); add(63, l(n0l2))
        add(64, h.pair(h.pair(s0t, t(s0l)), t(s0l2))); add(65, h.pair(h.pair(s0t, t(s0r)), t(s0r2)))
        add(66, h.pair(h.pair(s0t, t(s0h)), t(s0h2))); add(67, h.pair(h.pair(n0t, t(n0l)), t(n0l2)))
        // Label sets.
        add(68, h.pair(s0w, x.rightLabels[s0])); add(69, h.pair(s0t, x.rightLabels[s0]))
        add(70, h.pair(s0w, x.leftLabels[s0])); add(71, h.pair(s0t, x.leftLabels[s0]))
        if n0 > 0 { add(72, h.pair(n0w, x.leftLabels[n0])); add(73, h.pair(n0t, x.leftLabels[n0])) }
        // The second stack word, and whether the stack top has a head.
        add(74, h.pair(t(s1), s0t)); add(75, h.pair(h.pair(t(s1), s0t), n0t)); add(76, h.pair(w(s1), n0t))
        add(77, h.pair(s0h >= 0 ? 1 : 0, h.pair(s0t, n0t)))
        add(78, h.pair(input.shapes[max(n0, 0)], s0t))
        return count
    }
}
