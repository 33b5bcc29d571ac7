import Foundation

// Compact JSON for point clouds: coordinates as base64 little-endian Float16 and classes as
// base64 bytes, so a scatter of 2,000 points is 11 kB in a session file rather than 60. Plain
// JSON arrays are read too.

extension KeyedEncodingContainer {
    /// Writes `values` as base64 Float16 (about three significant digits).
    mutating func encodePacked(_ values: [Float], forKey key: Key) throws {
        var data = Data(capacity: values.count * 2)
        for v in values { withUnsafeBytes(of: Float16(v).bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        try encode(data.base64EncodedString(), forKey: key)
    }

    /// Writes classes as base64 bytes when all are in 0..<256, as a JSON array otherwise.
    mutating func encodePackedClasses(_ classes: [Int]?, forKey key: Key) throws {
        guard let classes else { return }
        if classes.allSatisfy({ (0..<256).contains($0) }) {
            try encode(Data(classes.map { UInt8($0) }).base64EncodedString(), forKey: key)
        } else {
            try encode(classes, forKey: key)
        }
    }
}

extension KeyedDecodingContainer {
    /// Reads floats written by `encodePacked`, or a plain JSON array.
    func decodePackedFloats(forKey key: Key) throws -> [Float] {
        guard let packed = try? decode(String.self, forKey: key) else { return try decode([Float].self, forKey: key) }
        guard let data = Data(base64Encoded: packed), data.count % 2 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not base64 Float16 values")
        }
        return stride(from: 0, to: data.count, by: 2).map { i in
            Float(Float16(bitPattern: UInt16(data[data.startIndex + i]) | UInt16(data[data.startIndex + i + 1]) << 8))
        }
    }

    /// Reads classes written by `encodePackedClasses`; nil when absent.
    func decodePackedClasses(forKey key: Key) throws -> [Int]? {
        if let packed = try? decode(String.self, forKey: key) {
            guard let bytes = Data(base64Encoded: packed) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not base64")
            }
            return bytes.map(Int.init)
        }
        return try decodeIfPresent([Int].self, forKey: key)
    }
}
