import Foundation
import XCTest
@testable import Tensors
import TestSupport

/// The image ops: convolution, its transpose, pooling and upsampling,
/// checked on hand-computed examples, against direct loops, and against finite differences.
final class ConvGradientTests: XCTestCase {
    /// A 3×3 image holding 1…9 and a 2×2 kernel holding 1…4, one channel each.
    private let image = Tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], shape: [1, 3, 3, 1])
    private let kernel2x2 = Tensor([1, 2, 3, 4], shape: [2, 2, 1, 1])

    // MARK: Values

    func testConv2dValidMatchesHandComputedWindows() {
        let y = image.conv2d(kernel: kernel2x2, bias: Tensor([0.5], shape: [1]), padding: .valid)
        XCTAssertEqual(y.shape, [1, 2, 2, 1])
        // [1 2; 4 5]·[1 2; 3 4] = 1 + 4 + 12 + 20 = 37, and so on, plus the bias.
        XCTAssertEqual(y.scalars, [37.5, 47.5, 67.5, 77.5])
    }

    func testConv2dSamePadsOnlyTheBottomAndRightForAnEvenKernel() {
        let y = image.conv2d(kernel: kernel2x2, bias: nil, padding: .same)
        XCTAssertEqual(y.shape, [1, 3, 3, 1])
        // The last column and row see zeros on their right and below: 3·1 + 6·3 = 21, 9·1 = 9.
        XCTAssertEqual(y.scalars, [37, 47, 21, 67, 77, 33, 23, 26, 9])
    }

    func testConv2dSameWithStrideTwoTakesCeilOfHalf() {
        let y = image.conv2d(kernel: kernel2x2, bias: nil, stride: 2, padding: .same)
        XCTAssertEqual(y.shape, [1, 2, 2, 1])
        XCTAssertEqual(y.scalars, [37, 21, 23, 9])
    }

    func testConv2dAppliesFusedReluAndSeparateSigmoid() {
        let negative = Tensor([-1, -2, -3, -4], shape: [2, 2, 1, 1])
        XCTAssertEqual(image.conv2d(kernel: negative, bias: nil, activation: .relu).scalars, [0, 0, 0, 0])
        let s = image.conv2d(kernel: kernel2x2, bias: Tensor([-37], shape: [1]), activation: .sigmoid)
        XCTAssertEqual(s.scalars[0], 0.5, accuracy: 1e-6)
    }

    func testConv2dAgreesWithDirectLoopsForManyChannels() {
        // One filter takes a path of its own (no column matrix), so both counts are checked.
        for ((padding, stride, size), filters) in product([(Padding.same, 1, 3), (.valid, 1, 3), (.same, 2, 3), (.valid, 2, 2), (.same, 1, 1), (.valid, 3, 1), (.same, 2, 4)], [4, 1]) {
            let x = constant([2, 7, 6, 3], seed: 1, low: -1, high: 1)
            let w = constant([size, size, 3, filters], seed: 2, low: -1, high: 1)
            let b = constant([filters], seed: 3, low: -1, high: 1)
            let y = x.conv2d(kernel: w, bias: b, stride: stride, padding: padding)
            let expected = directConv(x, w, b, stride: stride, padding: padding)
            XCTAssertEqual(y.shape, expected.shape, "\(padding) stride \(stride) kernel \(size) filters \(filters)")
            for (a, e) in zip(y.scalars, expected.scalars) { XCTAssertEqual(a, e, accuracy: 1e-4) }
        }
    }

    func testMaxPoolPicksTheLargestOfEachWindow() {
        let x = Tensor([1, 5, 2, 0,
                        3, 4, 8, 1,
                        -1, -2, 0, 0,
                        -3, -4, 7, 6], shape: [1, 4, 4, 1])
        let y = x.maxPool2d()
        XCTAssertEqual(y.shape, [1, 2, 2, 1])
        XCTAssertEqual(y.scalars, [5, 8, -1, 7])
        // Channels pool separately; a 5×5 'valid' input drops its last row and column.
        let twoChannels = Tensor((0..<50).map { Float($0 % 2 == 0 ? $0 : -$0) }, shape: [1, 5, 5, 2])
        let pooled = twoChannels.maxPool2d()
        XCTAssertEqual(pooled.shape, [1, 2, 2, 2])
        XCTAssertEqual(pooled.scalars, [12, -1, 16, -5, 32, -21, 36, -25])
    }

    func testUpsampleRepeatsEachPixelIntoABlock() {
        let x = Tensor([1, 2, 3, 4], shape: [1, 2, 2, 1])
        let y = x.upsample2d(size: 2)
        XCTAssertEqual(y.shape, [1, 4, 4, 1])
        XCTAssertEqual(y.scalars, [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        let channels = Tensor([1, -1, 2, -2], shape: [1, 1, 2, 2]).upsample2d(size: 3)
        XCTAssertEqual(channels.shape, [1, 3, 6, 2])
        XCTAssertEqual(Array(channels.scalars.prefix(12)), [1, -1, 1, -1, 1, -1, 2, -2, 2, -2, 2, -2])
    }

    func testConvTransposeOfAOneHotInputPlacesTheKernel() {
        // Stride 1, 'valid': a 3×3 input gives (3 − 1) + 2 = 4 rows; the centre's kernel lands at (1, 1).
        var x = Tensor(zeros: [1, 3, 3, 1])
        x.data[4] = 1
        var y = x.conv2dTranspose(kernel: kernel2x2, bias: nil, padding: .valid)
        XCTAssertEqual(y.shape, [1, 4, 4, 1])
        XCTAssertEqual(y.scalars, [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0])
        // Stride 2, 'valid': pixel (1, 0) of a 2×2 input lands at (2, 0).
        x = Tensor([0, 0, 1, 0], shape: [1, 2, 2, 1])
        y = x.conv2dTranspose(kernel: kernel2x2, bias: Tensor([10], shape: [1]), stride: 2, padding: .valid)
        XCTAssertEqual(y.shape, [1, 4, 4, 1])
        XCTAssertEqual(y.scalars, [10, 10, 10, 10, 10, 10, 10, 10, 11, 12, 10, 10, 13, 14, 10, 10])
        // Stride 2, 'same', 3×3 kernel: out = 2·2 = 4, and the overhang is cropped at the bottom/right.
        let k3 = Tensor((1...9).map(Float.init), shape: [3, 3, 1, 1])
        x = Tensor([0, 0, 0, 1], shape: [1, 2, 2, 1])
        y = x.conv2dTranspose(kernel: k3, bias: nil, stride: 2, padding: .same)
        XCTAssertEqual(y.shape, [1, 4, 4, 1])
        XCTAssertEqual(y.scalars, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 4, 5])
        x = Tensor([1, 0, 0, 0], shape: [1, 2, 2, 1])
        y = x.conv2dTranspose(kernel: k3, bias: nil, stride: 2, padding: .same)
        XCTAssertEqual(y.scalars, [1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0])
    }

    func testConvTransposeIsTheAdjointOfConv() {
        // ⟨convᵀ(x), y⟩ = ⟨x, conv(y)⟩ for the same kernel, for every padding and stride.
        // Channel counts of 1 on either side take the paths without a column matrix.
        for ((padding, stride, size), (outputs, inputs)) in product([(Padding.same, 1, 3), (.valid, 1, 3), (.same, 2, 3), (.valid, 2, 3), (.valid, 3, 2), (.same, 1, 1), (.same, 1, 2)], [(3, 2), (1, 3), (3, 1)]) {
            let w = constant([size, size, outputs, inputs], seed: 4, low: -1, high: 1)   // [kh, kw, out, in]
            let x = constant([2, 4, 5, inputs], seed: 5, low: -1, high: 1)
            let t = x.conv2dTranspose(kernel: w, bias: nil, stride: stride, padding: padding)
            let y = constant(t.shape, seed: 6, low: -1, high: 1)
            let c = y.conv2d(kernel: w, bias: nil, stride: stride, padding: padding)
            XCTAssertEqual(c.shape, x.shape, "\(padding) stride \(stride)")
            let left = zip(t.scalars, y.scalars).map(*).reduce(0, +)
            let right = zip(x.scalars, c.scalars).map(*).reduce(0, +)
            XCTAssertEqual(left, right, accuracy: 1e-3 * max(1, Swift.abs(left)), "\(padding) stride \(stride) kernel \(size)")
        }
    }

    func testOneChannelSidedConvolutionsWithWideChannelsAgreeWithDirectLoops() {
        // 16 channels on the wide side and images 9 wide take the C kernels' paths that work
        // on four pixels and whole 16-lane blocks at once (and their edges one at a time).
        for (padding, size) in product([Padding.same, .valid], [3, 2]) {
            for (channels, filters) in [(16, 1), (1, 16), (32, 1)] {
                let x = constant([2, 5, 9, channels], seed: 40, low: -1, high: 1)
                let w = constant([size, size, channels, filters], seed: 41, low: -1, high: 1)
                let b = constant([filters], seed: 42, low: -1, high: 1)
                let y = x.conv2d(kernel: w, bias: b, padding: padding)
                let expected = directConv(x, w, b, stride: 1, padding: padding)
                XCTAssertEqual(y.shape, expected.shape)
                for (a, e) in zip(y.scalars, expected.scalars) { XCTAssertEqual(a, e, accuracy: 1e-4, "\(padding) \(size) \(channels)→\(filters)") }
                // The transposed op (same kernel, [kh, kw, out, in] seen from its side) by the adjoint identity.
                let u = constant(y.shape, seed: 43, low: -1, high: 1)
                let t = u.conv2dTranspose(kernel: w, bias: nil, padding: padding)
                XCTAssertEqual(t.shape, x.shape)
                let c = x.conv2d(kernel: w, bias: nil, padding: padding)
                let left = zip(t.scalars, x.scalars).map(*).reduce(0, +)
                let right = zip(u.scalars, c.scalars).map(*).reduce(0, +)
                XCTAssertEqual(left, right, accuracy: 1e-3 * max(1, Swift.abs(left)), "\(padding) \(size) \(channels)→\(filters)")
            }
        }
    }

    func testOneChannelSidedGradientsWithWideChannels() {
        for (padding, size) in product([Padding.same, .valid], [3, 2]) {
            for (channels, filters) in [(16, 1), (1, 16)] {
                checkGradients([randomTensor([1, 4, 9, channels], seed: 44), randomTensor([size, size, channels, filters], seed: 45),
                                randomTensor([filters], seed: 46)]) {
                    weightedSum($0[0].conv2d(kernel: $0[1], bias: $0[2], padding: padding, activation: .tanh))
                }
                // Keras's transposed kernel is [kh, kw, out, in]: `filters` in, `channels` out.
                checkGradients([randomTensor([1, 4, 9, filters], seed: 47), randomTensor([size, size, channels, filters], seed: 48),
                                randomTensor([channels], seed: 49)]) {
                    weightedSum($0[0].conv2dTranspose(kernel: $0[1], bias: $0[2], padding: padding, activation: .tanh))
                }
            }
        }
    }

    // MARK: Gradients

    func testConv2dGradientsSameAndValidAtStrideOneAndTwo() {
        for (padding, stride) in [(Padding.same, 1), (.valid, 1), (.same, 2), (.valid, 2)] {
            for activation in [Activation.linear, .tanh, .sigmoid] {
                let x = randomTensor([2, 5, 4, 2], seed: 20)
                let w = randomTensor([3, 3, 2, 3], seed: 21)
                let b = randomTensor([3], seed: 22)
                checkGradients([x, w, b]) {
                    weightedSum($0[0].conv2d(kernel: $0[1], bias: $0[2], stride: stride, padding: padding, activation: activation))
                }
            }
        }
    }

    func testConv2dGradientsWithOneFilterOrOneChannel() {
        for (padding, stride) in [(Padding.same, 1), (.valid, 2), (.same, 2)] {
            let x = randomTensor([2, 5, 4, 3], seed: 27)
            checkGradients([x, randomTensor([3, 3, 3, 1], seed: 28), randomTensor([1], seed: 29)]) {
                weightedSum($0[0].conv2d(kernel: $0[1], bias: $0[2], stride: stride, padding: padding, activation: .tanh))
            }
            let grey = randomTensor([2, 5, 4, 1], seed: 30)
            checkGradients([grey, randomTensor([3, 3, 1, 3], seed: 31), randomTensor([3], seed: 32)]) {
                weightedSum($0[0].conv2d(kernel: $0[1], bias: $0[2], stride: stride, padding: padding))
            }
        }
    }

    func testMatrixVectorProductsMatchTheirDefinition() {
        // n = 1 goes through GEMV; every transpose combination must still mean the same product.
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), v = Tensor([1, -1, 2], shape: [3, 1])
        XCTAssertEqual(a.matmul(v).scalars, [5, 11])
        XCTAssertEqual(a.transposedCopy().matmul(v, transposeSelf: true).scalars, [5, 11])
        XCTAssertEqual(a.matmul(Tensor([1, -1, 2], shape: [1, 3]), transposeOther: true).scalars, [5, 11])
        checkGradients([randomTensor([4, 3], seed: 33), randomTensor([3, 1], seed: 34)]) { weightedSum($0[0].matmul($0[1])) }
        checkGradients([randomTensor([3, 4], seed: 35), randomTensor([1, 3], seed: 36)]) {
            weightedSum($0[0].matmul($0[1], transposeSelf: true, transposeOther: true))
        }
    }

    func testConv2dGradientsForPointwiseAndEvenKernels() {
        let x = randomTensor([2, 3, 3, 4], seed: 23)
        checkGradients([x, randomTensor([1, 1, 4, 2], seed: 24), randomTensor([2], seed: 25)]) {
            weightedSum($0[0].conv2d(kernel: $0[1], bias: $0[2], padding: .same))
        }
        checkGradients([x, randomTensor([2, 2, 4, 2], seed: 26)]) {
            weightedSum($0[0].conv2d(kernel: $0[1], bias: nil, stride: 2, padding: .same))
        }
    }

    func testConvTransposeGradientsSameAndValidAtStrideTwo() {
        for padding in [Padding.same, .valid] {
            for ((stride, size), (outputs, inputs)) in product([(2, 3), (1, 3), (2, 2), (1, 2)], [(3, 2), (3, 1), (1, 2)]) {
                let x = randomTensor([2, 3, 4, inputs], seed: 30)
                let w = randomTensor([size, size, outputs, inputs], seed: 31)
                let b = randomTensor([outputs], seed: 32)
                checkGradients([x, w, b]) {
                    weightedSum($0[0].conv2dTranspose(kernel: $0[1], bias: $0[2], stride: stride, padding: padding, activation: .tanh))
                }
            }
        }
    }

    func testMaxPoolGradientGoesToTheMaximum() {
        // Distinct values 0.1 apart, so a finite-difference step cannot change which one wins.
        var values = (0..<64).map { Float($0) * 0.1 - 3 }
        var random = Random(seed: 40)
        random.shuffle(&values)
        let x = Tensor.parameter([2, 4, 4, 2], name: "x") { p, n in for i in 0..<n { p[i] = values[i] } }
        checkGradients([x]) { weightedSum($0[0].maxPool2d()) }
        checkGradients([x]) { weightedSum($0[0].maxPool2d(pool: 3, stride: 2, padding: .same)) }
    }

    func testUpsampleGradientSumsEachBlock() {
        let x = randomTensor([2, 2, 3, 2], seed: 41)
        checkGradients([x]) { weightedSum($0[0].upsample2d(size: 2)) }
        checkGradients([x]) { weightedSum($0[0].upsample2d(size: 3)) }
    }

    func testL1ActivityPenaltyHasSignGradient() {
        let x = randomTensor([2, 5], seed: 45)
        checkGradients([x]) { $0[0].abs().sum() * 0.3 }
    }

    // MARK: Reference

    /// Convolution by its definition, one output at a time, with Keras's padding.
    private func directConv(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Padding) -> Tensor {
        let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, o) = (w.shape[0], w.shape[1], w.shape[3])
        let oh = padding.outputLength(input: h, kernel: kh, stride: stride)
        let ow = padding.outputLength(input: wd, kernel: kw, stride: stride)
        let top = padding == .same ? max((oh - 1) * stride + kh - h, 0) / 2 : 0
        let left = padding == .same ? max((ow - 1) * stride + kw - wd, 0) / 2 : 0
        let out = Tensor(zeros: [n, oh, ow, o])
        for b0 in 0..<n { for y in 0..<oh { for xo in 0..<ow { for f in 0..<o {
            var s = b.data[f]
            for ky in 0..<kh { for kx in 0..<kw {
                let iy = y * stride - top + ky, ix = xo * stride - left + kx
                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                for ci in 0..<c { s += x.data[((b0 * h + iy) * wd + ix) * c + ci] * w.data[((ky * kw + kx) * c + ci) * o + f] }
            } }
            out.data[((b0 * oh + y) * ow + xo) * o + f] = s
        } } } }
        return out
    }
}

private extension Tensor {
    /// The transpose as a new tensor outside the graph.
    func transposedCopy() -> Tensor { Tensor.withoutGradients { transposed() } }
}

/// Every pair of an element of `a` and one of `b`.
private func product<A, B>(_ a: [A], _ b: [B]) -> [(A, B)] { a.flatMap { x in b.map { (x, $0) } } }
