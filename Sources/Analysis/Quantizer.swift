import Tensors

/// Per-feature min/max quantisation of codes to 8 or 16 bits, and back: each column's fitted
/// range is cut into 2^bits − 1 equal steps.
public struct Quantizer: Sendable {
    public let bits: Int
    /// The fitted range of each feature; values outside it are clamped when encoded.
    public var minimums: [Float]
    public var maximums: [Float]

    /// Learns each column's range from the rows of `x` [N, d].
    public init(fitting x: Tensor, bits: Int) throws {
        guard bits == 8 || bits == 16 else { throw AnalysisError.invalid("quantisation to \(bits) bits; choose 8 or 16") }
        let (n, d) = try rowsAndWidth(x, "rows to quantise")
        try requireFinite(x, "rows to quantise")
        var low = row(x, 0), high = low
        for i in 1..<n {
            let r = x.data + i * d
            for j in 0..<d { low[j] = min(low[j], r[j]); high[j] = max(high[j], r[j]) }
        }
        self.bits = bits
        minimums = low
        maximums = high
    }

    /// A quantiser with a known table (read back from a file): one finite minimum ≤ maximum a feature.
    public init(bits: Int, minimums: [Float], maximums: [Float]) throws {
        guard bits == 8 || bits == 16 else { throw AnalysisError.invalid("quantisation to \(bits) bits; choose 8 or 16") }
        guard !minimums.isEmpty, minimums.count == maximums.count else {
            throw AnalysisError.mismatch("a quantiser table of \(minimums.count) minimums and \(maximums.count) maximums")
        }
        guard zip(minimums, maximums).allSatisfy({ $0.isFinite && $1.isFinite && $0 <= $1 }) else {
            throw AnalysisError.invalid("a quantiser table needs a finite minimum ≤ maximum for each feature")
        }
        self.bits = bits
        self.minimums = minimums
        self.maximums = maximums
    }

    var levels: Float { Float((1 << bits) - 1) }

    /// The rows of `x` [N, d] as integers of `bits` bits, little-endian, row-major.
    public func encode(_ x: Tensor) throws -> QuantizedCodes {
        let (n, d) = try rowsAndWidth(x, "rows to quantise")
        try requireCount(d, "columns", minimums.count, "the quantiser was fitted to")
        try requireFinite(x, "rows to quantise")
        let bytesPerValue = bits / 8, levels = self.levels
        var payload = [UInt8](repeating: 0, count: n * d * bytesPerValue)
        for i in 0..<n {
            let r = x.data + i * d
            for j in 0..<d {
                let range = maximums[j] - minimums[j]
                let q = range > 0 ? UInt16(min(max((r[j] - minimums[j]) / range * levels, 0), levels).rounded()) : 0
                let at = (i * d + j) * bytesPerValue
                payload[at] = UInt8(q & 0xFF)
                if bytesPerValue == 2 { payload[at + 1] = UInt8(q >> 8) }
            }
        }
        return QuantizedCodes(rows: n, width: d, bits: bits, payload: payload)
    }

    /// Rows rebuilt from their codes: within half a step, (max − min) / (2·(2^bits − 1)), of
    /// the originals that lay inside the fitted range.
    public func decode(_ codes: QuantizedCodes) throws -> Tensor {
        guard codes.bits == bits, codes.width == minimums.count else {
            throw AnalysisError.mismatch("codes of \(codes.bits) bits × \(codes.width) features for a quantiser of \(bits) bits × \(minimums.count)")
        }
        let n = codes.rows, d = codes.width, bytesPerValue = bits / 8
        try requireCount(codes.payload.count, "payload bytes", n * d * bytesPerValue, "expected")
        let out = Tensor(uninitialized: [n, d])
        let steps = (0..<d).map { (maximums[$0] - minimums[$0]) / levels }
        for i in 0..<n {
            for j in 0..<d {
                let at = (i * d + j) * bytesPerValue
                let q = bytesPerValue == 2 ? UInt16(codes.payload[at]) | UInt16(codes.payload[at + 1]) << 8 : UInt16(codes.payload[at])
                out.data[i * d + j] = minimums[j] + Float(q) * steps[j]
            }
        }
        return out
    }
}

/// Quantised rows and what they cost to store.
public struct QuantizedCodes: Sendable, Equatable {
    public let rows: Int
    public let width: Int
    public let bits: Int
    /// The integers, `bits / 8` bytes each, little-endian, row-major.
    public var payload: [UInt8]

    /// Codes read back from a file; `decode` checks that the payload has `rows × width` values.
    public init(rows: Int, width: Int, bits: Int, payload: [UInt8]) {
        self.rows = rows
        self.width = width
        self.bits = bits
        self.payload = payload
    }

    /// The integers alone.
    public var payloadBytes: Int { payload.count }
    /// The table needed to decode them: a Float32 minimum and maximum per feature.
    public var tableBytes: Int { 8 * width }
    public var totalBytes: Int { payloadBytes + tableBytes }
    /// What the same rows take as Float32.
    public var float32Bytes: Int { 4 * rows * width }
}
