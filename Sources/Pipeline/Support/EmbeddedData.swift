import CEmbeddedData

/// The data files assembled into the binary (`Sources/CEmbeddedData`), read in place.
///
/// Names are paths from the package root, as listed in `Sources/CEmbeddedData/blobs.def`.
/// The bytes are immutable and live as long as the process, so a buffer may be kept.
public enum EmbeddedData {
    /// The bytes of the embedded file `name`, or nil when the build embedded no such file
    /// or it is empty.
    public static func bytes(named name: String) -> UnsafeRawBufferPointer? {
        var length: UInt = 0
        guard let start = gleaner_embedded_data(name, &length), length > 0 else { return nil }
        return UnsafeRawBufferPointer(start: start, count: Int(length))
    }

    /// The embedded file `name` decoded as UTF-8, or nil when it is missing.
    public static func text(named name: String) -> String? {
        guard let bytes = bytes(named: name) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
