import Foundation
@testable import Autoencoders
import Datasets
import Networks
import Tensors
import TestSupport
import XCTest

/// The text kinds (`lstm`, `seq2seq`): the seed's layers and counts, refusing the wrong data in
/// one line, the loss over real words, KL annealing, word dropout, greedy decoding and saving.
final class TextModelTests: XCTestCase {
    /// A few questions of 4 token ids from a vocabulary of 8, padded at the end.
    private func tinyQuestions() -> Dataset {
        Dataset(name: "tiny", values: .tokens([2, 3, 4, 5, 6, 7, 0, 0, 3, 2, 7, 0, 5, 5, 4, 6]), labels: nil, exampleShape: [4], classNames: [])
    }

    private let tiny = DataShape(example: [4], vocabulary: 8)

    func testSeq2SeqIsTheSeedsModelWithKerasCounts() throws {
        let model = try Autoencoder(try kind("seq2seq"), for: questions)
        // bench/compare.py's Keras model of the seed: 9,960,513 parameters.
        XCTAssertEqual(model.parameterCount, 9_960_513)
        XCTAssertEqual(model.encoder.layers.map(\.typeName), ["Embedding", "Bidirectional", "Dense", "GaussianHeads"])
        XCTAssertEqual(model.decoder.layers.map(\.typeName), ["Dense", "RepeatVector", "Bidirectional", "Dense"])
        XCTAssertEqual(model.codeWidth, 128)
        XCTAssertEqual(model.decoder.outputShape, [10, 3501])
        XCTAssertEqual(model.shapeLine, "10→10×100→1024→256→128→256→10×256→10×1024→10×3501")
        XCTAssertTrue(model.description.contains("cross-entropy summed over each question's words + KL"), model.description)
        XCTAssertTrue(model.summary.contains("bidirectional (Bidirectional)"))
        // bi=no: the seed's first, one-directional model.
        let plain = try Autoencoder(try kind("seq2seq", [("bi", "no")]), for: questions)
        XCTAssertEqual(plain.encoder.layers.map(\.typeName), ["Embedding", "LSTM", "Dense", "GaussianHeads"])
        XCTAssertEqual(plain.decoder.outputShape, [10, 3501])
    }

    func testLSTMIsSeed004sModelWithBenchCounts() throws {
        let model = try Autoencoder(try kind("lstm"), for: questions)
        // bench/compare.py's Keras lstm-ae: 2,140,737 parameters.
        XCTAssertEqual(model.parameterCount, 2_140_737)
        XCTAssertEqual(model.codeWidth, 256)
        XCTAssertEqual(model.decoder.layers.map(\.typeName), ["RepeatVector", "LSTM", "Dense"])
    }

    func testLSTMReverseReadsTheQuestionBackwardsIntoTheSameCounts() throws {
        let forward = try Autoencoder(try kind("lstm"), for: questions)
        let backward = try Autoencoder(try kind("lstm", [("reverse", "yes")]), for: questions)
        XCTAssertEqual(backward.parameterCount, forward.parameterCount)
        let readsBackwards = { (model: Sequential) in
            model.specs.contains { if case .lstm(_, _, true, _, _) = $0 { return true } else { return false } }
        }
        XCTAssertTrue(readsBackwards(backward.encoder))
        XCTAssertFalse(readsBackwards(forward.encoder))
        XCTAssertFalse(readsBackwards(backward.decoder), "the decoder gives the words back in their order either way")
    }

    func testEveryKindRefusesTheOtherKindOfDataInOneLine() throws {
        for type in ModelKinds.all {
            let wrong = type.takesTokens ? digits : questions
            XCTAssertThrowsError(try Autoencoder(try kind(type.name), for: wrong)) { error in
                let line = "\(error)"
                XCTAssertFalse(line.contains("\n"), line)
                XCTAssertTrue(line.contains(type.takesTokens ? "read text" : "take numbers"), line)
            }
        }
        // A model built for one vocabulary does not read another's ids.
        let model = try Autoencoder(try kind("lstm"), for: questions)
        XCTAssertEqual(model.fitProblem(DataShape(example: [10], vocabulary: 3000)), "the model reads a vocabulary of 3501 words but the data's has 3000")
        XCTAssertNotNil(model.fitProblem(DataShape(example: [10])))
        XCTAssertNil(model.fitProblem(questions))
    }

    func testInputsVectorsNeedTheWordVectorsFirst() throws {
        XCTAssertThrowsError(try Autoencoder(try kind("seq2seq", [("inputs", "vectors")]), for: questions)) {
            XCTAssertTrue("\($0)".contains("run 'words dim=100'"), "\($0)")
        }
        let model = try Autoencoder(try kind("seq2seq", [("inputs", "vectors")]), for: DataShape(example: [10], vocabulary: 3501, wordVectors: 50))
        // The fixed table is saved but not trained; the decoder gives back 50-d vectors.
        XCTAssertEqual(model.decoder.outputShape, [10, 50])
        XCTAssertEqual(model.weights.count, model.parameters.count + 1)
        XCTAssertTrue(model.summary.contains("Non-trainable params: 175,050"), model.summary)
        XCTAssertThrowsError(try model.setWordVectors([1, 2]))
        XCTAssertThrowsError(try Autoencoder(try kind("lstm"), for: questions).setWordVectors([]))
    }

    func testCountedStepsAreTheWordsAndTheEndOfAShortQuestion() {
        XCTAssertEqual(TextReconstruction.countedSteps([5, 6, 0, 0, 5, 6, 7, 8, 0, 0, 0, 0], length: 4),
                       [1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0])
    }

    func testTheTextLossIsTheCrossEntropySummedOverCountedSteps() throws {
        let model = try Autoencoder(try kind("lstm", [("latent", "3"), ("units", "3"), ("embedding", "2")]), for: tiny)
        let x = tinyQuestions().all()
        let targets = TextReconstruction.ids(x)
        var context = ForwardContext.inference
        let code = model.code(x, &context)
        let loss = TextReconstruction.loss(model, codes: code, targets: targets, context: &context)
        // The same from every step's logits: −log softmax(z)[target] summed over the counted steps, / 4 questions.
        let logits = model.decoder.logits(code, &context).logits
        let counted = TextReconstruction.countedSteps(targets, length: 4)
        var expected = 0.0
        for row in 0..<16 where counted[row] != 0 {
            let z = (0..<8).map { Double(logits.data[row * 8 + $0]) }
            let top = z.max()!
            expected += top + Foundation.log(z.map { Foundation.exp($0 - top) }.reduce(0, +)) - z[Int(targets[row])]
        }
        XCTAssertEqual(Double(loss.item), expected / 4, accuracy: 1e-5)
    }

    func testTheTextLossGradientsMatchFiniteDifferences() throws {
        let model = try Autoencoder(try kind("seq2seq", [("units", "2"), ("hidden", "3"), ("latent", "2"), ("embedding", "2"), ("dropout", "0")]), for: tiny)
        // Biases of 0.5 keep the ReLU layers' inputs clear of their kink, where finite
        // differences cannot follow.
        for layer in model.encoder.layers + model.decoder.layers {
            if let dense = layer as? Dense, dense.activation == .relu { dense.bias.data.update(repeating: 0.5, count: dense.bias.count) }
        }
        let x = tinyQuestions().all()
        let parameters = model.parameters.filter { $0.count <= 48 }
        checkGradients(parameters) { _ in
            var context = ForwardContext(training: true, random: Random(seed: 4))
            return model.loss(input: x, target: x, context: &context).total
        }
    }

    func testTheKLWeightRisesOverTheAnnealingEpochs() throws {
        let seq2seq = try XCTUnwrap(try kind("seq2seq", [("kl_anneal", "4"), ("beta", "2")]) as? Seq2SeqKind)
        var context = ForwardContext(training: true)
        for (progress, weight) in [(0.0, Float(0)), (1, 0.5), (2, 1), (4, 2), (9, 2)] {
            context.epochProgress = progress
            XCTAssertEqual(seq2seq.annealedKLWeight(context), weight, accuracy: 1e-6)
        }
        // Outside training (a validation loss, eval) the ELBO's own weight.
        XCTAssertEqual(seq2seq.annealedKLWeight(ForwardContext.inference), 2)
    }

    func testWordDropoutHidesWordsButNotPadding() {
        let x = Tensor((0..<1000).map { Float($0 % 5) }, shape: [100, 10])
        var random = Random(seed: 1)
        let dropped = TextReconstruction.dropWords(x, rate: 0.5, random: &random)
        var hidden = 0
        for i in 0..<1000 {
            if x.data[i] == 0 { XCTAssertEqual(dropped.data[i], 0) }
            if dropped.data[i] != x.data[i] { XCTAssertEqual(dropped.data[i], 1); hidden += 1 }
        }
        // Half of the 600 words other than <pad> and <unk> (600 ± 3σ ≈ 300 ± 37).
        XCTAssertEqual(Double(hidden), 300, accuracy: 40)
    }

    func testATinyLSTMLearnsItsQuestionsAndDecodesThemToTheirEnd() throws {
        let data = tinyQuestions()
        let model = try Autoencoder(try kind("lstm", [("latent", "16"), ("units", "16"), ("embedding", "8")]), for: DataShape(data))
        let objective = ReconstructionObjective(model: model, data: data)
        var losses: [Double] = []
        Trainer.fit(objective, examples: 4, optimizer: Adam(learningRate: 0.02), options: TrainingOptions(epochs: 150, batchSize: 4), observer: { event in
            if case .epochEnded(let report) = event { losses.append(report.loss) }
        })
        XCTAssertLessThan(losses.last!, losses.first! / 20)
        // Greedy decoding gives back every question, its padding included.
        XCTAssertEqual(model.reconstructTokens(data.all()), [[2, 3, 4, 5], [6, 7, 0, 0], [3, 2, 7, 0], [5, 5, 4, 6]])
        let figures = Evaluation.metrics(model, on: data)
        XCTAssertEqual(figures["test_token_accuracy"], 1)
        XCTAssertLessThan(figures["test_rec"]!, 0.5)
        XCTAssertNil(figures["test_bce"])
    }

    func testTheVAEFiguresAddUp() throws {
        let model = try Autoencoder(try kind("seq2seq", [("units", "4"), ("hidden", "4"), ("latent", "2"), ("embedding", "3")]), for: tiny)
        let figures = Evaluation.metrics(model, on: tinyQuestions())
        let (rec, kl, elbo) = (try XCTUnwrap(figures["test_rec"]), try XCTUnwrap(figures["test_kl"]), try XCTUnwrap(figures["test_neg_elbo"]))
        XCTAssertEqual(elbo, rec + kl, accuracy: 1e-9)
        XCTAssertGreaterThan(kl, 0)
        // An untrained model spreads its guesses: about ln 8 = 2.08 nats for each of the 15 counted
        // steps (4 + 3 + 4 + 4) of the 4 questions.
        XCTAssertEqual(rec, 15 * Foundation.log(8.0) / 4, accuracy: 1.5)
        XCTAssertNotNil(figures["test_token_accuracy"])
    }

    func testTextModelsWithFixedWordVectorsRoundTripThroughCheckpoints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-text-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try Autoencoder(try kind("lstm", [("inputs", "vectors"), ("latent", "4"), ("units", "4")]),
                                    for: DataShape(example: [4], vocabulary: 8, wordVectors: 3))
        try model.setWordVectors((0..<24).map { Float($0) / 10 })
        let path = dir.appendingPathComponent("words").path
        try Checkpoint.save(model, to: path)
        let loaded = try Checkpoint.load(path)
        XCTAssertEqual(loaded.fixedWordVectors?.scalars, (0..<24).map { Float($0) / 10 })
        XCTAssertEqual(loaded.parameters.map(\.scalars), model.parameters.map(\.scalars))
        // Greedy decoding of vectors: the word whose vector is nearest.
        let rows = Tensor([0.31, 0.39, 0.52, 0.0, 0.0, 0.01], shape: [2, 3])
        XCTAssertEqual(loaded.greedyIDs(rows), [1, 0])
    }
}
