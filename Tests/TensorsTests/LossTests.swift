import Foundation
import XCTest
@testable import Tensors
import TestSupport

/// The cross-entropies that take logits or probabilities explicitly, against hand computations
/// (in Double), finite differences, and logits of ±100.
final class LossTests: XCTestCase {
    private func softplus(_ z: Double) -> Double { max(z, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(z))) }
    private func sigmoid(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

    // MARK: Binary

    func testBinaryCrossEntropyFromLogitsIsSoftplusMinusZY() {
        // softplus(z) − z·y: log(1 + e⁻²) = 0.1269 for (2, 1), log 2 for (0, ½), 100 for a logit of
        // ±100 on the wrong side, ≈ 0 on the right side; gradient σ(z) − y, so ±1 or 0 there.
        let values: [Float] = [2, -1, 0, 100, -100, 100, -100]
        let targets: [Float] = [1, 0, 0.5, 0, 1, 1, 0]
        let z = Tensor.parameter([7], name: "z") { p, n in for i in 0..<n { p[i] = values[i] } }
        let loss = Tensor.binaryCrossEntropy(logits: z, target: Tensor(targets, shape: [7]))
        XCTAssertEqual(loss.shape, [7])
        XCTAssertEqual(loss.data[0], 0.126_928, accuracy: 1e-6)
        XCTAssertEqual(loss.data[2], Float(Foundation.log(2.0)), accuracy: 1e-6)
        for i in 0..<7 {
            let (zi, yi) = (Double(values[i]), Double(targets[i]))
            XCTAssertEqual(Double(loss.data[i]), softplus(zi) - zi * yi, accuracy: 1e-6 * max(1, Swift.abs(zi)), "z \(zi), y \(yi)")
        }
        loss.sum().backward()
        let gradient = z.gradScalars!
        for i in 0..<7 {
            XCTAssertEqual(Double(gradient[i]), sigmoid(Double(values[i])) - Double(targets[i]), accuracy: 1e-6, "z \(values[i])")
        }
    }

    func testBinaryCrossEntropyFromLogitsMatchesItFromTheSigmoidsProbabilities() {
        // Where σ(z) is far from 0 and 1 the clamp never applies, so both definitions agree.
        let z = randomTensor([3, 5], seed: 1, low: -6, high: 6), y = constant([3, 5], seed: 2)
        let explicit = Tensor.binaryCrossEntropy(logits: z, target: y).scalars
        let fromProbabilities = Tensor.binaryCrossEntropy(probabilities: z.sigmoid(), target: y).scalars
        for (a, b) in zip(explicit, fromProbabilities) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testBinaryCrossEntropyGradients() {
        let z = randomTensor([3, 4], seed: 3, low: -4, high: 4), y = constant([3, 4], seed: 4)
        checkGradients([z]) { weightedSum(Tensor.binaryCrossEntropy(logits: $0[0], target: y)) }
        // Used twice, so the second contribution adds into the first.
        checkGradients([z]) { Tensor.binaryCrossEntropy(logits: $0[0], target: y).mean() + $0[0].squared().mean() }
        let p = randomTensor([3, 4], seed: 5, low: 0.05, high: 0.95)
        checkGradients([p]) { weightedSum(Tensor.binaryCrossEntropy(probabilities: $0[0], target: y)) }
    }

    func testBinaryCrossEntropyFromProbabilitiesClampsLikeKeras() {
        // −log 0.9 and −log 0.8; then p of exactly 0 and 1: −log(1e-7) ≈ 16.118 where wrong at 0,
        // −log(1 − Float(1 − 1e-7)) where wrong at 1, 0 where right, and no gradient past the clamp.
        let p = Tensor.parameter([6], name: "p") { q, _ in for (i, v) in [0.9, 0.2, 0, 1, 0, 1].enumerated() { q[i] = Float(v) } }
        let y = Tensor([1, 0, 1, 0, 0, 1], shape: [6])
        let loss = Tensor.binaryCrossEntropy(probabilities: p, target: y)
        XCTAssertEqual(loss.data[0], -Foundation.log(0.9), accuracy: 1e-6)
        XCTAssertEqual(loss.data[1], -Foundation.log(0.8), accuracy: 1e-6)
        XCTAssertEqual(loss.data[2], 16.118, accuracy: 1e-3)
        XCTAssertEqual(loss.data[3], -Foundation.log(1 - (1 - Float(1e-7))), accuracy: 1e-3)
        XCTAssertEqual(loss.data[4], 0, accuracy: 1e-6)
        XCTAssertEqual(loss.data[5], 0, accuracy: 1e-6)
        loss.sum().backward()
        // d/dp = (p − y) / (p(1 − p)): −1/0.9 and 1/0.8.
        XCTAssertEqual(p.gradScalars![0], -1 / 0.9, accuracy: 1e-6)
        XCTAssertEqual(p.gradScalars![1], 1 / 0.8, accuracy: 1e-6)
        XCTAssertEqual(Array(p.gradScalars!.suffix(4)), [0, 0, 0, 0])
    }

    func testBinaryCrossEntropyFromLogitsSplitBetweenCoresMatchesDouble() {
        // 40,000 values: enough for forward and backward to be split between cores.
        let n = 40_000
        let z = Tensor.parameter([n], name: "z") { p, n in for i in 0..<n { p[i] = Float(i - n / 2) / 400 } }  // −50 … 50
        let y = Tensor((0..<n).map { Float($0 % 5) / 4 }, shape: [n])
        let loss = Tensor.binaryCrossEntropy(logits: z, target: y)
        loss.sum().backward()
        let gradient = z.gradScalars!
        for i in 0..<n {
            let v = Double(z.data[i]), t = Double(y.data[i])
            XCTAssertEqual(Double(loss.data[i]), softplus(v) - v * t, accuracy: 2e-6 * max(1, Swift.abs(v)), "z \(v), y \(t)")
            XCTAssertEqual(Double(gradient[i]), sigmoid(v) - t, accuracy: 2e-7, "z \(v), y \(t)")
        }
    }

    // MARK: Categorical

    func testCategoricalCrossEntropyFromLogitsPerRow() {
        // Row 1: log(e² + e + 1) − 2 = 0.4076. Row 2, soft target (½, ½, 0): lse − 1.5.
        // Row 3, logits (100, −100, 0) with the truth at −100: lse ≈ 100, loss ≈ 200, finite.
        let z = Tensor.parameter([3, 3], name: "z") { p, _ in for (i, v) in [2, 1, 0, 2, 1, 0, 100, -100, 0].enumerated() { p[i] = Float(v) } }
        let y = Tensor([1, 0, 0, 0.5, 0.5, 0, 0, 1, 0], shape: [3, 3])
        let loss = Tensor.categoricalCrossEntropy(logits: z, target: y)
        XCTAssertEqual(loss.shape, [3])
        let lse = Foundation.log(Foundation.exp(2.0) + Foundation.exp(1.0) + 1)
        XCTAssertEqual(Double(loss.data[0]), lse - 2, accuracy: 1e-6)
        XCTAssertEqual(Double(loss.data[1]), lse - 1.5, accuracy: 1e-6)
        XCTAssertEqual(loss.data[2], 200, accuracy: 1e-4)
        loss.sum().backward()
        // softmax(z) − y per row; row 3's softmax is (1, e⁻²⁰⁰, e⁻¹⁰⁰) ≈ (1, 0, 0).
        let p = [2.0, 1, 0].map { Foundation.exp($0 - lse) }
        let expected = [p[0] - 1, p[1], p[2], p[0] - 0.5, p[1] - 0.5, p[2], 1, -1, 0]
        for (g, e) in zip(z.gradScalars!, expected) { XCTAssertEqual(Double(g), e, accuracy: 1e-6) }
    }

    func testCategoricalCrossEntropyGradients() {
        let z = randomTensor([2, 3, 4], seed: 6, low: -3, high: 3)
        let oneHot = Tensor.oneHot([2, 0, 3, 1, 1, 0], classes: 4).reshaped([2, 3, 4])
        let soft = constant([2, 3, 4], seed: 7)
        checkGradients([z]) { weightedSum(Tensor.categoricalCrossEntropy(logits: $0[0], target: oneHot)) }
        checkGradients([z]) { weightedSum(Tensor.categoricalCrossEntropy(logits: $0[0], target: soft)) }
        let p = randomTensor([3, 4], seed: 8, low: 0.1, high: 0.9)
        checkGradients([p]) { weightedSum(Tensor.categoricalCrossEntropy(probabilities: $0[0], target: soft.rows(0..<1).reshaped([3, 4]))) }
    }

    func testCategoricalCrossEntropyFromProbabilities() {
        // −log 0.7 and −log 0.5 for labels 0 and 2.
        let p = Tensor([0.7, 0.2, 0.1, 0.25, 0.25, 0.5], shape: [2, 3])
        let loss = Tensor.categoricalCrossEntropy(probabilities: p, target: Tensor.oneHot([0, 2], classes: 3))
        XCTAssertEqual(loss.scalars[0], -Foundation.log(0.7), accuracy: 1e-6)
        XCTAssertEqual(loss.scalars[1], -Foundation.log(0.5), accuracy: 1e-6)
    }

    // MARK: Sparse

    func testSparseCategoricalCrossEntropyPerRowWithWeights() {
        // Rows of [2, 3] logits over V = 3: log(e² + e + 1) − z[id], times the row's weight.
        let values: [Float] = [2, 1, 0, 0, 0, 0, 100, -100, 0, -100, 100, 0, 1, 2, 3, 5, 5, 5]
        let z = Tensor.parameter([2, 3, 3], name: "z") { p, n in for i in 0..<n { p[i] = values[i] } }
        let ids: [Int32] = [0, 2, 1, 1, 0, 2]
        let weights: [Float] = [1, 0.5, 1, 2, 0, 1]
        let loss = Tensor.sparseCategoricalCrossEntropy(logits: z, ids: ids, weights: weights)
        XCTAssertEqual(loss.shape, [2, 3])
        let lse = Foundation.log(Foundation.exp(2.0) + Foundation.exp(1.0) + 1)
        XCTAssertEqual(Double(loss.data[0]), lse - 2, accuracy: 1e-6)
        XCTAssertEqual(Double(loss.data[1]), 0.5 * Foundation.log(3.0), accuracy: 1e-6)
        XCTAssertEqual(loss.data[2], 200, accuracy: 1e-4)    // the truth at −100 beside a 100
        XCTAssertEqual(loss.data[3], 0, accuracy: 1e-6)      // the truth at 100: weight 2 × ≈ 0
        XCTAssertEqual(loss.data[4], 0)                      // weight 0: nothing at all
        XCTAssertEqual(Double(loss.data[5]), Foundation.log(3.0), accuracy: 1e-6)
        loss.sum().backward()
        // Gradient w·(softmax − onehot); the weighted-out row gets exactly zeros.
        let g = z.gradScalars!
        let p = [2.0, 1, 0].map { Foundation.exp($0 - lse) }
        let expected: [Double] = [p[0] - 1, p[1], p[2], 0.5 / 3, 0.5 / 3, 0.5 / 3 - 0.5, 1, -1, 0,
                                  0, 0, 0, 0, 0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3 - 1]
        for i in 0..<18 { XCTAssertEqual(Double(g[i]), expected[i], accuracy: 1e-6, "element \(i)") }
        XCTAssertEqual(Array(g[12..<15]), [0, 0, 0])
    }

    func testSparseCategoricalCrossEntropyEqualsCategoricalOnOneHotTargets() {
        let z = randomTensor([4, 6], seed: 9, low: -5, high: 5)
        let ids: [Int32] = [5, 0, 3, 3]
        let sparse = Tensor.sparseCategoricalCrossEntropy(logits: z, ids: ids).scalars
        let dense = Tensor.categoricalCrossEntropy(logits: z, target: Tensor.oneHot(ids.map(Int.init), classes: 6)).scalars
        for (a, b) in zip(sparse, dense) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }

    func testSparseCategoricalCrossEntropyGradients() {
        let z = randomTensor([2, 3, 5], seed: 10, low: -3, high: 3)
        let ids: [Int32] = [4, 0, 2, 2, 1, 4]
        checkGradients([z]) { weightedSum(Tensor.sparseCategoricalCrossEntropy(logits: $0[0], ids: ids)) }
        checkGradients([z]) { weightedSum(Tensor.sparseCategoricalCrossEntropy(logits: $0[0], ids: ids, weights: [1, 0, 0.5, 2, 1, 0])) }
        // A second use of the logits: the loss's gradient is then added, not written.
        checkGradients([z]) { Tensor.sparseCategoricalCrossEntropy(logits: $0[0], ids: ids).mean() + weightedSum($0[0]) }
    }

    func testSparseCrossEntropyIgnoresPaddedRowsEvenWhenTheirLogitsAreNotNumbers() {
        let z = Tensor.parameter([2, 3], name: "z") { p, _ in for (i, v) in [Float.nan, .infinity, 0, 1, 2, 3].enumerated() { p[i] = v } }
        let loss = Tensor.sparseCategoricalCrossEntropy(logits: z, ids: [0, 2], weights: [0, 1])
        XCTAssertEqual(loss.data[0], 0)
        loss.sum().backward()
        XCTAssertEqual(Array(z.gradScalars!.prefix(3)), [0, 0, 0])
        XCTAssertTrue(z.gradScalars!.allSatisfy(\.isFinite))
    }

    func testSparseCrossEntropySplitBetweenCoresMatchesDouble() {
        // 64 rows of a 1,000-word vocabulary (enough to split), every fourth row masked out.
        let (rows, vocabulary) = (64, 1000)
        let z = randomTensor([rows, vocabulary], seed: 11, low: -8, high: 8)
        var random = Random(seed: 12)
        let ids = (0..<rows).map { _ in Int32(random.below(vocabulary)) }
        let weights = (0..<rows).map { $0 % 4 == 3 ? Float(0) : 1 }
        let loss = Tensor.sparseCategoricalCrossEntropy(logits: z, ids: ids, weights: weights)
        loss.sum().backward()
        let g = z.gradScalars!
        for r in 0..<rows {
            let row = (0..<vocabulary).map { Double(z.data[r * vocabulary + $0]) }
            let m = row.max()!
            let lse = Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - m) }) + m
            let w = Double(weights[r])
            XCTAssertEqual(Double(loss.data[r]), w * (lse - row[Int(ids[r])]), accuracy: 1e-5, "row \(r)")
            for j in 0..<vocabulary {
                let expected = w * (Foundation.exp(row[j] - lse) - (j == Int(ids[r]) ? 1 : 0))
                XCTAssertEqual(Double(g[r * vocabulary + j]), expected, accuracy: 1e-6, "row \(r), column \(j)")
            }
        }
    }

    func testTokenScoresGivePredictionAndLogProbabilityOfTheTarget() {
        // Row 1: argmax 0, log p(0) = 2 − log(e² + e + 1). Row 2: a tie goes to the first,
        // log p(2) = 3 − log(1 + 2e³). Both are minus the sparse cross-entropy.
        let z = Tensor([2, 1, 0, 0, 3, 3], shape: [2, 3])
        let scores = z.tokenScores(targets: [0, 2])
        XCTAssertEqual(scores.predicted, [0, 1])
        XCTAssertEqual(Double(scores.logProbability[0]), 2 - Foundation.log(Foundation.exp(2.0) + Foundation.exp(1.0) + 1), accuracy: 1e-6)
        XCTAssertEqual(Double(scores.logProbability[1]), 3 - Foundation.log(1 + 2 * Foundation.exp(3.0)), accuracy: 1e-6)
        let loss = Tensor.sparseCategoricalCrossEntropy(logits: z, ids: [0, 2]).scalars
        XCTAssertEqual(scores.logProbability.map { -$0 }, loss)
    }
}
