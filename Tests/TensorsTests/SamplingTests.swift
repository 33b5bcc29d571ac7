import Foundation
import XCTest
@testable import Tensors
import TestSupport

/// The VAE's reparameterisation: its values, its noise, and its gradients.
final class SamplingTests: XCTestCase {
    func testGaussianSampleIsMeanPlusSigmaTimesEpsilon() {
        // log σ² = 2 log 3 ⇒ σ = 3, so z = μ + 3ε.
        let mean = Tensor([1, -2, 0.5], shape: [1, 3])
        let logVariance = Tensor(repeating: 2 * Foundation.log(3), shape: [1, 3])
        var random = Random(seed: 5)
        let z = Tensor.gaussianSample(mean: mean, logVariance: logVariance, epsilonStd: 0.5, random: &random)
        var same = Random(seed: 5)
        var epsilon = [Float](repeating: 0, count: 3)
        same.fillNormal(&epsilon, count: 3, std: 0.5)
        for i in 0..<3 { XCTAssertEqual(z.scalars[i], mean.scalars[i] + 3 * epsilon[i], accuracy: 1e-5) }
    }

    func testGaussianSampleEqualsTheComposedOpsBitForBitAndDrawsLikeFillNormal() {
        // 15 elements (not a multiple of 8), an odd count for Box–Muller's pairs.
        let mean = randomTensor([3, 5], seed: 1, low: -2, high: 2)
        let logVariance = randomTensor([3, 5], seed: 2, low: -3, high: 1)
        var random = Random(seed: 3)
        let z = Tensor.gaussianSample(mean: mean, logVariance: logVariance, epsilonStd: 0.7, random: &random)

        var same = Random(seed: 3)
        let epsilon = Tensor(uninitialized: mean.shape)
        same.fillNormal(epsilon.data, count: epsilon.count, std: 0.7)
        let composed = mean + (logVariance * 0.5).exp() * epsilon
        XCTAssertEqual(z.scalars, composed.scalars)
        // Both generators are left in the same state: the same numbers were drawn, no more.
        XCTAssertEqual(random.normal(), same.normal())
        XCTAssertEqual(random.next(), same.next())

        // ∂/∂μ = g exactly; ∂/∂log σ² = ½·σ·ε·g, as the composed ops give it (to rounding).
        let w = constant([3, 5], seed: 4, low: -1, high: 1)
        (z * w).sum().backward()
        let (dMean, dLogVariance) = (mean.gradScalars!, logVariance.gradScalars!)
        (composed * w).sum().backward()
        XCTAssertEqual(dMean, w.scalars)
        XCTAssertEqual(mean.gradScalars!, w.scalars)
        for i in 0..<15 {
            let sigma = Foundation.exp(0.5 * Double(logVariance.data[i]))
            let expected = 0.5 * sigma * Double(epsilon.data[i]) * Double(w.data[i])
            XCTAssertEqual(Double(dLogVariance[i]), expected, accuracy: 1e-6 * max(1, Swift.abs(expected)))
            XCTAssertEqual(dLogVariance[i], logVariance.gradScalars![i], accuracy: 1e-6)
        }
    }

    func testGaussianSampleGradientsReachMeanAndLogVariance() {
        let mean = randomTensor([3, 4], seed: 42)
        let logVariance = randomTensor([3, 4], seed: 43)
        checkGradients([mean, logVariance]) {
            var random = Random(seed: 44)   // the same ε on every evaluation
            return weightedSum(Tensor.gaussianSample(mean: $0[0], logVariance: $0[1], epsilonStd: 1, random: &random))
        }
    }
}
