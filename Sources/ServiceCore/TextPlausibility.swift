/// Whether bytes could be an article at all, judged before decoding: text has few C0
/// control bytes besides tab, line feed, form feed and carriage return. Random or binary
/// bytes have about one in nine; a Windows-1252 decoder would turn them into a
/// "document" with no words.
///
/// Gzip (which the decoder inflates) and UTF-16 with a byte-order mark (whose ASCII has
/// a NUL in every other byte) are left to the decoder.
public enum TextPlausibility {
    /// More control bytes than this share of the first `sample` bytes is not text.
    public static let maximumControlShare = 0.01
    public static let sample = 64 * 1024

    /// `nil` when `bytes` may be text, otherwise why they are not.
    public static func refusal(for bytes: [UInt8]) -> String? {
        if bytes.count >= 2 {
            let (b0, b1) = (bytes[0], bytes[1])
            if (b0 == 0x1F && b1 == 0x8B) || (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) { return nil }
        }
        let head = bytes.prefix(sample)
        guard !head.isEmpty else { return nil }
        var controls = 0
        for byte in head where byte < 0x20 || byte == 0x7F {
            switch byte {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: continue
            default: controls += 1
            }
        }
        let share = Double(controls) / Double(head.count)
        guard share > maximumControlShare else { return nil }
        return "is binary, not text: \(controls) of its first \(head.count) bytes are control characters; drop text, HTML, JSON or Markdown"
    }
}
