/// The distinct tokens of one document, each interned once: every token gets the id of its
/// (kind, text), so later stages can compute a word's facts once per document and look them
/// up by id instead of hashing the word's bytes again.
///
/// Promises: `ids[k]` is token `k`'s id; two tokens have the same id exactly when their kinds
/// and texts are equal; ids are dense, `0..<count`, in order of first occurrence, and
/// `firstToken[id]` is the index of that first occurrence.
struct DocumentVocabulary: Sendable {
    /// The id of every token, in token order (kept apart from `Token`, which stays small to copy).
    private(set) var ids: [Int32]
    /// The index of each id's first token.
    private(set) var firstToken: [Int32]

    var count: Int { firstToken.count }

    init(tokens: [Token], scalars: [Unicode.Scalar]) {
        var capacity = 64
        while capacity < tokens.count { capacity *= 2 }
        // Open-addressed slots holding `id + 1` (0 marks an empty slot) and that id's hash; at
        // most half full because distinct tokens never outnumber tokens.
        var slotIDs = [Int32](repeating: 0, count: capacity)
        var slotHashes = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        var firstToken: [Int32] = []
        firstToken.reserveCapacity(tokens.count)
        ids = [Int32](unsafeUninitializedCapacity: tokens.count) { ids, initialized in
            tokens.withUnsafeBufferPointer { tokens in
                scalars.withUnsafeBufferPointer { scalars in
                    slotIDs.withUnsafeMutableBufferPointer { slotIDs in
                        slotHashes.withUnsafeMutableBufferPointer { slotHashes in
                            for k in 0..<tokens.count {
                                // Fields read in place: copying a token would retain its strings.
                                let kind = tokens[k].kind, start = tokens[k].start, end = tokens[k].end
                                var h = FNV1a.step(FNV1a.offsetBasis, UInt64(Self.code(kind)))
                                for index in start..<end { h = FNV1a.step(h, UInt64(scalars[index].value)) }
                                var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                                var found: Int32 = -1
                                while slotIDs[slot] != 0 {
                                    if slotHashes[slot] == h {
                                        let other = Int(firstToken[Int(slotIDs[slot] - 1)])
                                        let otherStart = tokens[other].start
                                        if tokens[other].kind == kind && tokens[other].end - otherStart == end - start
                                            && Self.same(scalars, otherStart, start, end - start) {
                                            found = slotIDs[slot] - 1; break
                                        }
                                    }
                                    slot = (slot + 1) & mask
                                }
                                if found < 0 {
                                    found = Int32(firstToken.count)
                                    firstToken.append(Int32(k))
                                    slotIDs[slot] = found + 1
                                    slotHashes[slot] = h
                                }
                                ids[k] = found
                            }
                        }
                    }
                }
            }
            initialized = tokens.count
        }
        self.firstToken = firstToken
    }

    @inline(__always) private static func code(_ kind: Token.Kind) -> UInt8 {
        switch kind {
        case .word: 1
        case .number: 2
        case .possessive: 3
        case .currency: 4
        case .percent: 5
        case .punctuation: 6
        }
    }

    @inline(__always) private static func same(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int,
                                               _ length: Int) -> Bool {
        for offset in 0..<length where scalars[a + offset] != scalars[b + offset] { return false }
        return true
    }
}
