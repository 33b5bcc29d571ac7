import CZlib
import Foundation
import XCTest
@testable import Rendering

/// PNGs that aelab did not write: built here byte by byte (chunks, CRCs, a stored zlib block) in the colour
/// types and depths other encoders use, then decoded by aelab.
final class ForeignPNGTests: XCTestCase {
    /// A PNG file from raw scanlines (filter byte 0 added here).
    private func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]], extra: [(String, [UInt8])] = []) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            return be32(UInt32(data.count)) + body + be32(crc)
        }
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let raw: [UInt8] = rows.flatMap { row -> [UInt8] in [UInt8(0)] + row }
        // A zlib stream with one stored (uncompressed) deflate block: no encoder involved at all.
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let length = UInt16(raw.count)
        var zlibStream: [UInt8] = [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8)]
        zlibStream += [UInt8(~length & 0xFF), UInt8(~length >> 8)]
        zlibStream += raw
        zlibStream += be32(b << 16 | a)
        let header = be32(UInt32(width)) + be32(UInt32(height)) + [bitDepth, colorType, 0, 0, 0]
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
        for (type, data) in extra { out += chunk(type, data) }
        return out + chunk("IDAT", zlibStream) + chunk("IEND", [])
    }

    func testPaletteImagesDecodeToTheirColours() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 0, 255]  // index 0 red, 1 blue
        let bytes = png(width: 2, height: 1, bitDepth: 8, colorType: 3, rows: [[0, 1]], extra: [("PLTE", palette)])
        let r = try PNGFile.decode(bytes)
        XCTAssertEqual(r.channels, 3)
        XCTAssertEqual(r.bytes, [255, 0, 0, 0, 0, 255])
    }

    func testSixteenBitGreyBecomesEightBit() throws {
        let bytes = png(width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0xFF, 0xFF, 0x00, 0x00]])
        let r = try PNGFile.decode(bytes)
        XCTAssertEqual(r.channels, 1)
        XCTAssertEqual(r.bytes, [255, 0])
    }

    func testSixteenBitMidGreyStaysMidGrey() throws {
        // 0x8080 / 257 = 128 and 0x4000 / 257 = 63.75 → 64. Read as linear light, libpng's
        // simplified API made them 186 and 136.
        let grey = try PNGFile.decode(png(width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0x80, 0x80, 0x40, 0x00]]))
        XCTAssertEqual(grey.bytes, [128, 64])
        let rgb = try PNGFile.decode(png(width: 1, height: 1, bitDepth: 16, colorType: 2, rows: [[0x80, 0x80, 0x40, 0x00, 0xFF, 0xFF]]))
        XCTAssertEqual(rgb.channels, 3)
        XCTAssertEqual(rgb.bytes, [128, 64, 255])
    }

    func testAlphaIsCompositedOnWhite() throws {
        // RGBA: opaque black, then fully transparent black (→ white).
        let bytes = png(width: 2, height: 1, bitDepth: 8, colorType: 6, rows: [[0, 0, 0, 255, 0, 0, 0, 0]])
        let r = try PNGFile.decode(bytes)
        XCTAssertEqual(r.bytes, [0, 0, 0, 255, 255, 255])
        // Grey + alpha: fully transparent black is white too.
        let ga = try PNGFile.decode(png(width: 1, height: 1, bitDepth: 8, colorType: 4, rows: [[0, 0]]))
        XCTAssertEqual(ga.bytes, [255])
    }

    func testCorruptAndHugeImagesGiveOneLineErrors() {
        var bytes = png(width: 2, height: 2, bitDepth: 8, colorType: 0, rows: [[1, 2], [3, 4]])
        bytes[bytes.count - 20] ^= 0xFF  // inside IDAT: its CRC no longer matches
        XCTAssertThrowsError(try PNGFile.decode(bytes, source: "bad.png")) { error in
            XCTAssertTrue("\(error)".contains("bad.png: "), "\(error)")
            XCTAssertFalse("\(error)".contains("\n"))
        }
        let huge = png(width: 100_000, height: 100_000, bitDepth: 8, colorType: 0, rows: [[0]])
        XCTAssertThrowsError(try PNGFile.decode(huge, source: "huge.png")) { XCTAssertTrue("\($0)".contains("huge.png: "), "\($0)") }
        XCTAssertThrowsError(try PNGFile.decode([1, 2, 3], source: "tiny.png")) { XCTAssertTrue("\($0)".contains("tiny.png: "), "\($0)") }
    }

    func testSizesAreCheckedFromTheHeaderBeforeDecoding() {
        // 16384² = 268,435,456 pixels: a small file that would decode to gigabytes.
        let big = png(width: 16384, height: 16384, bitDepth: 8, colorType: 0, rows: [[0]])
        XCTAssertThrowsError(try PNGFile.decode(big, source: "big.png")) { error in
            XCTAssertEqual("\(error)", "cannot decode PNG big.png: 16384×16384 is 268 megapixels; aelab reads PNGs of up to 50")
        }
        // Widths near 2³² must not overflow the product.
        var wide = png(width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[0]])
        for i in 16..<24 { wide[i] = 0xFF }
        XCTAssertThrowsError(try PNGFile.decode(wide, source: "wide.png")) { XCTAssertTrue("\($0)".contains("megapixels"), "\($0)") }
        XCTAssertThrowsError(try PNGFile.decode([], source: "empty.png")) { error in
            XCTAssertEqual("\(error)", "cannot decode PNG empty.png: the file is empty (0 bytes)")
        }
        XCTAssertThrowsError(try PNGFile.decode([0xFF, 0xD8, 0xFF, 0xE0], source: "photo.png")) { error in
            XCTAssertEqual("\(error)", "cannot decode PNG photo.png: this is a JPEG, not a PNG")
        }
        XCTAssertThrowsError(try PNGFile.decode(Array(big.prefix(20)), source: "cut.png")) { error in
            XCTAssertEqual("\(error)", "cannot decode PNG cut.png: cut off or damaged: no IHDR chunk after the signature (20 bytes)")
        }
    }

    func testAnEmptyFileSaysSo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-empty-\(getpid()).png").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try PNGFile.read(path)) { error in
            XCTAssertEqual("\(error)", "cannot decode PNG \(path): the file is empty (0 bytes)")
        }
    }
}
