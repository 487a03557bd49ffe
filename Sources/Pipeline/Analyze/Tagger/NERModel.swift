/// The trained weights of the sequence tagger: one row of `BIOTag.count` quantised weights per
/// hashed feature bucket.
///
/// Binary form (little-endian): "GNER", format version, feature version, bucket bits, tag
/// count, scale (Float32 bits), entry count, then per non-zero weight a varint gap from the
/// previous weight's flat index and the Int16 weight. Promises: `decode(encode())` gives the
/// same weights; decoding rejects truncated or foreign data with a typed error.
public struct NERModel: Sendable {
    public enum DecodingError: Error, Sendable, Equatable {
        case notAModel
        case unsupportedVersion(UInt32)
        case truncated
    }

    static let magic: [UInt8] = Array("GNER".utf8)
    static let formatVersion: UInt32 = 1

    let bucketBits: Int
    /// Multiply a summed Int16 score by this to get the perceptron's units (for reports only).
    let scale: Float

    /// For each hashed row, its number among the stored rows: 0, the zero row, when all its
    /// weights are zero.
    private let rowIndex: [UInt32]
    /// The stored rows, one `Scores` vector (64 bytes) each: a zero row, then the non-zero
    /// rows, each the `BIOTag.count` Int16 weights widened to Int32, then zero lanes, so a row
    /// adds into a score vector in one step. Row `r` is `rowLanes[rowOffset + 16 * r ..< rowOffset + 16 * (r + 1)]`.
    /// The zero row lets scoring add every feature's row without a branch on the index it has
    /// just loaded (`ScoreAccumulator`).
    private let rowLanes: [Int32]
    /// Where row 0 starts in `rowLanes`: chosen when the array is made so that every row sits
    /// on a 64-byte boundary, one cache line, instead of across two (an array of `Scores` is
    /// only 16-byte aligned). The array is never mutated after, so its storage never moves;
    /// the scores do not depend on it, only the cache lines a row touches.
    private let rowOffset: Int
    private static let lanes = Scores.scalarCount

    /// A score per tag in lanes `0..<BIOTag.count` (nine tags fit in sixteen lanes); the other
    /// lanes stay zero.
    typealias Scores = SIMD16<Int32>

    init(bucketBits: Int, weights: [Int16], scale: Float) {
        precondition(weights.count == (1 << bucketBits) * BIOTag.count)
        self.bucketBits = bucketBits
        self.scale = scale
        var rowIndex = [UInt32](repeating: 0, count: 1 << bucketBits)
        var stored: [Int] = [-1]  // the hashed row of each stored row; the zero row first
        for r in 0..<(1 << bucketBits) {
            let base = r * BIOTag.count
            guard weights[base..<(base + BIOTag.count)].contains(where: { $0 != 0 }) else { continue }
            rowIndex[r] = UInt32(stored.count)
            stored.append(r)
        }
        // One row of slack for the shift to a 64-byte boundary.
        var lanes = [Int32](repeating: 0, count: (stored.count + 1) * Self.lanes)
        let offset = lanes.withUnsafeMutableBufferPointer { lanes in
            let misaligned = Int(UInt(bitPattern: lanes.baseAddress!) % 64)
            let offset = (64 - misaligned) % 64 / MemoryLayout<Int32>.stride
            for (k, r) in stored.enumerated() where r >= 0 {
                for t in 0..<BIOTag.count { lanes[offset + k * Self.lanes + t] = Int32(weights[r * BIOTag.count + t]) }
            }
            return offset
        }
        self.rowIndex = rowIndex
        self.rowLanes = lanes
        self.rowOffset = offset
    }

    /// Quantises float weights to Int16, dropping those smaller than `pruneBelow` (in the same units).
    package init(bucketBits: Int, floats: [Float], pruneBelow: Float) {
        let largest = floats.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 ? largest / 32767 : 1
        var weights = [Int16](repeating: 0, count: floats.count)
        for (k, w) in floats.enumerated() where abs(w) >= pruneBelow {
            weights[k] = Int16((w / scale).rounded())
        }
        self.init(bucketBits: bucketBits, weights: weights, scale: scale)
    }

    public var nonZeroWeights: Int {
        rowLanes.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }

    /// The weight of `tag` in hashed row `row`.
    func weight(row: Int, tag: Int) -> Int16 {
        Int16(truncatingIfNeeded: rowLanes[rowOffset + Int(rowIndex[row]) * Self.lanes + tag])
    }

    public func encoded() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(Self.formatVersion)
        u32(TaggerFeatures.version)
        u32(UInt32(bucketBits))
        u32(UInt32(BIOTag.count))
        u32(scale.bitPattern)
        u32(UInt32(nonZeroWeights))
        var previous = 0
        for (row, r) in rowIndex.enumerated() where r > 0 {
            for tag in 0..<BIOTag.count {
                let w = Int16(truncatingIfNeeded: rowLanes[rowOffset + Int(r) * Self.lanes + tag])
                guard w != 0 else { continue }
                let k = row * BIOTag.count + tag
                var gap = UInt(k - previous)
                previous = k
                while gap >= 0x80 { out.append(UInt8(gap & 0x7f) | 0x80); gap >>= 7 }
                out.append(UInt8(gap))
                withUnsafeBytes(of: w.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    public init(decoding bytes: UnsafeRawBufferPointer) throws(DecodingError) {
        var at = 0
        func u32() throws(DecodingError) -> UInt32 {
            guard at + 4 <= bytes.count else { throw .truncated }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(bytes[at + k]) << (8 * k) }
            at += 4
            return v
        }
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.magic else { throw .notAModel }
        at = 4
        let format = try u32()
        guard format == Self.formatVersion else { throw .unsupportedVersion(format) }
        let features = try u32()
        guard features == TaggerFeatures.version else { throw .unsupportedVersion(features) }
        let bits = Int(try u32())
        let tags = Int(try u32())
        guard tags == BIOTag.count, bits > 0, bits <= 26 else { throw .notAModel }
        let scale = Float(bitPattern: try u32())
        let entries = Int(try u32())
        var weights = [Int16](repeating: 0, count: (1 << bits) * tags)
        var index = 0
        for _ in 0..<entries {
            var gap = 0, shift = 0
            while true {
                guard at < bytes.count else { throw .truncated }
                let b = bytes[at]; at += 1
                gap |= Int(b & 0x7f) << shift
                if b & 0x80 == 0 { break }
                shift += 7
                guard shift < 63 else { throw .notAModel }
            }
            index += gap
            guard index < weights.count, at + 2 <= bytes.count else { throw .truncated }
            weights[index] = Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
            at += 2
        }
        self.init(bucketBits: bits, weights: weights, scale: scale)
    }

    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        let result: Result<NERModel, DecodingError> = bytes.withUnsafeBytes { raw in
            do throws(DecodingError) { return .success(try NERModel(decoding: raw)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Runs `body` with an accumulator over this model's rows, valid only during the call.
    func withScoring<Result>(_ body: (inout ScoreAccumulator) -> Result) -> Result {
        rowIndex.withUnsafeBufferPointer { index in
            rowLanes.withUnsafeBufferPointer { lanes in
                var accumulator = ScoreAccumulator(rowIndex: index, rows: UnsafeRawPointer(lanes.baseAddress! + rowOffset))
                return body(&accumulator)
            }
        }
    }
}
