import Networks
import Tensors

/// The kinds of model a notebook can build with `model KIND …`.
public enum ModelKind: String, Codable, CaseIterable, Sendable {
    /// Dense encoder and mirrored decoder (the seed's standard autoencoder).
    case ae

    public var summary: String {
        switch self {
        case .ae: return "dense autoencoder: hidden layers down to a code, mirrored back up"
        }
    }
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

    public var inputWidth: Int { inputShape.reduce(1, *) }
}
