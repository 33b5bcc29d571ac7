@testable import Datasets
import Foundation
import XCTest

final class IDXTests: XCTestCase {
    func testParsesBytesWithShape() throws {
        let bytes = IDXArray.encode(shape: [2, 2, 3], bytes: Array(0..<12))
        let array = try IDXArray.parse(bytes, path: "x")
        XCTAssertEqual(array.shape, [2, 2, 3])
        XCTAssertEqual(array.elements, .bytes(Array(0..<12)))
    }

    func testParsesBigEndianFloatsAndSignedIntegers() throws {
        // type 0x0D (float32), one axis of 2: 1.5 and -2.
        let bytes: [UInt8] = [0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3F, 0xC0, 0, 0, 0xC0, 0, 0, 0]
        XCTAssertEqual(try IDXArray.parse(bytes, path: "f").elements, .floats([1.5, -2]))
        // type 0x09 (signed byte): 0xFF is −1; type 0x0B (int16): 0xFF 0xFE is −2.
        XCTAssertEqual(try IDXArray.parse([0, 0, 0x09, 1, 0, 0, 0, 2, 0xFF, 0x01], path: "s").elements, .integers([-1, 1]))
        XCTAssertEqual(try IDXArray.parse([0, 0, 0x0B, 1, 0, 0, 0, 1, 0xFF, 0xFE], path: "s").elements, .integers([-2]))
        // 50,000,001 is not a Float (2²⁴ < it); integers keep it exact.
        XCTAssertEqual(try IDXArray.parse(IDXArray.encode(shape: [1], integers: [50_000_001]), path: "i").elements, .integers([50_000_001]))
    }

    func testRejectsBadMagicNumber() {
        XCTAssertThrowsError(try IDXArray.parse([1, 2, 8, 1, 0, 0, 0, 0], path: "bad.idx")) { error in
            XCTAssertTrue("\(error)".hasPrefix("bad.idx: not an IDX file"), "\(error)")
        }
    }

    func testRejectsTruncatedData() {
        var bytes = IDXArray.encode(shape: [10, 28, 28], bytes: [UInt8](repeating: 7, count: 7840))
        bytes.removeLast(100)
        XCTAssertThrowsError(try IDXArray.parse(bytes, path: "t.idx")) { error in
            XCTAssertEqual(error as? DataError, .truncated("t.idx", expectedBytes: 7840, actualBytes: 7740))
        }
    }

    func testRejectsSizesThatOverflowOrPassTheLimitBeforeAllocating() {
        // 0xFFFFFFFF³ overflows 64 bits.
        let overflow: [UInt8] = [0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12)
        XCTAssertThrowsError(try IDXArray.parse(overflow, path: "huge")) {
            XCTAssertTrue("\($0)".hasPrefix("huge: too large, the header promises 4294967295×4294967295×4294967295 elements"), "\($0)")
        }
        // 65536 × 65536 floats = 16 GiB: no overflow, but past the 1 GiB limit.
        let big: [UInt8] = [0, 0, 0x0D, 2, 0, 1, 0, 0, 0, 1, 0, 0]
        XCTAssertThrowsError(try IDXArray.parse(big, path: "big")) { XCTAssertTrue("\($0)".contains("65536×65536 elements of 4 bytes"), "\($0)") }
    }

    func testRejectsDataBeyondWhatTheHeaderPromises() {
        let bytes = IDXArray.encode(shape: [2, 2], bytes: [1, 2, 3, 4]) + [5]
        XCTAssertThrowsError(try IDXArray.parse(bytes, path: "long")) {
            XCTAssertEqual("\($0)", "long: too large, more data follows the 4 bytes its header (2×2) promises; the file is damaged or not what it seems")
        }
    }

    func testReadsGzipAndReportsCorruptAndTruncatedGzip() throws {
        let dir = try TemporaryFolder()
        try dir.write("a.idx", IDXArray.encode(shape: [3, 4], bytes: Array(0..<12)))
        let gz = try dir.gzip("a.idx")
        XCTAssertEqual(try IDXArray.read(gz).elements, .bytes(Array(0..<12)))
        XCTAssertEqual(try IDXArray.read(dir.path + "/a.idx").elements, .bytes(Array(0..<12)))

        var compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: gz)))
        let cut = try dir.write("cut.gz", Array(compressed.prefix(compressed.count / 2)))
        XCTAssertThrowsError(try IDXArray.read(cut)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }

        for i in 12..<compressed.count - 8 { compressed[i] ^= 0x5A }
        let corrupt = try dir.write("corrupt.gz", compressed)
        XCTAssertThrowsError(try IDXArray.read(corrupt)) { XCTAssertTrue("\($0)".contains("corrupt gzip"), "\($0)") }

        XCTAssertThrowsError(try IDXArray.read(dir.path + "/missing")) { XCTAssertTrue("\($0)".hasSuffix("no such file")) }
    }

    func testAcceptsGzipWithTrailingZeroPaddingAndConcatenatedMembers() throws {
        let dir = try TemporaryFolder()
        try dir.write("a.idx", IDXArray.encode(shape: [3, 4], bytes: Array(0..<12)))
        let member = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.gzip("a.idx"))))
        // `gzip -t` accepts zero padding after the data ("trailing zero bytes ignored").
        let padded = try dir.write("padded.gz", member + [UInt8](repeating: 0, count: 512))
        XCTAssertEqual(try IDXArray.read(padded).elements, .bytes(Array(0..<12)))
        // The same IDX split across two members (`cat a.gz b.gz`) is one stream.
        let raw = IDXArray.encode(shape: [3, 4], bytes: Array(0..<12))
        try dir.write("head", Array(raw.prefix(10)))
        try dir.write("tail", Array(raw.dropFirst(10)))
        let two = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.gzip("head")))) + [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.gzip("tail"))))
        XCTAssertEqual(try IDXArray.read(dir.write("two.gz", two)).elements, .bytes(Array(0..<12)))
        // Anything else after the data is named.
        XCTAssertThrowsError(try IDXArray.read(dir.write("junk.gz", member + [1, 2, 3]))) {
            XCTAssertTrue("\($0)".contains("3 bytes after the end of the compressed data are neither gzip nor zero padding"), "\($0)")
        }
    }

    func testAGzipBombStopsWhereTheHeaderSaysTheDataEnds() throws {
        // 10 images of 28×28 promised, followed by 5 GiB of zeros in 5,120 gzip members of 1 MiB
        // each (about 5 MB on disk): reading must stop after the 7,840 promised bytes.
        let dir = try TemporaryFolder()
        try dir.write("idx", IDXArray.encode(shape: [10, 28, 28], bytes: [UInt8](repeating: 1, count: 7840)))
        try dir.write("zeros", [UInt8](repeating: 0, count: 1 << 20))
        let head = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.gzip("idx"))))
        let mebibyte = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.gzip("zeros"))))
        var bomb = head
        bomb.reserveCapacity(head.count + 5120 * mebibyte.count)
        for _ in 0..<5120 { bomb += mebibyte }
        let source = try ByteSource(bytes: bomb, path: "bomb.gz")
        XCTAssertThrowsError(try IDXArray.read(from: source)) {
            XCTAssertTrue("\($0)".hasPrefix("bomb.gz: too large, more data follows the 7840 bytes its header (10×28×28) promises"), "\($0)")
        }
        // Header (16) + data (7840) + the one byte that showed more follows.
        XCTAssertEqual(source.producedBytes, 16 + 7840 + 1)
    }

    func testReadAllRefusesMoreThanItsLimitWithoutInflatingEverything() throws {
        let dir = try TemporaryFolder()
        try dir.write("zeros", [UInt8](repeating: 0, count: 1 << 20))
        let source = try ByteSource(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.gzip("zeros")))), path: "z.gz")
        XCTAssertThrowsError(try source.readAll(limit: 1000)) { XCTAssertEqual("\($0)", "z.gz: too large, it holds more than 1000 bytes once inflated") }
        XCTAssertEqual(source.producedBytes, 1001)
    }
}
