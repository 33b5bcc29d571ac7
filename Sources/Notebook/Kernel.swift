import Autoencoders
import Datasets
import Foundation
import Networks
import Tensors

/// The finished cell: its printed output and the figures it computed, by snake_case name.
public struct CellResult: Sendable {
    public var output: [String]
    public var metrics: [String: Double]
}

/// A running cell's output; commands print into it.
final class Cell {
    private(set) var lines: [String] = []
    var metrics: [String: Double] = [:]
    let emit: (KernelEvent) -> Void

    init(emit: @escaping (KernelEvent) -> Void) { self.emit = emit }

    /// Sends a picture and keeps it as the last `name` picture for export.
    func show(_ event: KernelEvent, name: String) {
        kernel?.pictures[name] = event
        kernel?.lastPicture = event
        emit(event)
    }

    weak var kernel: Kernel?

    func print(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(String(line))
            emit(.text(String(line)))
        }
    }
}

/// The notebook's state and the commands that change it. One kernel per notebook; the headless
/// runner, the TUI and the session player all drive it through `execute`.
public final class Kernel {
    var data: DataSplit?
    var model: Autoencoder?
    /// Epoch reports of the current model's training, across `train` cells.
    var history: [EpochReport] = []
    /// The current model's codes of the training and test sets, made by `encode`.
    var codes: (train: Tensor, test: Tensor)?
    /// The last picture each picture command made, for `export`, and the very last one.
    var pictures: [String: KernelEvent] = [:]
    var lastPicture: KernelEvent?
    /// Whether `train` sends live pictures (latent scatter, reconstructions) each epoch by
    /// default: a headless run that nobody watches or records has no use for them.
    public var livePictures = true
    /// Cells run so far (failed ones included), numbering the next.
    public private(set) var cellCount = 0
    /// The run in progress, so another thread can pause, resume or cancel it.
    public private(set) var control = TrainingControl()

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
        let cell = Cell(emit: emit)
        cell.kernel = self
        do {
            guard let spec = Kernel.commands.first(where: { $0.name == command.name }) else {
                throw NotebookError.unknownCommand(command.name, suggestion: suggestion(for: command.name, in: Kernel.commands.map(\.name)))
            }
            let options = try Options(command, allowed: spec.options.map(\.name))
            try spec.run(self, command, options, cell)
        } catch {
            emit(.cellFinished(CellSummary(cell: number, command: command.text, ok: false, seconds: Date().timeIntervalSince(start), metrics: cell.metrics, error: "\(error)")))
            throw error
        }
        emit(.cellFinished(CellSummary(cell: number, command: command.text, ok: true, seconds: Date().timeIntervalSince(start), metrics: cell.metrics, error: nil)))
        return CellResult(output: cell.lines, metrics: cell.metrics)
    }

    /// A fresh control for a new run (a cancelled one stays cancelled).
    func newControl() -> TrainingControl {
        control = TrainingControl()
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

    /// Checks that the model takes the data's examples.
    func checkFit(_ model: Autoencoder, _ data: DataSplit, command: String) throws {
        guard model.config.inputWidth == data.train.features else {
            throw NotebookError.needs(command: command, what: "the model takes \(model.config.inputWidth) inputs per example but \(data.train.name) has \(shapeText(data.train.exampleShape)) = \(data.train.features); build a model for this data")
        }
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
