import Testing
@testable import Pipeline

@Suite struct TabSeparatedRowsTests {
    @Test func splitsAtTabsKeepingEmptyFieldsAndSkippingComments() {
        let text = "# a comment\nphrase one\tUSA\t\t20100101\r\n\n#floor\tx:1\nbärlin\tDEU\n"
        #expect(Array(TabSeparatedRows(text)) == [["phrase one", "USA", "", "20100101"], ["bärlin", "DEU"]])
        #expect(Array(TabSeparatedRows(text, comments: false)).map(\.first) == ["# a comment", "phrase one", "#floor", "bärlin"])
        #expect(Array(TabSeparatedRows("last\tline without newline")) == [["last", "line without newline"]])
    }

    /// A newline followed by a combining mark is one `Character`, so `String.split` joined such
    /// a line to the one before (2,433 n-grams of the language profiles, Indic vowel signs).
    @Test func aLineThatOpensWithACombiningMarkIsARowOfItsOwn() {
        let text = "ka\thi:10\n\u{093E}\thi:20 mr:30\n"
        #expect(Array(TabSeparatedRows(text)) == [["ka", "hi:10"], ["\u{093E}", "hi:20 mr:30"]])
        #expect("\u{0915} \u{093E}".dataParts(separatedBy: " ") == ["\u{0915}", "\u{093E}"])
    }

    @Test func dataPartsSplitBytesAndDropEmptyParts() {
        #expect("a|b||çé".dataParts(separatedBy: "|") == ["a", "b", "çé"])
        #expect("".dataParts(separatedBy: " ").isEmpty)
    }
}
