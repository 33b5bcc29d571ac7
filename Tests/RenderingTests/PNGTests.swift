import CZlib
import Foundation
import XCTest
@testable import Rendering

/// PNG round trips, checked both through libpng and through a small parser of our own, so the
/// encoder is not trusted to check itself.
final class PNGTests: XCTestCase {
    func testGreyRoundTripKeepsPixels() throws {
        let bytes: [UInt8] = (0..<35).map { (i: Int) -> UInt8 in UInt8((i * 37) % 256) }
        let raster = Raster(width: 7, height: 5, channels: 1, bytes: bytes)!
        let png = try PNGFile.encode(raster)
        XCTAssertEqual(try PNGFile.decode(png), raster)
        let parsed = try MinimalPNG(png)
        XCTAssertEqual(parsed.width, 7)
        XCTAssertEqual(parsed.height, 5)
        XCTAssertEqual(parsed.colorType, 0)
        XCTAssertEqual(parsed.pixels, bytes)
        XCTAssertEqual(parsed.text, ["Software": "aelab"])
    }

    func testRGBRoundTripAndTextChunks() throws {
        let bytes: [UInt8] = (0..<108).map { (i: Int) -> UInt8 in UInt8((i * 53 + 11) % 256) }
        let raster = Raster(width: 9, height: 4, channels: 3, bytes: bytes)!
        let png = try PNGFile.encode(raster, text: [("Software", "aelab"), ("Title", "784→64→2, μ and log σ²"),
                                                    ("  Model   σ ", "vae")])
        XCTAssertEqual(try PNGFile.decode(png).bytes, bytes)
        let parsed = try MinimalPNG(png)
        XCTAssertEqual(parsed.colorType, 2)
        XCTAssertEqual(parsed.pixels, bytes)
        XCTAssertEqual(parsed.text["Software"], "aelab")
        XCTAssertEqual(parsed.text["Title"], "784→64→2, μ and log σ²", "UTF-8 text survives in iTXt")
        XCTAssertEqual(parsed.text["Model ?"], "vae", "keywords: spaces collapsed and trimmed, non-Latin-1 as ?")
        XCTAssertEqual(parsed.chunkTypes.prefix(4), ["IHDR", "iTXt", "iTXt", "iTXt"])
        // Keyword NUL, compression flag 0 and method 0, empty language tag and translated keyword.
        let title = try XCTUnwrap(png.firstRange(of: Array("iTXtTitle".utf8)))
        XCTAssertEqual(Array(png[title.upperBound..<(title.upperBound + 5)]), [0, 0, 0, 0, 0])
    }

    func testWriteIsAtomicAndReadsBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-png-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.png").path
        let raster = Raster(width: 3, height: 2, channels: 3, fill: 0.5)
        try PNGFile.write(raster, to: path, text: [("Title", "grey")])
        XCTAssertEqual(try PNGFile.read(path), Raster(width: 3, height: 2, channels: 3, bytes: [UInt8](repeating: 128, count: 18))!)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["x.png"])
    }

    func testErrorsNameTheProblem() {
        // The message names the folder in the way, never a temporary file.
        XCTAssertThrowsError(try PNGFile.write(Raster(width: 1, height: 1), to: "/dev/null/x.png")) { error in
            XCTAssertEqual("\(error)", "cannot write /dev/null: is a file, not a folder")
        }
        XCTAssertThrowsError(try PNGFile.decode([1, 2, 3], source: "bad.png")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot decode PNG bad.png"))
        }
        XCTAssertThrowsError(try PNGFile.encode(Raster(width: 0, height: 3)))
        XCTAssertThrowsError(try PNGFile.read("/nonexistent-dir/y.png"))
    }

    func testExportedPicturesDecode() throws {
        let chart = LineChart(series: [.init(name: "loss", values: (0..<50).map { exp(-Double($0) / 10) })])
        let picture = chartPNG(chart, width: 320, height: 200)
        XCTAssertEqual(picture.channels, 3)
        let parsed = try MinimalPNG(try PNGFile.encode(picture))
        XCTAssertEqual(parsed.width, 320)
        XCTAssertTrue(parsed.pixels.contains(0xFF))
    }
}

/// Just enough PNG reading to check the encoder: chunk walk with CRC checks, zlib inflate, and
/// the five scanline filters, for 8-bit grey and RGB without interlacing.
struct MinimalPNG {
    struct Failure: Error { let what: String }

    var width = 0, height = 0, colorType = 0
    var pixels: [UInt8] = []
    var text: [String: String] = [:]
    var chunkTypes: [String] = []

    init(_ png: [UInt8]) throws {
        guard png.starts(with: [137, 80, 78, 71, 13, 10, 26, 10]) else { throw Failure(what: "signature") }
        func u32(_ i: Int) -> Int { Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        var offset = 8, idat: [UInt8] = []
        while offset + 12 <= png.count {
            let length = u32(offset)
            guard offset + 12 + length <= png.count else { throw Failure(what: "truncated chunk") }
            let body = Array(png[(offset + 4)..<(offset + 8 + length)])
            let crc = body.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, UInt32($0.count))) }
            guard crc == u32(offset + 8 + length) else { throw Failure(what: "CRC") }
            let type = String(decoding: body[0..<4], as: UTF8.self), data = Array(body[4...])
            chunkTypes.append(type)
            switch type {
            case "IHDR":
                width = u32(offset + 8); height = u32(offset + 12)
                colorType = Int(data[9])
                guard data[8] == 8, data[12] == 0 else { throw Failure(what: "only 8-bit, not interlaced") }
            case "tEXt":
                let nul = data.firstIndex(of: 0)!
                text[String(decoding: data[..<nul], as: UTF8.self)] = String(decoding: data[(nul + 1)...], as: UTF8.self)
            case "iTXt":
                // keyword NUL, compression flag and method, language NUL, translated keyword NUL, UTF-8 text.
                let nul = data.firstIndex(of: 0)!
                guard data[nul + 1] == 0, data[nul + 2] == 0 else { throw Failure(what: "compressed iTXt") }
                let language = data[(nul + 3)...].firstIndex(of: 0)!
                let translated = data[(language + 1)...].firstIndex(of: 0)!
                text[String(decoding: data[..<nul], as: UTF8.self)] = String(decoding: data[(translated + 1)...], as: UTF8.self)
            case "IDAT": idat += data
            default: break
            }
            offset += 12 + length
        }
        guard chunkTypes.last == "IEND" else { throw Failure(what: "no IEND") }
        let channels = colorType == 2 ? 3 : 1
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        guard uncompress(&raw, &rawLength, idat, uLong(idat.count)) == Z_OK, rawLength == raw.count else {
            throw Failure(what: "inflate")
        }
        pixels = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(what: "filter \(filter)")
                }
                pixels[y * stride + x] = UInt8((v + predictor) & 0xFF)
            }
        }
    }
}
