import Autoencoders
import Foundation
import Networks
import Options
import Rendering

/// `models`: the session's models, with their kinds, sizes and last figures.
struct ModelsCommand: NotebookCommand {
    static let name = "models"
    static let summary = "list this session's models: kind, shape, parameters, runs and their last figures (* marks the current one)"

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard !kernel.models.isEmpty else {
            throw NotebookError.needs(command: Self.name, what: "no models yet; build one with e.g. 'model vae latent=2 name=v1'")
        }
        var rows = [["", "name", "kind", "shape", "parameters", "runs", "epochs", "loss", "val_loss", "last eval"]]
        for entry in kernel.models {
            let last = entry.history.last
            rows.append([entry === kernel.current ? "*" : "", entry.name, entry.model.kindName, entry.model.shapeLine,
                         Summary.grouped(entry.model.parameterCount), String(entry.runs.count), String(entry.history.count),
                         last.map { fmt($0.loss) } ?? "–", last?.metrics["val_loss"].map { fmt($0) } ?? "–",
                         evalText(entry.lastEval)])
        }
        cell.print(alignedColumns(rows))
        cell.metrics["models"] = Double(kernel.models.count)
    }

    /// The one or two figures of an `eval` that say most about the model.
    func evalText(_ metrics: [String: Double]) -> String {
        let keys = ["test_neg_elbo", "psnr_denoised_db", "test_bce", "test_mse"].filter { metrics[$0] != nil }.prefix(2)
        return keys.isEmpty ? "–" : keys.map { "\($0) \(fmt(metrics[$0]!, $0 == "test_neg_elbo" || $0.hasPrefix("psnr") ? 2 : 4))" }.joined(separator: ", ")
    }
}

/// `use NAME`: makes a model of the session the current one.
struct UseCommand: NotebookCommand {
    static let name = "use"
    static let summary = "make one of this session's models the current one ('models' lists them)"
    @Argument(name: "MODEL", help: "the model's name") var model: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let model else {
            let names = kernel.modelNames
            throw NotebookError.badArgument(command: Self.name, reason: names.isEmpty ? "name a model; the session has none yet" : "name a model: \(names.joined(separator: ", "))")
        }
        let entry = try kernel.requireNamed(model, command: Self.name)
        if let data = kernel.data { try kernel.checkFit(entry.model, data, command: Self.name) }
        kernel.use(entry)
        let trained = entry.history.isEmpty ? "not trained yet" : "\(entry.history.count) epoch\(entry.history.count == 1 ? "" : "s") in \(entry.runs.count) run\(entry.runs.count == 1 ? "" : "s")"
        cell.print("using \(entry.name): \(entry.model.description); \(trained)")
        cell.metrics["parameters"] = Double(entry.model.parameterCount)
    }
}

/// `compare runs [NAMES…]`: the training and validation losses of runs on one chart, one
/// colour a run, and a table of their final figures.
enum RunComparison {
    static func run(names: [String], smoothing: Double, logY: Bool, kernel: Kernel, cell: Cell) throws {
        let all = kernel.labelledRuns
        guard !all.isEmpty else {
            throw NotebookError.needs(command: CompareCommand.name, what: "no runs yet; 'train' a model first (each train is a run)")
        }
        var chosen: [(label: String, model: NamedModel, run: TrainingRun)] = []
        for name in names {
            let matches: [(label: String, model: NamedModel, run: TrainingRun)]
            if let entry = kernel.namedModel(name) {
                matches = all.filter { $0.model === entry }
                guard !matches.isEmpty else {
                    throw NotebookError.badArgument(command: CompareCommand.name, reason: "model '\(name)' has not been trained; its runs come with 'train'")
                }
            } else if let run = all.first(where: { $0.label == name }) {
                matches = [run]
            } else {
                let labels = all.map(\.label)
                let hint = closest(to: name, in: labels + kernel.modelNames).map { "did you mean '\($0)'? " } ?? ""
                throw NotebookError.badArgument(command: CompareCommand.name,
                                                reason: "no model or run called '\(name.escapingControlCharacters)'; \(hint)the runs are \(labels.joined(separator: ", "))")
            }
            for match in matches where !chosen.contains(where: { $0.label == match.label }) { chosen.append(match) }
        }
        if names.isEmpty { chosen = all }
        chosen = chosen.filter { $0.run.epochCount > 0 }
        guard !chosen.isEmpty else {
            throw NotebookError.needs(command: CompareCommand.name, what: "the runs named have no finished epochs to compare")
        }
        var series: [ChartData.Series] = []
        var rows = [["run", "model", "epochs", "loss", "val_loss", "best val_loss", "lr", "time", "ended"]]
        for (index, item) in chosen.enumerated() {
            let epochs = Array(item.model.history[item.run.firstIndex..<(item.run.firstIndex + item.run.epochCount)])
            let first = Double(epochs[0].epoch)
            series.append(.init(name: item.label, values: epochs.map(\.loss), firstX: first, colorIndex: index))
            let validation = epochs.map { $0.metrics["val_loss"] }
            if validation.allSatisfy({ $0 != nil }) {
                series.append(.init(name: item.label + " val", values: validation.map { $0! }, firstX: first, colorIndex: index, dashed: true))
            }
            let last = epochs[epochs.count - 1]
            let best = epochs.filter { $0.metrics["val_loss"] != nil }.min { $0.metrics["val_loss"]! < $1.metrics["val_loss"]! }
            let seconds = epochs.reduce(0) { $0 + $1.epochSeconds }
            rows.append([item.label, "\(item.model.name) (\(item.model.model.kindName))", String(epochs.count), fmt(last.loss),
                         last.metrics["val_loss"].map { fmt($0) } ?? "–",
                         best.map { "\(fmt($0.metrics["val_loss"]!)) (epoch \($0.epoch))" } ?? "–",
                         last.learningRate.map { String(format: "%.3g", $0) } ?? "–", duration(seconds), item.run.outcome ?? "running"])
            cell.metrics["final_loss_\(index + 1)"] = last.loss
            if let v = last.metrics["val_loss"] { cell.metrics["final_val_loss_\(index + 1)"] = v }
        }
        var chart = ChartData(title: "runs compared: training loss (solid) and validation loss (dashed)", xLabel: "epoch",
                              series: series, logY: logY, smoothing: smoothing)
        chart.yLabel = "loss"
        cell.print(alignedColumns(rows))
        if smoothing > 0 { cell.print("curves smoothed as TensorBoard does (weight \(smoothing.optionText)); the raw values are drawn faint behind them") }
        cell.show(.chart(chart), name: "compare")
        cell.metrics["runs"] = Double(chosen.count)
    }
}

/// Rows of words as aligned columns, two spaces apart, the first row a header.
func alignedColumns(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { row in
        var line = row.enumerated().map { c, word in c == row.count - 1 ? word : word.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }.joined(separator: "\n")
}
