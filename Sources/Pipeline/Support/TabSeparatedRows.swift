/// The rows of a tab-separated data file (the tables under `data/` that the binary embeds):
/// one row per line, its fields split at tabs; empty lines, and lines that start with `#`
/// unless `comments` is false, left out.
///
/// Promises: fields are the exact text between tabs (empty fields kept, no trimming); a
/// line's trailing `\r` is dropped. It splits the UTF-8 bytes rather than `Character`s,
/// which tables of tens of thousands of lines need at start-up: `String.split` walks
/// grapheme clusters, and made the actor dictionary alone a second of every process start.
struct TabSeparatedRows: Sequence {
    private let bytes: [UInt8]
    private let skipsComments: Bool

    init(_ text: String, comments skipped: Bool = true) {
        bytes = Array(text.utf8)
        skipsComments = skipped
    }

    struct Iterator: IteratorProtocol {
        fileprivate let bytes: [UInt8]
        fileprivate let skipsComments: Bool
        fileprivate var position = 0

        mutating func next() -> [String]? {
            let n = bytes.count
            while position < n {
                let start = position
                var lineEnd = start
                while lineEnd < n && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                position = lineEnd + 1
                var end = lineEnd
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                guard start < end, !(skipsComments && bytes[start] == UInt8(ascii: "#")) else { continue }
                var fields: [String] = []
                var fieldStart = start
                for k in start..<end where bytes[k] == UInt8(ascii: "\t") {
                    fields.append(String(decoding: bytes[fieldStart..<k], as: UTF8.self))
                    fieldStart = k + 1
                }
                fields.append(String(decoding: bytes[fieldStart..<end], as: UTF8.self))
                return fields
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(bytes: bytes, skipsComments: skipsComments) }
}

extension String {
    /// The parts of a data-file field between `separator` bytes (an ASCII character), empty
    /// parts left out: splits bytes, as `TabSeparatedRows` does, not `Character`s.
    func dataParts(separatedBy separator: Unicode.Scalar) -> [String] {
        let byte = UInt8(separator.value)
        return utf8.split(separator: byte).map { String(Substring($0)) }
    }
}
