import Networks
import Options
import Tensors

/// `convvae`: the seed's convolutional VAE. Its code (quoted):
///
///     x = Conv2D(32, (3, 3), activation='relu', padding='same')(input_img)
///     x = MaxPooling2D((2, 2), padding='same')(x)
///     x = Conv2D(1, (3, 3), activation='relu', padding='same')(x)
///     q = Flatten()(x)
///     z_mean = Dense(196)(q); z_sigma = Dense(196)(q)
///     … Reshape((14, 14, 1)), Conv2DTranspose(32, (3, 3), activation='relu', padding='same'),
///       UpSampling2D((2, 2)), Conv2DTranspose(1, (3, 3), activation='sigmoid', padding='same')
///
/// `heads=conv` puts two 3×3 Conv2D heads on the 32-channel map instead: far fewer weights,
/// and a lower −ELBO.
public struct ConvVAEKind: VariationalKind {
    public static let name = "convvae"
    public static let summary = "the seed's convolutional VAE: Conv2D 32 → pool → Conv2D 1 → Dense heads μ, log σ² (196) → Conv2DTranspose 32 → upsample → Conv2DTranspose 1"

    @Option(help: "filters of each 3×3 convolution on the way down; the decoder mirrors them", each: 1...1024, maxCount: 8)
    public var filters = [32]
    @Option(help: "width of the code, a multiple of the pooled map's height×width", in: 1...65536)
    public var latent = 196
    @Option(help: "dense: the seed's one-filter convolution, flattened, under two Dense heads; conv: two Conv2D heads on the last map")
    public var heads = HeadKind.dense
    @Option(help: "activation of the convolutions")
    public var activation = Activation.relu
    @Option(name: "eps_std", help: "standard deviation of ε when sampling z", in: 0...10)
    public var epsilonStd: Float = 1
    @Option(name: "beta", help: "weight of the KL term while training, as in a β-VAE (1: the ELBO)", in: 0...1000)
    public var klWeight: Float = 1
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    /// Where μ and log σ² come from.
    public enum HeadKind: String, ChoiceValue { case dense, conv }

    public func architecture(for data: DataShape) throws -> Architecture {
        let (h, w) = try ConvShapes.halvings(data, filters: filters, kind: Self.name)
        guard latent % (h * w) == 0 else {
            throw ShapeError("convvae's code is a \(h)×\(w) map, so latent must be a multiple of \(h * w), not \(latent)")
        }
        let k = latent / (h * w)
        var encoder: [LayerSpec] = filters.flatMap { f in
            [.conv2D(filters: f, kernel: 3, stride: 1, padding: .same, activation: activation), .maxPooling2D(pool: 2)]
        }
        switch heads {
        case .dense:
            let head = LayerSpec.dense(units: latent, activation: .linear)
            encoder += [.conv2D(filters: 1, kernel: 3, stride: 1, padding: .same, activation: activation), .flatten,
                        .gaussianHeads(mean: head, logVariance: head, latent: latent)]
        case .conv:
            let head = LayerSpec.conv2D(filters: k, kernel: 3, stride: 1, padding: .same, activation: .linear)
            encoder += [.gaussianHeads(mean: head, logVariance: head, latent: latent)]
        }
        var decoder: [LayerSpec] = [.reshape([h, w, k])]
        for f in filters.reversed() {
            decoder += [.conv2DTranspose(filters: f, kernel: 3, stride: 1, padding: .same, activation: activation), .upSampling2D(size: 2)]
        }
        decoder += [.conv2DTranspose(filters: 1, kernel: 3, stride: 1, padding: .same, activation: .sigmoid), .flatten]
        return Architecture(input: data.example + [1], encoder: encoder, decoder: decoder)
    }
}
