@testable import Autoencoders
import Files
import Foundation
import Networks
import Tensors
import XCTest

final class CompressedImagesTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "aelab-aez-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// A 2×2-image model with a 3-value code, and the header and payload of two images.
    func sample(path: String? = nil, sha256: String? = nil) throws -> (Autoencoder, CompressedImages.Header, [UInt8]) {
        let model = try Autoencoder(try kind("ae", [("hidden", "4"), ("latent", "3")]), for: DataShape(example: [2, 2]))
        let header = CompressedImages.Header(
            images: .init(count: 2, height: 2, width: 2, source: "tiny test", checksum: "abc"),
            codes: .init(width: 3, bits: 8, minimums: [0, 0, -1], maximums: [1, 2, 1]),
            decoder: .init(model: model.description, layers: model.decoder.specs, path: path, sha256: sha256))
        return (model, header, [0, 128, 255, 1, 2, 3])
    }

    func testAFileReadsBackWithItsHeaderCodesAndDecoder() throws {
        let (model, header, payload) = try sample()
        let path = folder + "/t.aez"
        let written = try CompressedImages.write(header: header, payload: payload, decoder: model.decoder, to: path)
        let file = try CompressedImages.read(path)
        XCTAssertEqual(file.payload, payload)
        XCTAssertEqual(file.header.codes, header.codes)
        XCTAssertEqual(file.header.images, header.images)
        XCTAssertEqual(file.header.format, "aelab-compressed-images")
        XCTAssertEqual(file.header.version, 1)
        XCTAssertNotNil(file.header.decoder.embeddedBytes)
        // The decoder inside gives what the model's decoder gives.
        let z = Tensor([0.5, 1, 0, 0.1, 0.2, 0.3], shape: [2, 3])
        XCTAssertEqual(file.decoder.predict(z).scalars, model.decode(z).scalars)
        // signature + length + header + 6 payload bytes + weights + 32-byte SHA-256.
        XCTAssertEqual(written.bytes, try Data(contentsOf: URL(fileURLWithPath: path)).count)
    }

    func testTruncatedCorruptAndForeignFilesEachGetOneLine() throws {
        let (model, header, payload) = try sample()
        let bytes = try CompressedImages.encode(header: header, payload: payload, decoder: model.decoder)
        func message(_ data: [UInt8]) -> String {
            do { _ = try CompressedImages.decode(data, path: "x.aez"); return "read" } catch { return "\(error)" }
        }
        // Cut inside the length, inside the header, inside the codes, and just before the end.
        XCTAssertEqual(message(Array(bytes.prefix(10))), "x.aez: is truncated: it ends inside its header length, after 10 bytes")
        XCTAssertTrue(message(Array(bytes.prefix(40))).hasPrefix("x.aez: is truncated: its header promises"), message(Array(bytes.prefix(40))))
        XCTAssertEqual(message(Array(bytes.dropLast(1))), "x.aez: is truncated: its header describes \(bytes.count) bytes, the file has \(bytes.count - 1)")
        XCTAssertTrue(message(Array(bytes.dropLast(100))).hasPrefix("x.aez: is truncated"))
        // One changed bit in the codes: the SHA-256 at the end no longer matches.
        var flipped = bytes
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16
        flipped[12 + headerLength + 1] ^= 0x10
        XCTAssertEqual(message(flipped), "x.aez: is corrupt: the SHA-256 of its contents is not the one it ends with")
        XCTAssertEqual(message(bytes + [0]), "x.aez: is corrupt: it has 1 bytes after its end")
        XCTAssertEqual(message(Array("hello, not a file of codes".utf8)), "x.aez: is not an aelab compressed-images file (.aez): it does not start with the AEZ signature")
        XCTAssertEqual(message([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "x.aez: is not an aelab compressed-images file (.aez): it does not start with the AEZ signature")
        XCTAssertEqual(message(bytes), "read")
    }

    func testANewerVersionIsNamed() throws {
        let (model, header, payload) = try sample()
        var newer = header
        newer.version = 2
        let bytes = try CompressedImages.encode(header: newer, payload: payload, decoder: model.decoder)
        XCTAssertThrowsError(try CompressedImages.decode(bytes, path: "n.aez")) {
            XCTAssertEqual("\($0)", "n.aez: is aelab-compressed-images version 2; this aelab reads version 1")
        }
    }

    func testAReferredDecoderMustBeTheSameFileAsWhenTheCodesWereWritten() throws {
        let (model, _, payload) = try sample()
        let saved = folder + "/model"
        try Checkpoint.save(model, to: saved)
        let hash = SHA256.hex(try BoundedRead.bytes(saved + ".safetensors", limit: 1 << 24))
        let (_, header, _) = try sample(path: saved, sha256: hash)
        let path = folder + "/r.aez"
        let written = try CompressedImages.write(header: header, payload: payload, decoder: model.decoder, to: path)
        let file = try CompressedImages.read(path)
        XCTAssertNil(file.header.decoder.embeddedBytes)
        let z = Tensor([0.5, 1, 0], shape: [1, 3])
        XCTAssertEqual(file.decoder.predict(z).scalars, model.decode(z).scalars)
        // Without the weights inside, the file is far smaller than the embedding one.
        let (_, embedded, _) = try sample()
        XCTAssertLessThan(written.bytes, try CompressedImages.encode(header: embedded, payload: payload, decoder: model.decoder).count)
        // Another model saved over the same path is a different decoder.
        let other = try Autoencoder(try kind("ae", [("hidden", "4"), ("latent", "3"), ("seed", "9")]), for: DataShape(example: [2, 2]))
        try Checkpoint.save(other, to: saved)
        XCTAssertThrowsError(try CompressedImages.read(path)) {
            XCTAssertTrue("\($0)".hasPrefix("\(path): was made by a different decoder: \(saved).safetensors has changed since"), "\($0)")
        }
    }

    func testADecoderThatDoesNotDrawTheImagesIsRefused() throws {
        let (model, header, payload) = try sample()
        var wrong = header
        wrong.images.height = 3
        wrong.images.width = 3
        let bytes = try CompressedImages.encode(header: wrong, payload: payload, decoder: model.decoder)
        XCTAssertThrowsError(try CompressedImages.decode(bytes, path: "w.aez")) {
            XCTAssertEqual("\($0)", "w.aez: has a decoder that gives 4 values, not the 9 pixels of its images")
        }
    }
}
