import Foundation
import Tensors

/// A loss to minimise over examples picked by index: an autoencoder's reconstruction (plus
/// its penalties), or a classifier's cross-entropy. The training loop knows only this.
public protocol Objective: AnyObject {
    var parameters: [Tensor] { get }
    /// The loss on the examples at `indices`; `terms` names its parts for display.
    func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue
}

/// A scalar loss tensor and, for display, the values of the terms it sums.
public struct LossValue {
    public var total: Tensor
    public var terms: [(name: String, value: Double)]

    public init(total: Tensor, terms: [(name: String, value: Double)] = []) {
        self.total = total
        self.terms = terms
    }
}

/// How long and in what batches to train.
public struct TrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Seeds the shuffling and every random draw in the forward pass (dropout, noise, ε).
    public var seed: UInt64
    public var shuffle: Bool
    /// Epochs the model trained before this run, so that `ForwardContext.epochProgress` goes on
    /// counting where an earlier run stopped.
    public var epochsBefore: Int

    public init(epochs: Int, batchSize: Int, seed: UInt64 = 0, shuffle: Bool = true, epochsBefore: Int = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.shuffle = shuffle
        self.epochsBefore = epochsBefore
    }
}

/// The training loop: shuffle each epoch, step through batches, tell subscribers.
public enum Trainer {
    /// Trains `objective` on `examples` examples.
    ///
    /// - Parameters:
    ///   - epochEnd: figures to compute after each epoch (validation loss, say), shown with it.
    ///   - observer: receives every event, on the training thread.
    /// - Returns: how the run ended. A non-finite loss stops the run and restores the weights
    ///   saved at the end of the last good epoch.
    @discardableResult
    public static func fit(_ objective: Objective, examples: Int, optimizer: Optimizer, options: TrainingOptions,
                           control: TrainingControl = TrainingControl(),
                           epochEnd: (Int) -> [String: Double] = { _ in [:] },
                           observer: (TrainingEvent) -> Void = { _ in }) -> TrainingOutcome {
        let parameters = objective.parameters
        let batchSize = max(1, min(options.batchSize, examples))
        let batches = (examples + batchSize - 1) / batchSize
        observer(.started(TrainingPlan(epochs: options.epochs, batchSize: batchSize, batchesPerEpoch: batches,
                                       examples: examples, optimizer: optimizer.description)))
        var random = Random(seed: options.seed)
        var shuffler = random.fork()
        var context = ForwardContext(training: true, random: random.fork())
        var order = Array(0..<examples)
        var lastGood = snapshot(parameters)
        let start = Date()
        var completed = 0
        // Seconds spent paused, in the run and in this epoch: left out of every speed and time.
        var pausedInRun = 0.0

        for epoch in 1...max(1, options.epochs) where options.epochs > 0 {
            let epochStart = Date()
            if options.shuffle { shuffler.shuffle(&order) }
            var lossSum = 0.0
            var termSums: [String: Double] = [:]
            var pausedInEpoch = 0.0
            for b in 0..<batches {
                let waitStart = Date()
                guard control.waitIfPaused() else {
                    observer(.finished(.cancelled(afterEpochs: completed)))
                    return .cancelled(afterEpochs: completed)
                }
                pausedInEpoch += Date().timeIntervalSince(waitStart)
                let indices = order[b * batchSize ..< min(examples, (b + 1) * batchSize)]
                context.epochProgress = Double(options.epochsBefore + epoch - 1) + Double(b) / Double(batches)
                let value = objective.loss(indices: indices, context: &context)
                // Penalties the objective did not take would keep this batch's graph alive.
                context.penalties.removeAll()
                let loss = Double(value.total.item)
                guard loss.isFinite else {
                    restore(parameters, from: lastGood)
                    let outcome = TrainingOutcome.diverged(epoch: epoch, batch: b + 1, restoredEpoch: completed)
                    observer(.finished(outcome))
                    return outcome
                }
                value.total.backward()
                optimizer.step(parameters)
                let weight = Double(indices.count)
                lossSum += loss * weight
                var terms: [String: Double] = [:]
                for term in value.terms {
                    termSums[term.name, default: 0] += term.value * weight
                    terms[term.name] = term.value
                }
                observer(.batchEnded(BatchReport(epoch: epoch, batch: b + 1, batchesPerEpoch: batches, loss: loss, terms: terms)))
            }
            let epochSeconds = max(0, Date().timeIntervalSince(epochStart) - pausedInEpoch)
            pausedInRun += pausedInEpoch
            // A step can leave weights that are not finite even though its loss was.
            guard parameters.allSatisfy({ OptimizerKernels.allFinite($0.data, count: $0.count) }) else {
                restore(parameters, from: lastGood)
                let outcome = TrainingOutcome.diverged(epoch: epoch, batch: batches, restoredEpoch: completed)
                observer(.finished(outcome))
                return outcome
            }
            completed = epoch
            lastGood = snapshot(parameters)
            let metrics = epochEnd(epoch)
            let elapsed = max(0, Date().timeIntervalSince(start) - pausedInRun)
            let report = EpochReport(
                epoch: epoch, epochs: options.epochs, loss: lossSum / Double(examples),
                terms: termSums.mapValues { $0 / Double(examples) }, metrics: metrics,
                samplesPerSecond: Double(examples) / max(epochSeconds, 1e-9), epochSeconds: epochSeconds,
                elapsedSeconds: elapsed, etaSeconds: elapsed / Double(epoch) * Double(options.epochs - epoch))
            observer(.epochEnded(report))
        }
        observer(.finished(.completed(epochs: completed)))
        return .completed(epochs: completed)
    }

    static func snapshot(_ parameters: [Tensor]) -> [[Float]] { parameters.map(\.scalars) }

    static func restore(_ parameters: [Tensor], from copies: [[Float]]) {
        for (p, copy) in zip(parameters, copies) {
            copy.withUnsafeBufferPointer { p.data.update(from: $0.baseAddress!, count: p.count) }
        }
    }
}
