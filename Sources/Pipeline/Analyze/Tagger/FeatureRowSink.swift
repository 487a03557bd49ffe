/// Where `TaggerFeatures` puts the weight rows it computes: a list of rows (training keeps
/// them to update) or a running score (`ScoreAccumulator`, tagging only needs the sum).
///
/// Promises nothing beyond receiving every row, in the order the templates produce them.
package protocol FeatureRowSink {
    mutating func append(_ row: Int)
}

extension Array: FeatureRowSink where Element == Int {}
