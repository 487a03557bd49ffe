import Glibc

/// Lists a folder with `readdir(3)`, keeping names as the bytes they are.
///
/// File names on Linux are bytes, not text; a writer can create one that is not UTF-8.
/// Such a name cannot round-trip through `String`, so the spool renames it in place to
/// a UTF-8 spelling (each bad byte as `%XX`) before taking it — only when the caller
/// asks: a listing for status (`renamingUndecodable: false`) never changes the folder.
public enum DirectoryListing {
    public struct Entry: Sendable {
        public var name: String
        /// The name the entry had on disk, when it had to be renamed to `name`.
        public var originalBytes: [UInt8]?
    }

    /// Entries of `path` other than `.` and `..`; `nil` when the folder cannot be read.
    /// With `renamingUndecodable`, a name that is not UTF-8 is renamed to its `%XX`
    /// spelling; without, it is listed by that spelling and left as it is.
    public static func entries(of path: String, renamingUndecodable: Bool) -> [Entry]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var result: [Entry] = []
        while let entry = readdir(dir) {
            // The name is read in place, up to its terminating zero: a record is only as long
            // as its name (`d_reclen`), so copying the whole 256-byte `d_name` field reads past
            // the last record of readdir's buffer, into an unmapped page when the buffer ends
            // at one (the daemon crashed there under load).
            let name = UnsafeRawPointer(entry).advanced(by: Self.nameOffset).assumingMemoryBound(to: CChar.self)
            let bytes = Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(name), count: strlen(name)))
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                result.append(Entry(name: name))
            } else if !renamingUndecodable {
                result.append(Entry(name: escapedName(bytes), originalBytes: bytes))
            } else if let renamed = rename(bytes, in: path) {
                result.append(Entry(name: renamed, originalBytes: bytes))
            }
        }
        return result
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// Renames a non-UTF-8 entry to its `%XX` spelling; `nil` when that fails.
    private static func rename(_ bytes: [UInt8], in folder: String) -> String? {
        let escaped = escapedName(bytes)
        let from = Array(folder.utf8) + [0x2F] + bytes + [0]
        let to = folder + "/" + escaped
        let done = from.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { Glibc.rename($0, to) }
        }
        return done == 0 ? escaped : nil
    }

    /// Valid UTF-8 runs kept, every other byte written `%XX`.
    public static func escapedName(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            // Take the longest valid prefix of at most 4 bytes as one scalar.
            var taken = false
            for length in 1...min(4, bytes.count - index) {
                if let piece = String(validating: bytes[index..<index + length], as: UTF8.self) {
                    out += piece == "%" ? "%25" : piece
                    index += length
                    taken = true
                    break
                }
            }
            if !taken {
                out += "%" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
