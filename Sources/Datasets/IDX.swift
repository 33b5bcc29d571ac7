/// The IDX format MNIST and Fashion-MNIST ship in: a magic number giving the element type and
/// the number of axes, the axis sizes as big-endian 32-bit integers, then the elements.
public struct IDXArray: Equatable {
    public var shape: [Int]
    /// The elements as bytes when the file holds unsigned bytes (type 0x08)…
    public var bytes: [UInt8]?
    /// …or as floats for any other element type.
    public var floats: [Float]?

    public var count: Int { shape.reduce(1, *) }

    /// Reads an IDX file, gzip-compressed or raw.
    public static func read(_ path: String) throws -> IDXArray {
        try parse(Gzip.readFile(path), path: path)
    }

    /// Parses IDX bytes; `path` names the source in errors.
    public static func parse(_ b: [UInt8], path: String) throws -> IDXArray {
        guard b.count >= 4 else { throw DataError.badIDXHeader(path, reason: "only \(b.count) bytes") }
        guard b[0] == 0, b[1] == 0 else {
            throw DataError.badIDXHeader(path, reason: "magic number starts \(hex(b[0])) \(hex(b[1])), expected 00 00")
        }
        let type = b[2], rank = Int(b[3])
        let elementSize: Int
        switch type {
        case 0x08, 0x09: elementSize = 1
        case 0x0B: elementSize = 2
        case 0x0C, 0x0D: elementSize = 4
        case 0x0E: elementSize = 8
        default: throw DataError.badIDXHeader(path, reason: "unknown element type \(hex(type))")
        }
        guard rank >= 1 else { throw DataError.badIDXHeader(path, reason: "zero axes") }
        let headerSize = 4 + 4 * rank
        guard b.count >= headerSize else {
            throw DataError.truncated(path, expectedBytes: headerSize, actualBytes: b.count)
        }
        var shape = [Int]()
        for axis in 0..<rank {
            let o = 4 + 4 * axis
            let size = Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3])
            shape.append(size)
        }
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        guard !overflow, count <= 1 << 31 else { throw DataError.badIDXHeader(path, reason: "axis sizes \(shape) are implausibly large") }
        let expected = headerSize + count * elementSize
        guard b.count >= expected else {
            throw DataError.truncated(path, expectedBytes: expected - headerSize, actualBytes: b.count - headerSize)
        }
        if type == 0x08 {
            return IDXArray(shape: shape, bytes: Array(b[headerSize..<expected]), floats: nil)
        }
        var floats = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let o = headerSize + i * elementSize
            func be(_ n: Int) -> UInt64 { (0..<n).reduce(0) { $0 << 8 | UInt64(b[o + $1]) } }
            switch type {
            case 0x09: floats[i] = Float(Int8(bitPattern: b[o]))
            case 0x0B: floats[i] = Float(Int16(bitPattern: UInt16(be(2))))
            case 0x0C: floats[i] = Float(Int32(bitPattern: UInt32(be(4))))
            case 0x0D: floats[i] = Float(bitPattern: UInt32(be(4)))
            default: floats[i] = Float(Double(bitPattern: be(8)))
            }
        }
        return IDXArray(shape: shape, bytes: nil, floats: floats)
    }

    /// IDX bytes for an array of unsigned bytes (used to write test fixtures and exports).
    public static func encode(shape: [Int], bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
        for d in shape { out += [UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return out + bytes
    }
}

private func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}
