import Testing
@testable import Pipeline

@Suite struct TabSeparatedRowsTests {
    @Test func splitsAtTabsKeepingEmptyFieldsAndSkippingComments() {
        let text = "# a comment\nphrase one\tUSA\t\t20100101\r\n\n#floor\tx:1\nbärlin\tDEU\n"
        #expect(Array(TabSeparatedRows(text)) == [["phrase one", "USA", "", "20100101"], ["bärlin", "DEU"]])
        #expect(Array(TabSeparatedRows(text, comments: false)).map(\.first) == ["# a comment", "phrase one", "#floor", "bärlin"])
        #expect(Array(TabSeparatedRows("last\tline without newline")) == [["last", "line without newline"]])
    }

    @Test func dataPartsSplitBytesAndDropEmptyParts() {
        #expect("a|b||çé".dataParts(separatedBy: "|") == ["a", "b", "çé"])
        #expect("".dataParts(separatedBy: " ").isEmpty)
    }
}
