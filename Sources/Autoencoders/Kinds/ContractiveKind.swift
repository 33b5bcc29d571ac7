import Networks
import Options
import Tensors

/// `contractive`: adds λ‖∂h/∂x‖²_F, the squared Frobenius norm of the encoder's Jacobian, so
/// that the code changes little when the input does.
public struct ContractiveKind: AutoencoderKind {
    public static let name = "contractive"
    public static let summary = "penalises the encoder's Jacobian, λ‖∂h/∂x‖²"
    public static let figures: [EvaluationFigure] = [.reconstruction, .code, .jacobian]

    @OptionGroup public var stack: DenseStackOptions
    @OptionGroup public var code: CodeActivationOption
    @Option(help: "weight of ‖∂h/∂x‖²_F", in: 0...100)
    public var lambda: Float = 1e-4
    @OptionGroup public var common: CommonModelOptions

    public init() {
        stack.hidden = [128]
        stack.latent = 32
    }

    public var reconstructionLoss: ReconstructionLoss { stack.loss }
    public var lossNote: String { "λ \(lambda.optionText)" }

    public func architecture(for data: DataShape) throws -> Architecture {
        try stack.checkBottleneck(data, kind: Self.name)
        return Architecture(input: [data.features], encoder: stack.encoder(code: code.activation), decoder: stack.decoder(outputs: data.features))
    }

    public func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let (code, jacobian) = Contractive.codeAndJacobianNorm(model.encoder, input, &context)
        let reconstruction = model.reconstructionLoss(model.decodeLogits(code, &context), target: target)
        let penalty = jacobian * lambda
        return LossValue(total: reconstruction + penalty, terms: [("reconstruction", Double(reconstruction.item)), ("contractive", Double(penalty.item))])
    }
}
