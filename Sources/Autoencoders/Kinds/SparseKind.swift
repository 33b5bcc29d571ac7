import Networks
import Options
import Tensors

/// `sparse`: an L1 penalty on the code, as Keras's `activity_regularizer=l1(…)`; the code may be
/// wider than the input (over-complete).
public struct SparseKind: AutoencoderKind {
    public static let name = "sparse"
    public static let summary = "L1 activity penalty on the code"

    @OptionGroup public var stack: DenseStackOptions
    @OptionGroup public var code: CodeActivationOption
    @Option(help: "weight of the L1 penalty on the code", in: 0...10)
    public var l1: Float = 1e-4
    @OptionGroup public var common: CommonModelOptions

    public init() {
        stack.hidden = [128]
        stack.latent = 32
    }

    public var reconstructionLoss: ReconstructionLoss { stack.loss }
    public var lossNote: String { "L1 \(l1.optionText) on the code" }

    public func architecture(for data: DataShape) throws -> Architecture {
        Architecture(input: [data.features], encoder: stack.encoder(code: code.activation), decoder: stack.decoder(outputs: data.features))
    }

    public func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let code = model.encoder(input, &context)
        let reconstruction = model.reconstructionLoss(model.decodeLogits(code, &context), target: target)
        // Keras's activity_regularizer: l1·Σ|h|, averaged over the batch.
        let penalty = code.abs().sum() * (l1 / Float(input.shape[0]))
        return LossValue(total: reconstruction + penalty, terms: [("reconstruction", Double(reconstruction.item)), ("l1", Double(penalty.item))])
    }
}
