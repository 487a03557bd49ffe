/// Maps offsets in a document's decoded source text to offsets in its clean text: the
/// inverse of `CleanDocument.sourceOffset(of:)`.
///
/// Relies on the cleaning invariant: the clean text is the source with the `removed`
/// spans cut out and nothing else changed. A source offset inside a removed span has no
/// clean offset (`nil`); a span that survives cleaning maps to a span of the same length.
public struct CleanOffsetMap: Sendable {
    /// Removed spans, sorted and merged, with no overlaps.
    let spans: [(start: Int, end: Int)]
    /// `removedBefore[i]`: total removed length of `spans[0..<i]`.
    let removedBefore: [Int]

    public init(removed: [RemovedSpan]) {
        var merged: [(start: Int, end: Int)] = []
        for span in removed.sorted(by: { $0.start < $1.start }) where span.end > span.start {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append((span.start, span.end))
            }
        }
        spans = merged
        var before: [Int] = [0]
        before.reserveCapacity(merged.count + 1)
        for span in merged { before.append(before[before.count - 1] + span.end - span.start) }
        removedBefore = before
    }

    /// Number of merged spans starting at or before `offset` (binary search).
    private func spansStarting(atOrBefore offset: Int) -> Int {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].start <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether the character at `sourceOffset` was removed by cleaning.
    public func isRemoved(_ sourceOffset: Int) -> Bool {
        let i = spansStarting(atOrBefore: sourceOffset)
        return i > 0 && sourceOffset < spans[i - 1].end
    }

    /// The clean offset of the character at `sourceOffset`, or `nil` when it was removed.
    public func cleanOffset(of sourceOffset: Int) -> Int? {
        let i = spansStarting(atOrBefore: sourceOffset)
        if i > 0 && sourceOffset < spans[i - 1].end { return nil }
        return sourceOffset - removedBefore[i]
    }

    /// The clean span of the source span `start..<end`, or `nil` unless all of it survived.
    public func cleanSpan(_ start: Int, _ end: Int) -> (start: Int, end: Int)? {
        guard end > start, let s = cleanOffset(of: start), let last = cleanOffset(of: end - 1),
              last - s == end - 1 - start else { return nil }
        return (s, last + 1)
    }

    /// How many of the characters `start..<end` of the source were removed.
    public func removedCount(_ start: Int, _ end: Int) -> Int {
        var count = 0
        var i = max(0, spansStarting(atOrBefore: start) - 1)
        while i < spans.count, spans[i].start < end {
            count += max(0, min(end, spans[i].end) - max(start, spans[i].start))
            i += 1
        }
        return count
    }
}
