/// A string viewed as an array of Unicode scalars, the unit every contract offset counts.
///
/// Swift's `String` indexes by grapheme cluster; the contract indexes by code point, as
/// Python's `str` does. Stages that compute offsets work on this view.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]

    public init(_ string: String) {
        scalars = Self.scalars(of: string)
    }

    /// The scalars of `string`, decoded from its UTF-8 in one pass into an array sized
    /// once (`Array(string.unicodeScalars)` counts the scalars first, then decodes again
    /// through the generic iterator).
    public static func scalars(of string: String) -> [Unicode.Scalar] {
        var copy = string
        return copy.withUTF8 { utf8 in
            // A String's UTF-8 is always valid, so the lead byte gives each scalar's length.
            let n = utf8.count
            return [Unicode.Scalar](unsafeUninitializedCapacity: n) { buffer, count in
                var i = 0, k = 0
                while i < n {
                    let lead = utf8[i]
                    if lead < 0x80 {
                        // ASCII, most of any article: no validation of the value needed.
                        buffer.initializeElement(at: k, to: Unicode.Scalar(lead))
                        k += 1
                        i += 1
                        continue
                    }
                    let b0 = UInt32(lead)
                    var v: UInt32
                    if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12
                            | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
                        i += 4
                    }
                    buffer.initializeElement(at: k, to: Unicode.Scalar(v).unsafelyUnwrapped)
                    k += 1
                }
                count = k
            }
        }
    }

    public init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    public var count: Int { scalars.count }

    /// The text of `start..<end`, clamped to the text's bounds.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lo = max(0, min(start, scalars.count))
        let hi = max(lo, min(end, scalars.count))
        return Self.string(scalars[lo..<hi])
    }

    /// The string of `scalars`, encoded straight into the string's UTF-8 storage.
    ///
    /// `String.UnicodeScalarView.append(contentsOf:)` appends scalar by scalar, growing
    /// and re-checking the storage each time (hundreds of instructions per scalar); here
    /// the UTF-8 length is counted first and each scalar is written once.
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var length = 0
        for scalar in scalars {
            let v = scalar.value
            length += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            for scalar in scalars {
                let v = scalar.value
                if v < 0x80 {
                    buffer[i] = UInt8(v)
                    i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(0xC0 | (v >> 6))
                    buffer[i + 1] = UInt8(0x80 | (v & 0x3F))
                    i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(0xE0 | (v >> 12))
                    buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (v & 0x3F))
                    i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | (v >> 18))
                    buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 3] = UInt8(0x80 | (v & 0x3F))
                    i += 4
                }
            }
            return i
        }
    }

    public var string: String {
        slice(0, scalars.count)
    }
}
