/// Turns bytes into Unicode text: UTF-8 (with or without BOM), UTF-16 with BOM, a
/// charset the page declares (`<meta charset>`, `http-equiv`, XML declaration; single-byte
/// Western charsets here, any other through the C library's iconv), and a
/// Windows-1252 fallback when the bytes are not valid UTF-8. Bytes that cannot be decoded
/// become U+FFFD and leave a warning; decoding never fails.
enum TextDecoding {
    struct Result {
        var text: String
        var warnings: [String]
        /// Percentage of C0 control characters other than tab, newline and carriage return.
        var controlCharacterShare: Int
        var looksBinary: Bool { controlCharacterShare >= 10 }
    }

    /// The single-byte charsets decoded here, by the names pages declare them with.
    /// ISO-8859-1 and US-ASCII are decoded as Windows-1252, as browsers do (WHATWG).
    enum SingleByte { case windows1252, latin9 }

    static let charsetNames: [String: SingleByte] = [
        "windows-1252": .windows1252, "cp1252": .windows1252, "x-cp1252": .windows1252,
        "iso-8859-1": .windows1252, "iso8859-1": .windows1252, "latin1": .windows1252, "latin-1": .windows1252,
        "l1": .windows1252, "us-ascii": .windows1252, "ascii": .windows1252, "iso_8859-1": .windows1252,
        "iso-8859-15": .latin9, "iso8859-15": .latin9, "latin9": .latin9, "latin-9": .latin9,
    ]

    static func decode(_ bytes: [UInt8]) -> Result {
        var warnings: [String] = []
        let text: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = decodeUTF8(bytes[3...], warnings: &warnings)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            text = decodeUTF16(bytes[2...], bigEndian: bytes[0] == 0xFE, warnings: &warnings)
        } else if let valid = String(validating: bytes, as: UTF8.self) {
            // Valid UTF-8, almost every file: validated and copied in one pass, and a
            // declared charset does not matter.
            text = valid
        } else {
            let check = utf8Check(bytes)
            let declared = declaredCharset(bytes)
            if let declared, let table = charsetNames[declared] {
                text = decodeSingleByte(bytes, table)
            } else if let declared, declared != "utf-8", declared != "utf8",
                      let converted = CharsetConverter.decode(bytes, charset: declared) {
                // Any other charset the C library knows (ISO-8859-2, GB2312, Shift_JIS, KOI8-R...).
                text = converted.text
                if converted.replaced > 0 {
                    warnings.append("\(converted.replaced) bytes not valid in the declared charset \"\(declared)\" replaced by U+FFFD")
                }
            } else if declared == "utf-8" || declared == "utf8" || check.multibyte > check.invalid {
                // Declared UTF-8, or mostly good UTF-8 with a few broken sequences: keep
                // the good characters and mark the broken ones.
                warnings.append("invalid UTF-8 sequences (\(check.invalid)) replaced by U+FFFD")
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                warnings.append(declared.map { "unsupported charset \"\($0)\"; decoded as Windows-1252" }
                                ?? "bytes are not valid UTF-8; decoded as Windows-1252")
                text = decodeSingleByte(bytes, .windows1252)
            }
        }
        // Counted on the UTF-8: a scalar is a byte that is no continuation byte, and the
        // control characters are single bytes below 0x20 (no multi-byte sequence has one).
        var controls = 0
        var total = 0
        var utf8 = text
        utf8.withUTF8 { bytes in
            for byte in bytes {
                if byte & 0xC0 != 0x80 { total += 1 }
                if byte < 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09, byte != 0x0C { controls += 1 }
            }
        }
        let share = total == 0 ? 0 : controls * 100 / total
        return Result(text: text, warnings: warnings, controlCharacterShare: share)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        utf8Check(bytes).valid
    }

    /// Whether `bytes` are valid UTF-8, with the count of good multi-byte sequences and of
    /// broken ones (a text of good UTF-8 with one stray byte is UTF-8, not Latin-1).
    static func utf8Check(_ bytes: [UInt8]) -> (valid: Bool, multibyte: Int, invalid: Int) {
        // Fast path: ASCII is valid UTF-8.
        if !bytes.contains(where: { $0 >= 0x80 }) { return (true, 0, 0) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var multibyte = 0
        var invalid = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value >= 0x80 { multibyte += 1 }
            case .emptyInput: break loop
            case .error: invalid += 1
            }
        }
        return (invalid == 0, multibyte, invalid)
    }

    /// The charset a page declares in its first 4 KB: `<meta charset="...">`,
    /// `<meta http-equiv="Content-Type" content="text/html; charset=...">`, or
    /// `<?xml ... encoding="..."?>`; lower-cased, or `nil`.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for key in [Array("charset=".utf8), Array("encoding=".utf8)] {
            guard let at = firstRange(of: key, in: head) else { continue }
            var index = at + key.count
            while index < head.count, head[index] == 0x22 || head[index] == 0x27 || head[index] == 0x20 { index += 1 }
            var name: [UInt8] = []
            while index < head.count, name.count < 40 {
                let byte = head[index]
                let isNameByte = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 0x2D || byte == 0x5F || byte == 0x3A || byte == 0x2E
                guard isNameByte else { break }
                name.append(byte)
                index += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func decodeUTF8(_ bytes: ArraySlice<UInt8>, warnings: inout [String]) -> String {
        if !isValidUTF8(Array(bytes)) {
            warnings.append("invalid UTF-8 sequences replaced by U+FFFD")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool, warnings: inout [String]) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        if bytes.count % 2 == 1 {
            warnings.append("odd trailing byte in UTF-16 input dropped")
        }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var replaced = false
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error:
                replaced = true
                scalars.append("\u{FFFD}")
            }
        }
        if replaced { warnings.append("invalid UTF-16 sequences replaced by U+FFFD") }
        return String(scalars)
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// ISO-8859-15 differs from Latin-1 in eight positions (the euro sign among them).
    static let latin9Changes: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
    ]

    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        decodeSingleByte(bytes, .windows1252)
    }

    static func decodeSingleByte(_ bytes: [UInt8], _ charset: SingleByte) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            var value = UInt32(byte)
            switch charset {
            case .windows1252: if (0x80...0x9F).contains(byte) { value = windows1252High[Int(byte) - 0x80] }
            case .latin9: value = latin9Changes[byte] ?? value
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
