@testable import Analysis
import Tensors
import XCTest

final class SampledNeighboursTests: XCTestCase {
    func testCountsThePairsWithinTheThreshold() throws {
        let query = Tensor([1, 0, 0, 1], shape: [2, 2])
        // Item 0: both samples along x; item 1: one along y, one at 45°.
        let references = Tensor([1, 0, 2, 0, 0, 1, 1, 1], shape: [2, 2, 2])
        // Within 0.5: x–x twice for item 0; for item 1, x–45° (1 − 1/√2 ≈ 0.29), y–y and y–45°.
        XCTAssertEqual(try SampledSimilarity.closePairCounts(query: query, references: references, threshold: 0.5), [2, 3])
        XCTAssertEqual(try SampledSimilarity.closePairCounts(query: query, references: references, threshold: 0.2), [2, 1])
        XCTAssertEqual(try SampledSimilarity.closePairCounts(query: query, references: references, threshold: 2), [4, 4])
    }

    func testRefusesMismatchedShapesAndThresholds() {
        let references = Tensor([1, 0, 2, 0, 0, 1, 1, 1], shape: [2, 2, 2])
        XCTAssertThrowsError(try SampledSimilarity.closePairCounts(query: Tensor([1, 0, 0], shape: [1, 3]), references: references, threshold: 0.5))
        XCTAssertThrowsError(try SampledSimilarity.closePairCounts(query: Tensor([1, 0, 0, 1], shape: [2, 2]), references: references, threshold: 3)) {
            XCTAssertEqual("\($0)", "a cosine-distance threshold must lie in 0…2, not 3.0")
        }
    }
}
