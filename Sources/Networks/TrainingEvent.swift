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

    public init(epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, terms: [String: Double]) {
        self.epoch = epoch
        self.batch = batch
        self.batchesPerEpoch = batchesPerEpoch
        self.loss = loss
        self.terms = terms
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

    public init(epoch: Int, epochs: Int, loss: Double, terms: [String: Double], metrics: [String: Double],
                samplesPerSecond: Double, epochSeconds: Double, elapsedSeconds: Double, etaSeconds: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.terms = terms
        self.metrics = metrics
        self.samplesPerSecond = samplesPerSecond
        self.epochSeconds = epochSeconds
        self.elapsedSeconds = elapsedSeconds
        self.etaSeconds = etaSeconds
    }
}

/// How a run ended.
public enum TrainingOutcome: Sendable, Equatable, Codable {
    case completed(epochs: Int)
    case cancelled(afterEpochs: Int)
    /// The loss stopped being a finite number; the weights went back to the last good epoch.
    case diverged(epoch: Int, batch: Int, restoredEpoch: Int)

    public var summary: String {
        switch self {
        case .completed(let n): return "trained \(n) epoch\(n == 1 ? "" : "s")"
        case .cancelled(let n): return "cancelled after \(n) complete epoch\(n == 1 ? "" : "s")"
        case let .diverged(epoch, batch, restored):
            let kept = restored == 0 ? "the weights from before training" : "the weights from the end of epoch \(restored)"
            return "stopped: the loss became NaN or infinite at epoch \(epoch), batch \(batch); kept \(kept)"
        }
    }
}
