import Foundation
@testable import Notebook
import XCTest

final class CompressionTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "aelab-compress-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func kernel() throws -> Kernel {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=300 test=100")
        _ = try kernel.execute("model ae hidden=32 latent=4 seed=1")
        _ = try kernel.execute("train epochs=2 lr=0.003 validate=no")
        return kernel
    }

    func testCompressedImagesDecompressToTheSamePSNRAndCountTheirBytes() throws {
        let kernel = try kernel()
        let path = dir + "/t.aez"
        let compressed = try XCTUnwrap(kernel.execute("compress \(path) bits=8")).metrics
        // 4 codes of one byte an image, plus a table of 4 × (min, max) Float32 shared by 100 images.
        XCTAssertEqual(compressed["bytes_per_image"]!, 4 + 32.0 / 100, accuracy: 1e-12)
        XCTAssertEqual(compressed["ratio_raw"]!, 784 / 4.32, accuracy: 1e-9)
        XCTAssertEqual(compressed["ratio_gzip"]!, compressed["gzip_bytes_per_image"]! / 4.32, accuracy: 1e-9)
        XCTAssertNotNil(compressed["pca_psnr_db"])
        XCTAssertGreaterThan(compressed["psnr_db"]!, 5)
        let sixteen = try XCTUnwrap(kernel.execute("compress \(dir)/t16.aez bits=16")).metrics
        XCTAssertEqual(sixteen["bytes_per_image"]!, 8 + 32.0 / 100, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(sixteen["psnr_db"]!, compressed["psnr_db"]! - 0.01, "finer steps rebuild at least as well")

        let rebuilt = try XCTUnwrap(kernel.execute("decompress \(path)")).metrics
        XCTAssertEqual(rebuilt["psnr_db"]!, compressed["psnr_db"]!, accuracy: 1e-6)
        XCTAssertEqual(rebuilt["images"], 100)
        // The file is enough on its own: a fresh notebook with no data or model rebuilds the images.
        let fresh = try XCTUnwrap(Kernel().execute("decompress \(path)"))
        XCTAssertNil(fresh.metrics["psnr_db"])
        XCTAssertTrue(fresh.output.contains { $0.contains("nothing to compare with") }, "\(fresh.output)")
    }

    func testTheRateDistortionChartGrowsWithEachCodeWidth() throws {
        let kernel = try kernel()
        _ = try kernel.execute("compress \(dir)/a.aez")
        _ = try kernel.execute("model ae hidden=32 latent=8 seed=1")
        _ = try kernel.execute("train epochs=1 validate=no")
        _ = try kernel.execute("compress \(dir)/b.aez")
        guard case .chart(let chart) = kernel.pictures["compress"] else { return XCTFail("no chart") }
        XCTAssertEqual(chart.series.map(\.name), ["aelab", "PCA"])
        // Two widths, 4 and 8 codes: x is bytes per image, the same for the autoencoder and PCA.
        XCTAssertEqual(chart.series[0].xs!, [4.32, 8.64], accuracy: 1e-9)
        XCTAssertEqual(chart.series[1].xs!, chart.series[0].xs!)
    }

    func testBadFilesAndModelsAreRefusedInOneLine() throws {
        let kernel = try kernel()
        XCTAssertThrowsError(try kernel.execute("compress \(dir)/t.bin")) { XCTAssertEqual("\($0)", "compress: '\(dir)/t.bin' should end in .aez") }
        XCTAssertThrowsError(try kernel.execute("compress \(dir)/t.aez bits=12")) { XCTAssertTrue("\($0)".hasPrefix("compress: option 'bits'"), "\($0)") }
        let path = dir + "/t.aez"
        _ = try kernel.execute("compress \(path)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try kernel.execute("decompress \(path)")) {
            XCTAssertTrue("\($0)".hasPrefix("decompress: \(path): is truncated: its header describes"), "\($0)")
        }
        try Data("P1\n1 1\n0\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try kernel.execute("decompress \(path)")) { XCTAssertTrue("\($0)".contains("is not an aelab compressed-images file"), "\($0)") }
        XCTAssertThrowsError(try kernel.execute("decompress \(dir)/missing.aez")) { XCTAssertEqual("\($0)", "decompress: \(dir)/missing.aez: no such file or folder") }
        // A decoder named by path must be the current model's, and must not change afterwards.
        let saved = dir + "/m"
        XCTAssertThrowsError(try kernel.execute("compress \(path) decoder=\(saved)")) { XCTAssertTrue("\($0)".hasPrefix("compress: option 'decoder' names no saved model"), "\($0)") }
        _ = try kernel.execute("save \(saved)")
        _ = try kernel.execute("compress \(path) decoder=\(saved)")
        _ = try kernel.execute("model ae hidden=32 latent=4 seed=2")
        XCTAssertThrowsError(try kernel.execute("compress \(dir)/u.aez decoder=\(saved)")) {
            XCTAssertTrue("\($0)".contains("whose decoder is not the current model's"), "\($0)")
        }
        _ = try kernel.execute("save \(saved)")
        XCTAssertThrowsError(try kernel.execute("decompress \(path)")) { XCTAssertTrue("\($0)".contains("was made by a different decoder"), "\($0)") }
        // A translator does not give its input back, so its codes compress nothing.
        _ = try kernel.execute("model translate hidden=16 latent=4")
        XCTAssertThrowsError(try kernel.execute("compress \(path)")) {
            XCTAssertEqual("\($0)", "compress: needs a model that reconstructs its input; this translate model draws rot90 of it")
        }
    }
}

func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
