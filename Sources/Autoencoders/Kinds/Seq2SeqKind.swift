import Networks
import Options
import Tensors

/// `seq2seq`: the seed's text VAE, to represent questions so that similar ones can be found:
/// Embedding(V, 100) → Bidirectional LSTM 512 with input dropout 0.2 → Dense 256 ReLU → μ and
/// log σ² (128) → z → Dense 256 ReLU → RepeatVector(length) → Bidirectional LSTM 512 (returning
/// sequences, dropout 0.2) → softmax over the vocabulary at every step. `bi=no` is the seed's
/// first, one-directional version.
///
/// The loss is the cross-entropy summed over each question's words (and its end; see
/// `TextReconstruction.countedSteps`) plus the KL term. Text VAEs are known to let the KL fall
/// to nothing (Bowman et al. 2016): `kl_anneal` raises the KL weight from 0 over the first
/// epochs, and `word_dropout` hides words from the encoder while training.
public struct Seq2SeqKind: VariationalKind {
    public static let name = "seq2seq"
    public static let summary = "the seed's text VAE: Embedding → Bidirectional LSTM (input dropout) → Dense ReLU → μ, log σ² → z → Dense ReLU → RepeatVector → Bidirectional LSTM → softmax over the words"
    public static let figures: [EvaluationFigure] = [.tokens, .code]
    public static let takesTokens = true

    @Option(help: "units of each LSTM direction", in: 1...4096)
    public var units = 512
    @Option(help: "width of the Dense ReLU layer on each side of the code", in: 1...65536)
    public var hidden = 256
    @Option(help: "width of the code (μ and log σ² each)", in: 1...4096)
    public var latent = 128
    @Option(help: "bidirectional LSTMs (yes, the seed's final model) or forward-reading ones (no, its first)")
    public var bi = true
    @Option(help: "how a bidirectional LSTM joins its two directions")
    public var merge = MergeMode.concat
    @Option(help: "share of the LSTMs' inputs dropped while training (one mask a question)", in: 0...0.95)
    public var dropout: Float = 0.2
    @Option(name: "recurrent_dropout", help: "share of the LSTMs' previous states dropped while training", in: 0...0.95)
    public var recurrentDropout: Float = 0
    @Option(name: "kl_anneal", help: "epochs over which the KL weight rises from 0 to beta (0: beta from the start)", in: 0...100_000)
    public var klAnneal = 0
    @Option(name: "eps_std", help: "standard deviation of ε when sampling z", in: 0...10)
    public var epsilonStd: Float = 1
    @Option(name: "beta", help: "weight of the KL term while training (1: the ELBO)", in: 0...1000)
    public var klWeight: Float = 1
    @OptionGroup public var text: TextModelOptions
    @OptionGroup public var common: CommonModelOptions

    public init() {}

    public var lossDescription: String? { text.reconstructionText + " + KL" }

    public var lossNote: String {
        [epsilonStd != 1 ? "ε std \(epsilonStd.optionText)" : "", klWeight != 1 ? "KL weight β \(klWeight.optionText)" : "",
         klAnneal > 0 ? "KL annealed over \(klAnneal) epoch\(klAnneal == 1 ? "" : "s")" : "", text.note]
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    public func architecture(for data: DataShape) throws -> Architecture {
        let (vocabulary, length, width) = try text.shape(data, kind: Self.name)
        func recurrent(sequences: Bool) -> LayerSpec {
            let lstm = LayerSpec.lstm(units: units, returnSequences: sequences, goBackwards: false, dropout: dropout, recurrentDropout: recurrentDropout)
            return bi ? .bidirectional(layer: lstm, merge: merge) : lstm
        }
        let head = LayerSpec.dense(units: latent, activation: .linear)
        return Architecture(input: [length],
                            encoder: [text.embeddingLayer(vocabulary: vocabulary, width: width), recurrent(sequences: false),
                                      .dense(units: hidden, activation: .relu), .gaussianHeads(mean: head, logVariance: head, latent: latent)],
                            decoder: [.dense(units: hidden, activation: .relu), .repeatVector(length), recurrent(sequences: true),
                                      text.outputLayer(vocabulary: vocabulary, width: width)])
    }

    /// The KL weight at this point of training: β, times the share of `kl_anneal` epochs done.
    public func annealedKLWeight(_ context: ForwardContext) -> Float {
        guard klAnneal > 0, context.training, let progress = context.epochProgress else { return klWeight }
        return klWeight * Float(min(1, progress / Double(klAnneal)))
    }

    public func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let (mean, logVariance) = model.gaussian(input, &context)
        let z = Variational.sample(mean: mean, logVariance: logVariance, epsilonStd: epsilonStd, random: &context.random)
        let reconstruction = TextReconstruction.loss(model, codes: z, targets: TextReconstruction.ids(target), context: &context)
        let kl = Variational.kl(mean: mean, logVariance: logVariance)
        let weight = annealedKLWeight(context)
        var terms: [(name: String, value: Double)] = [("reconstruction", Double(reconstruction.item)), ("kl", Double(kl.item))]
        if klAnneal > 0 && context.training { terms.append(("kl_weight", Double(weight))) }
        return LossValue(total: weight == 1 ? reconstruction + kl : reconstruction + kl * weight, terms: terms)
    }

    public func trainingInput(_ x: Tensor, random: inout Random) -> Tensor {
        TextReconstruction.dropWords(x, rate: text.wordDropout, random: &random)
    }
}
