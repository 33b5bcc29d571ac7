import Datasets
import Networks
import Tensors

/// An encoder and a decoder, each a model of its own, composed into an autoencoder as in the
/// seed: `encoder.predict`, `decoder.predict`, `autoencoder.predict`. Its kind decides the
/// layers and the loss; everything here is what every kind shares.
public final class Autoencoder {
    /// The kind and its option values, as `model` set them.
    public let kind: any AutoencoderKind
    public let architecture: Architecture
    public let encoder: Sequential
    public let decoder: Sequential
    /// The reconstruction loss training uses (starts as the kind's; `train loss=…` changes it).
    public var reconstruction: ReconstructionLoss

    /// Builds the model `kind` describes for examples of `data`, with fresh weights.
    public convenience init(_ kind: any AutoencoderKind, for data: DataShape) throws {
        let name = type(of: kind).name
        if data.isTokens && !type(of: kind).takesTokens {
            throw ShapeError("\(name) models take numbers, and this data holds text (token ids); for text use " + ModelKinds.textNames)
        }
        if !data.isTokens && type(of: kind).takesTokens {
            throw ShapeError("\(name) models read text (token ids, as 'data trec' gives), and this data holds numbers")
        }
        try self.init(kind, architecture: kind.architecture(for: data))
    }

    /// Builds the model from its layer specs (a saved model is rebuilt this way), with fresh
    /// weights drawn under the kind's seed.
    public init(_ kind: any AutoencoderKind, architecture: Architecture) throws {
        self.kind = kind
        self.architecture = architecture
        reconstruction = kind.reconstructionLoss
        var random = Random(seed: kind.common.seed)
        encoder = try Sequential(name: "encoder", inputShape: architecture.input, specs: architecture.encoder, weights: kind.common.weights, random: &random)
        guard let codeShape = encoder.outputShape.last, encoder.outputShape.count == 1 else {
            throw ShapeError("the encoder must end in a flat code, not \(encoder.outputShape)")
        }
        let latent = architecture.variational ? codeShape / 2 : codeShape
        decoder = try Sequential(name: "decoder", inputShape: [latent], specs: architecture.decoder, weights: kind.common.weights, random: &random)
    }

    public var kindName: String { type(of: kind).name }
    public var isVariational: Bool { architecture.variational }
    public var parameters: [Tensor] { encoder.parameters + decoder.parameters }
    /// Every weight a saved model holds: the parameters, then the fixed ones (word vectors).
    public var weights: [Tensor] { parameters + encoder.frozen + decoder.frozen }
    public var parameterCount: Int { encoder.parameterCount + decoder.parameterCount }
    /// Width of the code (μ's width for a VAE).
    public var codeWidth: Int { decoder.inputShape[0] }
    /// Values of one example as the model takes it, and as it gives its reconstruction.
    public var inputWidth: Int { architecture.input.reduce(1, *) }
    public var outputWidth: Int { decoder.outputShape.reduce(1, *) }

    /// The code of a batch: for a VAE, the mean μ.
    public func code(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        let h = encoder(x, &context)
        return isVariational ? h.slice(lastAxis: 0..<codeWidth) : h
    }

    /// μ and log σ² of a VAE's batch.
    public func gaussian(_ x: Tensor, _ context: inout ForwardContext) -> (mean: Tensor, logVariance: Tensor) {
        let h = encoder(x, &context)
        return (h.slice(lastAxis: 0..<codeWidth), h.slice(lastAxis: codeWidth..<(2 * codeWidth)))
    }

    /// The decoder's output before its last activation, for losses computed from logits.
    public func decodeLogits(_ z: Tensor, _ context: inout ForwardContext) -> (logits: Tensor, activation: Activation) {
        decoder.logits(z, &context)
    }

    /// The mean reconstruction loss per value, as Keras reduces it, from the decoder's logits
    /// (BCE after a sigmoid is computed from the logits; see `LossFunction.mean`).
    public func reconstructionLoss(_ output: (logits: Tensor, activation: Activation), target: Tensor) -> Tensor {
        reconstruction.function.mean(logits: output.logits, activation: output.activation, target: target.reshaped(output.logits.shape))
    }

    /// The reconstruction loss summed over each example's values and averaged over the batch:
    /// a VAE's −log p(x|z) term, as the seed's `original_dim * xent`.
    public func reconstructionSum(_ output: (logits: Tensor, activation: Activation), target: Tensor) -> Tensor {
        let batch = Float(max(output.logits.shape.first ?? 1, 1))
        return reconstruction.function.elementwise(logits: output.logits, activation: output.activation, target: target.reshaped(output.logits.shape)).sum() / batch
    }

    /// Reconstructions of a batch (a VAE decodes its mean, as Keras's `predict` of the mean would).
    public func callAsFunction(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        decoder(code(x, &context), &context)
    }

    /// Reconstructions of many examples, without gradients: [N, outputWidth].
    public func predict(_ x: Tensor, batchSize: Int = 256) -> Tensor {
        Sequential.predict(x, batchSize: batchSize, outputWidth: outputWidth) { batch in
            var context = ForwardContext.inference
            return self(batch, &context)
        }
    }

    /// Codes of every example of `data`, a batch at a time: [count, codeWidth].
    public func encode(_ data: Dataset, batchSize: Int = 500) -> Tensor {
        let out = Tensor(uninitialized: [data.count, codeWidth])
        Tensor.withoutGradients {
            var start = 0
            while start < data.count {
                let end = min(data.count, start + batchSize)
                var context = ForwardContext.inference
                let code = code(data.batch(start..<end), &context)
                (out.data + start * codeWidth).update(from: code.data, count: code.count)
                start = end
            }
        }
        return out
    }

    /// Decoded outputs of codes `z` [N, codeWidth].
    public func decode(_ z: Tensor) -> Tensor { decoder.predict(z) }

    /// The loss of one batch, its terms named for display.
    public func loss(input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        kind.loss(self, input: input, target: target, context: &context)
    }

    /// Whether this model takes examples of `data`, or why not.
    public func fitProblem(_ data: DataShape) -> String? {
        if let problem = tokenProblem(data) { return problem }
        guard data.features == inputWidth else {
            let takes = architecture.input.count == 1 ? "\(inputWidth)" : architecture.input.map(String.init).joined(separator: "×") + " = \(inputWidth)"
            let has = data.example.count == 1 ? "\(data.features)" : "\(data.description) = \(data.features)"
            return "the model takes \(takes) values per example but the data has \(has)"
        }
        return nil
    }

    /// Floating-point operations of one training step per example: the forward pass, the weight
    /// gradients, and the input gradients of every layer but the first, which the data does not need.
    public var trainingFLOPsPerExample: Double {
        let firstLayer = encoder.layers.first.map { $0.multiplyAdds(input: encoder.inputShape) } ?? 0
        return 2 * (3 * (encoder.multiplyAdds + decoder.multiplyAdds) - firstLayer)
    }

    /// The shapes an example takes through the model, from the built layers: "784→512→2→512→784".
    public var shapeLine: String {
        let trail = [architecture.input.map(String.init).joined(separator: "×")] + encoder.shapeTrail(layers: encoder.layers.count - (isVariational ? 1 : 0))
            + (isVariational ? ["\(codeWidth)"] : []) + decoder.shapeTrail
        return trail.joined(separator: "→")
    }

    /// The model in one line, from its built layers: "vae: 784→512→2→512→784, relu hidden, …".
    public var description: String {
        var parts = ["\(kindName): " + shapeLine]
        if let hidden = encoder.layers.first(where: { $0 is ActivatedLayer }) as? ActivatedLayer, encoder.layers.count > 1 {
            parts.append("\(hidden.activation.rawValue) hidden")
        }
        if isVariational {
            parts.append("Gaussian code (μ, log σ²)")
        } else if let code = encoder.layers.last(where: { $0 is ActivatedLayer }) as? ActivatedLayer {
            parts.append("\(code.activation.rawValue) code")
        }
        parts.append("\(decoder.outputActivation.rawValue) output")
        let loss = kind.lossDescription
            ?? (isVariational ? (reconstruction == .bce ? "BCE" : "squared error") + " summed over values + KL" : reconstruction.function.displayName)
        parts.append(loss)
        if !kind.lossNote.isEmpty { parts.append(kind.lossNote) }
        if kind.common.weights != .keras { parts.append("\(kind.common.weights.rawValue)-style initial weights") }
        return parts.joined(separator: ", ")
    }

    /// Keras-style summaries of the encoder, the decoder and the whole.
    public var summary: String {
        let fixed = { (model: Sequential) in model.frozen.reduce(0) { $0 + $1.count } }
        let whole = Summary.table(title: "autoencoder (\(kindName))", rows: [
            SummaryRow(layer: "encoder (Sequential)", outputShape: [codeWidth], parameters: encoder.parameterCount + fixed(encoder)),
            SummaryRow(layer: "decoder (Sequential)", outputShape: decoder.outputShape, parameters: decoder.parameterCount + fixed(decoder)),
        ], nonTrainable: fixed(encoder) + fixed(decoder))
        return [Summary.table(title: "encoder", rows: encoder.summaryRows, nonTrainable: fixed(encoder)),
                Summary.table(title: "decoder", rows: decoder.summaryRows, nonTrainable: fixed(decoder)), whole].joined(separator: "\n\n")
    }
}

/// Trains an autoencoder to reproduce a data set's examples (from what its kind makes of them:
/// corrupted copies, for a denoising autoencoder).
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
        let input = model.kind.trainingInput(x, random: &context.random)
        return model.loss(input: input, target: x, context: &context)
    }
}
