import Foundation
@testable import Networks
import Tensors
import XCTest

/// Learning-rate schedules, clipnorm, gradient norms and early stopping, against numbers worked
/// out by hand from Keras's definitions.
final class TrainingControlsTests: XCTestCase {
    func testStepScheduleMultipliesTheRateAfterEveryNEpochs() {
        var rates: [Double] = []
        Trainer.fit(QuadraticObjective(), examples: 4, optimizer: SGD(learningRate: 0.1),
                    options: TrainingOptions(epochs: 5, batchSize: 4, schedule: .step(every: 2, factor: 0.5)), observer: { event in
            if case .epochEnded(let r) = event { rates.append(r.learningRate!) }
        })
        // Epochs 1–2 at 0.1, 3–4 at 0.05, 5 at 0.025 (each report gives its epoch's last step's rate).
        XCTAssertEqual(rates.map { Float($0) }, [0.1, 0.1, 0.05, 0.05, 0.025])
    }

    func testCosineScheduleFollowsKerasCosineDecayStepByStep() {
        var rates: [Double] = []
        Trainer.fit(QuadraticObjective(), examples: 4, optimizer: SGD(learningRate: 1),
                    options: TrainingOptions(epochs: 2, batchSize: 2, schedule: .cosine(minimum: 0.2)), observer: { event in
            if case .batchEnded(let b) = event { rates.append(b.learningRate!) }
        })
        // 4 steps, α = 0.2: lr(s) = (1 − α)·½(1 + cos(πs/4)) + α for s = 0…3.
        let expected = [1.0, 0.8 * 0.5 * (1 + 0.7071068) + 0.2, 0.6, 0.8 * 0.5 * (1 - 0.7071068) + 0.2]
        XCTAssertEqual(rates.count, 4)
        for (rate, want) in zip(rates, expected) { XCTAssertEqual(rate, want, accuracy: 1e-6) }
    }

    func testPlateauReducesAsKerasReduceLROnPlateauDoes() {
        var rate = ScheduledRate(.plateau(factor: 0.5, patience: 2, minDelta: 1e-4, cooldown: 1, minimum: 0.3), initial: 1, totalSteps: 10)
        let monitored = [1.0, 0.9, 0.9, 0.9, 0.95, 0.95, 0.95, 0.8, 0.8, 0.8, 0.8]
        let rates = monitored.enumerated().map { rate.epochEnded($0.offset + 1, monitored: $0.element) }
        // Epoch 4 is the second without improving on 0.9: ×0.5. Epoch 5 is the cooldown, then
        // epochs 5 and 6 count again and epoch 6 drops to max(0.25, 0.3) = 0.3; 0.3 is the floor.
        XCTAssertEqual(rates, [1, 1, 1, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3])
    }

    func testClipnormScalesEachGradientDownToTheNormAndRecordsTheNormBefore() {
        let objective = QuadraticObjective()
        var norms: [String: Double] = [:]
        Trainer.fit(objective, examples: 1, optimizer: SGD(learningRate: 1), options: TrainingOptions(epochs: 1, batchSize: 1, clipNorm: 0.5),
                    observer: { event in if case .epochEnded(let r) = event { norms = r.gradientNorms ?? [:] } })
        // At p = 0 the gradient of mean((p − t)²) is −t/2 = (−0.5, 1, −1.5, −0.25), of norm
        // √3.5625 = 1.8875; clipped to 0.5 the step moves p to t/2 · 0.5/1.8875.
        let norm = 3.5625.squareRoot()
        XCTAssertEqual(norms["p"] ?? 0, norm, accuracy: 1e-6)
        let target: [Float] = [1, -2, 3, 0.5]
        for (p, t) in zip(objective.p.scalars, target) { XCTAssertEqual(Double(p), Double(t) / 2 * 0.5 / norm, accuracy: 1e-6) }
    }

    func testGradientNormIsTheMeanOverTheMeasuredBatches() {
        // Two batches of SGD at lr 0.5: p goes 0 → t/4 after the first step, so the gradients
        // are −t/2 and −3t/8, of norms 1.8875 and 0.75 · 1.8875; their mean is 0.875 · 1.8875.
        var norms: [String: Double] = [:]
        Trainer.fit(QuadraticObjective(), examples: 2, optimizer: SGD(learningRate: 0.5), options: TrainingOptions(epochs: 1, batchSize: 1),
                    observer: { event in if case .epochEnded(let r) = event { norms = r.gradientNorms ?? [:] } })
        XCTAssertEqual(norms["p"] ?? 0, 0.875 * 3.5625.squareRoot(), accuracy: 1e-6)
    }

    func testEarlyStoppingStopsAfterPatienceAndRestoresTheBestEpochsWeights() {
        let objective = QuadraticObjective()
        let validation = [3.0, 2, 1, 1.5, 1.2, 1.1, 0.5]
        var weights: [Int: [Float]] = [:]
        var best: [Int?] = []
        let outcome = Trainer.fit(objective, examples: 4, optimizer: SGD(learningRate: 0.05), options: TrainingOptions(epochs: 7, batchSize: 2, patience: 2),
                                  epochEnd: { ["val_loss": validation[$0 - 1]] },
                                  observer: { event in
            if case .epochEnded(let r) = event { weights[r.epoch] = objective.p.scalars; best.append(r.bestEpoch) }
        })
        // Best at epoch 3; epochs 4 and 5 do not improve on it: patience 2 runs out after epoch 5.
        XCTAssertEqual(outcome, .stoppedEarly(epochs: 5, bestEpoch: 3, monitor: "val_loss", patience: 2))
        XCTAssertEqual(best, [1, 2, 3, 3, 3])
        XCTAssertEqual(objective.p.scalars, weights[3])
        XCTAssertNotEqual(weights[5], weights[3])
        XCTAssertTrue(outcome.summary.contains("restored the weights of epoch 3"), outcome.summary)
    }

    func testARunThatCompletesWithPatienceStillEndsWithTheBestWeights() {
        let objective = QuadraticObjective()
        let validation = [2.0, 1, 3]
        var afterEpoch2: [Float] = []
        let outcome = Trainer.fit(objective, examples: 4, optimizer: SGD(learningRate: 0.05), options: TrainingOptions(epochs: 3, batchSize: 2, patience: 5),
                                  epochEnd: { ["val_loss": validation[$0 - 1]] },
                                  observer: { event in if case .epochEnded(let r) = event, r.epoch == 2 { afterEpoch2 = objective.p.scalars } })
        XCTAssertEqual(outcome, .completed(epochs: 3))
        XCTAssertEqual(objective.p.scalars, afterEpoch2)
    }

    func testWithoutPatienceTheLastWeightsStayAndTheLossCanBeMonitored() {
        let objective = QuadraticObjective()
        var last: [Float] = []
        var best: Int?
        Trainer.fit(objective, examples: 4, optimizer: SGD(learningRate: 0.05), options: TrainingOptions(epochs: 3, batchSize: 2, monitor: "loss"),
                    epochEnd: { _ in [:] },
                    observer: { event in if case .epochEnded(let r) = event { last = objective.p.scalars; best = r.bestEpoch } })
        // The loss falls every epoch, so the last epoch is the best.
        XCTAssertEqual(best, 3)
        XCTAssertEqual(objective.p.scalars, last)
    }

    func testGradientNormMatchesAPlainSumOfSquaresOnLongOddLengths() {
        var random = Random(seed: 3)
        let values = (0..<10_007).map { _ in random.uniform(-1, 1) }
        let plain = values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        values.withUnsafeBufferPointer { XCTAssertEqual(GradientNorms.norm($0.baseAddress!, count: $0.count), plain, accuracy: 1e-6 * plain) }
    }
}
