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

/// How long and in what batches to train, and Keras's controls over a run.
public struct TrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Seeds the shuffling and every random draw in the forward pass (dropout, noise, ε).
    public var seed: UInt64
    public var shuffle: Bool
    /// How the learning rate changes over the run.
    public var schedule: LearningRateSchedule
    /// Keras's `clipnorm`: each parameter's gradient is scaled down to at most this L2 norm.
    public var clipNorm: Float?
    /// Keras's `EarlyStopping(patience:, restore_best_weights=True)`: stop when the monitored
    /// figure has not improved for this many epochs, and end with the best epoch's weights.
    public var patience: Int?
    /// The figure that decides the best epoch, early stopping and plateaus: one `epochEnd`
    /// reports ("val_loss"), or "loss", the epoch's training loss.
    public var monitor: String

    /// Epochs the model trained before this run, so that `ForwardContext.epochProgress` goes on
    /// counting where an earlier run stopped.
    public var epochsBefore: Int

    public init(epochs: Int, batchSize: Int, seed: UInt64 = 0, shuffle: Bool = true, schedule: LearningRateSchedule = .constant,
                clipNorm: Float? = nil, patience: Int? = nil, monitor: String = "val_loss", epochsBefore: Int = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.shuffle = shuffle
        self.schedule = schedule
        self.clipNorm = clipNorm
        self.patience = patience
        self.monitor = monitor
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
    ///   saved at the end of the last good epoch. With `patience`, the run ends with the weights
    ///   of its best epoch, as Keras's `restore_best_weights` does (a cancelled run keeps its own).
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
        var rate = ScheduledRate(options.schedule, initial: Double(optimizer.learningRate), totalSteps: max(1, options.epochs) * batches)
        var best = BestEpoch(patience: options.patience)
        var step = 0
        // Gradient norms are measured on about 16 batches an epoch (every batch when clipping).
        let normStride = options.clipNorm == nil ? max(1, batches / 16) : 1
        // Seconds spent paused, in the run and in this epoch: left out of every speed and time.
        var pausedInRun = 0.0

        for epoch in 1...max(1, options.epochs) where options.epochs > 0 {
            let epochStart = Date()
            if options.shuffle { shuffler.shuffle(&order) }
            var lossSum = 0.0
            var termSums: [String: Double] = [:]
            var normSums = [Double](repeating: 0, count: parameters.count)
            var normBatches = 0
            var pausedInEpoch = 0.0
            for b in 0..<batches {
                let waitStart = Date()
                guard control.waitIfPaused() else {
                    observer(.finished(.cancelled(afterEpochs: completed)))
                    return .cancelled(afterEpochs: completed)
                }
                optimizer.learningRate = Float(rate.rate(atStep: step))
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
                if b % normStride == 0 || b == batches - 1 {
                    measure(parameters, into: &normSums, clipNorm: options.clipNorm)
                    normBatches += 1
                }
                optimizer.step(parameters)
                step += 1
                let weight = Double(indices.count)
                lossSum += loss * weight
                var terms: [String: Double] = [:]
                for term in value.terms {
                    termSums[term.name, default: 0] += term.value * weight
                    terms[term.name] = term.value
                }
                observer(.batchEnded(BatchReport(epoch: epoch, batch: b + 1, batchesPerEpoch: batches, loss: loss, terms: terms,
                                                 learningRate: Double(optimizer.learningRate))))
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
            let epochLoss = lossSum / Double(examples)
            let monitored = options.monitor == "loss" ? epochLoss : metrics[options.monitor]
            best.epochEnded(epoch, monitored: monitored, weights: lastGood)
            let elapsed = max(0, Date().timeIntervalSince(start) - pausedInRun)
            var norms: [String: Double] = [:]
            for (k, p) in parameters.enumerated() where normBatches > 0 { norms[p.name] = normSums[k] / Double(normBatches) }
            let report = EpochReport(
                epoch: epoch, epochs: options.epochs, loss: epochLoss,
                terms: termSums.mapValues { $0 / Double(examples) }, metrics: metrics,
                samplesPerSecond: Double(examples) / max(epochSeconds, 1e-9), epochSeconds: epochSeconds,
                elapsedSeconds: elapsed, etaSeconds: elapsed / Double(epoch) * Double(options.epochs - epoch),
                learningRate: Double(optimizer.learningRate), bestEpoch: best.epoch, gradientNorms: norms.isEmpty ? nil : norms)
            observer(.epochEnded(report))
            optimizer.learningRate = Float(rate.epochEnded(epoch, monitored: monitored))
            if best.shouldStop, let bestEpoch = best.epoch, epoch < options.epochs {
                if let weights = best.weights { restore(parameters, from: weights) }
                let outcome = TrainingOutcome.stoppedEarly(epochs: epoch, bestEpoch: bestEpoch, monitor: options.monitor, patience: options.patience ?? 0)
                observer(.finished(outcome))
                return outcome
            }
        }
        if let weights = best.weights, best.epoch != completed { restore(parameters, from: weights) }
        observer(.finished(.completed(epochs: completed)))
        return .completed(epochs: completed)
    }

    /// Adds each parameter's gradient norm to `sums`, clipping it to `clipNorm` as Keras's
    /// `clipnorm` does (g · clipnorm / max(‖g‖, clipnorm)).
    static func measure(_ parameters: [Tensor], into sums: inout [Double], clipNorm: Float?) {
        for (k, p) in parameters.enumerated() {
            guard let g = p.grad else { continue }
            let norm = GradientNorms.norm(g, count: p.count)
            sums[k] += norm
            if let clipNorm, norm > Double(clipNorm) { GradientNorms.scale(g, count: p.count, by: Float(Double(clipNorm) / norm)) }
        }
    }

    static func snapshot(_ parameters: [Tensor]) -> [[Float]] { parameters.map(\.scalars) }

    static func restore(_ parameters: [Tensor], from copies: [[Float]]) {
        for (p, copy) in zip(parameters, copies) {
            copy.withUnsafeBufferPointer { p.data.update(from: $0.baseAddress!, count: p.count) }
        }
    }
}

/// The best epoch of a run by its monitored figure (lower is better, as for a loss), and
/// Keras's EarlyStopping: the count of epochs since it, and the best weights when stopping
/// early is asked for.
struct BestEpoch {
    let patience: Int?
    private(set) var epoch: Int?
    private(set) var value = Double.infinity
    private(set) var weights: [[Float]]?
    /// Epochs since the best one.
    private(set) var wait = 0

    init(patience: Int?) { self.patience = patience }

    /// Whether patience has run out.
    var shouldStop: Bool { patience.map { wait >= $0 } ?? false }

    mutating func epochEnded(_ epoch: Int, monitored: Double?, weights current: @autoclosure () -> [[Float]]) {
        guard let monitored, monitored.isFinite else { return }
        wait += 1
        if monitored < value {
            value = monitored
            self.epoch = epoch
            wait = 0
            if patience != nil { weights = current() }
        }
    }
}
