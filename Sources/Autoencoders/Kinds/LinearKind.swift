import Networks
import Options
import Tensors

/// `linear`: one linear layer each way with mean squared error — the autoencoder whose decoder
/// spans the same space as PCA's top components (`compare pca` measures the angles).
public struct LinearKind: AutoencoderKind {
    public static let name = "linear"
    public static let summary = "linear encoder and decoder with MSE: the PCA-equivalent autoencoder"

    @Option(help: "width of the code", in: 1...65536)
    public var latent = 2
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    public var reconstructionLoss: ReconstructionLoss { .mse }

    public func architecture(for data: DataShape) throws -> Architecture {
        guard latent <= data.features else { throw ShapeError("latent is \(latent), wider than the \(data.features) inputs") }
        return Architecture(input: [data.features], encoder: [.dense(units: latent, activation: .linear)],
                            decoder: [.dense(units: data.features, activation: .linear)])
    }
}
