/// The tagger's feature templates: hashed (template, value) pairs mapped to weight rows.
///
/// Promises: the same sentence, position, history and document memory always give the same
/// rows, in `0..<rowCount`; templates never change meaning between training and tagging
/// (a change needs a new `version`, which the model file records).
package struct TaggerFeatures: Sendable {
    static let version: UInt32 = 2

    let bucketBits: Int
    package var rowCount: Int { 1 << bucketBits }
    private var mask: UInt64 { UInt64(rowCount - 1) }

    package init(bucketBits: Int) { self.bucketBits = bucketBits }

    @inline(__always) private func row(_ template: UInt64, _ value: UInt64) -> Int {
        // A 64-bit finaliser (splitmix) so nearby templates spread over all rows.
        var z = (template &* 0x9e37_79b9_7f4a_7c15) ^ value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int(truncatingIfNeeded: z & mask)
    }

    @inline(__always) private func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x100_0000_01b3) ^ (b &+ 0x9e37_79b9)
    }

    /// Features of word `i` that do not depend on tags: appended to `rows`.
    package func word<Rows: FeatureRowSink>(_ i: Int, in s: SentenceForms, into rows: inout Rows) {
        own(s.form(i), into: &rows)
        context(i, in: s, into: &rows)
    }

    /// The features of a word's own form, the same wherever it stands: the first part of `word`.
    func own<Rows: FeatureRowSink>(_ w: WordForm, into rows: inout Rows) {
        rows.append(row(1, 0))
        rows.append(row(2, w.lower))
        rows.append(row(3, w.shape))
        rows.append(row(4, w.shortShape))
        rows.append(row(5, w.prefixes.0))
        if w.prefixes.1 != 0 { rows.append(row(6, w.prefixes.1)) }
        if w.prefixes.2 != 0 { rows.append(row(7, w.prefixes.2)) }
        if w.prefixes.3 != 0 { rows.append(row(8, w.prefixes.3)) }
        rows.append(row(9, w.suffixes.0))
        if w.suffixes.1 != 0 { rows.append(row(10, w.suffixes.1)) }
        if w.suffixes.2 != 0 { rows.append(row(11, w.suffixes.2)) }
        if w.suffixes.3 != 0 { rows.append(row(12, w.suffixes.3)) }
    }

    /// The rest of `word`: features of word `i` from its sentence and neighbours.
    func context<Rows: FeatureRowSink>(_ i: Int, in s: SentenceForms, into rows: inout Rows) {
        let w = s.form(i), l1 = s.form(i - 1), l2 = s.form(i - 2), r1 = s.form(i + 1), r2 = s.form(i + 2)
        let capitalised = w.flags.contains(.capitalized)
        let position: UInt64 = i == 0 ? 1 : (i == s.count - 1 ? 2 : (i < 3 ? 3 : 4))
        let context = UInt64(w.flags.rawValue & 0b1_1000_0011) | position << 12 | (s.headline ? 1 << 16 : 0)
        rows.append(row(13, context))
        rows.append(row(14, pair(context, w.shortShape)))
        if capitalised { rows.append(row(15, pair(position, w.lower))) }
        rows.append(row(16, l1.lower))
        rows.append(row(17, r1.lower))
        rows.append(row(18, l2.lower))
        rows.append(row(19, r2.lower))
        rows.append(row(20, l1.shortShape))
        rows.append(row(21, r1.shortShape))
        rows.append(row(22, pair(l2.shortShape, l1.shortShape)))
        rows.append(row(23, pair(r1.shortShape, r2.shortShape)))
        rows.append(row(24, pair(l1.lower, w.lower)))
        rows.append(row(25, pair(w.lower, r1.lower)))
        rows.append(row(26, pair(pair(l1.shortShape, w.shortShape), r1.shortShape)))
        rows.append(row(27, pair(l1.lower, w.shortShape)))
        rows.append(row(28, pair(w.shortShape, r1.lower)))
        rows.append(row(29, pair(w.suffixes.2, context)))
        if s.headline { rows.append(row(30, w.lower)) }
        gazetteerBits(w.gazetteer, template: 40, capitalised: capitalised, into: &rows)
        gazetteerBits(l1.gazetteer, template: 60, capitalised: capitalised, into: &rows)
        gazetteerBits(r1.gazetteer, template: 80, capitalised: capitalised, into: &rows)
        if w.gazetteer != 0 { rows.append(row(100, UInt64(w.gazetteer))) }
    }

    @inline(__always) private func gazetteerBits<Rows: FeatureRowSink>(_ gazetteer: UInt32, template: UInt64, capitalised: Bool,
                                                                      into rows: inout Rows) {
        var bits = gazetteer
        while bits != 0 {
            rows.append(row(template + UInt64(bits.trailingZeroBitCount), capitalised ? 1 : 0))
            bits &= bits - 1
        }
    }

    /// Features of word `i` that depend on the tags already chosen to its left.
    package func history<Rows: FeatureRowSink>(_ i: Int, in s: SentenceForms, previous: BIOTag, beforePrevious: BIOTag, into rows: inout Rows) {
        tags(previous: previous, beforePrevious: beforePrevious, into: &rows)
        historyOfWord(i, in: s, previous: previous, into: &rows)
    }

    /// The first part of `history`: the rows of the two previous tags alone, the same for
    /// every word (so a tagger can sum them once per pair of tags).
    func tags<Rows: FeatureRowSink>(previous: BIOTag, beforePrevious: BIOTag, into rows: inout Rows) {
        let p = UInt64(previous.rawValue), pp = UInt64(beforePrevious.rawValue)
        rows.append(row(120, p))
        rows.append(row(121, p << 8 | pp))
    }

    /// The rest of `history`: the previous tag with word `i` and its right neighbour.
    func historyOfWord<Rows: FeatureRowSink>(_ i: Int, in s: SentenceForms, previous: BIOTag, into rows: inout Rows) {
        let w = s.form(i)
        let p = UInt64(previous.rawValue)
        rows.append(row(122, pair(p, w.lower)))
        rows.append(row(123, pair(p, w.shortShape)))
        rows.append(row(124, pair(p, s.form(i + 1).shortShape)))
    }

    /// Features from the document memory: how this word was tagged elsewhere in the document.
    package func document<Rows: FeatureRowSink>(_ i: Int, in s: SentenceForms, memory: DocumentMemory.Lookup, into rows: inout Rows) {
        let w = s.form(i)
        guard let label = memory.label(of: w, position: i) else { return }
        let initial: UInt64 = i == 0 ? 1 : 0
        rows.append(row(140, UInt64(label)))
        rows.append(row(141, UInt64(label) << 4 | initial | (s.headline ? 2 : 0)))
        if let next = memory.label(of: s.form(i + 1), position: i + 1) { rows.append(row(142, UInt64(label) << 4 | UInt64(next))) }
        if let previous = memory.label(of: s.form(i - 1), position: i - 1) { rows.append(row(143, UInt64(label) << 4 | UInt64(previous))) }
    }
}
