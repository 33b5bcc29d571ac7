import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Tensors

extension Kernel {
    static let pcaCommand = CommandSpec(
        name: "pca", usage: "pca [latent=2]", summary: "principal component analysis of the training set: variance explained and test reconstruction error",
        options: [.init(name: "latent", help: "how many components (default 2)")]
    ) { kernel, _, options, cell in
        let data = try kernel.requireData("pca")
        let k = try options.int("latent", default: 2, in: 1...min(data.train.features, data.train.count))
        let pca = try kernel.fitPCA(components: k, command: "pca")
        let mse = try pca.reconstructionError(data.test.all())
        cell.print("\(k) principal component\(k == 1 ? "" : "s") explain \(fmt(100 * Double(pca.explainedRatio.reduce(0, +)), 1))% of the training set's variance")
        cell.print("by component: " + pca.explainedRatio.prefix(10).map { fmt(100 * Double($0), 1) + "%" }.joined(separator: " ") + (k > 10 ? " …" : ""))
        cell.print("test reconstruction mean squared error \(fmt(mse, 5))")
        cell.metrics["pca_test_mse"] = mse
        cell.metrics["explained_variance_ratio"] = Double(pca.explainedRatio.reduce(0, +))
    }

    static let compareCommand = CommandSpec(
        name: "compare", usage: "compare pca", summary: "set the model beside PCA with as many components: test error, and the angles between the decoder's span and the components",
        options: []
    ) { kernel, command, _, cell in
        guard command.arguments == ["pca"] else { throw NotebookError.badArgument(command: "compare", reason: "compares against pca: 'compare pca'") }
        let data = try kernel.requireData("compare")
        let model = try kernel.requireModel("compare")
        try kernel.checkFit(model, data, command: "compare")
        guard let decoderOut = model.decoder.layers.last as? Dense, model.decoder.layers.count == 1 else {
            throw NotebookError.needs(command: "compare", what: "needs a decoder that is one Dense layer (model linear); this one is \(model.config.kind.rawValue)")
        }
        let k = model.codeWidth
        let pca = try kernel.fitPCA(components: k, command: "compare")
        let test = data.test.all()
        let pcaMSE = try pca.reconstructionError(test)
        let modelMSE = Tensor.withoutGradients { Double((model.predict(test) - test).squared().mean().item) }
        // The decoder's kernel is [k, 784]: its rows span the space the codes are decoded into.
        let w = decoderOut.kernel
        let rows = (0..<k).map { i in Array(UnsafeBufferPointer(start: w.data + i * w.shape[1], count: w.shape[1])) }
        let angles: [Double]
        do { angles = try PCA.principalAngles(rows, pca.components) } catch { throw NotebookError.failed("compare: \(error)") }
        cell.print("test mean squared error: \(model.config.kind.rawValue) autoencoder \(fmt(modelMSE, 5)), PCA \(fmt(pcaMSE, 5)) (ratio \(fmt(modelMSE / pcaMSE, 4)))")
        cell.print("principal angles between the decoder's span and the top \(k) components: " + angles.map { fmt($0, 2) + "°" }.joined(separator: ", "))
        cell.metrics["mse_ratio"] = modelMSE / pcaMSE
        cell.metrics["model_test_mse"] = modelMSE
        cell.metrics["pca_test_mse"] = pcaMSE
        cell.metrics["max_angle_degrees"] = angles.max() ?? 0
    }

    /// PCA of the training set, fitted once per data set and component count.
    func fitPCA(components k: Int, command: String) throws -> PCA {
        let data = try requireData(command)
        do { return try PCA(fitting: data.train.all(), components: k) } catch { throw NotebookError.failed("\(command): \(error)") }
    }
}
