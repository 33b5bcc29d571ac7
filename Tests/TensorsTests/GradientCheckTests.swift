import XCTest
@testable import Tensors
import TestSupport

/// The finite-difference check itself: it must fail a wrong gradient, not only pass right ones.
final class GradientCheckTests: XCTestCase {
    /// x², recorded with a backward that forgets the factor 2.
    private func squareMissingAFactor(_ x: Tensor) -> Tensor {
        let out = Tensor(x.scalars.map { $0 * $0 }, shape: x.shape)
        return Tensor.record(out, op: "wrong_square", inputs: [x]) { out in
            let dx = x.gradAccumulator(), g = out.grad!
            for i in 0..<x.count { dx[i] += g[i] * x.data[i] }
        }
    }

    func testCheckFindsEveryElementOfAGradientMissingAFactorOfTwo() {
        // d/dx Σ x² = 2x; the wrong op gives x, off by x ≥ 0.5 — far outside the tolerance.
        let x = randomTensor([4], seed: 1, low: 0.5, high: 1)
        let mismatches = gradientMismatches([x]) { squareMissingAFactor($0[0]).sum() }
        XCTAssertEqual(mismatches.map(\.element), [0, 1, 2, 3])
        for m in mismatches { XCTAssertEqual(m.numeric, 2 * m.autodiff!, accuracy: 1e-2 * m.numeric) }
        XCTAssertTrue(gradientMismatches([x]) { $0[0].squared().sum() }.isEmpty)
    }

    func testCheckReportsAnInputNoGradientReaches() {
        let used = randomTensor([3], seed: 2), unused = randomTensor([2], seed: 3)
        let mismatches = gradientMismatches([used, unused]) { _ in used.squared().sum() }
        XCTAssertEqual(mismatches.count, 1)
        XCTAssertEqual(mismatches.first?.input, 1)
        XCTAssertNil(mismatches.first?.autodiff)
    }
}
