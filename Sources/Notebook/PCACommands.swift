import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Tensors

/// `pca latent=K`: principal components of the training set.
struct PCACommand: NotebookCommand {
    static let name = "pca"
    static let summary = "principal component analysis of the training set: variance explained and test reconstruction error"

    @Option(help: "how many components", in: 1...65536) var latent = 2

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        guard latent <= min(data.train.features, data.train.count) else {
            throw NotebookError.badOption(command: Self.name, option: "latent", reason: "must be at most \(min(data.train.features, data.train.count)) for \(data.train.count) examples of \(data.train.features) values, not \(latent)")
        }
        let pca = try kernel.fitPCA(components: latent, command: Self.name)
        let mse = try pca.reconstructionError(data.test.all())
        cell.print("\(latent) principal component\(latent == 1 ? "" : "s") explain \(fmt(100 * Double(pca.explainedRatio.reduce(0, +)), 1))% of the training set's variance")
        cell.print("by component: " + pca.explainedRatio.prefix(10).map { fmt(100 * Double($0), 1) + "%" }.joined(separator: " ") + (latent > 10 ? " …" : ""))
        cell.print("test reconstruction mean squared error \(fmt(mse, 5))")
        cell.metrics["pca_test_mse"] = mse
        cell.metrics["explained_variance_ratio"] = Double(pca.explainedRatio.reduce(0, +))
    }
}

/// What `compare` sets side by side.
enum CompareTarget: String, ChoiceValue { case pca, runs }

/// `compare pca`: the linear autoencoder beside PCA. `compare runs [NAMES…]`: training runs
/// on one chart (see `RunComparison`).
struct CompareCommand: NotebookCommand {
    static let name = "compare"
    static let summary = "compare pca: the model beside PCA (test error, angles between the decoder's span and the components); compare runs [NAMES…]: runs' loss curves on one chart and their final figures"

    @Argument(name: "pca|runs", help: "what to compare") var target: CompareTarget?
    @Option(help: "runs: TensorBoard's smoothing weight for the curves (default 0.6)", in: 0...0.99) var smooth: Double?
    @Option(help: "runs: a logarithmic loss axis") var log: Bool?

    /// The names after `runs` are words of their own, any number of them.
    static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, isInterface: false, declarations: { words in
            declarations + (words.first == CompareTarget.runs.rawValue ? [Declaration.word(name: "MODEL…", help: "models or runs (name@2) to compare; all by default", choices: nil)] : [])
        }) { command, kernel, cell in
            let parsed = try parse(arguments: Array(command.arguments.prefix(1)), options: command.options, command: name)
            let names = Array(command.arguments.dropFirst())
            if parsed.target == .runs {
                try RunComparison.run(names: names, smoothing: parsed.smooth ?? 0.6, logY: parsed.log ?? false, kernel: kernel, cell: cell)
                return
            }
            if let word = names.first {
                throw NotebookError.badArgument(command: name, reason: "unexpected '\(word.escapingControlCharacters)'; only 'compare runs' takes names")
            }
            try parsed.run(kernel, cell)
        }
    }

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard target == .pca else { throw NotebookError.badArgument(command: Self.name, reason: "say what to compare: 'compare pca' or 'compare runs [NAMES…]'") }
        for (option, given) in [("smooth", smooth != nil), ("log", log != nil)] where given {
            throw NotebookError.badOption(command: Self.name, option: option, reason: "applies to 'compare runs', not 'compare pca'")
        }
        let (data, model) = try kernel.requireFit(Self.name)
        guard let decoderOut = model.decoder.layers.last as? Dense, model.decoder.layers.count == 1 else {
            throw NotebookError.needs(command: Self.name, what: "needs a decoder that is one Dense layer (model linear); this one is \(model.kindName)")
        }
        let k = model.codeWidth
        let pca = try kernel.fitPCA(components: k, command: Self.name)
        let test = data.test.all()
        let pcaMSE = try pca.reconstructionError(test)
        let modelMSE = Tensor.withoutGradients { Double((model.predict(test) - test).squared().mean().item) }
        // The decoder's kernel is [k, 784]: its rows span the space the codes are decoded into.
        let w = decoderOut.kernel
        let rows = (0..<k).map { i in Array(UnsafeBufferPointer(start: w.data + i * w.shape[1], count: w.shape[1])) }
        let angles: [Double]
        do { angles = try PCA.principalAngles(rows, pca.components) } catch { throw NotebookError.failed("compare: \(error)") }
        cell.print("test mean squared error: \(model.kindName) autoencoder \(fmt(modelMSE, 5)), PCA \(fmt(pcaMSE, 5)) (ratio \(fmt(modelMSE / pcaMSE, 4)))")
        cell.print("principal angles between the decoder's span and the top \(k) components: " + angles.map { fmt($0, 2) + "°" }.joined(separator: ", "))
        cell.metrics["mse_ratio"] = modelMSE / pcaMSE
        cell.metrics["model_test_mse"] = modelMSE
        cell.metrics["pca_test_mse"] = pcaMSE
        cell.metrics["max_angle_degrees"] = angles.max() ?? 0
    }
}

extension Kernel {
    /// PCA of the training set.
    func fitPCA(components k: Int, command: String) throws -> PCA {
        let data = try requireData(command)
        do { return try PCA(fitting: data.train.all(), components: k) } catch { throw NotebookError.failed("\(command): \(error)") }
    }
}
