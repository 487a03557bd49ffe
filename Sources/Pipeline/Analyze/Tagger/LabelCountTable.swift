/// Per-word label counts keyed by a word's 64-bit form hash (`WordForm.lower`).
///
/// Promises: behaves as a `[UInt64: SIMD4<Int32>]` with a zero default: `counts(of:)` gives
/// what `add(_:label:)` summed for that key, or nil for a key never added. The keys are
/// already FNV hashes, so the table probes on their bits directly instead of running them
/// through `Hasher` (the tagger asks it about every word, several times, in both passes).
///
/// Why not that `Dictionary`: measured with callgrind on `gleaner extract` of the 130
/// Readability test pages (release build, 2026-12-03, the same output byte for byte),
/// `NERTagger.tag` costs 448.7M instructions with this table and 462.1M with the
/// `Dictionary` (3% of tagging; `TextAnalyzer.process` 1306.6M against 1321.2M). It is the
/// only mutable lookup table.
struct LabelCountTable: Sendable {
    private var keys: [UInt64]
    private var values: [SIMD4<Int32>]
    private var used: [Bool]
    private(set) var count = 0

    init() {
        keys = []; values = []; used = []
    }

    private mutating func grow() {
        let capacity = max(64, keys.count * 2)
        let oldKeys = keys, oldValues = values, oldUsed = used
        keys = [UInt64](repeating: 0, count: capacity)
        values = [SIMD4<Int32>](repeating: .zero, count: capacity)
        used = [Bool](repeating: false, count: capacity)
        count = 0
        for k in oldKeys.indices where oldUsed[k] {
            let slot = self.slot(of: oldKeys[k])
            keys[slot] = oldKeys[k]; values[slot] = oldValues[k]; used[slot] = true
            count += 1
        }
    }

    /// The slot holding `key`, or the empty slot where it would go. Needs a non-full table.
    @inline(__always) private func slot(of key: UInt64) -> Int {
        let mask = keys.count - 1
        // Mix the high bits in: FNV's low bits alone cluster for short words.
        let mixed = (key ^ (key >> 29)) &* 0x9e37_79b9_7f4a_7c15
        var k = Int(truncatingIfNeeded: mixed >> 32) & mask
        while used[k] && keys[k] != key { k = (k + 1) & mask }
        return k
    }

    mutating func add(_ key: UInt64, label: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let k = slot(of: key)
        if !used[k] { used[k] = true; keys[k] = key; values[k] = .zero; count += 1 }
        values[k][label] += 1
    }

    func counts(of key: UInt64) -> SIMD4<Int32>? {
        guard count > 0 else { return nil }
        let k = slot(of: key)
        return used[k] ? values[k] : nil
    }
}
