/// Adds a model's weight rows into per-tag scores as the feature templates name them, so
/// tagging never lists a word's features first.
///
/// Promises: after appending rows, `scores` equals the model's scores of those rows added
/// to the starting `scores` (sums wrap, so the order rows come in never matters).
struct ScoreAccumulator: FeatureRowSink {
    let model: NERModel
    var scores = NERModel.Scores()

    init(model: NERModel) { self.model = model }

    @inline(__always) mutating func append(_ row: Int) {
        model.add(row: row, to: &scores)
    }
}
