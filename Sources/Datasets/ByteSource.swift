import CZlib
import Foundation

/// A file's bytes read front to back, inflated only as far as the reader asks when the file
/// is gzip: a reader checks a header before the data it promises is inflated, and stops
/// where the header says the data ends.
///
/// A class because zlib keeps a pointer back to its stream: the stream must not move.
final class ByteSource {
    /// The file, named in errors.
    let path: String
    /// True when the file starts with gzip's magic number.
    let isCompressed: Bool
    /// Bytes handed out so far, or for gzip, inflated so far (one more when `atEnd()` looked ahead).
    private(set) var producedBytes = 0
    /// The file's bytes as stored (compressed or not).
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var stream: UnsafeMutablePointer<z_stream>?
    private var ended = false
    private var peeked: UInt8?

    /// Opens `path`, refusing files larger than `DataLimits.maxBytes`.
    convenience init(path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DataError.fileNotFound(path) }
        guard !isDirectory.boolValue else { throw DataError.unreadable(path, reason: "it is a folder, not a file") }
        if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size > DataLimits.maxBytes {
            throw DataError.tooLarge(path, reason: "the file is \(size) bytes; aelab loads files of at most \(DataLimits.maxBytes)")
        }
        guard let data = fm.contents(atPath: path) else {
            throw DataError.unreadable(path, reason: "permission denied or not a regular file")
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    /// Reads from bytes in memory; `path` names them in errors.
    init(bytes: [UInt8], path: String) throws {
        self.path = path
        input = .allocate(capacity: bytes.count)
        _ = input.initialize(from: bytes)
        isCompressed = bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
        guard isCompressed else { return }
        guard bytes.count <= Int(UInt32.max) else {
            throw DataError.tooLarge(path, reason: "gzip input of \(bytes.count) bytes")
        }
        let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        s.initialize(to: z_stream())
        // 15 + 16: a full window, gzip framing only.
        guard inflateInit2_(s, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            s.deallocate()
            throw DataError.corruptGzip(path, reason: "zlib would not start")
        }
        s.pointee.next_in = input.baseAddress
        s.pointee.avail_in = UInt32(bytes.count)
        stream = s
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        input.deallocate()
    }

    /// Up to `count` bytes; fewer only where the data ends.
    func read(_ count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        guard stream != nil else {
            let n = min(count, input.count - position)
            let out = Array(input[position ..< position + n])
            position += n
            producedBytes += n
            return out
        }
        // In pieces growing with what has arrived, so a short stream costs little memory.
        var out = [UInt8]()
        if let byte = peeked {
            out.append(byte)
            peeked = nil
        }
        while out.count < count {
            let want = min(count - out.count, max(1 << 20, out.count))
            let piece = try [UInt8](unsafeUninitializedCapacity: want) { buffer, filled in
                filled = try inflate(into: buffer.baseAddress!, capacity: want)
            }
            if out.isEmpty { out = piece } else { out += piece }
            if piece.count < want { break }
        }
        return out
    }

    /// True when nothing follows what has been read; inflates at most one byte to find out.
    func atEnd() throws -> Bool {
        guard stream != nil else { return position == input.count }
        if peeked != nil { return false }
        var byte: UInt8 = 0
        guard try inflate(into: &byte, capacity: 1) == 1 else { return true }
        peeked = byte
        return false
    }

    /// Everything that is left, refusing more than `limit` bytes without inflating past it.
    func readAll(limit: Int = DataLimits.maxBytes) throws -> [UInt8] {
        let rest = try read(limit)
        guard try atEnd() else {
            throw DataError.tooLarge(path, reason: "it holds more than \(limit) bytes\(isCompressed ? " once inflated" : "")")
        }
        return rest
    }

    /// Inflates up to `capacity` bytes to `destination`; returns how many (fewer only at the end).
    private func inflate(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard let stream else { return 0 }
        var produced = 0
        while produced < capacity && !ended {
            let chunk = min(capacity - produced, Int(UInt32.max))
            stream.pointee.next_out = destination + produced
            stream.pointee.avail_out = UInt32(chunk)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            produced += chunk - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                try endOfMember(stream)
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                throw DataError.corruptGzip(path, reason: "the compressed stream ends early; the file is truncated")
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw DataError.corruptGzip(path, reason: message)
            }
        }
        producedBytes += produced
        return produced
    }

    /// After one gzip member: another member follows (legal, `cat a.gz b.gz`), or zero
    /// padding (which `gzip -t` accepts, as tape and block devices leave it), or the end.
    private func endOfMember(_ stream: UnsafeMutablePointer<z_stream>) throws {
        let rest = Int(stream.pointee.avail_in)
        let next = input.count - rest
        if rest == 0 || input[next...].allSatisfy({ $0 == 0 }) {
            ended = true
        } else if rest >= 2, input[next] == 0x1F, input[next + 1] == 0x8B {
            guard inflateReset(stream) == Z_OK else { throw DataError.corruptGzip(path, reason: "zlib would not restart") }
        } else {
            throw DataError.corruptGzip(path, reason: "\(rest) bytes after the end of the compressed data are neither gzip nor zero padding")
        }
    }
}
