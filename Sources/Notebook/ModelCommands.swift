import Autoencoders
import Foundation
import Networks
import Tensors

extension Kernel {
    static let modelCommand = CommandSpec(
        name: "model", usage: "model ae [hidden=512 latent=256 …]",
        summary: "build an autoencoder for the loaded data",
        options: [
            .init(name: "hidden", help: "encoder hidden layer widths, comma-separated; the decoder mirrors them (default 512)"),
            .init(name: "latent", help: "width of the code (default 256)"),
            .init(name: "activation", help: "hidden activation: relu, tanh, sigmoid, linear (default relu)"),
            .init(name: "code", help: "activation of the code layer (default relu)"),
            .init(name: "output", help: "activation of the output layer (default sigmoid)"),
            .init(name: "loss", help: "bce or mse (default bce)"),
            .init(name: "seed", help: "seed for the initial weights (default 0)"),
        ]
    ) { kernel, command, options, cell in
        let kinds = ModelKind.allCases.map(\.rawValue)
        guard command.arguments.count == 1 else {
            throw NotebookError.badArgument(command: "model", reason: "name a kind: \(kinds.joined(separator: ", "))")
        }
        guard let kind = ModelKind(rawValue: command.arguments[0]) else {
            let hint = suggestion(for: command.arguments[0], in: kinds).map { "did you mean '\($0)'?" } ?? "kinds are \(kinds.joined(separator: ", "))"
            throw NotebookError.badArgument(command: "model", reason: "unknown kind '\(command.arguments[0])'; \(hint)")
        }
        let data = try kernel.requireData("model")
        let activations = Activation.allCases.map(\.rawValue)
        let config = ModelConfig(
            kind: kind, inputShape: [data.train.features],
            hidden: try options.intList("hidden", default: [512], in: 1...65536),
            latent: try options.int("latent", default: 256, in: 1...65536),
            activation: try options.choice("activation", default: .relu, from: activations, Activation.init(name:)),
            codeActivation: try options.choice("code", default: .relu, from: activations, Activation.init(name:)),
            outputActivation: try options.choice("output", default: .sigmoid, from: activations, Activation.init(name:)),
            loss: try options.choice("loss", default: .bce, from: ["bce", "mse"]) { LossFunction(name: $0).flatMap { $0 == .cce ? nil : $0 } },
            seed: try options.seed(default: 0))
        do {
            kernel.model = try Autoencoder(config)
        } catch {
            throw NotebookError.failed("model: \(error)")
        }
        kernel.history = []
        kernel.codes = nil
        let layers = ([config.inputWidth] + config.hidden + [config.latent] + config.hidden.reversed() + [config.inputWidth]).map(String.init)
        cell.print("\(kind.rawValue): \(layers.joined(separator: "→")), \(config.activation.rawValue) hidden, \(config.codeActivation.rawValue) code, \(config.outputActivation.rawValue) output, \(config.loss.displayName)")
        cell.print("\(Summary.grouped(kernel.model!.parameterCount)) parameters")
        cell.metrics["parameters"] = Double(kernel.model!.parameterCount)
    }

    static let summaryCommand = CommandSpec(
        name: "summary", usage: "summary", summary: "the model's layers, output shapes and parameter counts, as Keras prints them", options: []
    ) { kernel, _, _, cell in
        let model = try kernel.requireModel("summary")
        cell.print(model.summary)
        cell.metrics["parameters"] = Double(model.parameterCount)
    }

    static let saveCommand = CommandSpec(
        name: "save", usage: "save PATH", summary: "write the model: PATH.json (architecture) and PATH.safetensors (weights)", options: []
    ) { kernel, command, _, cell in
        let model = try kernel.requireModel("save")
        guard command.arguments.count == 1 else { throw NotebookError.badArgument(command: "save", reason: "give one path to save to") }
        do {
            try Checkpoint.save(model, to: command.arguments[0])
        } catch {
            throw NotebookError.failed("save: \(error)")
        }
        let paths = Checkpoint.paths(command.arguments[0])
        cell.print("saved \(paths.json) and \(paths.weights)")
    }

    static let loadCommand = CommandSpec(
        name: "load", usage: "load PATH", summary: "read a model written by 'save'", options: []
    ) { kernel, command, _, cell in
        guard command.arguments.count == 1 else { throw NotebookError.badArgument(command: "load", reason: "give one path to load from") }
        let model: Autoencoder
        do {
            model = try Checkpoint.load(command.arguments[0])
        } catch {
            throw NotebookError.failed("load: \(error)")
        }
        if let data = kernel.data { try kernel.checkFit(model, data, command: "load") }
        kernel.model = model
        kernel.history = []
        kernel.codes = nil
        cell.print("loaded \(model.config.kind.rawValue) with \(Summary.grouped(model.parameterCount)) parameters from \(Checkpoint.paths(command.arguments[0]).weights)")
        cell.metrics["parameters"] = Double(model.parameterCount)
    }
}
