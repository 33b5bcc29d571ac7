@testable import Networks
import Tensors
import XCTest

final class OptimizerTests: XCTestCase {
    /// A parameter whose gradient is set by hand through a loss of g·p.
    private func step(_ optimizer: Optimizer, _ p: Tensor, gradient: Float) {
        (p * gradient).sum().backward()
        optimizer.step([p])
    }

    func testAdamStepsMatchHandComputedValues() {
        // Step 1: m = 0.05, v = 0.00025, α = 0.1·√0.001/0.1 = 0.0316228,
        // Δ = α·0.05/(√0.00025 + 1e-7) = 0.0999994.
        // Step 2: m = 0.095, v = 0.00049975, α = 0.1·√0.001999/0.19 = 0.0235317,
        // Δ = α·0.095/(0.0223551 + 1e-7) = 0.0999996.
        let p = Tensor.parameter([1], name: "p") { p, _ in p[0] = 1 }
        let adam = Adam(learningRate: 0.1)
        step(adam, p, gradient: 0.5)
        XCTAssertEqual(p.item, 1 - 0.0999994, accuracy: 2e-6)
        step(adam, p, gradient: 0.5)
        XCTAssertEqual(p.item, 1 - 0.0999994 - 0.0999996, accuracy: 3e-6)
    }

    func testAdamHasKerasDefaults() {
        let adam = Adam()
        XCTAssertEqual([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon], [0.001, 0.9, 0.999, 1e-7])
    }

    func testSGDWithMomentumMatchesHandComputedValues() {
        // v = −0.05, p = 0.95; then v = 0.9·(−0.05) − 0.05 = −0.095, p = 0.855.
        let p = Tensor.parameter([1], name: "p") { p, _ in p[0] = 1 }
        let sgd = SGD(learningRate: 0.1, momentum: 0.9)
        step(sgd, p, gradient: 0.5)
        XCTAssertEqual(p.item, 0.95, accuracy: 1e-6)
        step(sgd, p, gradient: 0.5)
        XCTAssertEqual(p.item, 0.855, accuracy: 1e-6)
    }

    func testGradientsDoNotCarryOverBetweenBackwardPasses() {
        let p = Tensor.parameter([1], name: "p") { p, _ in p[0] = 1 }
        (p * 3).sum().backward()
        (p * 2).sum().backward()
        XCTAssertEqual(p.gradScalars, [2])
    }

    func testWideParameterUpdatesEveryElement() {
        // 37 elements: the vector body and the scalar tail of the kernels both run.
        let p = Tensor.parameter([37], name: "p") { ptr, n in for i in 0..<n { ptr[i] = Float(i) } }
        let sgd = SGD(learningRate: 1)
        step(sgd, p, gradient: 1)
        XCTAssertEqual(p.scalars, (0..<37).map { Float($0) - 1 })
    }
}
