import CZlib
import Foundation

/// Reading files that may be gzip-compressed, as MNIST's are.
enum Gzip {
    /// True when `bytes` start with gzip's magic number.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates gzip data held in memory; `path` names the file in errors.
    static func decompress(_ input: [UInt8], path: String) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: a full window, and accept either a gzip or a zlib header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.corruptGzip(path, reason: "zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END {
                    // Concatenated gzip members are legal; continue with the next one.
                    if stream.avail_in > 0, inflateReset(&stream) == Z_OK { status = Z_OK; continue }
                    break
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    throw DataError.corruptGzip(path, reason: "the compressed stream ends early; the file is truncated")
                }
                if status != Z_OK {
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw DataError.corruptGzip(path, reason: message)
                }
            } while true
        }
        return output
    }

    /// A file's bytes, inflated when it is gzip.
    static func readFile(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw DataError.fileNotFound(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path, reason: "permission denied or not a regular file")
        }
        let bytes = [UInt8](data)
        return isCompressed(bytes) ? try decompress(bytes, path: path) : bytes
    }
}
