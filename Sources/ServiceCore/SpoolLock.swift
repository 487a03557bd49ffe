import Foundation
import Glibc

/// The lock that makes one daemon the only one working a spool: an exclusive `flock(2)`
/// on `inbox/.gleaner/serve.lock`, held for the life of the process (the kernel drops
/// it when the process ends, however it ends). The file holds the holder's pid, for the
/// message a second daemon prints.
public final class SpoolLock: Sendable {
    public let path: String
    private let fd: Int32

    /// Why the lock was not taken.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(folder: String) throws(Refusal) {
        path = folder + "/serve.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Refusal(description: "cannot open the spool lock \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
            close(fd)
            let holder = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            if code == EWOULDBLOCK {
                throw Refusal(description: "another gleaner serve (pid \(holder)) already works this inbox (it holds \(path)); refusing to start a second one")
            }
            throw Refusal(description: "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }

    deinit {
        close(fd)
    }
}

