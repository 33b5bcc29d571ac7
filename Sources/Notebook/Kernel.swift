import Autoencoders
import Datasets
import Foundation
import Networks
import Rendering
import Tensors

/// The notebook's state and the commands that change it. One kernel per notebook; the headless
/// runner, the TUI and the session player all drive it through `execute`, on one thread.
public final class Kernel {
    var data: DataSplit?
    /// The session's models by name, in the order they were made, and the current one.
    var models: [NamedModel] = []
    var current: NamedModel?
    /// The current model.
    var model: Autoencoder? { current?.model }
    /// Epoch reports of the current model's training, across `train` cells.
    var history: [EpochReport] {
        get { current?.history ?? [] }
        set { current?.history = newValue }
    }
    /// The current model's codes of the training and test sets, made by `encode`.
    var codes: (train: Tensor, test: Tensor)?
    /// Word vectors learned from the loaded texts by `words`.
    var words: LearnedWords?
    /// The TF-IDF baselines `baseline tfidf` measured, shown beside `cluster`'s figures.
    var baseline: BaselineFigures?
    /// How `data … as=tfidf` turned texts into rows, for turning typed texts alike.
    var textFeatures: TextFeatures?
    /// The last picture each picture command made, for `export`, and the very last one.
    var pictures: [String: Figure] = [:]
    var lastPicture: Figure?
    /// The compressions `compress` measured, for its rate–distortion chart.
    var compressions: [RatePoint] = []
    /// Whether `train` sends live pictures (latent scatter, reconstructions) each epoch by
    /// default: a headless run that nobody watches or records has no use for them.
    public var livePictures = true
    /// Cells run so far (failed ones included), numbering the next.
    public private(set) var cellCount = 0
    /// Pauses, resumes or cancels the run in progress from another thread. It is one object
    /// for the kernel's life (reset at the start of each run), so the interface thread never
    /// races a replacement.
    public let control = TrainingControl()
    /// Where an interactive viewer sends an open `explore` cell its moves; nil when nothing
    /// drives the explorer (a notebook run, a replay's verification), which then decodes where
    /// its options say and finishes.
    public var exploreInput: ExploreInput?

    public init() {}

    /// Runs one line. Blank lines and comments give nil.
    public func execute(_ line: String, emit: @escaping (KernelEvent) -> Void = { _ in }) throws -> CellResult? {
        guard let command = try Command.parse(line) else { return nil }
        return try execute(command, emit: emit)
    }

    public func execute(_ command: Command, emit: @escaping (KernelEvent) -> Void = { _ in }) throws -> CellResult {
        cellCount += 1
        let number = cellCount, start = Date()
        emit(.cellStarted(cell: number, command: command.text))
        let cell = Cell(command: command, emit: emit)
        cell.kernel = self
        func summary(_ error: Error?) -> CellSummary {
            CellSummary(cell: number, command: command.text, ok: error == nil, seconds: Date().timeIntervalSince(start), metrics: cell.metrics,
                        error: error.map { "\($0)" }, ranAs: cell.ranAs?.command, ranAsNote: cell.ranAs?.note)
        }
        do {
            try Commands.entry(for: command).execute(command, self, cell)
        } catch {
            emit(.cellFinished(summary(error)))
            throw error
        }
        emit(.cellFinished(summary(nil)))
        return CellResult(output: cell.lines, metrics: cell.metrics)
    }

    /// The control, reset for a new run (a cancelled one stays cancelled until then).
    func newRun() -> TrainingControl {
        control.reset()
        return control
    }

    func requireData(_ command: String) throws -> DataSplit {
        guard let data else { throw NotebookError.needs(command: command, what: "no data loaded; start with 'data mnist'") }
        return data
    }

    func requireModel(_ command: String) throws -> Autoencoder {
        guard let model else { throw NotebookError.needs(command: command, what: "no model yet; build one with e.g. 'model ae hidden=512 latent=256'") }
        return model
    }

    /// The data and the model, checked to fit each other: every command that runs the model asks this.
    func requireFit(_ command: String) throws -> (DataSplit, Autoencoder) {
        let data = try requireData(command)
        let model = try requireModel(command)
        try checkFit(model, data, command: command)
        return (data, model)
    }

    /// Checks that the model takes the data's examples.
    func checkFit(_ model: Autoencoder, _ data: DataSplit, command: String) throws {
        if let problem = model.fitProblem(DataShape(data.train)) {
            throw NotebookError.needs(command: command, what: "\(problem) (\(data.train.name)); build a model for this data")
        }
    }

    /// A new current model, named after its kind unless `name` is given (a model of that name
    /// is replaced); its name. The models before it stay in the session (`models`, `use`).
    @discardableResult
    func replaceModel(_ new: Autoencoder, name: String? = nil) -> String {
        let name = name ?? freeName(for: new.kindName)
        addModel(new, name: name)
        return name
    }
}

func shapeText(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }

/// Numbers as a person reads them in cell output.
func fmt(_ v: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", v) }

func duration(_ seconds: Double) -> String {
    if seconds < 1 { return String(format: "%.0fms", seconds * 1000) }
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    let s = Int(seconds.rounded())
    return s < 3600 ? String(format: "%dm%02ds", s / 60, s % 60) : String(format: "%dh%02dm", s / 3600, s % 3600 / 60)
}

extension KernelEvent {
    /// The event that shows `figure`.
    init(_ figure: Figure) {
        switch figure {
        case .images(let d): self = .images(d)
        case .chart(let d): self = .chart(d)
        case .scatter(let d): self = .scatter(d)
        default: self = .figure(figure)
        }
    }
}
