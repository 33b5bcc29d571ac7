import Autoencoders
import Foundation
import Networks
import Options

/// A model of the session under its name, with everything trained into it: what `models`
/// lists, `use` makes current and `compare runs` sets side by side.
final class NamedModel {
    let name: String
    let model: Autoencoder
    /// Epoch reports across the model's `train` cells, numbered on from one cell to the next.
    var history: [EpochReport] = []
    /// One a `train` cell, in order.
    var runs: [TrainingRun] = []
    /// The figures of the model's last `eval`.
    var lastEval: [String: Double] = [:]

    init(name: String, model: Autoencoder) {
        self.name = name
        self.model = model
    }
}

/// One `train` cell of a model: which of its epochs it trained and how it ended.
struct TrainingRun {
    /// Counted from 1 for each model.
    var number: Int
    /// The line that started it ("train epochs=30 lr=0.0005").
    var command: String
    /// Where its epochs start in the model's history.
    var firstIndex: Int
    var epochCount = 0
    /// How it ended ("trained 30 epochs"), set when it has.
    var outcome: String?
}

extension Kernel {
    /// The longest model name; names are written in cells, tables and legends.
    static let maxModelNameLength = 32

    /// The models' names in the order they were made.
    var modelNames: [String] { models.map(\.name) }

    func namedModel(_ name: String) -> NamedModel? { models.first { $0.name == name } }

    /// A name for a model of kind `kind` when none is given: the kind, or the kind and the
    /// next free number ("vae", "vae-2", …).
    func freeName(for kind: String) -> String {
        guard namedModel(kind) != nil else { return kind }
        var n = 2
        while namedModel("\(kind)-\(n)") != nil { n += 1 }
        return "\(kind)-\(n)"
    }

    /// Why `name` cannot name a model, or nil when it can.
    static func modelNameProblem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) else {
            return "must start with a letter, not '\(name.escapingControlCharacters)'"
        }
        guard name.count <= maxModelNameLength else { return "is at most \(maxModelNameLength) characters long, not \(name.count)" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            return "may hold letters, digits, '-', '_' and '.', not '\(name.escapingControlCharacters)'"
        }
        return nil
    }

    /// The model called `name`, or the one line that says which models there are.
    func requireNamed(_ name: String, command: String) throws -> NamedModel {
        if let found = namedModel(name) { return found }
        guard !models.isEmpty else {
            throw NotebookError.needs(command: command, what: "no model called '\(name.escapingControlCharacters)'; the session has no models yet")
        }
        let hint = closest(to: name, in: modelNames).map { "did you mean '\($0)'? " } ?? ""
        throw NotebookError.badArgument(command: command, reason: "no model called '\(name.escapingControlCharacters)'; \(hint)the session has \(modelNames.joined(separator: ", "))")
    }

    /// Makes `model` the current one under `name` (a model of that name is replaced); returns
    /// whether one was replaced.
    @discardableResult
    func addModel(_ model: Autoencoder, name: String) -> Bool {
        let entry = NamedModel(name: name, model: model)
        let replaced: Bool
        if let index = models.firstIndex(where: { $0.name == name }) {
            models[index] = entry
            replaced = true
        } else {
            models.append(entry)
            replaced = false
        }
        current = entry
        codes = nil
        return replaced
    }

    /// Makes the model called `name` current.
    func use(_ entry: NamedModel) {
        current = entry
        codes = nil
    }

    /// Every run of every model, labelled as `compare runs` names them: the model's name, and
    /// "name@2" for a model's second and later runs when it has several.
    var labelledRuns: [(label: String, model: NamedModel, run: TrainingRun)] {
        models.flatMap { entry in
            entry.runs.map { run in
                (entry.runs.count == 1 ? entry.name : "\(entry.name)@\(run.number)", entry, run)
            }
        }
    }
}
