/// A JSON value with object keys kept in insertion order, so the contract's field order
/// is stable in every line Gleaner prints.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Equal when they are the same JSON: numbers compare by their exact value, so `.int(1)`
    /// equals `.double(1.0)` (a gold file's `1` and a recognizer's `1.0` are one amount)
    /// while `.int(2^53 + 1)` does not equal `.double(2^53)`, which it would as a `Double`
    /// — comparing by `Double` made `==` intransitive. Object keys compare in order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Int(exactly: b) == a
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Hashes what `==` compares: a number with an exact integer value as that integer,
    /// whether it is written `1` or `1.0`, so values that are equal always hash alike.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .int(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .double(let value):
            if let whole = Int(exactly: value) {
                hasher.combine(2)
                hasher.combine(whole)
            } else {
                hasher.combine(6)
                hasher.combine(value)
            }
        case .string(let value):
            hasher.combine(3)
            hasher.combine(value)
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { item.hash(into: &hasher) }
        case .object(let pairs):
            hasher.combine(5)
            hasher.combine(pairs.count)
            for (key, value) in pairs {
                hasher.combine(key)
                value.hash(into: &hasher)
            }
        }
    }

    /// The value of `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Compact JSON text, no newlines, non-ASCII characters written as themselves.
    public func serialized() -> String {
        var bytes: [UInt8] = []
        write(bytes: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public func write(to out: inout String) {
        out += serialized()
    }

    // The text is built as UTF-8 bytes, not a String: appending to a String costs a few
    // hundred instructions per call, and a document's JSON is thousands of small pieces.
    func write(bytes out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.writeInt(i, to: &out)
        case .double(let d): JSONValue.writeDouble(d, to: &out)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(bytes: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(bytes: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The decimal digits of `value`, as `String(value)` writes them, without making
    /// the String (a document's JSON holds hundreds of offsets).
    static func writeInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        // Most significant digit first, so each is appended once, in place.
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// A whole number as "12.0" (still a float to a reader), anything else finite as
    /// Swift writes it, and `null` for infinities and NaN, which JSON cannot spell.
    static func writeDouble(_ d: Double, to out: inout [UInt8]) {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            writeInt(Int(Int64(d)), to: &out)
            out.append(contentsOf: ".0".utf8)
        } else if d.isFinite {
            out.append(contentsOf: String(d).utf8)
        } else {
            out.append(contentsOf: "null".utf8)
        }
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole. Escapes are ASCII bytes
        // below 0x20, '"' and '\\', and U+2028/U+2029 (E2 80 A8/A9).
        var copy = s
        copy.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let byte = utf8[i]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                    i += 1
                    continue
                }
                var length = 1
                let scalar: Unicode.Scalar
                if byte == 0xE2 {
                    guard i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 else {
                        i += 1
                        continue
                    }
                    length = 3
                    scalar = utf8[i + 2] == 0xA8 ? "\u{2028}" : "\u{2029}"
                } else {
                    scalar = Unicode.Scalar(byte)
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                writeEscape(scalar, to: &out)
                i += length
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escape of a scalar `writeString` does not copy as it is.
    private static func writeEscape(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        switch scalar {
        case "\"": out.append(contentsOf: "\\\"".utf8)
        case "\\": out.append(contentsOf: "\\\\".utf8)
        case "\n": out.append(contentsOf: "\\n".utf8)
        case "\r": out.append(contentsOf: "\\r".utf8)
        case "\t": out.append(contentsOf: "\\t".utf8)
        case "\u{08}": out.append(contentsOf: "\\b".utf8)
        case "\u{0C}": out.append(contentsOf: "\\f".utf8)
        default:
            if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
    }
}

extension JSONValue {
    /// Wraps an optional string as `.string` or `.null`.
    public init(_ string: String?) {
        self = string.map(JSONValue.string) ?? .null
    }
}
