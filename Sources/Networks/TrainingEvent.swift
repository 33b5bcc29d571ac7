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

    public init(epochs: Int, batchSize: Int, batchesPerEpoch: Int, examples: Int, optimizer: String) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.batchesPerEpoch = batchesPerEpoch
        self.examples = examples
        self.optimizer = optimizer
    }
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
