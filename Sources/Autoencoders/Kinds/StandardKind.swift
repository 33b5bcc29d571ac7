import Networks
import Options
import Tensors

/// `ae`: the seed's standard dense autoencoder; the decoder mirrors the encoder.
public struct StandardKind: AutoencoderKind {
    public static let name = "ae"
    public static let summary = "standard dense autoencoder: hidden layers down to a code, mirrored back up"

    @OptionGroup public var stack: DenseStackOptions
    @OptionGroup public var code: CodeActivationOption
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    public var reconstructionLoss: ReconstructionLoss { stack.loss }

    public func architecture(for data: DataShape) throws -> Architecture {
        try stack.checkBottleneck(data, kind: Self.name)
        return Architecture(input: [data.features], encoder: stack.encoder(code: code.activation), decoder: stack.decoder(outputs: data.features))
    }
}
