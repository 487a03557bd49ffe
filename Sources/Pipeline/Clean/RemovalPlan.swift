/// Turns per-line verdicts into the `removed` spans of a `CleanDocument`.
///
/// Whitespace follows the block it belongs to, so the kept text keeps its paragraph
/// layout: a removed line takes its terminator and the blank lines after it; a block that
/// runs to the end of the text also takes the blank lines before it and the terminator of
/// the last kept line, so the clean text does not end in dangling blank lines. Adjacent
/// spans with the same reason merge into one.
struct RemovalPlan: Sendable {
    private(set) var spans: [RemovedSpan] = []

    /// - Parameters:
    ///   - lines: every line of the text, blank ones included.
    ///   - verdicts: the reason each non-blank line is removed, or `nil` to keep it;
    ///     ignored for blank lines.
    ///   - fragments: removals inside kept lines (offset to the line's content end).
    init(lines: [TextLine], verdicts: [BoilerplateReason?], fragments: [Int: (start: Int, reason: BoilerplateReason)]) {
        guard let lastKept = lines.indices.last(where: { !lines[$0].isBlank && verdicts[$0] == nil }) else {
            // Nothing is article text: the whole text goes, under its first reason.
            if let first = lines.indices.first(where: { !lines[$0].isBlank }), let reason = verdicts[first] {
                append(RemovedSpan(start: 0, end: lines.last!.end, reason: reason))
            }
            return
        }
        var current: BoilerplateReason?
        for index in lines.indices {
            let line = lines[index]
            if line.isBlank {
                if let reason = current ?? (index > lastKept ? firstReason(after: index, lines, verdicts) : nil) {
                    append(RemovedSpan(start: line.start, end: line.end, reason: reason))
                }
                continue
            }
            if let reason = verdicts[index] {
                current = reason
                append(RemovedSpan(start: line.start, end: line.end, reason: reason))
            } else {
                current = nil
                if let fragment = fragments[index] {
                    append(RemovedSpan(start: fragment.start, end: line.contentEnd, reason: fragment.reason))
                }
                if index == lastKept, line.end > line.contentEnd, let reason = firstReason(after: index, lines, verdicts) {
                    // The text ends in boilerplate: the article's last line gives up its line break.
                    append(RemovedSpan(start: line.contentEnd, end: line.end, reason: reason))
                }
            }
        }
    }

    private func firstReason(after index: Int, _ lines: [TextLine], _ verdicts: [BoilerplateReason?]) -> BoilerplateReason? {
        var next = index + 1
        while next < lines.count {
            if !lines[next].isBlank { return verdicts[next] }
            next += 1
        }
        return nil
    }

    private mutating func append(_ span: RemovedSpan) {
        guard span.end > span.start else { return }
        if let last = spans.last, last.end == span.start, last.reason == span.reason {
            spans[spans.count - 1].end = span.end
        } else {
            spans.append(span)
        }
    }

    /// The text with the spans cut out. Spans must be sorted and disjoint, as built.
    ///
    /// One walk over `text`'s scalars turns span offsets into string indices; the kept
    /// stretches are then copied as whole UTF-8 slices, not scalar by scalar.
    func cut(_ text: String) -> String {
        guard !spans.isEmpty else { return text }
        // Offsets count scalars; walking the UTF-8 directly, a scalar starts at every byte
        // that is not a continuation byte (10xxxxxx).
        var copy = text
        return copy.withUTF8 { utf8 in
            let n = utf8.count
            var bytes: [UInt8] = []
            bytes.reserveCapacity(n)
            var index = 0
            var offset = 0
            var keptFrom = 0
            func advance(to target: Int) {
                while offset < target, index < n {
                    index += 1
                    while index < n, utf8[index] & 0xC0 == 0x80 { index += 1 }
                    offset += 1
                }
            }
            for span in spans {
                advance(to: span.start)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[keptFrom..<index]))
                advance(to: span.end)
                keptFrom = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[keptFrom..<n]))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
