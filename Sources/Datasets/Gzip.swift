import CZlib

/// Compressing bytes as gzip does (deflate in a gzip wrapper), the plain baseline a compressed
/// file of images is measured against.
public enum Gzip {
    /// `bytes` compressed at `level` (1 fastest … 9 smallest, gzip -9's setting by default).
    public static func compress(_ bytes: [UInt8], level: Int32 = 9) throws -> [UInt8] {
        guard bytes.count < Int(UInt32.max / 2) else { throw DataError.tooLarge("\(bytes.count) bytes to gzip", reason: "more than zlib takes in one call") }
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for the gzip wrapper instead of the zlib one.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.unreadable("\(bytes.count) bytes to gzip", reason: "zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw DataError.unreadable("\(bytes.count) bytes to gzip", reason: "zlib stopped with status \(status)") }
        return Array(out.prefix(Int(stream.total_out)))
    }
}
