import Foundation
import Tensors

/// The `.safetensors` format that Python's `safetensors` package reads: an 8-byte little-endian
/// header length, a JSON header naming each tensor's dtype, shape and byte range, then the data.
public enum SafeTensors {
    public struct FormatError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Encodes named float tensors (in the given order) with optional string metadata.
    public static func encode(_ tensors: [(name: String, shape: [Int], values: UnsafeBufferPointer<Float>)],
                              metadata: [String: String] = [:]) -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for t in tensors {
            let bytes = t.values.count * 4
            entries.append("\(jsonString(t.name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        // The data starts 8-byte aligned; the format allows trailing spaces in the header.
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out += $0 }
        out += header
        for t in tensors {
            for v in t.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        }
        return out
    }

    /// Decodes a file's bytes into named tensors (F32 only) and the metadata.
    public static func decode(_ bytes: [UInt8], path: String) throws -> (tensors: [String: (shape: [Int], values: [Float])], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw FormatError(path: path, reason: "too short for a safetensors file (\(bytes.count) bytes)") }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw FormatError(path: path, reason: "header length \(headerLength) runs past the end of the file")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])) as? [String: Any] else {
            throw FormatError(path: path, reason: "header is not a JSON object")
        }
        var tensors: [String: (shape: [Int], values: [Float])] = [:]
        var metadata: [String: String] = [:]
        let dataCount = bytes.count - headerEnd
        for (name, value) in json {
            if name == "__metadata__" {
                metadata = (value as? [String: String]) ?? [:]
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw FormatError(path: path, reason: "tensor '\(name)' has a malformed header entry")
            }
            guard dtype == "F32" else { throw FormatError(path: path, reason: "tensor '\(name)' is \(dtype); aelab reads F32") }
            // Sizes come from the file: each is checked before it is multiplied or allocated.
            guard shape.allSatisfy({ $0 >= 0 }) else {
                throw FormatError(path: path, reason: "tensor '\(name)' has shape \(shape); sizes cannot be negative")
            }
            guard let count = checkedProduct(shape), count <= dataCount / 4 else {
                throw FormatError(path: path, reason: "tensor '\(name)' has shape \(shape), more values than the file's \(dataCount) bytes of data hold")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataCount, offsets[1] - offsets[0] == count * 4 else {
                throw FormatError(path: path, reason: "tensor '\(name)': byte range \(offsets) does not fit shape \(shape) in \(dataCount) bytes of data")
            }
            var values = [Float](repeating: 0, count: count)
            let base = headerEnd + offsets[0]
            for i in 0..<count {
                let o = base + 4 * i
                let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            tensors[name] = (shape, values)
        }
        return (tensors, metadata)
    }
}
