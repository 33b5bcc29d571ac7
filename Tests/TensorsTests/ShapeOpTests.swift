import XCTest
@testable import Tensors
import TestSupport

/// The shape ops a sequence model is built from — slice, concatenate, stack, reverse, permute on
/// any axis, and the embedding gather — against hand-written values and finite differences.
final class ShapeOpTests: XCTestCase {
    /// 0, 1, 2, … in the given shape, so that every value names its own position.
    private func iota(_ shape: [Int]) -> Tensor {
        Tensor((0..<shape.reduce(1, *)).map(Float.init), shape: shape)
    }

    func testSliceTakesARangeOfAnyAxis() {
        let x = iota([2, 3, 4])
        XCTAssertEqual(x.slice(axis: 0, 1..<2).scalars, (12..<24).map(Float.init))
        let middle = x.slice(axis: 1, 1..<3)
        XCTAssertEqual(middle.shape, [2, 2, 4])
        XCTAssertEqual(middle.scalars, (4..<12).map(Float.init) + (16..<24).map(Float.init))
        // Columns 1 and 2 of each row of four.
        XCTAssertEqual(x.slice(axis: -1, 1..<3).scalars, [1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22])
        XCTAssertEqual(x.slice(lastAxis: 1..<3).scalars, x.slice(axis: 2, 1..<3).scalars)
        XCTAssertEqual(x.slice(axis: 1, 2..<2).shape, [2, 0, 4])
    }

    func testSliceGradientsOnEveryAxis() {
        let x = randomTensor([2, 3, 4], seed: 1)
        checkGradients([x]) { weightedSum($0[0].slice(axis: 0, 1..<2)) }
        checkGradients([x]) { weightedSum($0[0].slice(axis: 1, 0..<2)) }
        checkGradients([x]) { weightedSum($0[0].slice(axis: -1, 1..<4)) }
        // Two slices of one tensor add their gradients where they overlap.
        checkGradients([x]) { weightedSum($0[0].slice(axis: 1, 0..<2), seed: 1) + weightedSum($0[0].slice(axis: 1, 1..<3), seed: 2) }
    }

    func testConcatenateJoinsAlongAnyAxis() {
        let a = iota([2, 2]), b = iota([2, 1]) + 10, c = iota([1, 2]) + 20
        XCTAssertEqual(Tensor.concatenate([a, c], axis: 0).scalars, [0, 1, 2, 3, 20, 21])
        let wide = Tensor.concatenate([a, b, a], axis: 1)
        XCTAssertEqual(wide.shape, [2, 5])
        XCTAssertEqual(wide.scalars, [0, 1, 10, 0, 1, 2, 3, 11, 2, 3])
        XCTAssertEqual(Tensor.concatenate(lastAxis: [a, b, a]).scalars, wide.scalars)
        let deep = Tensor.concatenate([iota([2, 1, 2]), iota([2, 2, 2]) + 10], axis: -2)
        XCTAssertEqual(deep.shape, [2, 3, 2])
        XCTAssertEqual(deep.scalars, [0, 1, 10, 11, 12, 13, 2, 3, 14, 15, 16, 17])
    }

    func testConcatenateGradientsOnEveryAxis() {
        let x = randomTensor([2, 3, 2], seed: 2)
        for (axis, shape) in [(0, [1, 3, 2]), (1, [2, 2, 2]), (2, [2, 3, 3])] {
            let y = randomTensor(shape, seed: 3)
            checkGradients([x, y]) { weightedSum(Tensor.concatenate([$0[0], $0[1], $0[0]], axis: axis)) }
        }
    }

    func testStackAddsANewAxisAnywhere() {
        let a = Tensor([1, 2, 3, 4], shape: [2, 2]), b = Tensor([5, 6, 7, 8], shape: [2, 2])
        XCTAssertEqual(Tensor.stack([a, b], axis: 0).shape, [2, 2, 2])
        XCTAssertEqual(Tensor.stack([a, b], axis: 0).scalars, [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(Tensor.stack([a, b], axis: 1).scalars, [1, 2, 5, 6, 3, 4, 7, 8])
        XCTAssertEqual(Tensor.stack([a, b], axis: 2).scalars, [1, 5, 2, 6, 3, 7, 4, 8])
        XCTAssertEqual(Tensor.stack([a, b], axis: -1).scalars, [1, 5, 2, 6, 3, 7, 4, 8])
        // T steps of [N, H] at axis 1 make [N, T, H], and slicing step t gives step t back.
        let steps = (0..<3).map { t in iota([2, 4]) + Float(100 * t) }
        let sequence = Tensor.stack(steps, axis: 1)
        XCTAssertEqual(sequence.shape, [2, 3, 4])
        for t in 0..<3 { XCTAssertEqual(sequence.slice(axis: 1, t..<(t + 1)).scalars, steps[t].scalars) }
    }

    func testStackGradients() {
        let a = randomTensor([2, 3], seed: 4), b = randomTensor([2, 3], seed: 5)
        for axis in [0, 1, 2, -2] {
            checkGradients([a, b]) { weightedSum(Tensor.stack([$0[0], $0[1], $0[0]], axis: axis)) }
        }
    }

    func testReversedFlipsOneAxis() {
        let x = iota([2, 3, 2])
        XCTAssertEqual(x.reversed(axis: 0).scalars, [6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5])
        XCTAssertEqual(x.reversed(axis: 1).scalars, [4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7])
        XCTAssertEqual(x.reversed(axis: -1).scalars, [1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10])
        XCTAssertEqual(x.reversed(axis: 1).reversed(axis: 1).scalars, x.scalars)
    }

    func testReversedGradients() {
        let x = randomTensor([2, 3, 2], seed: 6)
        for axis in [0, 1, 2] { checkGradients([x]) { weightedSum($0[0].reversed(axis: axis)) } }
        checkGradients([x]) { weightedSum($0[0].reversed(axis: 1) * $0[0]) }
    }

    func testPermutedMatchesItsDefinitionForEveryOrderOfFourAxes() {
        // Shapes with and without a size-1 axis, so that every path (block copies, transposes,
        // strided walks, axes merged or dropped) is taken by some order.
        for shape in [[2, 3, 4, 5], [2, 3, 1, 4], [3, 1, 1, 2]] {
            let x = iota(shape)
            for axes in permutations([0, 1, 2, 3]) {
                let y = x.permuted(axes)
                XCTAssertEqual(y.shape, axes.map { shape[$0] })
                XCTAssertEqual(y.scalars, permutedByDefinition(x, axes), "shape \(shape), axes \(axes)")
            }
        }
        XCTAssertEqual(iota([2, 3]).permuted([-1, 0]).scalars, iota([2, 3]).transposed().scalars)
    }

    func testPermutedGradientsForEveryOrderOfThreeAxes() {
        let x = randomTensor([2, 3, 4], seed: 7)
        for axes in permutations([0, 1, 2]) {
            checkGradients([x]) { weightedSum($0[0].permuted(axes)) }
            // A second use of x: its gradient buffer is then added into, not written.
            checkGradients([x]) { weightedSum($0[0].permuted(axes)) + weightedSum($0[0], seed: 5) }
        }
    }

    func testGatherPicksTableRowsByIdAndAddsTheirGradientsBack() {
        let table = Tensor.parameter([4, 3], name: "embedding") { p, n in for i in 0..<n { p[i] = Float(i) } }
        let ids: [Int32] = [2, 0, 2, 3]
        let out = table.gather(rows: ids, shape: [2, 2])
        XCTAssertEqual(out.shape, [2, 2, 3])
        XCTAssertEqual(out.scalars, [6, 7, 8, 0, 1, 2, 6, 7, 8, 9, 10, 11])
        // Gradient of Σ out ⊙ w: row 2 collects the weights of positions 0 and 2, row 1 none.
        let w = Tensor((1...12).map(Float.init), shape: [2, 2, 3])
        (out * w).sum().backward()
        XCTAssertEqual(table.gradScalars, [4, 5, 6, 0, 0, 0, 1 + 7, 2 + 8, 3 + 9, 10, 11, 12])
    }

    func testGatherGradientsWithRepeatedIds() {
        let table = randomTensor([5, 4], seed: 8)
        checkGradients([table]) { weightedSum($0[0].gather(rows: [1, 4, 1, 0, 1, 3], shape: [3, 2])) }
        checkGradients([table]) { weightedSum($0[0].gather(rows: [2], shape: [1])) }
    }

    func testOneHotAndArgmax() {
        let labels = Tensor.oneHot([2, 0, -1, 1], classes: 3)
        XCTAssertEqual(labels.shape, [4, 3])
        XCTAssertEqual(labels.scalars, [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0])
        XCTAssertEqual(Tensor.oneHot([2, 0, 1], classes: 3).argmax(), [2, 0, 1])
        // Ties go to the first; a NaN never wins; leading axes are all rows.
        let p = Tensor([0.1, 0.7, 0.2, 0.4, 0.4, 0.2, .nan, -1, -2, 3, 5, 5], shape: [2, 2, 3])
        XCTAssertEqual(p.argmax(), [1, 0, 1, 1])
    }

    // MARK: Reference

    /// y[i₀, i₁, …] = x at the input index whose axis axes[k] is i_k, one element at a time.
    private func permutedByDefinition(_ x: Tensor, _ axes: [Int]) -> [Float] {
        let outShape = axes.map { x.shape[$0] }
        var inStrides = [Int](repeating: 1, count: x.rank)
        for a in stride(from: x.rank - 2, through: 0, by: -1) { inStrides[a] = inStrides[a + 1] * x.shape[a + 1] }
        return (0..<x.count).map { flat in
            var rest = flat, offset = 0
            for k in stride(from: outShape.count - 1, through: 0, by: -1) {
                offset += (rest % outShape[k]) * inStrides[axes[k]]
                rest /= outShape[k]
            }
            return x.data[offset]
        }
    }

    private func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
        }
    }
}
