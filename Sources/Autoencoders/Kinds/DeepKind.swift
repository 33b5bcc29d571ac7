import Networks
import Options
import Tensors

/// `deep`: a deeper symmetric stack whose code and output activations are chosen (seed 002
/// uses hidden 50,30, a sigmoid code of 10 and a tanh output).
public struct DeepKind: AutoencoderKind {
    public static let name = "deep"
    public static let summary = "a deeper symmetric stack with chosen code and output activations"

    @OptionGroup public var stack: DenseStackOptions
    @OptionGroup public var code: CodeActivationOption
    @OptionGroup public var common: CommonModelOptions

    public init() {
        stack.hidden = [128, 64]
        stack.latent = 32
    }

    public var reconstructionLoss: ReconstructionLoss { stack.loss }

    public func architecture(for data: DataShape) throws -> Architecture {
        try stack.checkBottleneck(data, kind: Self.name)
        return Architecture(input: [data.features], encoder: stack.encoder(code: code.activation), decoder: stack.decoder(outputs: data.features))
    }
}
