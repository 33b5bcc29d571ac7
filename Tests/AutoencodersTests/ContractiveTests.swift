@testable import Autoencoders
import Networks
import Tensors
import XCTest

/// The contractive penalty's Gram-matrix recurrence against the Jacobian measured directly.
final class ContractiveTests: XCTestCase {
    private func encoder(_ activations: [Activation], widths: [Int], seed: UInt64) throws -> Sequential {
        var random = Random(seed: seed)
        let specs = zip(widths.dropFirst(), activations).map { LayerSpec.dense(units: $0, activation: $1) }
        return try Sequential(name: "e", inputShape: [widths[0]], specs: specs, random: &random)
    }

    /// Mean over the rows of x of ‖∂h/∂x‖²_F by central differences, one input at a time.
    private func measuredNorm(_ encoder: Sequential, _ x: [Float], rows: Int, width: Int) -> Double {
        let h: Float = 1e-2
        var total = 0.0
        for r in 0..<rows {
            for i in 0..<width {
                var plus = Array(x[(r * width)..<((r + 1) * width)]), minus = plus
                plus[i] += h
                minus[i] -= h
                let yp = encoder.predict(Tensor(plus, shape: [1, width])).scalars
                let ym = encoder.predict(Tensor(minus, shape: [1, width])).scalars
                for (a, b) in zip(yp, ym) { let d = Double(a - b) / Double(2 * h); total += d * d }
            }
        }
        return total / Double(rows)
    }

    func testJacobianNormMatchesFiniteDifferences() throws {
        var random = Random(seed: 3)
        let (rows, width) = (4, 6)
        var x = [Float](repeating: 0, count: rows * width)
        for i in x.indices { x[i] = random.uniform(-1, 1) }
        for activations in [[Activation.sigmoid, .tanh], [.tanh, .linear], [.linear, .sigmoid], [.relu, .relu], [.sigmoid]] {
            let widths = [width, 5, 3].prefix(activations.count + 1)
            let e = try encoder(activations, widths: Array(widths), seed: 9)
            var context = ForwardContext.inference
            let computed = Tensor.withoutGradients { Contractive.codeAndJacobianNorm(e, Tensor(x, shape: [rows, width]), &context).norm.item }
            let measured = measuredNorm(e, x, rows: rows, width: width)
            XCTAssertEqual(Double(computed), measured, accuracy: 1e-3 * max(1, measured), "\(activations)")
        }
    }

    func testPenaltyGradientMatchesFiniteDifferences() throws {
        let e = try encoder([.sigmoid, .tanh], widths: [5, 4, 3], seed: 4)
        var random = Random(seed: 5)
        let x = Tensor(uninitialized: [3, 5])
        random.fillUniform(x.data, count: x.count, low: -1, high: 1)
        func penalty() -> Tensor {
            var context = ForwardContext.inference
            return Contractive.codeAndJacobianNorm(e, x, &context).norm
        }
        penalty().backward()
        for p in e.parameters {
            let analytic = p.gradScalars!
            for i in stride(from: 0, to: p.count, by: max(1, p.count / 7)) {
                let saved = p.data[i], h: Float = 1e-2
                p.data[i] = saved + h
                let up = Tensor.withoutGradients { penalty().item }
                p.data[i] = saved - h
                let down = Tensor.withoutGradients { penalty().item }
                p.data[i] = saved
                let numeric = (up - down) / (2 * h)
                XCTAssertEqual(analytic[i], numeric, accuracy: 2e-2 * max(1, abs(numeric)), "\(p.name)[\(i)]")
            }
        }
    }
}
