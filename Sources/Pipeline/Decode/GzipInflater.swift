import CZlib

/// Inflates gzip (or zlib) data with the system zlib, refusing output over a limit so a
/// small "zip bomb" cannot fill memory.
enum GzipInflater {
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The inflated bytes, and whether the stream ended properly (a truncated file still
    /// gives what could be read).
    static func inflate(_ bytes: [UInt8], limit: Int) throws(PipelineError) -> (bytes: [UInt8], complete: Bool) {
        var stream = z_stream()
        // 15 + 32: the largest window, and detect a gzip or zlib header automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PipelineError(.internalFailure, stage: .decode, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                }
                // A concatenated gzip member follows: start the next one.
                if status == Z_STREAM_END, stream.avail_in > 0 {
                    status = inflateReset(&stream)
                }
            } while status == Z_OK && output.count <= limit && !(stream.avail_in == 0 && stream.avail_out != 0)
        }
        if output.count > limit {
            throw PipelineError(.tooLarge, stage: .decode, "gzip content inflates to over \(limit) bytes; split it or raise max_file_bytes")
        }
        guard status == Z_STREAM_END || ((status == Z_OK || status == Z_BUF_ERROR) && !output.isEmpty) else {
            throw PipelineError(.malformed, stage: .decode, "gzip data is corrupt (zlib status \(status)); nothing could be inflated")
        }
        return (output, status == Z_STREAM_END)
    }
}
