#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes bytes in a named charset with the C library's iconv: the charsets pages declare
/// beyond the Western single-byte ones (ISO-8859-2, windows-1251, KOI8-R, GB2312/GBK,
/// Big5, Shift_JIS, EUC-KR...). A byte sequence the charset does not define becomes one
/// U+FFFD per byte, counted in `replaced`; conversion goes on after it.
enum CharsetConverter {
    /// Names browsers treat as a larger superset (WHATWG Encoding): GB2312 pages are GBK.
    static let supersets: [String: String] = ["gb2312": "GBK", "x-gbk": "GBK", "gb_2312-80": "GBK", "ks_c_5601-1987": "CP949",
                                              "euc-kr": "CP949", "shift-jis": "SHIFT_JIS", "sjis": "SHIFT_JIS", "x-sjis": "SHIFT_JIS"]

    /// The text, or `nil` when iconv does not know the charset.
    static func decode(_ bytes: [UInt8], charset: String) -> (text: String, replaced: Int)? {
        let name = supersets[charset] ?? charset.uppercased()
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        var replaced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    result.append(contentsOf: UnsafeBufferPointer(start: outBuffer.baseAddress!, count: outBuffer.count - outLeft))
                    if status == -1 {
                        if errno == E2BIG { continue }
                        // EILSEQ or EINVAL (truncated at the end): replace one byte, go on.
                        result.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        replaced += 1
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
            }
        }
        return (String(decoding: result, as: UTF8.self), replaced)
    }
}
