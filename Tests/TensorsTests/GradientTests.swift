import XCTest
@testable import Tensors
import TestSupport

/// Every differentiable op, checked against central finite differences.
final class GradientTests: XCTestCase {
    func testMatmulGradientsForEveryTransposeCombination() {
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 1)
            let b = randomTensor(tb ? [5, 4] : [4, 5], seed: 2)
            checkGradients([a, b]) { weightedSum($0[0].matmul($0[1], transposeSelf: ta, transposeOther: tb)) }
        }
    }

    func testBatchedMatmulGradients() {
        let a = randomTensor([2, 3, 4], seed: 3)
        let b = randomTensor([2, 4, 2], seed: 4)
        checkGradients([a, b]) { weightedSum($0[0].matmul($0[1])) }
        let shared = randomTensor([4, 2], seed: 5)
        checkGradients([a, shared]) { weightedSum($0[0].matmul($0[1])) }
    }

    func testDenseGradientsForEachActivation() {
        for activation in Activation.allCases {
            let x = randomTensor([3, 5], seed: 6)
            let w = randomTensor([5, 4], seed: 7)
            let b = randomTensor([4], seed: 8)
            checkGradients([x, w, b]) { weightedSum($0[0].dense(weight: $0[1], bias: $0[2], activation: activation)) }
        }
    }

    func testActivationGradients() {
        // Values kept away from ReLU's kink at 0, where the derivative is undefined.
        let x = randomTensor([2, 6], seed: 9, low: 0.05, high: 1.5)
        let signs = Tensor([1, -1, 1, -1, 1, -1, -1, 1, -1, 1, -1, 1], shape: [2, 6])
        checkGradients([x]) { weightedSum(($0[0] * signs).relu()) }
        checkGradients([x]) { weightedSum(($0[0] * signs).sigmoid()) }
        checkGradients([x]) { weightedSum(($0[0] * signs).tanh()) }
        checkGradients([x]) { weightedSum(($0[0] * signs).softmax()) }
        checkGradients([x]) { weightedSum(($0[0] * signs).softplus()) }
    }

    func testArithmeticGradientsWithBroadcasting() {
        let a = randomTensor([3, 4], seed: 10)
        let row = randomTensor([4], seed: 11)
        let column = randomTensor([3, 1], seed: 12)
        let scalar = randomTensor([1], seed: 13)
        let positive = randomTensor([3, 4], seed: 14, low: 0.5, high: 2)
        checkGradients([a, row]) { weightedSum($0[0] + $0[1]) }
        checkGradients([a, column]) { weightedSum($0[0] - $0[1]) }
        checkGradients([a, scalar]) { weightedSum($0[0] * $0[1]) }
        checkGradients([a, positive]) { weightedSum($0[0] / $0[1]) }
        checkGradients([column, row]) { weightedSum($0[0] * $0[1]) }
        checkGradients([a]) { weightedSum(2 - $0[0] * 3 + 1) }
    }

    func testUnaryMathGradients() {
        let x = randomTensor([2, 5], seed: 15, low: 0.2, high: 2)
        checkGradients([x]) { weightedSum($0[0].exp()) }
        checkGradients([x]) { weightedSum($0[0].log()) }
        checkGradients([x]) { weightedSum($0[0].sqrt()) }
        checkGradients([x]) { weightedSum($0[0].squared()) }
        checkGradients([x]) { weightedSum(($0[0] - 1.1).abs()) }
        checkGradients([x]) { weightedSum($0[0].clamped(0.5, 1.5)) }
    }

    func testReductionGradients() {
        let x = randomTensor([2, 3, 4], seed: 16)
        checkGradients([x]) { $0[0].sum() * 0.5 }
        checkGradients([x]) { $0[0].mean() }
        checkGradients([x]) { weightedSum($0[0].sum(axis: 1)) }
        checkGradients([x]) { weightedSum($0[0].sum(axis: -1)) }
        checkGradients([x]) { weightedSum($0[0].mean(axis: 0)) }
    }

    func testShapeOpGradients() {
        let x = randomTensor([2, 3, 4], seed: 17)
        checkGradients([x]) { weightedSum($0[0].reshaped([6, -1])) }
        checkGradients([x]) { weightedSum($0[0].transposed()) }
        checkGradients([x]) { weightedSum($0[0].slice(lastAxis: 1..<3)) }
        checkGradients([x]) { weightedSum($0[0].rows(1..<2)) }
        let y = randomTensor([2, 3, 2], seed: 18)
        checkGradients([x, y]) { weightedSum(Tensor.concatenate(lastAxis: [$0[0], $0[1]])) }
    }

    func testCrossEntropyGradientsWithAndWithoutLogits() {
        let z = randomTensor([3, 4], seed: 19, low: -3, high: 3)
        let target = constant([3, 4], seed: 20)
        // From logits and from bare probabilities.
        checkGradients([z]) { Tensor.binaryCrossEntropy(logits: $0[0], target: target).mean() }
        let p = randomTensor([3, 4], seed: 21, low: 0.05, high: 0.95)
        checkGradients([p]) { Tensor.binaryCrossEntropy(probabilities: $0[0], target: target).mean() }

        var oneHot = [Float](repeating: 0, count: 12)
        for (row, label) in [2, 0, 3].enumerated() { oneHot[row * 4 + label] = 1 }
        let labels = Tensor(oneHot, shape: [3, 4])
        checkGradients([z]) { Tensor.categoricalCrossEntropy(logits: $0[0], target: labels).mean() }
        let q = randomTensor([3, 4], seed: 22, low: 0.1, high: 0.9)
        checkGradients([q]) { Tensor.categoricalCrossEntropy(probabilities: $0[0], target: labels).mean() }
    }

    func testGradientsAccumulateWhenATensorIsUsedTwice() {
        let x = randomTensor([5], seed: 23)
        checkGradients([x]) { weightedSum($0[0] * $0[0] + $0[0].exp()) }
    }
}
