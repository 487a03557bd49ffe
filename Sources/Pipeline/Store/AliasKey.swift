/// The form of a name that alias lookup compares: "the U.S." and "U.S" meet at "us".
///
/// Promises: lower-cased, full stops dropped, every run of whitespace, hyphens and
/// underscores folded to one space, no leading "the ", no outer spaces. It is only ever
/// compared within one entity type, so folding that would confuse types is acceptable.
enum AliasKey {
    static func normalize(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case ".":
                continue
            case " ", "\t", "\n", "\r", "-", "_", "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2013}":
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        var key = String(out)
        if key.hasPrefix("the "), key.count > 4 { key.removeFirst(4) }
        return key
    }
}
