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

/// What `compare` sets the model beside.
enum CompareTarget: String, ChoiceValue { case pca }

/// `compare pca`: the linear autoencoder beside PCA.
struct CompareCommand: NotebookCommand {
    static let name = "compare"
    static let summary = "set the model beside PCA with as many components: test error, and the angles between the decoder's span and the components"

    @Argument(name: "pca", help: "what to compare against") var target: CompareTarget?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard target == .pca else { throw NotebookError.badArgument(command: Self.name, reason: "compares against pca: 'compare pca'") }
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
