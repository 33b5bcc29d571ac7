import Datasets
import Networks
import Tensors

/// An encoder and a decoder, each a model of its own, composed into an autoencoder as in the
/// seed: `encoder.predict`, `decoder.predict`, `autoencoder.predict`. The kind decides the
/// loss: plain reconstruction, or with an L1 code penalty, a contractive penalty, or the VAE's KL.
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
        if config.kind.isConvolutional {
            (encoder, decoder) = try Autoencoder.convolutional(config, random: &random)
            return
        }
        let down = config.hidden.map { LayerSpec.dense(units: $0, activation: config.activation) }
        let up = config.hidden.reversed().map { LayerSpec.dense(units: $0, activation: config.activation) }
            + [.dense(units: config.inputWidth, activation: config.outputActivation)]
        if config.kind.isVariational {
            let body = try Sequential(name: "encoder", inputShape: [config.inputWidth], specs: down, weights: config.weightInit, random: &random)
            let inputs = body.outputShape.last!
            let heads = GaussianHeads(name: "encoder/z",
                                      mean: Dense(name: "encoder/z_mean", inputs: inputs, units: config.latent, activation: .linear, weights: config.weightInit, random: &random),
                                      logVariance: Dense(name: "encoder/z_log_var", inputs: inputs, units: config.latent, activation: .linear, weights: config.weightInit, random: &random),
                                      latent: config.latent)
            encoder = try Sequential(name: "encoder", inputShape: [config.inputWidth], layers: body.layers + [heads])
        } else {
            encoder = try Sequential(name: "encoder", inputShape: [config.inputWidth],
                                     specs: down + [.dense(units: config.latent, activation: config.codeActivation)], weights: config.weightInit, random: &random)
        }
        decoder = try Sequential(name: "decoder", inputShape: [config.latent], specs: up, weights: config.weightInit, random: &random)
    }

    /// The convolutional encoder and decoder: 3×3 'same' convolutions, each followed by a 2×2
    /// max-pool on the way down; transposed convolutions (and upsampling) on the way up.
    static func convolutional(_ config: ModelConfig, random: inout Random) throws -> (Sequential, Sequential) {
        guard config.inputShape.count == 3 else { throw ShapeError("\(config.kind.rawValue) needs images (height×width×channels), not rows of \(config.inputWidth) values") }
        guard !config.filters.isEmpty else { throw ShapeError("\(config.kind.rawValue) needs at least one convolution (filters=…)") }
        let (height, width, channels) = (config.inputShape[0], config.inputShape[1], config.inputShape[2])
        let scale = 1 << config.filters.count
        guard height % scale == 0, width % scale == 0 else {
            throw ShapeError("\(height)×\(width) images do not halve \(config.filters.count) time\(config.filters.count == 1 ? "" : "s") evenly; use fewer filters=… layers")
        }
        let (h, w) = (height / scale, width / scale)
        var down: [LayerSpec] = []
        for f in config.filters {
            down += [.conv2D(filters: f, kernel: 3, stride: 1, padding: .same, activation: config.activation), .maxPooling2D(pool: 2)]
        }
        if config.kind == .convvae {
            // The code is a map of h×w×k: both heads are 3×3 convolutions with k filters.
            guard config.latent % (h * w) == 0 else {
                throw ShapeError("convvae's code is a \(h)×\(w) map, so latent must be a multiple of \(h * w), not \(config.latent)")
            }
            let k = config.latent / (h * w)
            let body = try Sequential(name: "encoder", inputShape: config.inputShape, specs: down, weights: config.weightInit, random: &random)
            let last = config.filters.last!
            let heads = GaussianHeads(
                name: "encoder/z",
                mean: Conv2D(name: "encoder/z_mean", inputChannels: last, filters: k, kernel: 3, padding: .same, weights: config.weightInit, random: &random),
                logVariance: Conv2D(name: "encoder/z_log_var", inputChannels: last, filters: k, kernel: 3, padding: .same, weights: config.weightInit, random: &random),
                latent: config.latent)
            let encoder = try Sequential(name: "encoder", inputShape: config.inputShape, layers: body.layers + [heads])
            var up: [LayerSpec] = [.reshape([h, w, k])]
            for f in config.filters.reversed() {
                up += [.conv2DTranspose(filters: f, kernel: 3, stride: 1, padding: .same, activation: config.activation), .upSampling2D(size: 2)]
            }
            up += [.conv2DTranspose(filters: channels, kernel: 3, stride: 1, padding: .same, activation: config.outputActivation), .flatten]
            return (encoder, try Sequential(name: "decoder", inputShape: [config.latent], specs: up, weights: config.weightInit, random: &random))
        }
        let last = config.filters.last!
        let encoder = try Sequential(name: "encoder", inputShape: config.inputShape,
                                     specs: down + [.flatten, .dense(units: config.latent, activation: config.codeActivation)], weights: config.weightInit, random: &random)
        var up: [LayerSpec] = [.dense(units: h * w * last, activation: config.activation), .reshape([h, w, last])]
        for f in config.filters.reversed() {
            up.append(.conv2DTranspose(filters: f, kernel: 3, stride: 2, padding: .same, activation: config.activation))
        }
        up += [.conv2D(filters: channels, kernel: 3, stride: 1, padding: .same, activation: config.outputActivation), .flatten]
        return (encoder, try Sequential(name: "decoder", inputShape: [config.latent], specs: up, weights: config.weightInit, random: &random))
    }

    /// The reconstruction loss training minimises (a `train loss=…` can change it).
    public var loss: LossFunction {
        get { config.loss }
        set { config.loss = newValue }
    }

    public var parameters: [Tensor] { encoder.parameters + decoder.parameters }
    public var parameterCount: Int { encoder.parameterCount + decoder.parameterCount }
    public var codeWidth: Int { config.latent }

    /// The code of a batch: for a VAE, the mean μ.
    public func code(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        let h = encoder(x, &context)
        return config.kind.isVariational ? h.slice(lastAxis: 0..<config.latent) : h
    }

    /// Reconstructions of a batch (a VAE decodes its mean, as Keras's `predict` of the mean would).
    public func callAsFunction(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        decoder(code(x, &context), &context)
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
                let code = code(data.batch(start..<end), &context)
                (out.data + start * codeWidth).update(from: code.data, count: code.count)
                start = end
            }
        }
        return out
    }

    /// Decoded images of codes `z` [N, latent].
    public func decode(_ z: Tensor) -> Tensor { decoder.predict(z) }

    /// z = μ + σ·ε with ε ~ N(0, epsilonStd²): the reparameterisation trick.
    func sample(mean: Tensor, logVariance: Tensor, random: inout Random) -> Tensor {
        let epsilon = Tensor(uninitialized: mean.shape)
        random.fillNormal(epsilon.data, count: epsilon.count, std: config.epsilonStd)
        return mean + (logVariance * 0.5).exp() * epsilon
    }

    /// The loss of one batch, its terms named for display.
    public func loss(input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let batch = Float(input.shape[0])
        switch config.kind {
        case .vae, .convvae:
            let h = encoder(input, &context)
            let mean = h.slice(lastAxis: 0..<config.latent), logVariance = h.slice(lastAxis: config.latent..<(2 * config.latent))
            let z = sample(mean: mean, logVariance: logVariance, random: &context.random)
            let output = decoder(z, &context)
            // Per image: the reconstruction summed over pixels, as the seed's `original_dim * xent`.
            let reconstruction = (loss == .bce ? output.binaryCrossEntropy(target: target) : (output - target).squared()).sum() / batch
            let kl = ((1 + logVariance - mean.squared() - logVariance.exp()).sum() * -0.5) / batch
            let total = config.klWeight == 1 ? reconstruction + kl : reconstruction + kl * config.klWeight
            return LossValue(total: total, terms: [("reconstruction", Double(reconstruction.item)), ("kl", Double(kl.item))])
        case .sparse:
            let code = encoder(input, &context)
            let reconstruction = loss(decoder(code, &context), target)
            // Keras's activity_regularizer: l1·Σ|h|, averaged over the batch.
            let penalty = code.abs().sum() * (config.l1 / batch)
            return LossValue(total: reconstruction + penalty, terms: [("reconstruction", Double(reconstruction.item)), ("l1", Double(penalty.item))])
        case .contractive:
            let (code, jacobian) = Contractive.codeAndJacobianNorm(encoder, input, &context)
            let reconstruction = loss(decoder(code, &context), target)
            let penalty = jacobian * config.contractiveLambda
            return LossValue(total: reconstruction + penalty, terms: [("reconstruction", Double(reconstruction.item)), ("contractive", Double(penalty.item))])
        case .ae, .deep, .conv, .denoise, .linear:
            let reconstruction = loss(self(input, &context), target)
            // Penalties that layers recorded (an ActivityRegularization in a custom stack).
            let penalties = context.takePenalties()
            let total = penalties.reduce(reconstruction) { $0 + $1.value }
            return LossValue(total: total, terms: [("reconstruction", Double(reconstruction.item))] + penalties.map { ($0.name, Double($0.value.item)) })
        }
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

/// Trains an autoencoder to reproduce a data set's examples (from corrupted copies, for a
/// denoising autoencoder).
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
        guard model.config.kind == .denoise else { return model.loss(input: x, target: x, context: &context) }
        let noisy = Corruption.apply(model.config.noise, level: model.config.noiseLevel, to: x, random: &context.random)
        return model.loss(input: noisy, target: x, context: &context)
    }
}
