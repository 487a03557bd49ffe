/// How deeply an HTML file's elements nest, counted from its tags without parsing it: an
/// explanation for a file the HTML parser found no text in. libxml2 follows elements only
/// a few hundred levels deep and drops what lies below, so a page of 100,000 nested
/// `<div>`s reads as "no text" when its text is there, too deep.
public enum MarkupDepth {
    /// Nesting beyond which the HTML parser stops following elements (libxml2: 256).
    public static let parserLimit = 256

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ]

    /// The deepest nesting of elements in `bytes`: each opening tag of a non-void element
    /// goes one level down, each closing tag one up (comments, `<!`, `<?` and `/>` do not count).
    public static func maximum(of bytes: [UInt8]) -> Int {
        var depth = 0
        var deepest = 0
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == 0x3C, index + 1 < count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            var end = index + 1
            while end < count, bytes[end] != 0x3E { end += 1 }
            if next == 0x2F {
                depth = max(0, depth - 1)
            } else if isLetter(next), end < count, bytes[end - 1] != 0x2F {
                var nameEnd = index + 1
                while nameEnd < end, isLetter(bytes[nameEnd]) || (bytes[nameEnd] >= 0x30 && bytes[nameEnd] <= 0x39) { nameEnd += 1 }
                let name = String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self).lowercased()
                if !voidElements.contains(name) {
                    depth += 1
                    deepest = max(deepest, depth)
                }
            }
            index = end + 1
        }
        return deepest
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
