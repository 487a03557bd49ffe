/// Numbers the hashed rows of a model that are stored (have a non-zero weight): hashed row
/// `b` is 0 when it is not stored, else 1 + the count of stored rows before it, so the stored
/// rows can sit one after another behind a zero row.
///
/// Kept as a bit per hashed row and, beside each word of 64 bits, the count of stored rows
/// before that word: 16 bytes per 64 hashed rows, 256 KB for 2^20 rows, small enough to stay
/// in a core's cache, where an array of the numbers (4 MB) cost a cache miss per feature.
/// Promises: `number(of:)` is the row's number as defined above, for every `b` in
/// `0..<rowCount`; looking it up never branches on the bits it reads.
struct StoredRowNumbers: Sendable {
    /// 64 hashed rows: bit `k` of `bits` is set when row `64 * block + k` is stored.
    struct Block {
        var bits: UInt64
        var before: UInt64
    }

    let rowCount: Int
    private let blocks: [Block]

    /// `stored` lists the stored hashed rows in increasing order, each in `0..<rowCount`.
    init(rowCount: Int, stored: [Int]) {
        self.rowCount = rowCount
        var blocks = [Block](repeating: Block(bits: 0, before: 0), count: (rowCount + 63) / 64)
        for b in stored { blocks[b >> 6].bits |= 1 << UInt64(b & 63) }
        var before: UInt64 = 0
        for k in blocks.indices {
            blocks[k].before = before
            before += UInt64(blocks[k].bits.nonzeroBitCount)
        }
        self.blocks = blocks
    }

    /// The number of hashed row `row`, which must be in `0..<rowCount`.
    func number(of row: Int) -> Int {
        precondition(row >= 0 && row < rowCount)
        return blocks.withUnsafeBufferPointer { Self.number(of: row, in: $0) }
    }

    /// Runs `body` with the blocks, for `number(of:in:)`; valid only during the call.
    func withBlocks<Result>(_ body: (UnsafeBufferPointer<Block>) -> Result) -> Result {
        blocks.withUnsafeBufferPointer(body)
    }

    /// The number of hashed row `row` from `withBlocks`' blocks, without bounds checks.
    @inline(__always) static func number(of row: Int, in blocks: UnsafeBufferPointer<Block>) -> Int {
        let block = blocks[row >> 6]
        let shift = UInt64(row & 63)
        let stored = (block.bits >> shift) & 1
        let below = block.bits & ((1 << shift) &- 1)
        return Int(truncatingIfNeeded: (block.before &+ UInt64(below.nonzeroBitCount) &+ 1) &* stored)
    }
}
