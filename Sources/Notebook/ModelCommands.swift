import Autoencoders
import Foundation
import Networks
import Tensors

extension Kernel {
    /// Options every kind takes, and those only some kinds take.
    static let modelOptionKinds: [String: [ModelKind]] = [
        "l1": [.sparse], "lambda": [.contractive], "noise": [.denoise], "level": [.denoise], "eps_std": [.vae, .convvae], "beta": [.vae, .convvae],
        "filters": [.conv, .convvae], "hidden": [.ae, .deep, .sparse, .denoise, .contractive, .vae, .linear],
    ]

    static let modelCommand = CommandSpec(
        name: "model", usage: "model " + ModelKind.allCases.map(\.rawValue).joined(separator: "|") + " [hidden=… latent=… …]",
        summary: "build an autoencoder for the loaded data",
        options: [
            .init(name: "hidden", help: "encoder hidden layer widths, comma-separated; the decoder mirrors them"),
            .init(name: "latent", help: "width of the code"),
            .init(name: "activation", help: "hidden activation: relu, tanh, sigmoid, linear"),
            .init(name: "code", help: "activation of the code layer"),
            .init(name: "output", help: "activation of the output layer"),
            .init(name: "loss", help: "bce or mse"),
            .init(name: "seed", help: "seed for the initial weights (default 0)"),
            .init(name: "init", help: "initial weights drawn as keras does (Glorot-uniform, zero biases; the default) or as torch does (U(±1/√fan_in))"),
            .init(name: "l1", help: "sparse: L1 penalty on the code (default 1e-4)"),
            .init(name: "lambda", help: "contractive: weight of ‖∂h/∂x‖² (default 1e-4)"),
            .init(name: "noise", help: "denoise: gaussian, saltpepper or mask (default gaussian)"),
            .init(name: "level", help: "denoise: noise standard deviation, or share of pixels hit (default 0.5)"),
            .init(name: "eps_std", help: "vae, convvae: standard deviation of ε when sampling z (default 1)"),
            .init(name: "beta", help: "vae, convvae: weight of the KL term while training, as in a β-VAE (default 1: the ELBO)"),
            .init(name: "filters", help: "conv, convvae: filters of each 3×3 convolution on the way down (default 32,16 and 32)"),
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
        for (option, applies) in modelOptionKinds where options.has(option) && !applies.contains(kind) {
            throw NotebookError.badOption(command: "model", option: option, reason: "applies to \(applies.map(\.rawValue).joined(separator: ", ")) models, not \(kind.rawValue)")
        }
        let data = try kernel.requireData("model")
        let activations = Activation.allCases.map(\.rawValue)
        var inputShape = [data.train.features]
        if kind.isConvolutional {
            guard let size = data.train.imageSize else {
                throw NotebookError.needs(command: "model", what: "\(kind.rawValue) needs images; \(data.train.name) holds rows of \(data.train.features) values")
            }
            inputShape = [size.height, size.width, 1]
        }
        var config = ModelConfig.defaults(kind, inputShape: inputShape)
        config.filters = try options.intList("filters", default: config.filters, in: 1...1024)
        config.hidden = try options.intList("hidden", default: config.hidden, in: 1...65536)
        config.latent = try options.int("latent", default: config.latent, in: 1...65536)
        config.activation = try options.choice("activation", default: config.activation, from: activations, Activation.init(name:))
        config.codeActivation = try options.choice("code", default: config.codeActivation, from: activations, Activation.init(name:))
        config.outputActivation = try options.choice("output", default: config.outputActivation, from: activations, Activation.init(name:))
        config.loss = try options.choice("loss", default: config.loss, from: ["bce", "mse"]) { LossFunction(name: $0).flatMap { $0 == .cce ? nil : $0 } }
        config.seed = try options.seed(default: 0)
        config.weightInit = try options.choice("init", default: config.weightInit, from: WeightInit.allCases.map(\.rawValue), WeightInit.init(rawValue:))
        config.l1 = try options.float("l1", default: config.l1, in: 0...10)
        config.contractiveLambda = try options.float("lambda", default: config.contractiveLambda, in: 0...100)
        config.noise = try options.choice("noise", default: config.noise, from: Noise.allCases.map(\.rawValue), Noise.init(rawValue:))
        config.noiseLevel = try options.float("level", default: config.noiseLevel, in: 0...1)
        config.epsilonStd = try options.float("eps_std", default: config.epsilonStd, in: 0...10)
        config.klWeight = try options.float("beta", default: config.klWeight, in: 0...1000)
        if !kind.isConvolutional, kind != .sparse, config.latent > config.inputWidth {
            throw NotebookError.badOption(command: "model", option: "latent", reason: "is \(config.latent), wider than the \(config.inputWidth) inputs; only a sparse model is meant to be over-complete")
        }
        do {
            kernel.model = try Autoencoder(config)
        } catch {
            throw NotebookError.failed("model: \(error)")
        }
        kernel.history = []
        kernel.codes = nil
        cell.print(describe(config))
        cell.print("\(Summary.grouped(kernel.model!.parameterCount)) parameters")
        cell.metrics["parameters"] = Double(kernel.model!.parameterCount)
    }

    /// One line saying what a config builds.
    static func describe(_ c: ModelConfig) -> String {
        if c.kind.isConvolutional {
            let down = c.filters.map { "Conv2D \($0) → MaxPool" }.joined(separator: " → ")
            return "\(c.kind.rawValue): \(shapeText(c.inputShape)) → \(down) → " + (c.kind == .convvae ? "Conv2D heads μ, log σ² → \(c.latent)-d code" : "Dense \(c.latent)")
                + ", mirrored with Conv2DTranspose, \(c.outputActivation.rawValue) output, " + (c.kind == .convvae ? "BCE summed over pixels + KL" : c.loss.displayName)
                + (c.weightInit == .keras ? "" : ", \(c.weightInit.rawValue)-style initial weights")
        }
        let layers = ([c.inputWidth] + c.hidden + [c.latent] + c.hidden.reversed() + [c.inputWidth]).map(String.init).joined(separator: "→")
        var parts = ["\(c.kind.rawValue): \(layers)"]
        if !c.hidden.isEmpty { parts.append("\(c.activation.rawValue) hidden") }
        parts.append(c.kind.isVariational ? "Gaussian code (μ, log σ²)" : "\(c.codeActivation.rawValue) code")
        parts.append("\(c.outputActivation.rawValue) output")
        parts.append(c.kind.isVariational ? "\(c.loss == .bce ? "BCE" : "squared error") summed over pixels + KL" : c.loss.displayName)
        switch c.kind {
        case .sparse: parts.append("L1 \(c.l1) on the code")
        case .contractive: parts.append("λ \(c.contractiveLambda)")
        case .denoise: parts.append("\(c.noise.rawValue) noise \(c.noiseLevel)")
        case .vae, .convvae:
            if c.epsilonStd != 1 { parts.append("ε std \(c.epsilonStd)") }
            if c.klWeight != 1 { parts.append("KL weight β \(c.klWeight)") }
        default: break
        }
        if c.weightInit != .keras { parts.append("\(c.weightInit.rawValue)-style initial weights") }
        return parts.joined(separator: ", ")
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
