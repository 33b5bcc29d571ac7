import Networks
import Options
import Tensors

/// `vae`: the seed's dense variational autoencoder: hidden layers → μ and log σ² heads →
/// z = μ + σ·ε → the mirrored decoder; reconstruction summed over pixels + KL to N(0, I).
public struct VAEKind: VariationalKind {
    public static let name = "vae"
    public static let summary = "variational: μ and log σ² heads, sampling, KL to N(0, I)"

    @OptionGroup public var stack: DenseStackOptions
    @Option(name: "eps_std", help: "standard deviation of ε when sampling z", in: 0...10)
    public var epsilonStd: Float = 1
    @Option(name: "beta", help: "weight of the KL term while training, as in a β-VAE (1: the ELBO)", in: 0...1000)
    public var klWeight: Float = 1
    @OptionGroup public var common: CommonModelOptions

    public init() {
        stack.latent = 2
    }

    public var reconstructionLoss: ReconstructionLoss { stack.loss }

    public func architecture(for data: DataShape) throws -> Architecture {
        try stack.checkBottleneck(data, kind: Self.name)
        let head = LayerSpec.dense(units: stack.latent, activation: .linear)
        return Architecture(input: [data.features],
                            encoder: stack.hidden.map { .dense(units: $0, activation: stack.activation) }
                                + [.gaussianHeads(mean: head, logVariance: head, latent: stack.latent)],
                            decoder: stack.decoder(outputs: data.features))
    }
}
