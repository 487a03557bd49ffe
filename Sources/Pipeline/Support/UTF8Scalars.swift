/// Unicode-scalar counts and prefixes of a string, read from its UTF-8 instead of walking
/// `unicodeScalars` index by index.
///
/// Promises: `count(of: s) == s.unicodeScalars.count` and
/// `prefix(of: s, scalars: n) == String(s.unicodeScalars.prefix(n))` for every string and
/// `n >= 0`. A Swift string's UTF-8 is always valid, and in valid UTF-8 every scalar starts
/// at exactly one byte that is not a continuation byte (`10xxxxxx`).
enum UTF8Scalars {
    static func count(of text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count &+= 1 }
            return count
        }
    }

    /// The first `limit` scalars of `text`; `text` itself when it has no more bytes than
    /// that (a scalar is at least one byte).
    static func prefix(of text: String, scalars limit: Int) -> String {
        if text.utf8.count <= limit { return text }
        var text = text
        return text.withUTF8 { bytes in
            var scalars = 0
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                if scalars == limit { return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self) }
                scalars += 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
