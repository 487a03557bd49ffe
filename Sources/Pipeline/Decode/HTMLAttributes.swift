import CLibXML2

/// The attributes of one start tag as libxml2's SAX parser hands them over: a
/// NULL-terminated list of name and value pointers, valid only during the callback.
///
/// Promises: names compare without regard to ASCII case; an attribute written without a
/// value (`<div hidden>`) reads as the empty string; the first of repeated names wins.
struct HTMLAttributes {
    let raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute `wanted` (lower-case ASCII), or nil when the tag has none.
    func value(_ wanted: String) -> String? {
        guard var pair = raw else { return nil }
        while let name = pair.pointee {
            let value = pair.advanced(by: 1).pointee
            if Self.nameEquals(name, wanted) {
                return value.map { String(cString: $0) } ?? ""
            }
            pair += 2
        }
        return nil
    }

    /// Compares a NUL-terminated attribute name with a lower-case ASCII name, ignoring
    /// case, without building a String (this runs for every attribute of every element).
    private static func nameEquals(_ raw: UnsafePointer<xmlChar>, _ wanted: String) -> Bool {
        var p = raw
        for byte in wanted.utf8 {
            let b = p.pointee
            guard b != 0, (b >= 65 && b <= 90 ? b + 32 : b) == byte else { return false }
            p += 1
        }
        return p.pointee == 0
    }
}
