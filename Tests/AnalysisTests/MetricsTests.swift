import Analysis
import Tensors
import XCTest

final class MetricsTests: XCTestCase {
    func testROCAUCCountsPairsAndHalvesTies() throws {
        // scikit-learn's roc_auc_score example: of the 4 positive/negative pairs, 3 are ordered right.
        XCTAssertEqual(try Metrics.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], positives: [false, false, true, true]), 0.75)
        // Positives 0.5 and 0.9 against negatives 0.5 and 0.5: two ties (½ each) and two wins: 3/4.
        XCTAssertEqual(try Metrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.9], positives: [false, true, false, true]), 0.75)
        XCTAssertEqual(try Metrics.rocAUC(scores: [3, 3, 3], positives: [true, false, false]), 0.5, "all tied")
        XCTAssertEqual(try Metrics.rocAUC(scores: [0, 1, 2], positives: [true, false, false]), 0, "every pair reversed")
        XCTAssertThrowsError(try Metrics.rocAUC(scores: [1, 2], positives: [true, true]))
        XCTAssertThrowsError(try Metrics.rocAUC(scores: [1, 2], positives: [true]))
        XCTAssertThrowsError(try Metrics.rocAUC(scores: [1, .nan], positives: [true, false]))
    }

    func testPSNRAndMeanSquaredError() throws {
        // Errors 0.1 and 0.3 on two values: MSE (0.01 + 0.09)/2 = 0.05; PSNR 10·log₁₀(1/0.05) = 13.0103 dB.
        let a = Tensor([0.5, 0.2], shape: [1, 2]), b = Tensor([0.6, 0.5], shape: [1, 2])
        XCTAssertEqual(try Metrics.meanSquaredError(a, b), 0.05, accuracy: 1e-7)
        XCTAssertEqual(try Metrics.psnr(a, b), 13.0103, accuracy: 1e-4)
        XCTAssertEqual(try Metrics.psnr(a, b, peak: 255), 13.0103 + 20 * log10(255), accuracy: 1e-4)
        XCTAssertEqual(try Metrics.psnr(a, a), .infinity)
        // Rows with MSE 0.01 and 0.0001: 20 dB and 40 dB each.
        let perRow = try Metrics.psnrPerRow(Tensor([0, 0, 0, 0], shape: [2, 2]), Tensor([0.1, 0.1, 0.01, 0.01], shape: [2, 2]))
        XCTAssertEqual(perRow[0], 20, accuracy: 1e-4)
        XCTAssertEqual(perRow[1], 40, accuracy: 1e-3)
        XCTAssertThrowsError(try Metrics.meanSquaredError(a, Tensor([1], shape: [1, 1])))
        XCTAssertEqual(try Metrics.accuracy(predicted: [1, 2, 3, 4], labels: [1, 2, 0, 4]), 0.75)
    }

    func testQuantisationRoundTripsWithinHalfAStepAndCountsBytes() throws {
        // Column 0 spans 0…255 (steps of 1 at 8 bits); column 1 is constant; column 2 spans −1…1.
        let x = Tensor([0, 5, -1, 255, 5, 1, 100.4, 5, 0.3], shape: [3, 3])
        let q8 = try Quantizer(fitting: x, bits: 8)
        let codes = try q8.encode(x)
        XCTAssertEqual(codes.payload, [0, 0, 0, 255, 0, 255, 100, 0, 166], "0.3 → (1.3/2)·255 = 165.75 → 166")
        XCTAssertEqual(codes.payloadBytes, 9)
        XCTAssertEqual(codes.tableBytes, 24)
        XCTAssertEqual(codes.float32Bytes, 36)
        let back = try q8.decode(codes)
        XCTAssertEqual(back.scalars[0..<6], [0, 5, -1, 255, 5, 1])
        XCTAssertEqual(back.data[6], 100, accuracy: 1e-4)
        XCTAssertEqual(back.data[8], -1 + 166 * 2 / 255, accuracy: 1e-6)
        // 16 bits: two bytes a value, little-endian; the half-step error bound is 1/65535 for −1…1.
        let q16 = try Quantizer(fitting: x, bits: 16)
        let wide = try q16.encode(x)
        XCTAssertEqual(wide.payloadBytes, 18)
        XCTAssertEqual(Array(wide.payload[6..<8]), [0xFF, 0xFF], "255 is the top of its column")
        let back16 = try q16.decode(wide)
        XCTAssertEqual(back16.data[8], 0.3, accuracy: 1 / 65535)
        // Values outside the fitted range are clamped to it.
        XCTAssertEqual(try q8.decode(q8.encode(Tensor([300, 5, -7], shape: [1, 3]))).scalars, [255, 5, -1])
        XCTAssertThrowsError(try Quantizer(fitting: x, bits: 12))
        XCTAssertThrowsError(try q8.encode(Tensor(zeros: [1, 2])))
        XCTAssertThrowsError(try q8.decode(wide))
    }
}
