import Testing
@testable import Pipeline

/// `JSONWriter` writes the same text as `JSONValue.serialized()` for the same values.
@Suite struct JSONValueWriterTests {
    @Test func numbersStringsAndNestingMatchTheTree() {
        let ints = [0, 7, -7, 10, 1_234_567, Int.max, Int.min]
        let doubles = [0.0, -0.0, 2.0, -3.0, 0.5, -1.25, 1e15, 1e16, 123456.789, .infinity, .nan]
        let strings = ["", "plain", "quote \" back \\ slash", "tab\tnew\nline\r", "\u{01}\u{1F}", "line\u{2028}para\u{2029}", "café “x”"]
        var w = JSONWriter()
        w.beginObject()
        w.key("ints"); w.beginArray(); for i in ints { w.int(i) }; w.endArray()
        w.key("doubles"); w.beginArray(); for d in doubles { w.double(d) }; w.endArray()
        w.key("strings"); w.beginArray(); for s in strings { w.string(s) }; w.endArray()
        w.key("empty"); w.beginArray(); w.endArray()
        w.key("nested"); w.beginArray(); w.beginObject(); w.endObject(); w.beginObject(); w.key("a"); w.null(); w.endObject(); w.endArray()
        w.key("missing"); w.string(nil as String?)
        w.key("tree"); w.value(.object([("k", .array([.bool(true), .int(-1)]))]))
        w.endObject()
        let tree = JSONValue.object([
            ("ints", .array(ints.map(JSONValue.int))),
            ("doubles", .array(doubles.map(JSONValue.double))),
            ("strings", .array(strings.map(JSONValue.string))),
            ("empty", .array([])),
            ("nested", .array([.object([]), .object([("a", .null)])])),
            ("missing", .null),
            ("tree", .object([("k", .array([.bool(true), .int(-1)]))])),
        ])
        #expect(w.text == tree.serialized())
    }

    @Test func intsAreWrittenAsStringWritesThem() {
        for value in [0, 1, 9, 10, 99, 100, -1, -10, 4_096, Int.max, Int.min, Int.min + 1] {
            var bytes: [UInt8] = []
            JSONValue.writeInt(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }
}

/// `JSONValue`'s `==` takes `1` and `1.0` as equal; its hash must agree.
@Suite struct JSONValueHashTests {
    @Test func equalNumbersHashAlike() {
        #expect(JSONValue.int(1) == JSONValue.double(1.0))
        #expect(JSONValue.int(1).hashValue == JSONValue.double(1.0).hashValue)
        let nested = JSONValue.object([("amount", .int(50_000_000_000)), ("tags", .array([.int(2)]))])
        let same = JSONValue.object([("amount", .double(5e10)), ("tags", .array([.double(2)]))])
        #expect(nested == same)
        #expect(Set([nested, same]).count == 1)
        #expect(JSONValue.double(0.5) != JSONValue.int(0))
        #expect(JSONValue.double(-0.0) == JSONValue.int(0))
        #expect(JSONValue.double(-0.0).hashValue == JSONValue.int(0).hashValue)
    }

    /// Beyond 2^53 a `Double` cannot tell neighbouring integers apart; equality must still
    /// be transitive: `a == b` and `b == c` give `a == c`.
    @Test func numbersCompareExactlyBeyondDoublePrecision() {
        let big = 1 << 53
        let a = JSONValue.int(big + 1), b = JSONValue.double(Double(big)), c = JSONValue.int(big)
        #expect(b == c)
        #expect(a != c)
        #expect(a != b)
        #expect(Set([a, b, c]).count == 2)
    }
}
