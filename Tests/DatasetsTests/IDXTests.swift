@testable import Datasets
import Foundation
import XCTest

final class IDXTests: XCTestCase {
    func testParsesBytesWithShape() throws {
        let bytes = IDXArray.encode(shape: [2, 2, 3], bytes: Array(0..<12))
        let array = try IDXArray.parse(bytes, path: "x")
        XCTAssertEqual(array.shape, [2, 2, 3])
        XCTAssertEqual(array.bytes, Array(0..<12))
    }

    func testParsesBigEndianFloats() throws {
        // type 0x0D (float32), one axis of 2: 1.5 and -2.
        let bytes: [UInt8] = [0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3F, 0xC0, 0, 0, 0xC0, 0, 0, 0]
        XCTAssertEqual(try IDXArray.parse(bytes, path: "f").floats, [1.5, -2])
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

    func testRejectsImplausibleSizes() {
        let bytes: [UInt8] = [0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        XCTAssertThrowsError(try IDXArray.parse(bytes, path: "huge")) { XCTAssertTrue("\($0)".contains("implausibly large")) }
    }

    func testReadsGzipAndReportsCorruptAndTruncatedGzip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-idx-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = IDXArray.encode(shape: [3, 4], bytes: Array(0..<12))
        let plain = dir.appendingPathComponent("a.idx")
        try Data(raw).write(to: plain)
        let gz = dir.appendingPathComponent("a.idx.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain.path]
        try gzip.run(); gzip.waitUntilExit()
        XCTAssertEqual(try IDXArray.read(gz.path).bytes, Array(0..<12))
        XCTAssertEqual(try IDXArray.read(plain.path).bytes, Array(0..<12))

        var compressed = try [UInt8](Data(contentsOf: gz))
        let cut = dir.appendingPathComponent("cut.gz")
        try Data(compressed.prefix(compressed.count / 2)).write(to: cut)
        XCTAssertThrowsError(try IDXArray.read(cut.path)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }

        for i in 12..<compressed.count - 8 { compressed[i] ^= 0x5A }
        let corrupt = dir.appendingPathComponent("corrupt.gz")
        try Data(compressed).write(to: corrupt)
        XCTAssertThrowsError(try IDXArray.read(corrupt.path)) { XCTAssertTrue("\($0)".contains("corrupt gzip"), "\($0)") }

        XCTAssertThrowsError(try IDXArray.read(dir.appendingPathComponent("missing").path)) { XCTAssertTrue("\($0)".hasSuffix("no such file")) }
    }
}
