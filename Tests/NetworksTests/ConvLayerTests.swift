@testable import Networks
import Foundation
import Tensors
import XCTest

/// The image layers: Keras's output shapes and parameter counts, shape errors, and the L1
/// activity penalty.
final class ConvLayerTests: XCTestCase {
    /// The seed's convolutional VAE: its encoder body and decoder, as Keras summarises them.
    func testSeedConvolutionalStackHasKerasShapesAndParameterCounts() throws {
        var random = Random(seed: 0)
        let encoder = try Sequential(name: "encoder", inputShape: [28, 28, 1], specs: [
            .conv2D(filters: 32, kernel: 3, stride: 1, padding: .same, activation: .relu),
            .maxPooling2D(pool: 2),
            .conv2D(filters: 1, kernel: 3, stride: 1, padding: .same, activation: .linear),
            .flatten,
        ], random: &random)
        XCTAssertEqual(encoder.summaryRows.map(\.outputShape), [[28, 28, 32], [14, 14, 32], [14, 14, 1], [196]])
        XCTAssertEqual(encoder.summaryRows.map(\.parameters), [320, 0, 289, 0])
        XCTAssertEqual(encoder.layers.map(\.name), ["encoder/conv2d", "encoder/max_pooling2d", "encoder/conv2d_1", "encoder/flatten"])
        XCTAssertEqual(encoder.layers.map(\.typeName), ["Conv2D", "MaxPooling2D", "Conv2D", "Flatten"])

        let decoder = try Sequential(name: "decoder", inputShape: [196], specs: [
            .reshape([14, 14, 1]),
            .conv2DTranspose(filters: 32, kernel: 3, stride: 1, padding: .same, activation: .relu),
            .upSampling2D(size: 2),
            .conv2DTranspose(filters: 1, kernel: 3, stride: 1, padding: .same, activation: .sigmoid),
        ], random: &random)
        XCTAssertEqual(decoder.summaryRows.map(\.outputShape), [[14, 14, 1], [14, 14, 32], [28, 28, 32], [28, 28, 1]])
        XCTAssertEqual(decoder.summaryRows.map(\.parameters), [0, 320, 0, 289])
        XCTAssertEqual(decoder.layers.map(\.typeName), ["Reshape", "Conv2DTranspose", "UpSampling2D", "Conv2DTranspose"])
        XCTAssertEqual(decoder.layers.map(\.name).last, "decoder/conv2d_transpose_1")

        // Flat MNIST rows go in as images, and the forward pass gives the shapes promised.
        var context = ForwardContext.inference
        let code = encoder(Tensor(repeating: 0.5, shape: [3, 784]), &context)
        XCTAssertEqual(code.shape, [3, 196])
        let image = decoder(code, &context)
        XCTAssertEqual(image.shape, [3, 28, 28, 1])
        XCTAssertTrue(image.scalars.allSatisfy { $0 > 0 && $0 < 1 })
    }

    func testStridedAndValidConvolutionsFollowKerasSizes() throws {
        var random = Random(seed: 1)
        let strided = try Sequential(name: "m", inputShape: [28, 28, 1], specs: [.conv2D(filters: 16, kernel: 3, stride: 2, padding: .same, activation: .relu)], random: &random)
        XCTAssertEqual(strided.outputShape, [14, 14, 16])
        let valid = try Sequential(name: "m", inputShape: [28, 28, 1], specs: [.conv2D(filters: 8, kernel: 3, stride: 1, padding: .valid, activation: .relu)], random: &random)
        XCTAssertEqual(valid.outputShape, [26, 26, 8])
        let odd = try Sequential(name: "m", inputShape: [7, 7, 2], specs: [.conv2D(filters: 4, kernel: 3, stride: 2, padding: .valid, activation: .linear)], random: &random)
        XCTAssertEqual(odd.outputShape, [3, 3, 4])
        // Transposed: 'valid' gives (in − 1)·stride + k, 'same' in·stride.
        let up = try Sequential(name: "m", inputShape: [7, 7, 4], specs: [
            .conv2DTranspose(filters: 2, kernel: 3, stride: 2, padding: .valid, activation: .relu),
            .conv2DTranspose(filters: 2, kernel: 3, stride: 2, padding: .same, activation: .relu),
        ], random: &random)
        XCTAssertEqual(up.summaryRows.map(\.outputShape), [[15, 15, 2], [30, 30, 2]])
        XCTAssertEqual(try MaxPooling2D(name: "p", pool: 2).outputShape([5, 7, 3]), [2, 3, 3])
        XCTAssertEqual(try UpSampling2D(name: "u", size: 3).outputShape([2, 5, 3]), [6, 15, 3])
        XCTAssertEqual(try Reshape(name: "r", target: [-1, 4]).outputShape([2, 6]), [3, 4])
    }

    func testShapesThatDoNotFitThrowClearErrors() throws {
        var random = Random(seed: 2)
        func error(_ input: [Int], _ specs: [LayerSpec]) -> String {
            do {
                _ = try Sequential(name: "m", inputShape: input, specs: specs, random: &random)
                return ""
            } catch {
                return "\(error)"
            }
        }
        let big = error([3, 3, 1], [.conv2D(filters: 1, kernel: 5, stride: 1, padding: .valid, activation: .relu)])
        XCTAssertTrue(big.contains("5×5") && big.contains("3×3"), big)
        let flat = error([784], [.conv2D(filters: 1, kernel: 3, stride: 1, padding: .same, activation: .relu)])
        XCTAssertTrue(flat.contains("[height, width, channels]") && flat.contains("[784]"), flat)
        let count = error([784], [.reshape([14, 14, 2])])
        XCTAssertTrue(count.contains("784") && count.contains("392"), count)
        XCTAssertFalse(error([3, 3, 1], [.maxPooling2D(pool: 4)]).isEmpty)
        XCTAssertFalse(error([8, 8, 1], [.conv2D(filters: 0, kernel: 3, stride: 1, padding: .same, activation: .relu)]).isEmpty)
        XCTAssertFalse(error([8, 8, 1], [.conv2D(filters: 2, kernel: 3, stride: 0, padding: .same, activation: .relu)]).isEmpty)
        XCTAssertFalse(error([8], [.upSampling2D(size: 2)]).isEmpty)
    }

    func testConvolutionStartsWithKerasGlorotUniformAndZeroBias() {
        var random = Random(seed: 3)
        let conv = Conv2D(name: "c", inputChannels: 1, filters: 32, kernel: 3, padding: .same, activation: .relu, random: &random)
        XCTAssertEqual(conv.kernel.shape, [3, 3, 1, 32])
        let limit = Float(6.0 / Double(9 * 1 + 9 * 32)).squareRoot()
        XCTAssertTrue(conv.kernel.scalars.allSatisfy { abs($0) <= limit })
        XCTAssertGreaterThan(conv.kernel.scalars.map(abs).max()!, 0.9 * limit)
        XCTAssertEqual(conv.bias.scalars, [Float](repeating: 0, count: 32))
        let transpose = Conv2DTranspose(name: "t", inputChannels: 32, filters: 1, kernel: 3, padding: .same, activation: .sigmoid, random: &random)
        XCTAssertEqual(transpose.kernel.shape, [3, 3, 1, 32])
    }

    func testL1ActivityAddsL1TimesSumOfAbsoluteValuesOverTheBatch() throws {
        var random = Random(seed: 4)
        let model = try Sequential(name: "m", inputShape: [3], specs: [.l1Activity(0.5)], random: &random)
        XCTAssertEqual(model.layers.first?.typeName, "ActivityRegularization")
        var context = ForwardContext(training: true)
        let x = Tensor([1, -2, 3, -4, 0, 6], shape: [2, 3])
        let y = model(x, &context)
        XCTAssertEqual(y.scalars, x.scalars, "the layer passes its input through")
        // 0.5 · (1 + 2 + 3 + 4 + 0 + 6) / 2 = 4.
        let penalties = context.takePenalties()
        XCTAssertEqual(penalties.map(\.name), ["m/activity_regularization"])
        XCTAssertEqual(penalties.first?.value.item ?? 0, 4, accuracy: 1e-6)
        XCTAssertTrue(context.penalties.isEmpty, "taking the penalties leaves none for the next batch")

        // Its gradient is l1·sign(a)/batch, reaching whatever produced the activations.
        let a = Tensor.parameter([2, 3], name: "a") { p, n in p.update(from: x.data, count: n) }
        _ = model(a, &context)
        let penalty = try XCTUnwrap(context.takePenalties().first?.value)
        penalty.backward()
        XCTAssertEqual(a.gradScalars, [0.25, -0.25, 0.25, -0.25, 0, 0.25])
    }

    func testNewLayerSpecsSurviveJSON() throws {
        let specs: [LayerSpec] = [
            .conv2D(filters: 32, kernel: 3, stride: 2, padding: .same, activation: .relu), .maxPooling2D(pool: 2),
            .upSampling2D(size: 2), .conv2DTranspose(filters: 1, kernel: 3, stride: 1, padding: .valid, activation: .sigmoid),
            .flatten, .reshape([14, 14, 1]), .l1Activity(1e-4),
        ]
        let decoded = try JSONDecoder().decode([LayerSpec].self, from: JSONEncoder().encode(specs))
        XCTAssertEqual(decoded, specs)
        var random = Random(seed: 5)
        let model = try Sequential(name: "m", inputShape: [8, 8, 2], specs: Array(specs.prefix(4)), random: &random)
        XCTAssertEqual(model.specs, Array(specs.prefix(4)))
    }
}
