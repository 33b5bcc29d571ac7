import Networks
import Options
import Tensors

/// `translate`: image-to-image translation (seed 001). A dense autoencoder whose training pairs
/// are an image and its transformed copy, so that it learns to draw the transformation rather
/// than the image back.
public struct TranslateKind: AutoencoderKind {
    public static let name = "translate"
    public static let summary = "image-to-image translation: trained on pairs, image → rotated, mirrored, thickened or outlined"
    public static let figures: [EvaluationFigure] = [.reconstruction, .code, .translation]

    @Option(help: "what each image is turned into: rot90 (a quarter turn anticlockwise), flip (mirrored left to right), thick (strokes dilated 3×3), edges (dilation minus erosion)")
    public var target = ImageTransform.rot90
    @OptionGroup public var stack: DenseStackOptions
    @OptionGroup public var code: CodeActivationOption
    @OptionGroup public var common: CommonModelOptions

    public init() {
        stack.latent = 64
    }

    public var reconstructionLoss: ReconstructionLoss { stack.loss }
    public var lossNote: String { "trained to give \(target.rawValue) of its input" }

    public func architecture(for data: DataShape) throws -> Architecture {
        guard let (height, width) = data.imageSize, height == width else {
            throw ShapeError("translate needs square images (a quarter turn keeps them the same shape), not \(data.description)")
        }
        try stack.checkBottleneck(data, kind: Self.name)
        return Architecture(input: [data.features], encoder: stack.encoder(code: code.activation), decoder: stack.decoder(outputs: data.features))
    }

    /// The transformed images, the side read off the row width (the architecture needs square images).
    public func trainingTarget(_ x: Tensor) -> Tensor {
        let rows = max(x.shape.first ?? 1, 1)
        return target.apply(x, side: Int(Double(x.count / rows).squareRoot().rounded()))
    }
}
