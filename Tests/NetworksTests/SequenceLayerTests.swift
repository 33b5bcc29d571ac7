import Foundation
@testable import Networks
import Tensors
import TestSupport
import XCTest

/// Embedding, LSTM, Bidirectional and RepeatVector as layers: Keras's shapes, names, initial
/// weights, masks and JSON fields, and their gradients against finite differences.
final class SequenceLayerTests: XCTestCase {
    /// Two sequences of token ids [N = 2, T = 4]: the second padded after two tokens.
    private let ids = Tensor([3, 1, 2, 4, 2, 3, 0, 0], shape: [2, 4])

    func testEmbeddingLooksUpRowsAndMasksPadding() {
        var random = Random(seed: 1)
        let embedding = Embedding(name: "e", inputDim: 5, outputDim: 2, maskZero: true, random: &random)
        try! embedding.setTable((0..<10).map(Float.init))
        var context = ForwardContext.inference
        let y = embedding.forward(ids, &context)
        XCTAssertEqual(y.shape, [2, 4, 2])
        // Row k of the table is [2k, 2k + 1].
        XCTAssertEqual(Array(y.scalars[0..<4]), [6, 7, 2, 3])
        XCTAssertEqual(Array(y.scalars[12..<16]), [0, 1, 0, 1])
        XCTAssertEqual(context.mask?.values, [1, 1, 1, 1, 1, 1, 0, 0])
        XCTAssertEqual(try embedding.outputShape([4]), [4, 2])
        XCTAssertThrowsError(try embedding.outputShape([4, 3]))
    }

    func testEmbeddingStartsAsKerasOrPyTorchDrawsIt() {
        var random = Random(seed: 2)
        let keras = Embedding(name: "e", inputDim: 200, outputDim: 50, maskZero: false, random: &random)
        XCTAssertTrue(keras.table.scalars.allSatisfy { abs($0) <= 0.05 })
        XCTAssertGreaterThan(keras.table.scalars.map(abs).max()!, 0.049)
        let torch = Embedding(name: "e", inputDim: 200, outputDim: 50, maskZero: false, weights: .torch, random: &random)
        // N(0, 1): the mean square of 10,000 draws is 1 within a few percent.
        let meanSquare = torch.table.scalars.map { $0 * $0 }.reduce(0, +) / 10_000
        XCTAssertEqual(meanSquare, 1, accuracy: 0.05)
    }

    func testAFixedEmbeddingIsSavedButNotTrained() {
        var random = Random(seed: 3)
        let fixed = Embedding(name: "e", inputDim: 5, outputDim: 2, maskZero: true, trainable: false, random: &random)
        XCTAssertTrue(fixed.parameters.isEmpty)
        XCTAssertEqual(fixed.frozen.map(\.name), ["e/embeddings"])
        XCTAssertEqual(fixed.summaryRows(input: [4]).first?.parameters, 10)
        XCTAssertThrowsError(try fixed.setTable([1, 2, 3]))
        var context = ForwardContext(training: true)
        XCTAssertFalse(fixed.forward(ids, &context).requiresGrad)
    }

    func testEmbeddingGradientAddsIntoEachPickedRow() {
        var random = Random(seed: 4)
        let embedding = Embedding(name: "e", inputDim: 5, outputDim: 3, maskZero: false, random: &random)
        checkGradients([embedding.table]) { _ in
            var context = ForwardContext.inference
            return weightedSum(embedding.forward(self.ids, &context))
        }
    }

    func testFlattenLaysEachSequenceOfVectorsOutAsOneRow() throws {
        // [batch 2, time 3, features 2] → [2, 6], step after step: what Embedding → Flatten gives Dense.
        let layer = Flatten(name: "f")
        XCTAssertEqual(try layer.outputShape([3, 2]), [6])
        let x = Tensor((0..<12).map(Float.init), shape: [2, 3, 2])
        var context = ForwardContext.inference
        let y = layer.forward(x, &context)
        XCTAssertEqual(y.shape, [2, 6])
        XCTAssertEqual(y.scalars, (0..<12).map(Float.init))
        let random = randomTensor([2, 3, 2], seed: 6)
        checkGradients([random]) { t in
            var context = ForwardContext.inference
            return weightedSum(layer.forward(t[0], &context))
        }
        // Through an Embedding, as seed 001 builds it: each picked row's gradient reaches its table row.
        var draw = Random(seed: 7)
        let embedding = Embedding(name: "e", inputDim: 5, outputDim: 3, maskZero: false, random: &draw)
        checkGradients([embedding.table]) { _ in
            var context = ForwardContext.inference
            return weightedSum(layer.forward(embedding.forward(self.ids, &context), &context))
        }
    }

    func testRepeatVectorCopiesTheVectorToEveryStep() {
        let layer = RepeatVector(name: "r", n: 3)
        var context = ForwardContext.inference
        context.mask = SequenceMask(batch: 1, time: 2, values: [1, 0])
        let y = layer.forward(Tensor([1, 2, 3, 4], shape: [2, 2]), &context)
        XCTAssertEqual(y.shape, [2, 3, 2])
        XCTAssertEqual(y.scalars, [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4])
        XCTAssertNil(context.mask)
        XCTAssertEqual(try layer.outputShape([2]), [3, 2])
        let x = randomTensor([2, 2], seed: 5)
        checkGradients([x]) { t in
            var context = ForwardContext.inference
            return weightedSum(layer.forward(t[0], &context))
        }
    }

    func testARepeatVectorBeforeAnLSTMHandsItTheVectorWithTheSameResult() throws {
        // The seed's decoder, small: Sequential runs the RepeatVector and the LSTM as one, and
        // gives what the layers one after another give, dropout draws included.
        var random = Random(seed: 21)
        let decoder = try Sequential(name: "decoder", inputShape: [3], specs: [
            .dense(units: 4, activation: .relu), .repeatVector(5),
            .bidirectional(layer: .lstm(units: 6, returnSequences: true, goBackwards: false, dropout: 0.2, recurrentDropout: 0), merge: .concat),
            .dense(units: 7, activation: .linear),
        ], random: &random)
        let z = constant([8, 3], seed: 22, low: -1, high: 1)
        var fused = ForwardContext(training: true, random: Random(seed: 23))
        var oneByOne = ForwardContext(training: true, random: Random(seed: 23))
        let got = decoder(z, &fused)
        let want = decoder.layers.reduce(z) { $1.forward($0, &oneByOne) }
        XCTAssertEqual(got.shape, [8, 5, 7])
        for (g, w) in zip(got.scalars, want.scalars) { XCTAssertEqual(g, w, accuracy: 1e-5) }
        // Multiply-adds as done: the LSTMs' 4 inputs projected once, their 6 states at each of 5 steps.
        let lstm = 2.0 * 24 * (4 + 5 * 6)
        XCTAssertEqual(decoder.multiplyAdds, 3 * 4 + lstm + 5 * 12 * 7)
    }

    func testLSTMStartsWithKerasWeights() {
        var random = Random(seed: 6)
        let lstm = LSTM(name: "l", inputs: 30, units: 20, random: &random)
        // Glorot-uniform over fans 30 and 80.
        let limit = Float(6.0 / 110).squareRoot()
        XCTAssertTrue(lstm.kernel.scalars.allSatisfy { abs($0) <= limit })
        // An orthogonal recurrent kernel [20, 80] has orthonormal rows: U·Uᵀ = I.
        let gram = lstm.recurrentKernel.matmul(lstm.recurrentKernel, transposeOther: true)
        for i in 0..<20 { for j in 0..<20 { XCTAssertEqual(gram.data[i * 20 + j], i == j ? 1 : 0, accuracy: 1e-4) } }
        // unit_forget_bias: the forget gate's 20 biases are 1, the others 0.
        XCTAssertEqual(lstm.bias.scalars, [Float](repeating: 0, count: 20) + [Float](repeating: 1, count: 20) + [Float](repeating: 0, count: 40))
        XCTAssertEqual(lstm.parameters.map(\.name), ["l/kernel", "l/recurrent_kernel", "l/bias"])
    }

    func testLSTMStartsWithPyTorchWeightsUnderTorchStyle() {
        var random = Random(seed: 7)
        let lstm = LSTM(name: "l", inputs: 30, units: 25, weights: .torch, random: &random)
        // nn.LSTM: every weight and bias U(±1/√hidden) = U(±0.2).
        for values in [lstm.kernel.scalars, lstm.recurrentKernel.scalars, lstm.bias.scalars] {
            XCTAssertTrue(values.allSatisfy { abs($0) <= 0.2 })
            XCTAssertGreaterThan(values.map(abs).max()!, 0.18)
        }
    }

    func testLSTMShapesAndGoBackwardsOrder() throws {
        var random = Random(seed: 8)
        let x = constant([2, 4, 3], seed: 9, low: -1, high: 1)
        let forward = LSTM(name: "f", inputs: 3, units: 2, returnSequences: true, random: &random)
        XCTAssertEqual(try forward.outputShape([4, 3]), [4, 2])
        XCTAssertThrowsError(try forward.outputShape([4, 5]))
        let last = LSTM(name: "l", inputs: 3, units: 2, random: &random)
        XCTAssertEqual(try last.outputShape([4, 3]), [2])
        XCTAssertEqual(last.multiplyAdds(input: [4, 3]), 4 * 8 * 5)
        // go_backwards returns its outputs in the order it read the steps (Keras): its first
        // output is the state after the last input step alone.
        let backwards = LSTM(name: "b", inputs: 3, units: 2, returnSequences: true, goBackwards: true, random: &random)
        var context = ForwardContext.inference
        let y = backwards.forward(x, &context)
        let lastStepAlone = backwards.forward(x.slice(axis: 1, 3..<4), &context)
        XCTAssertEqual(Array(y.scalars[0..<2]), Array(lastStepAlone.scalars[0..<2]))
        // A masked step keeps the state, and a layer ending the time axis ends the mask.
        context.mask = SequenceMask(batch: 2, time: 4, values: [1, 1, 1, 1, 1, 1, 0, 0])
        let final = last.forward(x, &context)
        XCTAssertNil(context.mask)
        var plain = ForwardContext.inference
        let twoSteps = last.forward(x.slice(axis: 1, 0..<2), &plain)
        for j in 0..<2 { XCTAssertEqual(final.data[2 + j], twoSteps.data[2 + j], accuracy: 1e-6) }
    }

    func testLSTMDropoutActsOnlyWhileTraining() {
        var random = Random(seed: 10)
        let lstm = LSTM(name: "l", inputs: 3, units: 4, dropout: 0.5, recurrentDropout: 0.5, random: &random)
        let x = constant([3, 4, 3], seed: 11, low: -1, high: 1)
        var inference = ForwardContext.inference
        let a = lstm.forward(x, &inference).scalars, b = lstm.forward(x, &inference).scalars
        XCTAssertEqual(a, b)
        var training = ForwardContext(training: true, random: Random(seed: 1))
        XCTAssertNotEqual(lstm.forward(x, &training).scalars, a)
    }

    func testBidirectionalConcatenatesOrMergesItsDirections() throws {
        let x = constant([2, 4, 3], seed: 13, low: -1, high: 1)
        for merge in MergeMode.allCases {
            var r = Random(seed: 12)
            let layer = try LayerSpec.bidirectional(layer: .lstm(units: 2, returnSequences: true, goBackwards: false, dropout: 0, recurrentDropout: 0), merge: merge)
                .make(name: "bidirectional", inputShape: [4, 3], weights: .keras, random: &r) as! Bidirectional
            XCTAssertEqual(layer.parameters.map(\.name).prefix(2), ["bidirectional/forward_lstm/kernel", "bidirectional/forward_lstm/recurrent_kernel"])
            var context = ForwardContext.inference
            let y = layer.forward(x, &context)
            XCTAssertEqual(y.shape, [2, 4, merge == .concat ? 4 : 2])
            // The forward layer alone, and the backward one alone flipped back to input order.
            let f = layer.forwardLayer.forward(x, &context).scalars
            let b = layer.backwardLayer.forward(x, &context).reversed(axis: 1).scalars
            for i in 0..<16 {
                let (step, unit) = (i / 2, i % 2)
                switch merge {
                case .concat:
                    XCTAssertEqual(y.data[step * 4 + unit], f[i], accuracy: 1e-6)
                    XCTAssertEqual(y.data[step * 4 + 2 + unit], b[i], accuracy: 1e-6)
                case .sum: XCTAssertEqual(y.data[i], f[i] + b[i], accuracy: 1e-6)
                case .ave: XCTAssertEqual(y.data[i], (f[i] + b[i]) / 2, accuracy: 1e-6)
                case .mul: XCTAssertEqual(y.data[i], f[i] * b[i], accuracy: 1e-6)
                }
            }
        }
    }

    func testBidirectionalZeroesPaddedStepsAndItsGradientsMatchFiniteDifferences() throws {
        var random = Random(seed: 14)
        let spec = LayerSpec.bidirectional(layer: .lstm(units: 2, returnSequences: true, goBackwards: false, dropout: 0.3, recurrentDropout: 0.3), merge: .concat)
        let layer = try spec.make(name: "b", inputShape: [4, 3], weights: .keras, random: &random) as! Bidirectional
        var context = ForwardContext.inference
        context.mask = SequenceMask(batch: 2, time: 4, values: [1, 1, 1, 1, 1, 1, 0, 0])
        let y = layer.forward(constant([2, 4, 3], seed: 15), &context)
        XCTAssertEqual(Array(y.scalars[24..<32]), [Float](repeating: 0, count: 8))
        XCTAssertNotNil(context.mask, "returning sequences, the mask goes on")
        let x = randomTensor([2, 4, 3], seed: 16)
        checkGradients([x] + layer.parameters) { t in
            // Dropout while training, with the same masks for every evaluation.
            var context = ForwardContext(training: true, random: Random(seed: 3))
            context.mask = SequenceMask(batch: 2, time: 4, values: [1, 1, 1, 1, 1, 1, 0, 0])
            return weightedSum(layer.forward(t[0], &context))
        }
    }

    func testSpecsRoundTripThroughKerasNamedJSON() throws {
        let specs: [LayerSpec] = [
            .embedding(inputDim: 3501, outputDim: 100, maskZero: true, trainable: false),
            .lstm(units: 256, returnSequences: true, goBackwards: true, dropout: 0.2, recurrentDropout: 0.1),
            .bidirectional(layer: .lstm(units: 512, returnSequences: false, goBackwards: false, dropout: 0.2, recurrentDropout: 0), merge: .ave),
            .repeatVector(10),
        ]
        let json = String(decoding: try JSONEncoder().encode(specs), as: UTF8.self)
        for field in ["\"input_dim\":3501", "\"mask_zero\":true", "\"return_sequences\":true", "\"go_backwards\":true",
                      "\"recurrent_dropout\":0.1", "\"merge_mode\":\"ave\"", "\"type\":\"Bidirectional\"", "\"n\":10"] {
            XCTAssertTrue(json.contains(field), "\(field) in \(json)")
        }
        XCTAssertEqual(try JSONDecoder().decode([LayerSpec].self, from: Data(json.utf8)), specs)
        // Keras's defaults fill fields a file leaves out.
        let short = try JSONDecoder().decode(LayerSpec.self, from: Data(#"{"type": "LSTM", "units": 8}"#.utf8))
        XCTAssertEqual(short, .lstm(units: 8, returnSequences: false, goBackwards: false, dropout: 0, recurrentDropout: 0))
    }

    func testSequentialBuildsTheSeedsEncoderWithKerasNamesAndCounts() throws {
        var random = Random(seed: 17)
        let encoder = try Sequential(name: "encoder", inputShape: [10], specs: [
            .embedding(inputDim: 3501, outputDim: 100, maskZero: true, trainable: true),
            .bidirectional(layer: .lstm(units: 512, returnSequences: false, goBackwards: false, dropout: 0.2, recurrentDropout: 0), merge: .concat),
            .dense(units: 256, activation: .relu),
        ], random: &random)
        XCTAssertEqual(encoder.layers.map(\.name), ["encoder/embedding", "encoder/bidirectional", "encoder/dense"])
        XCTAssertEqual(encoder.outputShape, [256])
        // Keras's summary of the same layers: 350,100, 2,510,848 and 262,400 parameters.
        XCTAssertEqual(encoder.summaryRows.map(\.parameters), [350_100, 2_510_848, 262_400])
        XCTAssertEqual(encoder.summaryRows.map(\.outputShape), [[10, 100], [1024], [256]])
        XCTAssertThrowsError(try Sequential(name: "e", inputShape: [10], specs: [.lstm(units: 4, returnSequences: false, goBackwards: false, dropout: 0, recurrentDropout: 0)], random: &random))
        XCTAssertThrowsError(try Sequential(name: "e", inputShape: [10, 3], specs: [
            .bidirectional(layer: .lstm(units: 4, returnSequences: false, goBackwards: true, dropout: 0, recurrentDropout: 0), merge: .concat)], random: &random))
        XCTAssertEqual(LayerSpec.lstm(units: 1, returnSequences: false, goBackwards: false, dropout: 0, recurrentDropout: 0).baseName, "lstm")
        XCTAssertEqual(LayerSpec.repeatVector(2).baseName, "repeat_vector")
    }
}
