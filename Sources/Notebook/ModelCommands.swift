import Autoencoders
import Files
import Foundation
import Networks
import Options

/// The `name=` every `model` line takes beside its kind's options.
struct ModelNameOption: Declared {
    @Option(help: "the model's name in this session, for 'use', 'models' and 'compare runs' (default: the kind, numbered when taken); a model of that name is replaced")
    var name: String?
}

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
            return [kindArgument] + kind.options + ModelNameOption.options
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
        let naming = try ModelNameOption.parse(options: command.options.filter { $0.key == "name" }, command: name)
        if let given = naming.name, let problem = Kernel.modelNameProblem(given) {
            throw NotebookError.badOption(command: name, option: "name", reason: problem)
        }
        let kind: any AutoencoderKind
        do {
            kind = try kindType.parse(options: command.options.filter { $0.key != "name" }, command: name)
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
        let replacing = naming.name.flatMap { kernel.namedModel($0) } != nil
        let modelName = kernel.replaceModel(model, name: naming.name)
        cell.print(model.description)
        cell.print("\(Summary.grouped(model.parameterCount)) parameters; named \(modelName)" + (replacing ? ", in place of the model of that name" : ""))
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
    @Option(help: "the model's name in this session (default: its kind, numbered when taken); a model of that name is replaced")
    var name: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let path else { throw NotebookError.badArgument(command: Self.name, reason: "give a path to load from") }
        if let name, let problem = Kernel.modelNameProblem(name) { throw NotebookError.badOption(command: Self.name, option: "name", reason: problem) }
        let model: Autoencoder
        do { model = try Checkpoint.load(FilePath.expandingHome(path)) } catch { throw NotebookError.failed("load: \(error)") }
        if let data = kernel.data { try kernel.checkFit(model, data, command: Self.name) }
        let modelName = kernel.replaceModel(model, name: name)
        cell.print("loaded \(model.description) with \(Summary.grouped(model.parameterCount)) parameters from \(Checkpoint.paths(path).weights); named \(modelName)")
        cell.metrics["parameters"] = Double(model.parameterCount)
    }
}
