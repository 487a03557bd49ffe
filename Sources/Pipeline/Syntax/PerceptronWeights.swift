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
    /// Bucket `b`'s row is `entries[rowStart[b] & rowOffsetMask..<rowStart[b + 1] & rowOffsetMask]`
    /// (2^bucketBits + 1 starts); `rowStart[b]`'s top bit (`denseRow`) marks a dense row.
    private let rowStart: [UInt32]
    /// The rows, bucket by bucket. A sparse row holds its non-zero weights in class order, one
    /// entry each: the class in the high 16 bits, the Int16 weight in the low 16. Sparse rows
    /// keep the model small in memory, so scoring a state reads a few cache lines per feature
    /// instead of a whole row of classes. A row with at least half as many weights as
    /// `scoreLanes` is stored dense instead: `scoreLanes` entries, entry `k` class `k`'s weight
    /// as an Int32 (zero for a class without one), so it is added eight classes at a time
    /// instead of one entry at a time. Such rows are few (336 of the parser's, 668 of the
    /// tagger's, about 140 and 130 KB), and they are the features seen most often.
    private let entries: [UInt32]

    /// The top bit of a row start: the row is dense.
    private static let denseRow: UInt32 = 1 << 31
    private static let rowOffsetMask: UInt32 = denseRow - 1

    var classCount: Int { classes.count }

    /// How many scores `add` writes: `classCount` rounded up to a multiple of 8. The lanes past
    /// `classCount` receive only zeros.
    var scoreLanes: Int { Self.scoreLanes(classCount: classes.count) }

    static func scoreLanes(classCount: Int) -> Int { (classCount + 7) / 8 * 8 }

    /// The fewest non-zero weights of a row stored dense: half as many as there are score lanes.
    static func denseMinimum(scoreLanes: Int) -> Int { (scoreLanes + 1) / 2 }

    init(kind: Kind, bucketBits: Int, classes: [String], scale: Float, sparse: [Int: Int16]) {
        var builder = RowBuilder(bucketBits: bucketBits, classCount: classes.count)
        for key in sparse.keys.sorted() { builder.append(flatIndex: key, weight: sparse[key]!) }
        self.init(kind: kind, bucketBits: bucketBits, classes: classes, scale: scale, rows: builder)
    }

    private init(kind: Kind, bucketBits: Int, classes: [String], scale: Float, rows: RowBuilder) {
        self.kind = kind
        self.bucketBits = bucketBits
        self.classes = classes
        self.scale = scale
        var rows = rows
        rowStart = rows.finish()
        entries = rows.entries
    }

    /// Bucket `b`'s non-zero weights as sparse entries (class in the high 16 bits, weight in
    /// the low 16), dense rows included, in class order.
    private func sparseRow(_ b: Int) -> [UInt32] {
        let start = Int(rowStart[b] & Self.rowOffsetMask), end = Int(rowStart[b + 1] & Self.rowOffsetMask)
        guard rowStart[b] & Self.denseRow != 0 else { return Array(entries[start..<end]) }
        var row: [UInt32] = []
        for k in start..<end where entries[k] != 0 {
            row.append(UInt32(k - start) << 16 | (entries[k] & 0xffff))
        }
        return row
    }

    /// Collects non-zero weights in increasing flat index (bucket × classes + class) into rows
    /// laid out as `rowStart` and `entries` say: sparse as they come, and at `finish` the
    /// rows `denseMinimum` picks made dense.
    private struct RowBuilder {
        let classCount: Int
        var rowStart: [UInt32]
        var entries: [UInt32] = []
        var bucket = 0

        init(bucketBits: Int, classCount: Int) {
            precondition(classCount <= 1024, "more than 1024 classes")  // as decoding accepts; `add` relies on it
            self.classCount = classCount
            rowStart = [UInt32](repeating: 0, count: (1 << bucketBits) + 1)
        }

        /// `flatIndex` must exceed the previous one's.
        mutating func append(flatIndex: Int, weight: Int16) {
            let b = flatIndex / classCount
            while bucket < b { bucket += 1; rowStart[bucket] = UInt32(entries.count) }
            entries.append(UInt32(flatIndex % classCount) << 16 | UInt32(UInt16(bitPattern: weight)))
        }

        mutating func finish() -> [UInt32] {
            while bucket < rowStart.count - 1 { bucket += 1; rowStart[bucket] = UInt32(entries.count) }
            makeDense()
            return rowStart
        }

        /// Rewrites the rows `denseMinimum` picks as dense rows, moving the later rows' starts by
        /// what each dense row adds. Done once over the finished rows, not row by row as they
        /// come, so appending stays a plain array append.
        private mutating func makeDense() {
            let buckets = rowStart.count - 1
            let lanes = PerceptronWeights.scoreLanes(classCount: classCount)
            // The starts are read and written through a buffer: every bucket of the model is
            // visited, at every start of the process.
            let minimum = UInt32(PerceptronWeights.denseMinimum(scoreLanes: lanes))
            var dense: [Int] = []
            rowStart.withUnsafeBufferPointer { starts in
                for b in 0..<buckets where starts[b + 1] &- starts[b] >= minimum { dense.append(b) }
            }
            guard !dense.isEmpty else { return }
            var out: [UInt32] = []
            out.reserveCapacity(entries.count + dense.count * lanes)
            var copied = 0
            for b in dense {
                let start = Int(rowStart[b]), end = Int(rowStart[b + 1])
                out.append(contentsOf: entries[copied..<start])
                let first = out.count
                out.append(contentsOf: repeatElement(0, count: lanes))
                for e in entries[start..<end] { out[first + Int(e >> 16)] = UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: e))) }
                copied = end
            }
            out.append(contentsOf: entries[copied...])
            precondition(out.count < Int(PerceptronWeights.denseRow), "too many weights")
            // Each start moves by what the dense rows before it added; a dense row's start
            // is read before it and the next start move.
            rowStart.withUnsafeMutableBufferPointer { starts in
                var added: UInt32 = 0, from = 0
                for d in dense {
                    for b in from..<d { starts[b] &+= added }
                    let start = starts[d], end = starts[d + 1]
                    starts[d] = (start &+ added) | PerceptronWeights.denseRow
                    added &+= UInt32(lanes) &- (end &- start)
                    from = d + 1
                }
                for b in from...buckets { starts[b] &+= added }
            }
            entries = out
        }
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

    public var nonZeroWeights: Int {
        var count = 0
        for b in 0..<(rowStart.count - 1) {
            let start = Int(rowStart[b] & Self.rowOffsetMask), end = Int(rowStart[b + 1] & Self.rowOffsetMask)
            guard rowStart[b] & Self.denseRow != 0 else { count += end - start; continue }
            for e in entries[start..<end] where e != 0 { count += 1 }
        }
        return count
    }

    /// Adds the rows of `buckets` into `scores` (`scoreLanes` lanes), without bounds checks:
    /// every bucket must be in `0..<(1 << bucketBits)`.
    ///
    /// The model is several megabytes, larger than a core's cache, so nearly every row costs
    /// cache misses: its bounds in `rowStart`, then each cache line of its entries. The work
    /// is done in three passes so that those misses overlap instead of coming one after
    /// another: every row's bounds; then one entry in each cache line of every sparse row
    /// (loads that depend only on the bounds, with no branch on what they load); then the
    /// sums, from lines now in the cache. Dense rows are the features seen most often (the
    /// bias, common tags), so they are rarely misses, and their loads do not wait on the
    /// sums: they are not touched first. Integer sums do not depend on the order they are
    /// taken in, so the scores are the same as adding each row's weights in turn.
    @inline(__always)
    func add(buckets: UnsafeBufferPointer<Int>, into scores: UnsafeMutableBufferPointer<Int32>) {
        let lanes = scoreLanes
        rowStart.withUnsafeBufferPointer { starts in
            entries.withUnsafeBufferPointer { entries in
                withUnsafeTemporaryAllocation(of: (UInt32, UInt32).self, capacity: buckets.count) { bounds in
                    // A dense row's start keeps its flag, so it is above every end and the
                    // touch pass skips it as it skips an empty row.
                    for (k, bucket) in buckets.enumerated() { bounds[k] = (starts[bucket], starts[bucket + 1] & Self.rowOffsetMask) }
                    // An entry is 4 bytes, so 16 to a 64-byte line: every 16th entry from the
                    // row's first, and its last, touch each line the row spans.
                    var touched: UInt32 = 0
                    for (start, end) in bounds where start < end {
                        var k = Int(start)
                        while k < Int(end) { touched |= entries[k]; k += 16 }
                        touched |= entries[Int(end) - 1]
                    }
                    // Always true (an entry's class is below 1024, the most decoding accepts);
                    // the check keeps the compiler from dropping the loads above as unused.
                    precondition(touched >> 26 == 0, "a weight entry names a class past 1023")
                    withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: buckets.count) { dense in
                        var denseCount = 0
                        for (start, end) in bounds {
                            if start & Self.denseRow != 0 {
                                dense[denseCount] = UnsafeRawPointer(entries.baseAddress! + Int(start & Self.rowOffsetMask))
                                denseCount &+= 1
                                continue
                            }
                            var k = Int(start)
                            while k < Int(end) {
                                let e = entries[k]
                                scores[Int(e >> 16)] &+= Int32(Int16(truncatingIfNeeded: e))
                                k += 1
                            }
                        }
                        // The dense rows eight lanes at a time: each group of eight scores is
                        // loaded once, takes every dense row's eight weights, and is stored once.
                        guard denseCount > 0 else { return }
                        let out = UnsafeMutableRawPointer(scores.baseAddress!)
                        var offset = 0
                        while offset < 4 * lanes {
                            var sum = out.loadUnaligned(fromByteOffset: offset, as: SIMD8<Int32>.self)
                            for r in 0..<denseCount { sum &+= dense[r].loadUnaligned(fromByteOffset: offset, as: SIMD8<Int32>.self) }
                            out.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Int32>.self)
                            offset &+= 32
                        }
                    }
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
        for bucket in 0..<(rowStart.count - 1) {
            for entry in sparseRow(bucket) {
                let flat = bucket * c + Int(entry >> 16)
                var gap = UInt(flat - previous)
                previous = flat
                while gap >= 0x80 { out.append(UInt8(gap & 0x7f) | 0x80); gap >>= 7 }
                out.append(UInt8(gap))
                withUnsafeBytes(of: Int16(truncatingIfNeeded: entry).littleEndian) { out.append(contentsOf: $0) }
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
        var rows = RowBuilder(bucketBits: bits, classCount: count)
        rows.entries.reserveCapacity(min(entries, bytes.count / 3))
        let limit = (1 << bits) * count
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
            guard index < limit, at + 2 <= bytes.count else { throw .truncated }
            rows.append(flatIndex: index, weight: Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8))
            at += 2
        }
        guard at == bytes.count else { throw .notAModel }
        self.init(kind: kind, bucketBits: bits, classes: classes, scale: scale, rows: rows)
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
