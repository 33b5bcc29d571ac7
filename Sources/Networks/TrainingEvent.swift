/// What the training loop tells its subscribers (the printer, the TUI, the session recorder).
public enum TrainingEvent: Sendable, Codable {
    case started(TrainingPlan)
    case batchEnded(BatchReport)
    case epochEnded(EpochReport)
    case finished(TrainingOutcome)
}

/// The run about to start.
public struct TrainingPlan: Sendable, Codable {
    public var epochs: Int
    public var batchSize: Int
    public var batchesPerEpoch: Int
    public var examples: Int
    public var optimizer: String
    /// The number the run's first epoch gets in the notebook, whose epochs go on counting
    /// across `train` cells (the second `train epochs=10` runs epochs 11–20); nil means 1, as
    /// in recordings made before the count went on.
    public var firstEpoch: Int?

    public init(epochs: Int, batchSize: Int, batchesPerEpoch: Int, examples: Int, optimizer: String, firstEpoch: Int? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.batchesPerEpoch = batchesPerEpoch
        self.examples = examples
        self.optimizer = optimizer
        self.firstEpoch = firstEpoch
    }

    /// The number of the run's last epoch.
    public var lastEpoch: Int { (firstEpoch ?? 1) + epochs - 1 }
}

public struct BatchReport: Sendable, Codable {
    public var epoch: Int
    public var batch: Int
    public var batchesPerEpoch: Int
    /// The batch's total loss and each named term (e.g. "reconstruction", "kl").
    public var loss: Double
    public var terms: [String: Double]
    /// The learning rate the batch's step used (nil in recordings made before schedules).
    public var learningRate: Double?

    public init(epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, terms: [String: Double], learningRate: Double? = nil) {
        self.epoch = epoch
        self.batch = batch
        self.batchesPerEpoch = batchesPerEpoch
        self.loss = loss
        self.terms = terms
        self.learningRate = learningRate
    }
}

public struct EpochReport: Sendable, Codable {
    public var epoch: Int
    public var epochs: Int
    /// Mean over the epoch's batches, weighted by batch size, as Keras reports it.
    public var loss: Double
    public var terms: [String: Double]
    /// Figures computed at the epoch's end (validation loss, accuracy…).
    public var metrics: [String: Double]
    /// Speed and times leave out the time training spent paused.
    public var samplesPerSecond: Double
    public var epochSeconds: Double
    public var elapsedSeconds: Double
    public var etaSeconds: Double
    /// The learning rate of the epoch's last step.
    public var learningRate: Double?
    /// The epoch of the run with the best monitored figure so far (val_loss, else loss).
    public var bestEpoch: Int?
    /// Each parameter's gradient L2 norm (before clipping), averaged over the batches measured
    /// this epoch, by parameter name ("encoder/dense/kernel").
    public var gradientNorms: [String: Double]?

    public init(epoch: Int, epochs: Int, loss: Double, terms: [String: Double], metrics: [String: Double],
                samplesPerSecond: Double, epochSeconds: Double, elapsedSeconds: Double, etaSeconds: Double,
                learningRate: Double? = nil, bestEpoch: Int? = nil, gradientNorms: [String: Double]? = nil) {
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.terms = terms
        self.metrics = metrics
        self.samplesPerSecond = samplesPerSecond
        self.epochSeconds = epochSeconds
        self.elapsedSeconds = elapsedSeconds
        self.etaSeconds = etaSeconds
        self.learningRate = learningRate
        self.bestEpoch = bestEpoch
        self.gradientNorms = gradientNorms
    }
}

/// How a run ended.
public enum TrainingOutcome: Sendable, Equatable, Codable {
    case completed(epochs: Int)
    case cancelled(afterEpochs: Int)
    /// The loss stopped being a finite number; the weights went back to the last good epoch.
    case diverged(epoch: Int, batch: Int, restoredEpoch: Int)
    /// Early stopping: the monitored figure had not improved for `patience` epochs after
    /// `bestEpoch`; the weights went back to that epoch's.
    case stoppedEarly(epochs: Int, bestEpoch: Int, monitor: String, patience: Int)

    public var summary: String {
        switch self {
        case .completed(let n): return "trained \(n) epoch\(n == 1 ? "" : "s")"
        case .cancelled(let n): return "cancelled after \(n) complete epoch\(n == 1 ? "" : "s")"
        case let .diverged(epoch, batch, restored):
            let kept = restored == 0 ? "the weights from before training" : "the weights from the end of epoch \(restored)"
            return "stopped: the loss became NaN or infinite at epoch \(epoch), batch \(batch); kept \(kept)"
        case let .stoppedEarly(epochs, best, monitor, patience):
            return "stopped early after epoch \(epochs): \(monitor) had not improved for \(patience) epoch\(patience == 1 ? "" : "s"); restored the weights of epoch \(best)"
        }
    }
}

extension TrainingEvent {
    /// The event with its epochs numbered after `previous` epochs trained before it, as the
    /// notebook numbers them: the plan's first epoch, each report's epoch (and an epoch
    /// report's total), and a diverged run's epochs. Run counts ("trained 3 epochs") stay.
    public func numbered(after previous: Int) -> TrainingEvent {
        guard previous > 0 else { return self }
        switch self {
        case .started(var plan):
            plan.firstEpoch = (plan.firstEpoch ?? 1) + previous
            return .started(plan)
        case .batchEnded(var report):
            report.epoch += previous
            return .batchEnded(report)
        case .epochEnded(var report):
            report.epoch += previous
            report.epochs += previous
            report.bestEpoch = report.bestEpoch.map { $0 + previous }
            return .epochEnded(report)
        case .finished(let outcome):
            return .finished(outcome.numbered(after: previous))
        }
    }
}

extension TrainingOutcome {
    /// A diverged or early-stopped run's epochs numbered after `previous` earlier ones (see
    /// `TrainingEvent.numbered(after:)`); completed and cancelled runs count their own epochs.
    public func numbered(after previous: Int) -> TrainingOutcome {
        switch self {
        case let .diverged(epoch, batch, restored):
            // Restoring "epoch 0" of this run keeps the weights of the notebook's epoch `previous`.
            return .diverged(epoch: epoch + previous, batch: batch, restoredEpoch: restored + previous)
        case let .stoppedEarly(epochs, best, monitor, patience):
            return .stoppedEarly(epochs: epochs + previous, bestEpoch: best + previous, monitor: monitor, patience: patience)
        case .completed, .cancelled:
            return self
        }
    }
}
