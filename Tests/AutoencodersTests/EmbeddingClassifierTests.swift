@testable import Autoencoders
import Networks
import Tensors
import TestSupport
import XCTest

/// Seed 001's classifier: Embedding → Flatten → Dense(1, sigmoid) on token ids.
final class EmbeddingClassifierTests: XCTestCase {
    /// Four sequences of 4 ids out of 20, padded with 0: ids 1–3 mark class 1, 4–6 class 0.
    private let ids = Tensor([1, 2, 0, 0,  3, 1, 2, 0,  4, 5, 0, 0,  6, 4, 0, 0], shape: [4, 4])
    private let labels = [1, 1, 0, 0]

    func testItIsBuiltAsTheSeedBuildsIt() throws {
        let classifier = try EmbeddingClassifier(inputs: ids, ids: 20, labels: labels, classes: 2, dimensions: 8, seed: 0)
        XCTAssertEqual(classifier.model.layers.map(\.typeName), ["Embedding", "Flatten", "Dense"])
        XCTAssertEqual(classifier.model.outputShape, [1])
        // 20·8 embedding weights, then (4·8)·1 + 1 for the Dense: 193, as Keras's summary says.
        XCTAssertEqual(classifier.model.parameterCount, 193)
        XCTAssertEqual(classifier.vectors.shape, [20, 8])
        // Three classes: a softmax over them instead of one sigmoid.
        let three = try EmbeddingClassifier(inputs: ids, ids: 20, labels: [0, 1, 2, 2], classes: 3, dimensions: 4, seed: 0)
        XCTAssertEqual(three.model.outputShape, [3])
    }

    func testItRefusesLabelsThatDoNotFit() {
        XCTAssertThrowsError(try EmbeddingClassifier(inputs: ids, ids: 20, labels: [1, 0], classes: 2, dimensions: 8, seed: 0))
        XCTAssertThrowsError(try EmbeddingClassifier(inputs: ids, ids: 20, labels: [1, 0, 2, 0], classes: 2, dimensions: 8, seed: 0))
        XCTAssertThrowsError(try EmbeddingClassifier(inputs: ids, ids: 20, labels: labels, classes: 1, dimensions: 8, seed: 0))
    }

    func testTheLossGradientMatchesFiniteDifferences() throws {
        let classifier = try EmbeddingClassifier(inputs: ids, ids: 20, labels: labels, classes: 2, dimensions: 3, seed: 1)
        // Larger weights than Keras's ±0.05, so the slopes stand out from rounding.
        for p in classifier.parameters { p.data.update(from: randomTensor(p.shape, seed: UInt64(p.count)).data, count: p.count) }
        checkGradients(classifier.parameters) { _ in
            var context = ForwardContext.inference
            return classifier.loss(indices: [0, 1, 2, 3], context: &context).total
        }
    }

    func testTrainingSeparatesTwoClassesOfWords() throws {
        let classifier = try EmbeddingClassifier(inputs: ids, ids: 20, labels: labels, classes: 2, dimensions: 8, seed: 2)
        // At Keras's ±0.05 weights every output is near 0.5: BCE ≈ ln 2 = 0.693.
        let before = classifier.meanLoss(ids, labels: labels)
        XCTAssertEqual(before, 0.693, accuracy: 0.02)
        Trainer.fit(classifier, examples: 4, optimizer: Adam(learningRate: 0.01), options: TrainingOptions(epochs: 100, batchSize: 4, seed: 2))
        let after = classifier.meanLoss(ids, labels: labels)
        XCTAssertLessThan(after, 0.1, "BCE \(before) → \(after)")
        XCTAssertEqual(classifier.predict(ids), labels)
        // Ids no sequence holds get no gradient, so Adam leaves their vectors as they were drawn.
        let fresh = try EmbeddingClassifier(inputs: ids, ids: 20, labels: labels, classes: 2, dimensions: 8, seed: 2)
        XCTAssertEqual(Array(classifier.vectors.scalars[(7 * 8)...]), Array(fresh.vectors.scalars[(7 * 8)...]))
        XCTAssertNotEqual(Array(classifier.vectors.scalars[8..<16]), Array(fresh.vectors.scalars[8..<16]))
    }
}
