import Networks
import Options
import Tensors

/// `denoise`: trained on corrupted inputs against the clean ones.
public struct DenoiseKind: AutoencoderKind {
    public static let name = "denoise"
    public static let summary = "trained on corrupted inputs against the clean ones"
    public static let figures: [EvaluationFigure] = [.reconstruction, .code, .denoising]

    @OptionGroup public var stack: DenseStackOptions
    @OptionGroup public var code: CodeActivationOption
    @Option(help: "how the input is corrupted")
    public var noise = Noise.gaussian
    @Option(help: "noise standard deviation, or the share of pixels hit", in: 0...1)
    public var level: Float = 0.5
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    public var reconstructionLoss: ReconstructionLoss { stack.loss }
    public var lossNote: String { "\(noise.rawValue) noise \(level.optionText)" }

    public func architecture(for data: DataShape) throws -> Architecture {
        try stack.checkBottleneck(data, kind: Self.name)
        return Architecture(input: [data.features], encoder: stack.encoder(code: code.activation), decoder: stack.decoder(outputs: data.features))
    }

    public func trainingInput(_ x: Tensor, random: inout Random) -> Tensor { corrupt(x, random: &random) }

    /// A corrupted copy of `x` as this model is trained on.
    public func corrupt(_ x: Tensor, random: inout Random) -> Tensor {
        Corruption.apply(noise, level: level, to: x, random: &random)
    }
}

/// How a denoising autoencoder corrupts its input.
public enum Noise: String, ChoiceValue {
    /// x + level·N(0, 1), clipped to [0, 1].
    case gaussian
    /// A `level` share of pixels set to 0 or 1 at random.
    case saltpepper
    /// A `level` share of pixels set to 0.
    case mask
}
