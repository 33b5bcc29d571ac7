import Foundation
import XCTest
@testable import Tensors
import TestSupport

/// Op results against numbers computed by hand or by libm in double precision.
final class ValueTests: XCTestCase {
    func testVectorisedExpLogSigmoidTanhMatchLibm() {
        let n = 4001
        let x = Tensor((0..<n).map { Float($0 - 2000) / 50 }, shape: [n])  // −40 … 40
        let e = x.exp(), s = x.sigmoid(), t = x.tanh(), sp = x.softplus()
        for i in 0..<n {
            let v = Double(x.data[i])
            XCTAssertEqual(Double(e.data[i]), Foundation.exp(v), accuracy: Foundation.exp(v) * 3e-7)
            XCTAssertEqual(Double(s.data[i]), 1 / (1 + Foundation.exp(-v)), accuracy: 2e-7)
            XCTAssertEqual(Double(t.data[i]), Foundation.tanh(v), accuracy: 2e-7)
            XCTAssertEqual(Double(sp.data[i]), Foundation.log1p(Foundation.exp(-Swift.abs(v))) + max(v, 0), accuracy: 1e-6 * max(1, Swift.abs(v)))
        }
        let positive = Tensor((1...3000).map { Float($0) * 0.037 }, shape: [3000])
        let l = positive.log()
        for i in 0..<3000 {
            XCTAssertEqual(Double(l.data[i]), Foundation.log(Double(positive.data[i])), accuracy: 3e-7 * max(1, Swift.abs(Double(l.data[i]))))
        }
    }

    func testExpSaturatesInsteadOfOverflowing() {
        let x = Tensor([-1000, -100, 88, 1000], shape: [4]).exp()
        XCTAssertEqual(x.data[0], 0, accuracy: 1e-37)
        XCTAssertTrue(x.data[2].isFinite && x.data[2] > 1e38)
        XCTAssertFalse(x.data[3].isNaN)
    }

    func testDenseComputesActivationOfXWPlusB() {
        // x = [[1, 2]], W = [[1, -1, 0], [2, 0.5, -3]], b = [0.5, 0, 1] → z = [5.5, 0, -5]
        let x = Tensor([1, 2], shape: [1, 2])
        let w = Tensor([1, -1, 0, 2, 0.5, -3], shape: [2, 3])
        let b = Tensor([0.5, 0, 1], shape: [3])
        XCTAssertEqual(x.dense(weight: w, bias: b).scalars, [5.5, 0, -5])
        XCTAssertEqual(x.dense(weight: w, bias: b, activation: .relu).scalars, [5.5, 0, 0])
        let s = x.dense(weight: w, bias: b, activation: .sigmoid).scalars
        XCTAssertEqual(s[0], 1 / (1 + Foundation.exp(-5.5)), accuracy: 1e-7)
        XCTAssertEqual(s[1], 0.5, accuracy: 1e-7)
        let softmax = x.dense(weight: w, bias: b, activation: .softmax).scalars
        let denominator = Foundation.exp(5.5) + 1 + Foundation.exp(-5)
        XCTAssertEqual(softmax[0], Float(Foundation.exp(5.5) / denominator), accuracy: 1e-6)
        XCTAssertEqual(softmax.reduce(0, +), 1, accuracy: 1e-6)
    }

    func testBinaryCrossEntropyValues() {
        // −[y log p + (1−y) log(1−p)] for p = 0.9, y = 1 → −log 0.9; p = 0.2, y = 0 → −log 0.8.
        let p = Tensor([0.9, 0.2], shape: [2])
        let y = Tensor([1, 0], shape: [2])
        let loss = Tensor.binaryCrossEntropy(probabilities: p, target: y).scalars
        XCTAssertEqual(loss[0], -Foundation.log(0.9), accuracy: 1e-6)
        XCTAssertEqual(loss[1], -Foundation.log(0.8), accuracy: 1e-6)
    }

    func testBinaryCrossEntropyIsStableAtZeroAndOne() {
        // Probabilities of exactly 0 and 1: clamped like Keras to [ε, 1 − ε] with ε = 1e-7, so
        // the loss is −log(1e-7) ≈ 16.118 where wrong at 0, −log(1 − Float(1 − 1e-7)) ≈ 15.942
        // where wrong at 1 (1 − ε rounds in Float32), ≈ 0 where right — never inf or NaN.
        let p = Tensor([0, 1, 0, 1], shape: [4])
        let y = Tensor([1, 0, 0, 1], shape: [4])
        let loss = Tensor.binaryCrossEntropy(probabilities: p, target: y).scalars
        XCTAssertEqual(loss[0], 16.118, accuracy: 1e-3)
        XCTAssertEqual(loss[1], -Foundation.log(1 - (1 - Float(1e-7))), accuracy: 1e-3)
        XCTAssertEqual(loss[2], 0, accuracy: 1e-6)
        XCTAssertEqual(loss[3], 0, accuracy: 1e-6)
        // From logits far past where σ rounds to 0 or 1: exact, finite, gradient p − y.
        let z = Tensor.parameter([2], name: "z") { p, _ in p[0] = 50; p[1] = -50 }
        let fromLogits = Tensor.binaryCrossEntropy(logits: z, target: Tensor([0, 0], shape: [2]))
        XCTAssertEqual(fromLogits.data[0], 50, accuracy: 1e-4)
        XCTAssertEqual(fromLogits.data[1], 0, accuracy: 1e-6)
        fromLogits.sum().backward()
        XCTAssertEqual(z.gradScalars![0], 1, accuracy: 1e-7)
        XCTAssertEqual(z.gradScalars![1], 0, accuracy: 1e-7)
    }

    func testSigmoidAndCrossEntropyFromLogitsMatchLibmWhenSplitBetweenCores() {
        // 40,000 values: enough for the kernels to be split between cores.
        let n = 40_000
        let z = Tensor((0..<n).map { Float($0 - n / 2) / 400 }, shape: [n])  // −50 … 50
        let y = Tensor((0..<n).map { Float($0 % 5) / 4 }, shape: [n])
        let p = z.sigmoid(), loss = Tensor.binaryCrossEntropy(logits: z, target: y)
        for i in 0..<n {
            let v = Double(z.data[i]), t = Double(y.data[i])
            XCTAssertEqual(Double(p.data[i]), 1 / (1 + Foundation.exp(-v)), accuracy: 2e-7)
            let expected = max(v, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(v))) - v * t
            XCTAssertEqual(Double(loss.data[i]), expected, accuracy: 2e-6 * max(1, Swift.abs(v)), "z \(v), y \(t)")
        }
    }

    func testCategoricalCrossEntropyValues() {
        // Rows [0.7, 0.2, 0.1] and [0.25, 0.25, 0.5] with labels 0 and 2 → −log 0.7, −log 0.5.
        let p = Tensor([0.7, 0.2, 0.1, 0.25, 0.25, 0.5], shape: [2, 3])
        let y = Tensor([1, 0, 0, 0, 0, 1], shape: [2, 3])
        let loss = Tensor.categoricalCrossEntropy(probabilities: p, target: y).scalars
        XCTAssertEqual(loss[0], -Foundation.log(0.7), accuracy: 1e-6)
        XCTAssertEqual(loss[1], -Foundation.log(0.5), accuracy: 1e-6)
        // The same from logits: log-softmax of [2, 1, 0] at 0 is 2 − log(e² + e + 1).
        let z = Tensor([2, 1, 0], shape: [1, 3])
        let fromLogits = Tensor.categoricalCrossEntropy(logits: z, target: Tensor([1, 0, 0], shape: [1, 3]))
        XCTAssertEqual(fromLogits.item, Float(Foundation.log(Foundation.exp(2.0) + Foundation.exp(1.0) + 1) - 2), accuracy: 1e-6)
    }

    func testBroadcastingShapesAndValues() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual((a + Tensor([10, 20, 30], shape: [3])).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((a * Tensor([2, 3], shape: [2, 1])).scalars, [2, 4, 6, 12, 15, 18])
        let outer = Tensor([1, 2], shape: [2, 1]) * Tensor([1, 10, 100], shape: [1, 3])
        XCTAssertEqual(outer.shape, [2, 3])
        XCTAssertEqual(outer.scalars, [1, 10, 100, 2, 20, 200])
        XCTAssertNil(Broadcast.shape([2, 3], [2]))
    }

    func testReductionsAndShapeOps() {
        let x = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(x.sum().item, 21)
        XCTAssertEqual(x.mean().item, 3.5)
        XCTAssertEqual(x.sum(axis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(x.sum(axis: 1).scalars, [6, 15])
        XCTAssertEqual(x.transposed().scalars, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(x.slice(lastAxis: 1..<3).scalars, [2, 3, 5, 6])
        XCTAssertEqual(x.rows(1..<2).scalars, [4, 5, 6])
        XCTAssertEqual(x.reshaped([3, -1]).shape, [3, 2])
        XCTAssertEqual(Tensor.concatenate(lastAxis: [x, x.slice(lastAxis: 0..<1)]).scalars, [1, 2, 3, 1, 4, 5, 6, 4])
    }

    func testMatmulAgainstHandComputedProduct() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        XCTAssertEqual(a.matmul(b).scalars, [58, 64, 139, 154])
        XCTAssertEqual(a.matmul(a, transposeOther: true).scalars, [14, 32, 32, 77])
        XCTAssertEqual(a.matmul(a, transposeSelf: true).shape, [3, 3])
    }

    func testWithoutGradientsBuildsNoGraph() {
        let w = randomTensor([3], seed: 1)
        let y = Tensor.withoutGradients { (w * 2).sum() }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertTrue((w * 2).sum().requiresGrad)
    }
}
