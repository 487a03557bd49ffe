import Glibc
import Pipeline

/// Reads an article file the way a service must: never following a symlink, never
/// blocking on a FIFO or device, never reading more than the size limit.
enum ArticleFile {
    /// Why a path could not be read as an article, in words a person can act on.
    struct Refusal: Error, CustomStringConvertible {
        var kind: PipelineError.Kind
        var message: String
        var description: String { message }
    }

    /// A file's bytes and its last modification time (ISO 8601, UTC), read from one open
    /// descriptor, so the time is the time of the bytes.
    struct Contents {
        var bytes: [UInt8]
        var modified: String
    }

    static func read(_ path: String, maximumBytes: Int) -> Result<Contents, Refusal> {
        // Sockets cannot even be opened; name what the entry is before trying.
        var entry = stat()
        if lstat(path, &entry) == 0, let refusal = refusal(forType: entry.st_mode & S_IFMT) {
            return .failure(refusal)
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ELOOP {
                return .failure(Refusal(kind: .malformed, message: "is a symbolic link; links are never followed, drop the file itself"))
            }
            return .failure(Refusal(kind: .malformed, message: "cannot be opened: \(String(cString: strerror(code)))"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return .failure(Refusal(kind: .malformed, message: "cannot be inspected: \(String(cString: strerror(errno)))"))
        }
        // Checked again on the open descriptor: the entry may have changed since lstat.
        if let refusal = refusal(forType: info.st_mode & S_IFMT) {
            return .failure(refusal)
        }
        let size = Int(info.st_size)
        if size > maximumBytes {
            return .failure(Refusal(kind: .tooLarge, message: "is \(size) bytes, over the limit of \(maximumBytes) bytes; split it or raise max_file_bytes"))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + filled, size - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Refusal(kind: .malformed, message: "cannot be read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            filled += n
        }
        if filled < size { bytes.removeLast(size - filled) }
        return .success(Contents(bytes: bytes, modified: iso8601(info.st_mtim.tv_sec)))
    }

    /// `seconds` since the epoch as ISO 8601 in UTC ("2019-03-07T10:00:00Z"), written by hand:
    /// a Foundation date formatter made per file cost the benchmark's read-and-hash floor
    /// three quarters of its speed.
    static func iso8601(_ seconds: time_t) -> String {
        var time = seconds
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-" + digits(parts.tm_mday, 2)
            + "T" + digits(parts.tm_hour, 2) + ":" + digits(parts.tm_min, 2) + ":" + digits(parts.tm_sec, 2) + "Z"
    }

    /// Why an entry of this type is not read, or `nil` for a regular file.
    private static func refusal(forType type: mode_t) -> Refusal? {
        let what: String
        switch type {
        case S_IFREG: return nil
        case S_IFLNK: return Refusal(kind: .malformed, message: "is a symbolic link; links are never followed, drop the file itself")
        case S_IFIFO: what = "a FIFO (named pipe)"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR, S_IFBLK: what = "a device"
        case S_IFDIR: what = "a directory"
        default: what = "not a regular file"
        }
        return Refusal(kind: .malformed, message: "is \(what), not a regular file; only regular files are read")
    }
}
