import Testing
@testable import Pipeline

/// `UTF8Scalars` agrees with walking `unicodeScalars`, whatever the scalars' UTF-8 lengths.
@Suite struct UTF8ScalarsTests {
    static let texts = ["", "a", "plain ASCII text", "Zürich ünd Köln", "e\u{301}te\u{301}", "line\r\nbreak",
                        "日本語のテキスト", "emoji 👍🏽 and 🇫🇷 flags", "mixed ß, é, 中, 😀 and a"]

    @Test func countsAndPrefixesMatchTheScalarView() {
        for text in Self.texts {
            #expect(UTF8Scalars.count(of: text) == text.unicodeScalars.count, "\(text)")
            for limit in 0...(text.unicodeScalars.count + 2) {
                #expect(UTF8Scalars.prefix(of: text, scalars: limit) == String(text.unicodeScalars.prefix(limit)),
                        "\(text), \(limit)")
            }
        }
    }
}
