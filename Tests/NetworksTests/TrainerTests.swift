import Foundation
@testable import Networks
import Tensors
import XCTest

/// Fits p to a target by squared error; can be told to return NaN from some batch on, or to
/// wait a little each batch so that another thread can pause it.
final class QuadraticObjective: Objective, @unchecked Sendable {
    let p = Tensor.parameter([4], name: "p") { ptr, n in ptr.update(repeating: 0, count: n) }
    let target = Tensor([1, -2, 3, 0.5], shape: [4])
    var nanFromBatch = Int.max
    var batchesSeen = 0
    var delay: useconds_t = 0
    var parameters: [Tensor] { [p] }

    func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue {
        batchesSeen += 1
        if delay > 0 { usleep(delay) }
        let loss = (p - target).squared().mean()
        return LossValue(total: batchesSeen >= nanFromBatch ? loss * Float.nan : loss)
    }
}

final class TrainerTests: XCTestCase {
    func testLossFallsAndEventsArriveInOrder() {
        let objective = QuadraticObjective()
        var events: [String] = []
        var losses: [Double] = []
        let outcome = Trainer.fit(objective, examples: 10, optimizer: Adam(learningRate: 0.1), options: TrainingOptions(epochs: 5, batchSize: 4), observer: { event in
            switch event {
            case .started(let plan): events.append("start \(plan.batchesPerEpoch)")
            case .batchEnded: events.append("batch")
            case .epochEnded(let r): events.append("epoch \(r.epoch)"); losses.append(r.loss)
            case .finished: events.append("end")
            }
        })
        XCTAssertEqual(outcome, .completed(epochs: 5))
        XCTAssertEqual(events.prefix(5), ["start 3", "batch", "batch", "batch", "epoch 1"])
        XCTAssertEqual(events.last, "end")
        XCTAssertLessThan(losses.last!, losses.first! * 0.5)
    }

    func testNaNLossStopsAndRestoresTheLastGoodEpoch() {
        let objective = QuadraticObjective()
        objective.nanFromBatch = 5  // epoch 2, batch 2 (3 batches an epoch)
        var afterEpoch1: [Float] = []
        let outcome = Trainer.fit(objective, examples: 9, optimizer: SGD(learningRate: 0.1), options: TrainingOptions(epochs: 4, batchSize: 3), observer: { event in
            if case .epochEnded(let r) = event, r.epoch == 1 { afterEpoch1 = objective.p.scalars }
        })
        XCTAssertEqual(outcome, .diverged(epoch: 2, batch: 2, restoredEpoch: 1))
        XCTAssertEqual(objective.p.scalars, afterEpoch1)
        XCTAssertTrue(outcome.summary.contains("end of epoch 1"))
    }

    func testSameSeedGivesBitIdenticalRuns() {
        func run(seed: UInt64) -> [Float] {
            var random = Random(seed: 5)
            let model = try! Sequential(name: "m", inputShape: [6], specs: [.dense(units: 5, activation: .tanh), .dense(units: 6, activation: .sigmoid)], random: &random)
            let data = Tensor(uninitialized: [40, 6])
            random.fillUniform(data.data, count: data.count, low: 0, high: 1)
            let objective = SequentialReconstruction(model: model, data: data)
            Trainer.fit(objective, examples: 40, optimizer: Adam(learningRate: 0.01), options: TrainingOptions(epochs: 3, batchSize: 8, seed: seed))
            return model.parameters.flatMap(\.scalars)
        }
        XCTAssertEqual(run(seed: 1).map(\.bitPattern), run(seed: 1).map(\.bitPattern))
        XCTAssertNotEqual(run(seed: 1), run(seed: 2))
    }

    func testPauseResumeAndCancelFromAnotherThread() {
        let objective = QuadraticObjective()
        objective.delay = 2000
        let control = TrainingControl()
        let done = expectation(description: "finished")
        final class Box: @unchecked Sendable { var outcome: TrainingOutcome? }
        let box = Box()
        Thread.detachNewThread {
            box.outcome = Trainer.fit(objective, examples: 100, optimizer: SGD(learningRate: 0.01), options: TrainingOptions(epochs: 1000, batchSize: 1), control: control)
            done.fulfill()
        }
        usleep(50_000)
        control.pause()
        usleep(20_000)
        let pausedAt = objective.batchesSeen
        usleep(60_000)
        XCTAssertEqual(objective.batchesSeen, pausedAt, "no batch runs while paused")
        control.resume()
        usleep(40_000)
        XCTAssertGreaterThan(objective.batchesSeen, pausedAt)
        control.cancel()
        wait(for: [done], timeout: 10)
        guard case .cancelled = box.outcome else { return XCTFail("expected a cancelled run, got \(String(describing: box.outcome))") }
    }

    func testTimeSpentPausedCountsForNeitherSpeedNorETA() {
        // 10 batches that take microseconds, paused 0.4 s after the second: the report must
        // describe the microseconds, not the pause (1,342/s and a long ETA after a 2 s pause).
        let objective = QuadraticObjective()
        let control = TrainingControl()
        var report: EpochReport?
        let start = Date()
        Trainer.fit(objective, examples: 10, optimizer: SGD(learningRate: 0.01), options: TrainingOptions(epochs: 2, batchSize: 1), control: control, observer: { event in
            if case .batchEnded(let b) = event, b.epoch == 1, b.batch == 2 {
                control.pause()
                Thread.detachNewThread { usleep(400_000); control.resume() }
            }
            if case .epochEnded(let r) = event, r.epoch == 1 { report = r }
        })
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.4, "the run did pause")
        guard let report else { return XCTFail("no report for epoch 1") }
        XCTAssertLessThan(report.epochSeconds, 0.2, "10 tiny batches, the 0.4 s pause left out")
        XCTAssertLessThan(report.elapsedSeconds, 0.2)
        XCTAssertGreaterThan(report.samplesPerSecond, 50, "10 examples in under 0.2 s")
        XCTAssertLessThan(report.etaSeconds, 0.2, "one more epoch at the unpaused speed")
    }
}

/// Reconstruction of rows of a tensor by a Sequential, for tests.
final class SequentialReconstruction: Objective {
    let model: Sequential
    let data: Tensor
    init(model: Sequential, data: Tensor) { self.model = model; self.data = data }
    var parameters: [Tensor] { model.parameters }
    func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue {
        let width = data.shape[1]
        let x = Tensor(uninitialized: [indices.count, width])
        for (k, i) in indices.enumerated() { (x.data + k * width).update(from: data.data + i * width, count: width) }
        return LossValue(total: LossFunction.bce(model(x, &context), x))
    }
}
