/// The trained weights of one of the syntax models (the part-of-speech tagger or the
/// dependency parser): per hashed feature bucket, a row of quantised Int16 weights, one per
/// class, and the class names.
///
/// Binary form (little-endian): "GSYN", format version, a four-byte kind ("POS " or "DEP "),
/// the feature version of that kind, bucket bits, class count, each class name (a length byte
/// and UTF-8), scale (Float32 bits), entry count, then per non-zero weight a varint gap from
/// the previous weight's flat index (bucket × classes + class) and the Int16 weight.
/// Promises: `decode(encode())` gives the same weights and classes; decoding rejects
/// truncated, foreign or other-kind data with a typed error.
public struct PerceptronWeights: Sendable {
    public enum DecodingError: Error, Sendable, Equatable {
        case notAModel
        case wrongKind
        case unsupportedVersion(UInt32)
        case truncated
    }

    static let magic: [UInt8] = Array("GSYN".utf8)
    static let formatVersion: UInt32 = 1

    /// What the weights belong to, with the version of that model's feature templates.
    public struct Kind: Sendable, Equatable {
        let tag: [UInt8]
        let featureVersion: UInt32
    }

    let kind: Kind
    let bucketBits: Int
    let classes: [String]
    /// Multiply a summed Int16 score by this to get the perceptron's units.
    let scale: Float
    /// For each bucket, the offset of its row in `weights`, or -1 when all its weights are zero.
    private let rowOffset: [Int32]
    /// The non-zero rows, `classes.count` weights each.
    private let weights: [Int16]

    var classCount: Int { classes.count }

    init(kind: Kind, bucketBits: Int, classes: [String], scale: Float, sparse: [Int: Int16]) {
        self.kind = kind
        self.bucketBits = bucketBits
        self.classes = classes
        self.scale = scale
        let c = classes.count
        var rowOffset = [Int32](repeating: -1, count: 1 << bucketBits)
        var weights: [Int16] = []
        for key in sparse.keys.sorted() {
            let bucket = key / c
            if rowOffset[bucket] < 0 {
                rowOffset[bucket] = Int32(weights.count)
                weights.append(contentsOf: repeatElement(0, count: c))
            }
            weights[Int(rowOffset[bucket]) + key % c] = sparse[key]!
        }
        self.rowOffset = rowOffset
        self.weights = weights
    }

    /// Quantises float weights (`rows[k]` is the row of bucket `buckets[k]`) to Int16, dropping
    /// those smaller than `pruneBelow`.
    init(kind: Kind, bucketBits: Int, classes: [String], rows: [(bucket: Int, weights: ArraySlice<Float>)], pruneBelow: Float) {
        var largest: Float = 0
        for row in rows { for w in row.weights { largest = max(largest, abs(w)) } }
        let scale = largest > 0 ? largest / 32767 : 1
        var sparse: [Int: Int16] = [:]
        for row in rows {
            for (t, w) in row.weights.enumerated() where abs(w) >= pruneBelow {
                let q = Int16((w / scale).rounded())
                if q != 0 { sparse[row.bucket * classes.count + t] = q }
            }
        }
        self.init(kind: kind, bucketBits: bucketBits, classes: classes, scale: scale, sparse: sparse)
    }

    public var nonZeroWeights: Int { weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// Adds the rows of `buckets` into `scores` (`classCount` lanes), without bounds checks:
    /// every bucket must be in `0..<(1 << bucketBits)`.
    @inline(__always)
    func add(buckets: UnsafeBufferPointer<Int>, into scores: UnsafeMutableBufferPointer<Int32>) {
        let c = classes.count
        rowOffset.withUnsafeBufferPointer { offsets in
            weights.withUnsafeBufferPointer { w in
                for bucket in buckets {
                    let r = Int(offsets[bucket])
                    if r < 0 { continue }
                    let row = w.baseAddress! + r
                    for t in 0..<c { scores[t] &+= Int32(row[t]) }
                }
            }
        }
    }

    public func encoded() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(Self.formatVersion)
        out.append(contentsOf: kind.tag)
        u32(kind.featureVersion)
        u32(UInt32(bucketBits))
        u32(UInt32(classes.count))
        for name in classes {
            let bytes = Array(name.utf8)
            out.append(UInt8(bytes.count))
            out.append(contentsOf: bytes)
        }
        u32(scale.bitPattern)
        u32(UInt32(nonZeroWeights))
        let c = classes.count
        var previous = 0
        for (bucket, r) in rowOffset.enumerated() where r >= 0 {
            for t in 0..<c {
                let w = weights[Int(r) + t]
                guard w != 0 else { continue }
                let k = bucket * c + t
                var gap = UInt(k - previous)
                previous = k
                while gap >= 0x80 { out.append(UInt8(gap & 0x7f) | 0x80); gap >>= 7 }
                out.append(UInt8(gap))
                withUnsafeBytes(of: w.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Decodes weights of `kind`.
    init(decoding bytes: UnsafeRawBufferPointer, kind: Kind) throws(DecodingError) {
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
        guard at + 4 <= bytes.count else { throw .truncated }
        guard Array(bytes[at..<(at + 4)]) == kind.tag else { throw .wrongKind }
        at += 4
        let features = try u32()
        guard features == kind.featureVersion else { throw .unsupportedVersion(features) }
        let bits = Int(try u32())
        let count = Int(try u32())
        guard bits > 0, bits <= 24, count > 0, count <= 1024 else { throw .notAModel }
        var classes: [String] = []
        for _ in 0..<count {
            guard at < bytes.count else { throw .truncated }
            let length = Int(bytes[at]); at += 1
            guard at + length <= bytes.count else { throw .truncated }
            classes.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self))
            at += length
        }
        let scale = Float(bitPattern: try u32())
        let entries = Int(try u32())
        // Entries come in increasing flat index, so rows are filled in bucket order.
        var rowOffset = [Int32](repeating: -1, count: 1 << bits)
        var weights: [Int16] = []
        weights.reserveCapacity(min(entries, bytes.count) * 4)
        var index = 0
        for k in 0..<entries {
            var gap = 0, shift = 0
            while true {
                guard at < bytes.count else { throw .truncated }
                let b = bytes[at]; at += 1
                gap |= Int(b & 0x7f) << shift
                if b & 0x80 == 0 { break }
                shift += 7
                guard shift < 42 else { throw .notAModel }
            }
            guard k == 0 || gap > 0 else { throw .notAModel }
            index += gap
            let bucket = index / count
            guard bucket < rowOffset.count, at + 2 <= bytes.count else { throw .truncated }
            if rowOffset[bucket] < 0 {
                rowOffset[bucket] = Int32(weights.count)
                weights.append(contentsOf: repeatElement(0, count: count))
            }
            weights[Int(rowOffset[bucket]) + index % count] = Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
            at += 2
        }
        guard at == bytes.count else { throw .notAModel }
        self.init(kind: kind, bucketBits: bits, classes: classes, scale: scale, rowOffset: rowOffset, weights: weights)
    }

    private init(kind: Kind, bucketBits: Int, classes: [String], scale: Float, rowOffset: [Int32], weights: [Int16]) {
        self.kind = kind; self.bucketBits = bucketBits; self.classes = classes; self.scale = scale
        self.rowOffset = rowOffset; self.weights = weights
    }

    init(decoding bytes: [UInt8], kind: Kind) throws(DecodingError) {
        let result: Result<PerceptronWeights, DecodingError> = bytes.withUnsafeBytes { raw in
            do throws(DecodingError) { return .success(try PerceptronWeights(decoding: raw, kind: kind)) } catch { return .failure(error) }
        }
        self = try result.get()
    }
}

/// The averaged perceptron's weights during training: rows are made for a bucket the first
/// time an update touches it, so memory follows the features seen, not the bucket count.
struct SyntaxPerceptronState {
    let classCount: Int
    let bucketBits: Int
    private var rowOf: [Int32]
    private var buckets: [Int] = []
    private var weights: [Float] = []
    private var totals: [Double] = []
    private var stamps: [Int32] = []
    private var clock: Int32 = 0

    init(bucketBits: Int, classCount: Int) {
        self.bucketBits = bucketBits
        self.classCount = classCount
        rowOf = [Int32](repeating: -1, count: 1 << bucketBits)
    }

    mutating func tick() { clock += 1 }

    /// Sets `scores[t]` to the sum of the current weights of class `t` over `features`.
    func score(_ features: [Int], into scores: inout [Float]) {
        for t in 0..<classCount { scores[t] = 0 }
        weights.withUnsafeBufferPointer { w in
            for f in features {
                let r = Int(rowOf[f])
                if r < 0 { continue }
                let base = r * classCount
                for t in 0..<classCount { scores[t] += w[base + t] }
            }
        }
    }

    mutating func update(_ features: [Int], class t: Int, by delta: Float) {
        for f in features {
            var r = Int(rowOf[f])
            if r < 0 {
                r = buckets.count
                rowOf[f] = Int32(r)
                buckets.append(f)
                weights.append(contentsOf: repeatElement(0, count: classCount))
                totals.append(contentsOf: repeatElement(0, count: classCount))
                stamps.append(contentsOf: repeatElement(0, count: classCount))
            }
            let k = r * classCount + t
            totals[k] += Double(clock - stamps[k]) * Double(weights[k])
            stamps[k] = clock
            weights[k] += delta
        }
    }

    /// The averaged weights, quantised into a model.
    func model(kind: PerceptronWeights.Kind, classes: [String], pruneBelow: Float) -> PerceptronWeights {
        var averaged = [Float](repeating: 0, count: weights.count)
        for k in weights.indices {
            let total = totals[k] + Double(clock - stamps[k]) * Double(weights[k])
            averaged[k] = clock > 0 ? Float(total / Double(clock)) : weights[k]
        }
        let rows = buckets.enumerated().map { r, bucket in
            (bucket: bucket, weights: averaged[(r * classCount)..<((r + 1) * classCount)])
        }
        return PerceptronWeights(kind: kind, bucketBits: bucketBits, classes: classes, rows: rows, pruneBelow: pruneBelow)
    }
}
