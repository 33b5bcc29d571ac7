import Foundation
@testable import Networks
import XCTest

final class SafeTensorsTests: XCTestCase {
    func testLayoutIsWhatPythonSafetensorsReads() throws {
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [-1]
        let bytes = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            SafeTensors.encode([("enc/kernel", [2, 3], pa), ("enc/bias", [1], pb)], metadata: ["format": "aelab"])
        } }
        let headerLength = Int(bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        XCTAssertEqual((8 + headerLength) % 8, 0, "data starts 8-byte aligned")
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as! [String: Any]
        let kernel = header["enc/kernel"] as! [String: Any]
        XCTAssertEqual(kernel["dtype"] as? String, "F32")
        XCTAssertEqual(kernel["shape"] as? [Int], [2, 3])
        XCTAssertEqual(kernel["data_offsets"] as? [Int], [0, 24])
        XCTAssertEqual((header["enc/bias"] as! [String: Any])["data_offsets"] as? [Int], [24, 28])
        XCTAssertEqual(bytes.count, 8 + headerLength + 28)
        // Little-endian 1.0f is 00 00 80 3F.
        XCTAssertEqual(Array(bytes[(8 + headerLength)..<(12 + headerLength)]), [0, 0, 0x80, 0x3F])

        let (tensors, metadata) = try SafeTensors.decode(bytes, path: "m.safetensors")
        XCTAssertEqual(tensors["enc/kernel"]?.values, a)
        XCTAssertEqual(tensors["enc/bias"]?.shape, [1])
        XCTAssertEqual(metadata["format"], "aelab")
    }

    func testDecodeRejectsTruncatedFiles() {
        let bytes = [Float](repeating: 1, count: 4).withUnsafeBufferPointer { SafeTensors.encode([("w", [4], $0)]) }
        XCTAssertThrowsError(try SafeTensors.decode(Array(bytes.dropLast(4)), path: "w.safetensors")) {
            XCTAssertTrue("\($0)".hasPrefix("w.safetensors: tensor 'w'"), "\($0)")
        }
        XCTAssertThrowsError(try SafeTensors.decode([1, 2, 3], path: "tiny")) { XCTAssertTrue("\($0)".contains("too short")) }
    }

    /// A header whose sizes are negative or whose product overflows is refused in words, before
    /// anything is allocated (`[2^62]` used to trap multiplying, `[-1]` allocating).
    func testNegativeAndHugeShapesInTheHeaderAreRefused() {
        func file(shape: String, offsets: String = "[0,4]") -> [UInt8] {
            var header = Array("{\"w\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":\(offsets)}}".utf8)
            while header.count % 8 != 0 { header.append(0x20) }
            return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header + [0, 0, 0x80, 0x3F]
        }
        func refusal(_ bytes: [UInt8]) -> String {
            do { _ = try SafeTensors.decode(bytes, path: "w.safetensors"); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal(file(shape: "[-1]")), "w.safetensors: tensor 'w' has shape [-1]; sizes cannot be negative")
        XCTAssertEqual(refusal(file(shape: "[-1,-1]")), "w.safetensors: tensor 'w' has shape [-1, -1]; sizes cannot be negative")
        XCTAssertEqual(refusal(file(shape: "[4611686018427387904]")), "w.safetensors: tensor 'w' has shape [4611686018427387904], more values than the file's 4 bytes of data hold")
        XCTAssertTrue(refusal(file(shape: "[2147483648,2147483648,4]")).contains("more values than the file's 4 bytes"))
        XCTAssertTrue(refusal(file(shape: "[1]", offsets: "[4,0]")).contains("byte range [4, 0]"))
        // The same file with a sane shape reads: one value, 1.0.
        XCTAssertEqual(try SafeTensors.decode(file(shape: "[1]"), path: "w").tensors["w"]?.values, [1])
    }
}
