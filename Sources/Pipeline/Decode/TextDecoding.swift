/// Turns bytes into Unicode text: UTF-8 (with or without BOM), UTF-16 with BOM, and a
/// Windows-1252 fallback when the bytes are not valid UTF-8.
enum TextDecoding {
    struct Result {
        var text: String
        var warnings: [String]
        /// Percentage of C0 control characters other than tab, newline and carriage return.
        var controlCharacterShare: Int
        var looksBinary: Bool { controlCharacterShare >= 10 }
    }

    static func decode(_ bytes: [UInt8]) -> Result {
        var warnings: [String] = []
        let text: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = decodeUTF8(bytes[3...], warnings: &warnings)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            text = decodeUTF16(bytes[2...], bigEndian: bytes[0] == 0xFE, warnings: &warnings)
        } else if isValidUTF8(bytes) {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            warnings.append("bytes are not valid UTF-8; decoded as Windows-1252")
            text = decodeWindows1252(bytes)
        }
        var controls = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar.value < 0x20, scalar != "\n", scalar != "\r", scalar != "\t", scalar != "\u{0C}" {
                controls += 1
            }
        }
        let share = total == 0 ? 0 : controls * 100 / total
        return Result(text: text, warnings: warnings, controlCharacterShare: share)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
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
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
