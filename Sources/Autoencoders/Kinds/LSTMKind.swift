import Networks
import Options
import Tensors

/// `lstm`: seed 004's LSTM autoencoder for text. Its code (Keras's blog, quoted):
///
///     encoded = LSTM(latent_dim)(inputs)
///     decoded = RepeatVector(timesteps)(encoded)
///     decoded = LSTM(input_dim, return_sequences=True)(decoded)
///
/// with the words read through an Embedding (padding masked) and decoded by a softmax over the
/// vocabulary at every step: the encoder LSTM's last state is the code.
public struct LSTMKind: AutoencoderKind {
    public static let name = "lstm"
    public static let summary = "seed 004's LSTM autoencoder for text: Embedding → LSTM (its last state is the code) → RepeatVector → LSTM → softmax over the words"
    public static let figures: [EvaluationFigure] = [.tokens, .code]
    public static let takesTokens = true

    @Option(help: "units of the encoder's LSTM: the width of the code", in: 1...4096)
    public var latent = 256
    @Option(help: "units of the decoder's LSTM", in: 1...4096)
    public var units = 256
    @Option(help: "share of the LSTMs' inputs dropped while training (one mask a question)", in: 0...0.95)
    public var dropout: Float = 0
    @Option(name: "recurrent_dropout", help: "share of the LSTMs' previous states dropped while training", in: 0...0.95)
    public var recurrentDropout: Float = 0
    @Option(help: "the encoder reads each question from its last word to its first (Keras's go_backwards; Sutskever et al. 2014 reversed their source sentences), so its last state, the code, holds the first words best")
    public var reverse = false
    @OptionGroup public var text: TextModelOptions
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    public var lossDescription: String? { text.reconstructionText }
    public var lossNote: String { text.note }

    public func architecture(for data: DataShape) throws -> Architecture {
        let (vocabulary, length, width) = try text.shape(data, kind: Self.name)
        func lstm(_ units: Int, sequences: Bool, backwards: Bool = false) -> LayerSpec {
            .lstm(units: units, returnSequences: sequences, goBackwards: backwards, dropout: dropout, recurrentDropout: recurrentDropout)
        }
        return Architecture(input: [length],
                            encoder: [text.embeddingLayer(vocabulary: vocabulary, width: width), lstm(latent, sequences: false, backwards: reverse)],
                            decoder: [.repeatVector(length), lstm(units, sequences: true), text.outputLayer(vocabulary: vocabulary, width: width)])
    }

    public func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let reconstruction = TextReconstruction.loss(model, codes: model.code(input, &context), targets: TextReconstruction.ids(target), context: &context)
        return LossValue(total: reconstruction, terms: [("reconstruction", Double(reconstruction.item))])
    }

    public func trainingInput(_ x: Tensor, random: inout Random) -> Tensor {
        TextReconstruction.dropWords(x, rate: text.wordDropout, random: &random)
    }
}
