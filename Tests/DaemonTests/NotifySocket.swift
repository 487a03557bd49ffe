import Foundation
import Glibc
import Synchronization

/// A real sd_notify listener: a Unix datagram socket the daemon under test sends to,
/// as systemd's would be. Collects every message it receives.
final class NotifySocket: Sendable {
    let path: String
    private let fd: Int32
    private let messages = Mutex<[String]>([])
    private let closed = Atomic<Bool>(false)

    init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [self] in self.receive() }
        thread.start()
    }

    deinit {
        closed.store(true, ordering: .relaxed)
    }

    func close() {
        closed.store(true, ordering: .relaxed)
    }

    private func receive() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !closed.load(ordering: .relaxed) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                let text = String(decoding: buffer[0..<n], as: UTF8.self)
                messages.withLock { $0.append(text) }
            }
        }
        Glibc.close(fd)
    }

    /// Every message so far, each split into its `KEY=value` lines.
    var received: [String] { messages.withLock { $0 } }

    func contains(_ line: String) -> Bool {
        received.contains { $0.split(separator: "\n").contains { $0 == line } }
    }

    func contains(prefix: String) -> Bool {
        received.contains { $0.split(separator: "\n").contains { $0.hasPrefix(prefix) } }
    }

    /// The index of the first message holding `line`, for ordering checks.
    func firstIndex(of line: String) -> Int? {
        received.firstIndex { $0.split(separator: "\n").contains { $0 == line } }
    }

    func lastIndex(of line: String) -> Int? {
        received.lastIndex { $0.split(separator: "\n").contains { $0 == line } }
    }

    /// How many messages hold `line`.
    func count(of line: String) -> Int {
        received.filter { $0.split(separator: "\n").contains { $0 == line } }.count
    }
}
