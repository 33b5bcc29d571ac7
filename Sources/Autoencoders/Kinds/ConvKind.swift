import Networks
import Options
import Tensors

/// `conv`: 3×3 'same' convolutions each followed by a 2×2 max-pool down to a dense code;
/// a dense layer and strided Conv2DTranspose back up (seeds 003, 004).
public struct ConvKind: AutoencoderKind {
    public static let name = "conv"
    public static let summary = "convolutional: Conv2D + max-pooling down to a dense code, Conv2DTranspose back up"

    @Option(help: "filters of each 3×3 convolution on the way down; the decoder mirrors them", each: 1...1024, maxCount: 8)
    public var filters = [32, 16]
    @Option(help: "width of the code", in: 1...65536)
    public var latent = 32
    @Option(help: "activation of the convolutions")
    public var activation = Activation.relu
    @OptionGroup public var code: CodeActivationOption
    @Option(name: "output", help: "activation of the output layer")
    public var outputActivation = Activation.sigmoid
    @Option(help: "reconstruction loss: binary cross-entropy or mean squared error")
    public var loss = ReconstructionLoss.bce
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    public var reconstructionLoss: ReconstructionLoss { loss }

    public func architecture(for data: DataShape) throws -> Architecture {
        let (h, w) = try ConvShapes.halvings(data, filters: filters, kind: Self.name)
        let last = filters.last!
        var encoder: [LayerSpec] = filters.flatMap { f in
            [.conv2D(filters: f, kernel: 3, stride: 1, padding: .same, activation: activation), .maxPooling2D(pool: 2)]
        }
        encoder += [.flatten, .dense(units: latent, activation: code.activation)]
        var decoder: [LayerSpec] = [.dense(units: h * w * last, activation: activation), .reshape([h, w, last])]
        decoder += filters.reversed().map { .conv2DTranspose(filters: $0, kernel: 3, stride: 2, padding: .same, activation: activation) }
        decoder += [.conv2D(filters: 1, kernel: 3, stride: 1, padding: .same, activation: outputActivation), .flatten]
        return Architecture(input: data.example + [1], encoder: encoder, decoder: decoder)
    }
}

/// Shape rules the convolutional kinds share.
enum ConvShapes {
    /// The image's height and width after one 2×2 pooling per entry of `filters`, or why the
    /// data does not allow it.
    static func halvings(_ data: DataShape, filters: [Int], kind: String) throws -> (Int, Int) {
        guard let (height, width) = data.imageSize else {
            throw ShapeError("\(kind) needs images (height×width), not rows of \(data.features) values")
        }
        guard !filters.isEmpty else { throw ShapeError("\(kind) needs at least one convolution (filters=…)") }
        let scale = 1 << filters.count
        guard height % scale == 0, width % scale == 0 else {
            throw ShapeError("\(height)×\(width) images do not halve \(filters.count) time\(filters.count == 1 ? "" : "s") evenly; use fewer filters=… layers")
        }
        return (height / scale, width / scale)
    }
}
