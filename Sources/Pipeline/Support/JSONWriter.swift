/// Writes compact JSON straight into UTF-8 bytes, for output that is printed once: the
/// same text `JSONValue.serialized()` gives for the same values, without building the
/// `JSONValue` tree first (building it, then freeing it, cost more than writing it).
///
/// Promises: the bytes are exactly what `JSONValue.serialized()` writes for the values
/// and keys given in the same order (strings escaped by `JSONValue.writeString`, numbers
/// by `JSONValue.writeInt` and `writeDouble`). Keys must be plain ASCII needing no
/// escape, which the contract's field names are.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Nothing written yet in the innermost open object or array: no comma before the next.
    private var atStart = true
    /// A key was just written: its value takes no comma.
    private var afterKey = false

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The comma before a value or key, when one is due.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if !atStart { bytes.append(UInt8(ascii: ",")) }
        atStart = false
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// An object key; the next call writes its value.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        JSONValue.writeString(value, to: &bytes)
    }

    /// A string, or `null` for `nil` (as `JSONValue(_: String?)`).
    mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    mutating func int(_ value: Int) {
        separate()
        JSONValue.writeInt(value, to: &bytes)
    }

    mutating func double(_ value: Double) {
        separate()
        JSONValue.writeDouble(value, to: &bytes)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A value already held as a tree (a normalised value's fields).
    mutating func value(_ value: JSONValue) {
        separate()
        value.write(bytes: &bytes)
    }

    /// The text written, as a String.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
