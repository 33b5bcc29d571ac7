import Datasets
import Networks
import Tensors

/// An encoder and a decoder, each a model of its own, composed into an autoencoder as in the
/// seed: `encoder.predict`, `decoder.predict`, `autoencoder.predict`.
public final class Autoencoder {
    /// How the model was built; `loss` follows what training last used.
    public private(set) var config: ModelConfig
    public let encoder: Sequential
    public let decoder: Sequential

    /// Builds the model `config` describes, with fresh weights drawn under `config.seed`.
    public init(_ config: ModelConfig) throws {
        guard config.inputWidth > 0 else { throw ShapeError("the model needs a non-empty input") }
        guard config.latent > 0 else { throw ShapeError("latent must be at least 1, not \(config.latent)") }
        if let bad = config.hidden.first(where: { $0 <= 0 }) { throw ShapeError("hidden layer widths must be at least 1, not \(bad)") }
        self.config = config
        var random = Random(seed: config.seed)
        let down = config.hidden.map { LayerSpec.dense(units: $0, activation: config.activation) }
            + [.dense(units: config.latent, activation: config.codeActivation)]
        let up = config.hidden.reversed().map { LayerSpec.dense(units: $0, activation: config.activation) }
            + [.dense(units: config.inputWidth, activation: config.outputActivation)]
        encoder = try Sequential(name: "encoder", inputShape: [config.inputWidth], specs: down, random: &random)
        decoder = try Sequential(name: "decoder", inputShape: [config.latent], specs: up, random: &random)
    }

    /// The reconstruction loss training minimises (a `train loss=…` can change it).
    public var loss: LossFunction {
        get { config.loss }
        set { config.loss = newValue }
    }

    public var parameters: [Tensor] { encoder.parameters + decoder.parameters }
    public var parameterCount: Int { encoder.parameterCount + decoder.parameterCount }
    public var codeWidth: Int { config.latent }

    /// Reconstructions of a batch, recording the graph when gradients are on.
    public func callAsFunction(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        decoder(encoder(x, &context), &context)
    }

    /// Reconstructions of many examples, without gradients.
    public func predict(_ x: Tensor, batchSize: Int = 256) -> Tensor {
        Sequential.predict(x, batchSize: batchSize, outputWidth: config.inputWidth) { batch in
            var context = ForwardContext.inference
            return self(batch, &context)
        }
    }

    /// Codes of every example of `data`, a batch at a time: [count, latent].
    public func encode(_ data: Dataset, batchSize: Int = 500) -> Tensor {
        let out = Tensor(uninitialized: [data.count, codeWidth])
        Tensor.withoutGradients {
            var start = 0
            while start < data.count {
                let end = min(data.count, start + batchSize)
                var context = ForwardContext.inference
                let code = encoder(data.batch(start..<end), &context)
                (out.data + start * codeWidth).update(from: code.data, count: code.count)
                start = end
            }
        }
        return out
    }

    /// The loss of one batch: the reconstruction against `target`.
    public func loss(input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let reconstruction = loss(self(input, &context), target)
        return LossValue(total: reconstruction, terms: [("reconstruction", Double(reconstruction.item))])
    }

    /// Keras-style summaries of the encoder, the decoder and the whole.
    public var summary: String {
        let whole = Summary.table(title: "autoencoder (\(config.kind.rawValue))", rows: [
            SummaryRow(layer: "encoder (Sequential)", outputShape: encoder.outputShape, parameters: encoder.parameterCount),
            SummaryRow(layer: "decoder (Sequential)", outputShape: decoder.outputShape, parameters: decoder.parameterCount),
        ])
        return [Summary.table(title: "encoder", rows: encoder.summaryRows),
                Summary.table(title: "decoder", rows: decoder.summaryRows), whole].joined(separator: "\n\n")
    }
}

/// Trains an autoencoder to reproduce a data set's examples.
public final class ReconstructionObjective: Objective {
    public let model: Autoencoder
    public let data: Dataset

    public init(model: Autoencoder, data: Dataset) {
        self.model = model
        self.data = data
    }

    public var parameters: [Tensor] { model.parameters }

    public func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue {
        let x = data.batch(indices)
        return model.loss(input: x, target: x, context: &context)
    }
}
