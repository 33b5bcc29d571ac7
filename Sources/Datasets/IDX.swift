/// The IDX format MNIST and Fashion-MNIST ship in: a magic number giving the element type and
/// the number of axes, the axis sizes as big-endian 32-bit integers, then the elements.
public struct IDXArray: Equatable, Sendable {
    /// The elements, in the form the file's element type calls for.
    public enum Elements: Equatable, Sendable {
        /// Unsigned bytes (type 0x08), as MNIST's images and labels are.
        case bytes([UInt8])
        /// Signed integers (types 0x09, 0x0B, 0x0C: 8, 16 and 32 bits), exact.
        case integers([Int32])
        /// Floats (type 0x0D), or doubles (type 0x0E) narrowed to Float.
        case floats([Float])

        /// How many elements.
        public var count: Int {
            switch self {
            case .bytes(let v): return v.count
            case .integers(let v): return v.count
            case .floats(let v): return v.count
            }
        }
    }

    public var shape: [Int]
    public var elements: Elements

    public var count: Int { elements.count }

    /// Reads an IDX file, gzip-compressed or raw.
    public static func read(_ path: String) throws -> IDXArray {
        try read(from: ByteSource(path: path))
    }

    /// Parses IDX bytes; `path` names the source in errors.
    public static func parse(_ b: [UInt8], path: String) throws -> IDXArray {
        try read(from: ByteSource(bytes: b, path: path))
    }

    /// Reads the header, checks what it promises against `DataLimits` and the file, then reads
    /// exactly that much: a gzip stream is never inflated past the promised data.
    static func read(from source: ByteSource) throws -> IDXArray {
        let path = source.path
        let magic = try source.read(4)
        guard magic.count == 4 else { throw DataError.badIDXHeader(path, reason: "only \(magic.count) bytes") }
        guard magic[0] == 0, magic[1] == 0 else {
            throw DataError.badIDXHeader(path, reason: "magic number starts \(hex(magic[0])) \(hex(magic[1])), expected 00 00")
        }
        let type = magic[2], rank = Int(magic[3])
        let elementSize: Int
        switch type {
        case 0x08, 0x09: elementSize = 1
        case 0x0B: elementSize = 2
        case 0x0C, 0x0D: elementSize = 4
        case 0x0E: elementSize = 8
        default: throw DataError.badIDXHeader(path, reason: "unknown element type \(hex(type))")
        }
        guard rank >= 1 else { throw DataError.badIDXHeader(path, reason: "zero axes") }
        let dims = try source.read(4 * rank)
        guard dims.count == 4 * rank else {
            throw DataError.truncated(path, expectedBytes: 4 + 4 * rank, actualBytes: 4 + dims.count)
        }
        let shape = (0..<rank).map { axis in
            dims[4 * axis ..< 4 * axis + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        var count = 1, overflow = false
        for d in shape where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: d) }
        var bytes = 0
        if !overflow { (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize) }
        let shapeText = shape.map(String.init).joined(separator: "×")
        guard !overflow, bytes <= DataLimits.maxBytes else {
            throw DataError.tooLarge(path, reason: "the header promises \(shapeText) elements of \(elementSize) bytes, more than the \(DataLimits.maxBytes) aelab loads")
        }
        let data = try source.read(bytes)
        guard data.count == bytes else { throw DataError.truncated(path, expectedBytes: bytes, actualBytes: data.count) }
        guard try source.atEnd() else {
            throw DataError.tooLarge(path, reason: "more data follows the \(bytes) bytes its header (\(shapeText)) promises; the file is damaged or not what it seems")
        }
        return IDXArray(shape: shape, elements: decode(data, type: type, count: count, elementSize: elementSize))
    }

    /// Big-endian elements of `type` as Elements.
    private static func decode(_ b: [UInt8], type: UInt8, count: Int, elementSize: Int) -> Elements {
        func be(_ o: Int) -> UInt64 { b[o ..< o + elementSize].reduce(0) { $0 << 8 | UInt64($1) } }
        switch type {
        case 0x08: return .bytes(b)
        case 0x09: return .integers(b.map { Int32(Int8(bitPattern: $0)) })
        case 0x0B: return .integers((0..<count).map { Int32(Int16(bitPattern: UInt16(be($0 * 2)))) })
        case 0x0C: return .integers((0..<count).map { Int32(bitPattern: UInt32(be($0 * 4))) })
        case 0x0D: return .floats((0..<count).map { Float(bitPattern: UInt32(be($0 * 4))) })
        default: return .floats((0..<count).map { Float(Double(bitPattern: be($0 * 8))) })
        }
    }

    /// IDX bytes for an array of unsigned bytes (used to write test fixtures and exports).
    public static func encode(shape: [Int], bytes: [UInt8]) -> [UInt8] {
        header(type: 0x08, shape: shape) + bytes
    }

    /// IDX bytes for an array of 32-bit floats (type 0x0D).
    public static func encode(shape: [Int], floats: [Float]) -> [UInt8] {
        header(type: 0x0D, shape: shape) + floats.flatMap { f in (0..<4).map { UInt8(truncatingIfNeeded: f.bitPattern >> (24 - 8 * $0)) } }
    }

    /// IDX bytes for an array of 32-bit signed integers (type 0x0C).
    public static func encode(shape: [Int], integers: [Int32]) -> [UInt8] {
        header(type: 0x0C, shape: shape) + integers.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitPattern: v) >> (24 - 8 * $0)) } }
    }

    private static func header(type: UInt8, shape: [Int]) -> [UInt8] {
        var out: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for d in shape { out += [UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return out
    }
}

private func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}
