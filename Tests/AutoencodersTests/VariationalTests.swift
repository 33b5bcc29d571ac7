import Foundation
@testable import Autoencoders
import Tensors
import TestSupport
import XCTest

/// The VAE's reparameterisation, written once in `Variational.sample`: its values, its noise
/// and its gradients.
final class VariationalTests: XCTestCase {
    func testASampleIsMeanPlusSigmaTimesEpsilonDrawnLikeFillNormal() {
        // log σ² = 2 log 3 ⇒ σ = 3, so z = μ + 3ε.
        let mean = Tensor([1, -2, 0.5], shape: [1, 3])
        let logVariance = Tensor(repeating: 2 * Foundation.log(3), shape: [1, 3])
        var random = Random(seed: 5)
        let z = Variational.sample(mean: mean, logVariance: logVariance, epsilonStd: 0.5, random: &random)
        var same = Random(seed: 5)
        var epsilon = [Float](repeating: 0, count: 3)
        same.fillNormal(&epsilon, count: 3, std: 0.5)
        for i in 0..<3 { XCTAssertEqual(z.scalars[i], mean.scalars[i] + 3 * epsilon[i], accuracy: 1e-5) }
        // The same numbers were drawn, no more.
        XCTAssertEqual(random.next(), same.next())
    }

    func testGradientsReachMeanAndLogVariance() {
        let mean = randomTensor([3, 4], seed: 42)
        let logVariance = randomTensor([3, 4], seed: 43)
        checkGradients([mean, logVariance]) {
            var random = Random(seed: 44)   // the same ε on every evaluation
            return weightedSum(Variational.sample(mean: $0[0], logVariance: $0[1], epsilonStd: 1, random: &random))
        }
    }

    func testTheKLAgainstTheStandardNormalMatchesItsFormula() {
        // One example: μ = (1, 0), log σ² = (0, ln 2): −½[(1 + 0 − 1 − 1) + (1 + ln 2 − 0 − 2)] = ½(2 − ln 2).
        let kl = Variational.kl(mean: Tensor([1, 0], shape: [1, 2]), logVariance: Tensor([0, Float(Foundation.log(2.0))], shape: [1, 2]))
        XCTAssertEqual(Double(kl.item), 0.5 * (2 - Foundation.log(2.0)), accuracy: 1e-6)
    }
}
