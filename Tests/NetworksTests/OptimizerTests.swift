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

    func testAStepClearsTheGradientItSpent() {
        // The kernels zero the gradient as they read it, and the next pass adds into the zeros:
        // after a step, a backward pass must give that pass's gradient alone.
        let p = Tensor.parameter([3], name: "p") { p, _ in p.update(repeating: 1, count: 3) }
        let sgd = SGD(learningRate: 0)
        (p * 3).sum().backward()
        sgd.step([p])
        XCTAssertNil(p.grad)
        (p * 2).sum().backward()
        XCTAssertEqual(p.gradScalars, [2, 2, 2])
    }

    func testLargeUpdatesSplitBetweenCoresMatchTheKernelRunWhole() {
        // 200,003 elements over two parameters: enough to be split, with a cut inside one.
        let a = Tensor.parameter([150_000], name: "a") { p, n in for i in 0..<n { p[i] = Float(i % 97) * 0.01 } }
        let b = Tensor.parameter([50_003], name: "b") { p, n in for i in 0..<n { p[i] = Float(i % 89) * -0.01 } }
        let adam = Adam(learningRate: 0.01)
        ((a * a).sum() + (b * 3).sum()).backward()
        let gradA = a.gradScalars!, gradB = b.gradScalars!
        var expectA = a.scalars, expectB = b.scalars
        var mA = [Float](repeating: 0, count: a.count), vA = mA, mB = [Float](repeating: 0, count: b.count), vB = mB
        var gA = gradA, gB = gradB
        OptimizerKernels.adam(parameter: &expectA, gradient: &gA, m: &mA, v: &vA, count: a.count, learningRate: 0.01,
                              beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1)
        OptimizerKernels.adam(parameter: &expectB, gradient: &gB, m: &mB, v: &vB, count: b.count, learningRate: 0.01,
                              beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1)
        adam.step([a, b])
        XCTAssertEqual(a.scalars, expectA)
        XCTAssertEqual(b.scalars, expectB)
        XCTAssertEqual(gA.max(), 0)
    }

    func testAdamKernelMatchesTheFormulaAcrossItsVectorBodyAndTail() {
        // The kernel divides through a refined reciprocal estimate where the CPU has one: over
        // 1,003 varied elements (a vector body and a tail), three steps must stay within a few
        // float roundings of the formula computed in Double.
        let n = 1_003
        var random = Random(seed: 7)
        var p = [Float](repeating: 0, count: n), m = p, v = p
        random.fillUniform(&p, count: n, low: -1, high: 1)
        var pd = p.map(Double.init), md = [Double](repeating: 0, count: n), vd = md
        for step in 1...3 {
            var g = [Float](repeating: 0, count: n)
            random.fillUniform(&g, count: n, low: -1, high: 1)
            for i in stride(from: 0, to: n, by: 5) { g[i] *= 1e-4 }  // tiny gradients: √v near ε
            let alpha = 0.01 * (1 - pow(0.999, Double(step))).squareRoot() / (1 - pow(0.9, Double(step)))
            for i in 0..<n {
                md[i] = 0.9 * md[i] + 0.1 * Double(g[i])
                vd[i] = 0.999 * vd[i] + 0.001 * Double(g[i]) * Double(g[i])
                pd[i] -= alpha * md[i] / (vd[i].squareRoot() + 1e-7)
            }
            OptimizerKernels.adam(parameter: &p, gradient: &g, m: &m, v: &v, count: n, learningRate: 0.01,
                                  beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: step)
            XCTAssertEqual(g.max(), 0)
            XCTAssertEqual(g.min(), 0)
        }
        let worst = zip(p, pd).map { abs(Double($0) - $1) / max(abs($1), 1e-3) }.max()!
        XCTAssertLessThan(worst, 1e-5, "the kernel's parameters drift from the formula's")
    }
}
