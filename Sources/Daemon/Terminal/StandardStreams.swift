import Glibc
import Terminal

/// Unbuffered-enough writes to stdout and stderr from any thread. Everything written
/// goes through `TerminalText.visible`: no control character from an article reaches
/// a terminal raw.
enum StandardStreams {
    static func out(_ line: String) {
        var text = TerminalText.visible(line)
        text.append("\n")
        text.withUTF8 { buffer in writeAll(1, buffer) }
    }

    static func err(_ line: String) {
        var text = TerminalText.visible(line)
        text.append("\n")
        text.withUTF8 { buffer in writeAll(2, buffer) }
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
