import Networks
import Tensors

/// The kinds of model a notebook can build with `model KIND …`.
public enum ModelKind: String, Codable, CaseIterable, Sendable {
    case ae, deep, conv, sparse, denoise, contractive, vae, convvae, linear

    public var summary: String {
        switch self {
        case .ae: return "standard dense autoencoder: hidden layers down to a code, mirrored back up"
        case .deep: return "a deeper symmetric stack with chosen code and output activations"
        case .conv: return "convolutional: Conv2D + max-pooling down to a dense code, Conv2DTranspose back up"
        case .convvae: return "the seed's convolutional VAE: Conv2D 32 → pool → Conv2D heads (μ, log σ²) → Conv2DTranspose 32 → upsample → Conv2DTranspose 1"
        case .sparse: return "L1 activity penalty on the code"
        case .denoise: return "trained on corrupted inputs against the clean ones"
        case .contractive: return "penalises the encoder's Jacobian, λ‖∂h/∂x‖²"
        case .vae: return "variational: μ and log σ² heads, sampling, KL to N(0, I)"
        case .linear: return "linear encoder and decoder with MSE: the PCA-equivalent autoencoder"
        }
    }

    /// Whether the code is a sample of a Gaussian whose mean the encoder gives.
    public var isVariational: Bool { self == .vae || self == .convvae }

    /// Whether the model takes images (height × width × channels) rather than flat rows.
    public var isConvolutional: Bool { self == .conv || self == .convvae }
}

/// How a denoising autoencoder corrupts its input.
public enum Noise: String, Codable, CaseIterable, Sendable {
    /// x + level·N(0, 1), clipped to [0, 1].
    case gaussian
    /// A `level` share of pixels set to 0 or 1 at random.
    case saltpepper
    /// A `level` share of pixels set to 0.
    case mask
}

/// Everything needed to build a model again: saved as its architecture, and what `model`
/// options set.
public struct ModelConfig: Codable, Equatable, Sendable {
    public var kind: ModelKind
    /// Shape of one input example ([784] for MNIST as aelab stores it).
    public var inputShape: [Int]
    /// Widths of the encoder's hidden layers; the decoder mirrors them.
    public var hidden: [Int]
    public var latent: Int
    public var activation: Activation
    public var codeActivation: Activation
    public var outputActivation: Activation
    public var loss: LossFunction
    /// Seeds the initial weights.
    public var seed: UInt64
    /// sparse: weight of the L1 penalty on the code (Keras's activity_regularizer l1).
    public var l1: Float = 0
    /// contractive: weight of the squared Frobenius norm of the encoder's Jacobian.
    public var contractiveLambda: Float = 0
    /// denoise: how the input is corrupted, and how strongly.
    public var noise: Noise = .gaussian
    public var noiseLevel: Float = 0
    /// vae: standard deviation of ε in z = μ + σ·ε (the seed's `epsilon_std`).
    public var epsilonStd: Float = 1
    /// vae, convvae: weight of the KL term in the training loss (β of a β-VAE; 1 is the ELBO).
    public var klWeight: Float = 1
    /// conv, convvae: filters of each convolution on the way down (the decoder mirrors them).
    public var filters: [Int] = []
    /// How the initial weights are drawn: Keras's way (the default) or PyTorch's.
    public var weightInit: WeightInit = .keras

    public init(kind: ModelKind, inputShape: [Int], hidden: [Int] = [512], latent: Int = 256,
                activation: Activation = .relu, codeActivation: Activation = .relu,
                outputActivation: Activation = .sigmoid, loss: LossFunction = .bce, seed: UInt64 = 0) {
        self.kind = kind
        self.inputShape = inputShape
        self.hidden = hidden
        self.latent = latent
        self.activation = activation
        self.codeActivation = codeActivation
        self.outputActivation = outputActivation
        self.loss = loss
        self.seed = seed
    }

    /// The seed documents' defaults for each kind.
    public static func defaults(_ kind: ModelKind, inputShape: [Int]) -> ModelConfig {
        var c = ModelConfig(kind: kind, inputShape: inputShape)
        switch kind {
        case .ae, .denoise:
            if kind == .denoise { c.noiseLevel = 0.5 }
        case .deep:
            c.hidden = [128, 64]
            c.latent = 32
        case .sparse:
            c.hidden = [128]
            c.latent = 32
            c.l1 = 1e-4
        case .contractive:
            c.hidden = [128]
            c.latent = 32
            c.contractiveLambda = 1e-4
        case .vae:
            c.hidden = [512]
            c.latent = 2
            c.codeActivation = .linear
        case .conv:
            c.filters = [32, 16]
            c.hidden = []
            c.latent = 32
        case .convvae:
            c.filters = [32]
            c.hidden = []
            c.latent = 196
            c.codeActivation = .linear
        case .linear:
            c.hidden = []
            c.latent = 2
            c.activation = .linear
            c.codeActivation = .linear
            c.outputActivation = .linear
            c.loss = .mse
        }
        return c
    }

    public var inputWidth: Int { inputShape.reduce(1, *) }

    /// Custom decoding keeps older files (without the newer fields) loadable.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(ModelKind.self, forKey: .kind)
        inputShape = try c.decode([Int].self, forKey: .inputShape)
        hidden = try c.decode([Int].self, forKey: .hidden)
        latent = try c.decode(Int.self, forKey: .latent)
        activation = try c.decode(Activation.self, forKey: .activation)
        codeActivation = try c.decode(Activation.self, forKey: .codeActivation)
        outputActivation = try c.decode(Activation.self, forKey: .outputActivation)
        loss = try c.decode(LossFunction.self, forKey: .loss)
        seed = try c.decode(UInt64.self, forKey: .seed)
        l1 = try c.decodeIfPresent(Float.self, forKey: .l1) ?? 0
        contractiveLambda = try c.decodeIfPresent(Float.self, forKey: .contractiveLambda) ?? 0
        noise = try c.decodeIfPresent(Noise.self, forKey: .noise) ?? .gaussian
        noiseLevel = try c.decodeIfPresent(Float.self, forKey: .noiseLevel) ?? 0
        epsilonStd = try c.decodeIfPresent(Float.self, forKey: .epsilonStd) ?? 1
        klWeight = try c.decodeIfPresent(Float.self, forKey: .klWeight) ?? 1
        filters = try c.decodeIfPresent([Int].self, forKey: .filters) ?? []
        weightInit = try c.decodeIfPresent(WeightInit.self, forKey: .weightInit) ?? .keras
    }
}
