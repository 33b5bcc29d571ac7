@testable import Networks
import Tensors
import XCTest

final class LayerTests: XCTestCase {
    func testDenseComputesActivationOfXWPlusB() throws {
        var random = Random(seed: 1)
        let dense = Dense(name: "d", inputs: 2, units: 3, activation: .relu, random: &random)
        dense.kernel.data.update(from: [1, 0, -1, 0.5, 1, -2], count: 6)
        dense.bias.data.update(from: [0, 1, 0], count: 3)
        var context = ForwardContext.inference
        // x·W = [1 + 1, 0 + 2, −1 − 4] = [2, 2, −5]; + b = [2, 3, −5]; ReLU → [2, 3, 0].
        XCTAssertEqual(dense.forward(Tensor([1, 2], shape: [1, 2]), &context).scalars, [2, 3, 0])
    }

    func testDenseStartsWithGlorotUniformWeightsAndZeroBias() {
        var random = Random(seed: 7)
        let dense = Dense(name: "d", inputs: 300, units: 100, activation: .linear, random: &random)
        let limit = Float(6.0 / 400).squareRoot()
        let w = dense.kernel.scalars
        XCTAssertTrue(w.allSatisfy { abs($0) <= limit })
        XCTAssertGreaterThan(w.map(abs).max()!, 0.95 * limit)
        // The variance of U(−l, l) is l²/3.
        let variance = w.map { $0 * $0 }.reduce(0, +) / Float(w.count)
        XCTAssertEqual(variance, limit * limit / 3, accuracy: 0.05 * limit * limit / 3)
        XCTAssertEqual(dense.bias.scalars, [Float](repeating: 0, count: 100))
    }

    func testTorchStyleWeightsAreUniformWithinOneOverRootFanIn() {
        var random = Random(seed: 7)
        let dense = Dense(name: "d", inputs: 2, units: 784, activation: .linear, weights: .torch, random: &random)
        let limit = 1 / Float(2).squareRoot()
        for values in [dense.kernel.scalars, dense.bias.scalars] {
            XCTAssertTrue(values.allSatisfy { abs($0) <= limit })
            XCTAssertGreaterThan(values.map(abs).max()!, 0.95 * limit)
        }
        // Conv2D: fan_in = k²·in; Conv2DTranspose: fan_in = k²·filters (PyTorch's weight [in, out, k, k]).
        let conv = Conv2D(name: "c", inputChannels: 4, filters: 8, kernel: 3, weights: .torch, random: &random)
        XCTAssertTrue(conv.kernel.scalars.allSatisfy { abs($0) <= 1 / Float(36).squareRoot() })
        XCTAssertGreaterThan(conv.bias.scalars.map(abs).max()!, 0)
        let transposed = Conv2DTranspose(name: "t", inputChannels: 4, filters: 8, kernel: 3, weights: .torch, random: &random)
        XCTAssertGreaterThan(transposed.kernel.scalars.map(abs).max()!, 0.9 / Float(72).squareRoot())
        XCTAssertTrue(transposed.kernel.scalars.allSatisfy { abs($0) <= 1 / Float(72).squareRoot() })
    }

    func testSequentialNamesLayersKerasStyleAndChecksShapes() throws {
        var random = Random(seed: 0)
        let model = try Sequential(name: "encoder", inputShape: [784], specs: [.dense(units: 512, activation: .relu), .dense(units: 256, activation: .relu)], random: &random)
        XCTAssertEqual(model.layers.map(\.name), ["encoder/dense", "encoder/dense_1"])
        XCTAssertEqual(model.outputShape, [256])
        XCTAssertEqual(model.parameterCount, 784 * 512 + 512 + 512 * 256 + 256)
        XCTAssertThrowsError(try Sequential(name: "m", inputShape: [4], specs: [.dense(units: 0, activation: .relu)], random: &random))
    }

    func testLossesMatchHandComputedValues() {
        let p = Tensor([0.8, 0.1], shape: [1, 2]), y = Tensor([1, 0], shape: [1, 2])
        // BCE: mean(−ln 0.8, −ln 0.9) = (0.223144 + 0.105361)/2.
        XCTAssertEqual(LossFunction.bce(p, y).item, 0.1642520, accuracy: 1e-6)
        // MSE: (0.04 + 0.01)/2.
        XCTAssertEqual(LossFunction.mse(p, y).item, 0.025, accuracy: 1e-7)
        // CCE of the softmax of [0, ln 3] (probabilities 1/4, 3/4) against class 1: −ln 0.75.
        let logits = Tensor([0, Foundation.log(3)], shape: [1, 2])
        XCTAssertEqual(LossFunction.cce(logits.softmax(), Tensor([0, 1], shape: [1, 2])).item, 0.2876821, accuracy: 1e-6)
    }

    func testSummaryTableHasKerasColumnsAndTotals() throws {
        var random = Random(seed: 0)
        let model = try Sequential(name: "m", inputShape: [4], specs: [.dense(units: 3, activation: .relu)], random: &random)
        let table = Summary.table(title: "m", rows: model.summaryRows)
        XCTAssertTrue(table.contains("dense (Dense)"))
        XCTAssertTrue(table.contains("(None, 3)"))
        XCTAssertTrue(table.contains("Total params: 15"))
        XCTAssertEqual(Summary.grouped(1_067_024), "1,067,024")
    }

    func testClassificationReportMatchesHandCounts() {
        let r = ClassificationReport(predicted: [0, 0, 1, 1], actual: [0, 1, 1, 1], classNames: ["a", "b"])
        XCTAssertEqual(r.accuracy, 0.75)
        XCTAssertEqual(r.rows[0].precision, 0.5)
        XCTAssertEqual(r.rows[0].recall, 1)
        XCTAssertEqual(r.rows[1].precision, 1)
        XCTAssertEqual(r.rows[1].recall, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(r.rows[1].f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(r.rows[1].support, 3)
    }
}

import Foundation
