/// How the capitalised words of a document were tagged by a first pass, so the second pass
/// can keep a name's type consistent across the document ("Clinton" is PER throughout).
///
/// Promises: a `Lookup` for sentence `k` sees only the tags of the *other* sentences, so a
/// sentence never confirms its own guess; only capitalised words are remembered.
package struct DocumentMemory: Sendable {
    private var counts = LabelCountTable()
    private var perSentence: [[(UInt64, Int)]] = []

    package init() {}

    /// Records the first-pass tags of the next sentence.
    package mutating func record(_ s: SentenceForms, tags: [BIOTag]) {
        var own: [(UInt64, Int)] = []
        for i in 0..<s.count {
            guard let label = tags[i].label else { continue }
            let form = s.form(i)
            guard form.flags.contains(.capitalized) else { continue }
            own.append((form.lower, label.rawValue))
            counts.add(form.lower, label: label.rawValue)
        }
        perSentence.append(own)
    }

    package func lookup(sentence k: Int) -> Lookup {
        Lookup(memory: self, own: k < perSentence.count ? perSentence[k] : [])
    }

    /// The memory as seen from one sentence.
    package struct Lookup {
        fileprivate let memory: DocumentMemory
        fileprivate let own: [(UInt64, Int)]

        package static let empty = Lookup(memory: DocumentMemory(), own: [])

        /// 1...4 for the label the word mostly had elsewhere, 8 when it had several, nil when none.
        func label(of form: WordForm, position: Int) -> UInt8? {
            guard form.flags.contains(.capitalized), var c = memory.counts.counts(of: form.lower) else { return nil }
            for (hash, label) in own where hash == form.lower { c[label] -= 1 }
            let total = c.wrappedSum()
            guard total > 0 else { return nil }
            let best = max(max(c[0], c[1]), max(c[2], c[3]))
            guard best * 3 >= total * 2 else { return 8 }
            for k in 0..<4 where c[k] == best { return UInt8(k + 1) }
            return nil
        }
    }
}
