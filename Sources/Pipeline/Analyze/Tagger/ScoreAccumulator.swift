/// Adds a model's weight rows into per-tag scores as the feature templates name them, so
/// tagging never lists a word's features first.
///
/// Promises: after appending rows, `scores` equals the model's scores of those rows added
/// to the starting `scores` (sums wrap, so the order rows come in never matters). Made only
/// by `NERModel.withScoring`, and valid only inside its closure: it reads the model's
/// storage through buffer pointers, without bounds checks, because `TaggerFeatures`
/// promises rows in `0..<rowCount`.
struct ScoreAccumulator: FeatureRowSink {
    private let rowIndex: UnsafeBufferPointer<UInt32>
    /// Row `r`'s `NERModel.Scores` at byte `64 * r`, on a 64-byte boundary (`NERModel.rowOffset`).
    private let rows: UnsafeRawPointer
    var scores = NERModel.Scores()

    init(rowIndex: UnsafeBufferPointer<UInt32>, rows: UnsafeRawPointer) {
        self.rowIndex = rowIndex
        self.rows = rows
    }

    /// Adds hashed row `row`'s weights. An all-zero row is `rows[0]`, added like any other:
    /// a branch on the index just loaded (most often a cache miss) would stall on it whenever
    /// it was mispredicted, while the add lets the next features' loads start at once.
    @inline(__always) mutating func append(_ row: Int) {
        scores &+= rows.load(fromByteOffset: Int(rowIndex[row]) &* MemoryLayout<NERModel.Scores>.stride, as: NERModel.Scores.self)
    }
}
