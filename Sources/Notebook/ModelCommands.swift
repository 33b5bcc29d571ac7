import Autoencoders
import Files
import Foundation
import Networks
import Options

/// `model KIND options…`: builds a model of a kind for the loaded data. Its options are the
/// kind's own (see `Kinds/`), so they are declared where the kind is.
struct ModelCommand: NotebookCommand {
    static let name = "model"
    static let summary = "build an autoencoder for the loaded data"
    @Argument(name: "KIND", help: "the kind of model") var kind: String?

    static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, isInterface: false, declarations: { words in
            let kindArgument = Declaration.word(name: "KIND", help: "the kind of model", choices: ModelKinds.names)
            guard let word = words.first, let kind = ModelKinds.named(word) else { return [kindArgument] }
            return [kindArgument] + kind.options
        }) { command, kernel, cell in
            try build(command, kernel, cell)
        }
    }

    func run(_ kernel: Kernel, _ cell: Cell) throws {}

    static func build(_ command: Command, _ kernel: Kernel, _ cell: Cell) throws {
        let names = ModelKinds.names
        guard command.arguments.count == 1 else {
            throw NotebookError.badArgument(command: name, reason: command.arguments.isEmpty
                ? "name a kind: \(names.joined(separator: ", "))"
                : "takes one kind, got '\(command.arguments.joined(separator: " "))'; options are written name=value")
        }
        guard let kindType = ModelKinds.named(command.arguments[0]) else {
            let word = command.arguments[0]
            let hint = closest(to: word, in: names).map { "did you mean '\($0)'?" } ?? "kinds are \(names.joined(separator: ", "))"
            throw NotebookError.badArgument(command: name, reason: "unknown kind '\(word)'; \(hint)")
        }
        let kind: any AutoencoderKind
        do {
            kind = try kindType.parse(options: command.options, command: name)
        } catch OptionError.unknownOption(let command, let option, let suggestion, let known) where suggestion == nil {
            // An option of other kinds: say which.
            let owners = ModelKinds.all.filter { $0.options.contains { $0.name == option } }.map { $0.name }
            guard !owners.isEmpty else { throw OptionError.unknownOption(command: command, option: option, suggestion: nil, known: known) }
            throw NotebookError.badOption(command: name, option: option, reason: "applies to \(owners.joined(separator: ", ")) models, not \(kindType.name)")
        }
        let data = try kernel.requireData(name)
        let model: Autoencoder
        do {
            model = try Autoencoder(kind, for: kernel.dataShape(data))
            if model.fixedWordVectors != nil, let words = kernel.words(for: data.train) {
                try model.setWordVectors(words.vectors.values)
            }
        } catch {
            throw NotebookError.failed("model: \(error)")
        }
        kernel.replaceModel(model)
        cell.print(model.description)
        cell.print("\(Summary.grouped(model.parameterCount)) parameters")
        cell.metrics["parameters"] = Double(model.parameterCount)
    }
}

/// `summary`: the model's layers as Keras prints them.
struct SummaryCommand: NotebookCommand {
    static let name = "summary"
    static let summary = "the model's layers, output shapes and parameter counts, as Keras prints them"

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let model = try kernel.requireModel(Self.name)
        cell.print(model.summary)
        cell.metrics["parameters"] = Double(model.parameterCount)
    }
}

/// `save PATH`: the weights (with the architecture inside) and the architecture as JSON.
struct SaveCommand: NotebookCommand {
    static let name = "save"
    static let summary = "write the model: PATH.safetensors (weights, with the architecture) and PATH.json (architecture)"
    @Argument(name: "PATH", help: "where to save, without extension") var path: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let model = try kernel.requireModel(Self.name)
        guard let path else { throw NotebookError.badArgument(command: Self.name, reason: "give a path to save to, e.g. save out/model") }
        let expanded = FilePath.expandingHome(path)
        let created: String?
        do { created = try Checkpoint.save(model, to: expanded) } catch { throw NotebookError.failed("save: \(error)") }
        if let created { cell.print("created the folder \(created)") }
        let paths = Checkpoint.paths(path)
        cell.print("saved \(paths.weights) and \(paths.json)")
    }
}

/// `load PATH`: a model written by `save`.
struct LoadCommand: NotebookCommand {
    static let name = "load"
    static let summary = "read a model written by 'save'"
    @Argument(name: "PATH", help: "the saved model, with or without extension") var path: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let path else { throw NotebookError.badArgument(command: Self.name, reason: "give a path to load from") }
        let model: Autoencoder
        do { model = try Checkpoint.load(FilePath.expandingHome(path)) } catch { throw NotebookError.failed("load: \(error)") }
        if let data = kernel.data { try kernel.checkFit(model, data, command: Self.name) }
        kernel.replaceModel(model)
        cell.print("loaded \(model.description) with \(Summary.grouped(model.parameterCount)) parameters from \(Checkpoint.paths(path).weights)")
        cell.metrics["parameters"] = Double(model.parameterCount)
    }
}
