/// A gold answer key laid over one pipeline output: where the gold's `(line, start)`
/// positions fall in the source text and in the pipeline's clean text, and which names
/// the gold treats as one actor.
///
/// Built once per document; every task's scoring reads from it.
struct GoldLayout: Sendable {
    let gold: GoldAnnotation
    let lines: SourceLines
    let offsets: CleanOffsetMap
    /// Canonical name -> every name form the gold uses for that entity.
    let nameForms: [ActorName: Set<ActorName>]

    init(gold: GoldAnnotation, sourceText: String, removed: [RemovedSpan]) {
        self.gold = gold
        lines = SourceLines(sourceText)
        offsets = CleanOffsetMap(removed: removed)
        var forms: [ActorName: Set<ActorName>] = [:]
        for entity in gold.entities {
            let canonical = ActorName(entity.canonical)
            var set = forms[canonical] ?? [canonical]
            for mention in entity.mentions { set.insert(ActorName(mention)) }
            forms[canonical] = set
        }
        nameForms = forms
    }

    /// The source span of `text` said to start at `start` in 1-based `line`.
    ///
    /// The gold is verified byte-exact, so the stated place is checked first; when it does
    /// not hold (a different file version), the first occurrence from the line's start is used.
    func sourceSpan(line: Int, start: Int, text: String) -> (start: Int, end: Int)? {
        let needle = Array(text.unicodeScalars)
        guard !needle.isEmpty, let offset = lines.offset(line: line, start: start) else { return nil }
        if offset + needle.count <= lines.text.count,
           lines.text.scalars[offset..<(offset + needle.count)].elementsEqual(needle) {
            return (offset, offset + needle.count)
        }
        guard let lineStart = lines.offset(line: line, start: 0),
              let found = lines.find(needle, from: lineStart) else { return nil }
        return (found, found + needle.count)
    }

    /// The clean-text span of a gold string, or `nil` when cleaning removed any of it.
    func cleanSpan(line: Int, start: Int, text: String) -> (start: Int, end: Int)? {
        guard let span = sourceSpan(line: line, start: start, text: text) else { return nil }
        return offsets.cleanSpan(span.start, span.end)
    }

    /// The clean span of `text` searched from `start` in `line` onwards (quotes, whose
    /// offset the gold does not give).
    func cleanSpan(searching text: String, fromLine line: Int, start: Int) -> (start: Int, end: Int)? {
        let needle = Array(text.unicodeScalars)
        guard !needle.isEmpty, let from = lines.offset(line: line, start: 0) else { return nil }
        let found = lines.find(needle, from: from + start) ?? lines.find(needle, from: from)
        guard let found else { return nil }
        return offsets.cleanSpan(found, found + needle.count)
    }

    /// Whether a predicted name designates the gold actor `canonical`: the same name after
    /// normalisation, or one of the surface forms the gold lists for that entity.
    func sameActor(predicted: String, gold canonical: String) -> Bool {
        let p = ActorName(predicted)
        let g = ActorName(canonical)
        if p == g { return true }
        return nameForms[g]?.contains(p) ?? false
    }
}
