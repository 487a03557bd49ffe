/// Text made safe for a terminal: control characters from article content (a window
/// title set with `ESC ] 0 ;`, a screen cleared with `ESC [ 2 J`, a bell) are written
/// visibly as `\x1B`, `\x07`, `\u{9B}`, never sent raw.
///
/// Line feeds and tabs are kept: they are how the command itself lays out its output.
public enum TerminalText {
    /// `text` with every C0 control but line feed and tab, DEL, and every C1 control
    /// spelled out; `text` itself when it has none (the common case, one pass over bytes).
    public static func visible(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0A || value == 0x09 {
                out.unicodeScalars.append(scalar)
            } else if value < 0x20 || value == 0x7F {
                out += "\\x" + hex(value, width: 2)
            } else if (0x80...0x9F).contains(value) {
                out += "\\u{" + hex(value, width: 2) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F { return true }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return true }
            previous = byte
        }
        return false
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
