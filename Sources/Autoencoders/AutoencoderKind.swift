import Datasets
import Networks
import Options
import Tensors

/// One kind of model that `model KIND …` builds, in a file of its own under `Kinds/`: its name,
/// its options (declared once with `@Option`), the layers it builds for the data, how a batch
/// trains, and which figures `eval` reports. The kind's option values are saved with the model.
///
/// To add a kind: write a struct conforming to this protocol in `Kinds/`, and list it in
/// `ModelKinds.all`.
public protocol AutoencoderKind: Declared {
    /// The word after `model` ("vae").
    static var name: String { get }
    /// One line for `help model`.
    static var summary: String { get }
    /// The options every kind takes (seed, how the weights are drawn).
    var common: CommonModelOptions { get }
    /// The reconstruction loss training starts with (a `train loss=…` may change it).
    var reconstructionLoss: ReconstructionLoss { get }
    /// The encoder's and decoder's layers for examples of `data`, or why this kind cannot take them.
    func architecture(for data: DataShape) throws -> Architecture
    /// The loss of a batch whose inputs are `input` and whose reconstructions should be `target`.
    func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue
    /// What the model sees of a training batch `x` (a denoiser corrupts it; most kinds take it as it is).
    func trainingInput(_ x: Tensor, random: inout Random) -> Tensor
    /// The figures `eval` reports for this kind.
    static var figures: [EvaluationFigure] { get }
    /// Words on what the loss adds to the reconstruction, for the model's one-line description.
    var lossNote: String { get }
    /// Whether the kind reads token ids (text) rather than numbers; each refuses the other data.
    static var takesTokens: Bool { get }
    /// How the loss reads in the model's description, when the reconstruction loss alone does
    /// not say it (a text model's cross-entropy over words); nil for most kinds.
    var lossDescription: String? { get }
}

extension AutoencoderKind {
    public var reconstructionLoss: ReconstructionLoss { .bce }
    public func trainingInput(_ x: Tensor, random: inout Random) -> Tensor { x }
    public static var figures: [EvaluationFigure] { [.reconstruction, .code] }
    public var lossNote: String { "" }
    public static var takesTokens: Bool { false }
    public var lossDescription: String? { nil }

    /// Reconstruction alone, plus whatever penalties layers recorded (an ActivityRegularization).
    public func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let reconstruction = model.reconstructionLoss(model.decodeLogits(model.code(input, &context), &context), target: target)
        let penalties = context.takePenalties()
        let total = penalties.reduce(reconstruction) { $0 + $1.value }
        return LossValue(total: total, terms: [("reconstruction", Double(reconstruction.item))] + penalties.map { ($0.name, Double($0.value.item)) })
    }
}

/// Every kind `model` knows, in the order `help` lists them.
public enum ModelKinds {
    public static let all: [any AutoencoderKind.Type] = [
        StandardKind.self, DeepKind.self, ConvKind.self, SparseKind.self, DenoiseKind.self,
        ContractiveKind.self, VAEKind.self, ConvVAEKind.self, LinearKind.self,
        LSTMKind.self, Seq2SeqKind.self,
    ]

    public static var names: [String] { all.map { $0.name } }
    /// The kinds that read text, as a list for messages ("lstm or seq2seq").
    public static var textNames: String {
        let names = all.filter { $0.takesTokens }.map { $0.name }
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
    }

    public static func named(_ name: String) -> (any AutoencoderKind.Type)? { all.first { $0.name == name } }
}

/// The reconstruction losses a model trains with.
public enum ReconstructionLoss: String, ChoiceValue {
    case bce, mse

    public var function: LossFunction { self == .bce ? .bce : .mse }
}

extension Activation: ChoiceValue {}
extension WeightInit: ChoiceValue {}

/// The figures `eval` can report; each kind says which apply (see `Evaluation`).
public enum EvaluationFigure: Sendable, Equatable {
    /// test_bce and test_mse of the reconstructions.
    case reconstruction
    /// mean_abs_code.
    case code
    /// test_neg_elbo (sampled z), test_rec_at_mean (decoding μ) and test_nll (importance-weighted).
    case elbo
    /// PSNR of the noisy input and of the denoised output against the clean images.
    case denoising
    /// jacobian_frobenius_sq, the contractive penalty's quantity.
    case jacobian
    /// A text model's test_rec (summed over each question's words), test_token_accuracy (greedy
    /// decoding of the code, over real tokens) and, for a VAE, test_kl and test_neg_elbo.
    case tokens
}

/// The shape of the data a model is built for, read off a data set.
public struct DataShape: Sendable, Equatable {
    /// One example's shape as the data set holds it ([28, 28] for grey images, [features],
    /// [length] for token ids).
    public var example: [Int]
    /// The vocabulary's size (`<pad>` and `<unk>` included) when the examples are token ids; nil
    /// when they are numbers.
    public var vocabulary: Int?
    /// The width of the word vectors learned for this data (`words`), when there are some: a
    /// text model with fixed word vectors as its input needs them.
    public var wordVectors: Int?

    public init(example: [Int], vocabulary: Int? = nil, wordVectors: Int? = nil) {
        self.example = example
        self.vocabulary = vocabulary
        self.wordVectors = wordVectors
    }

    public init(_ data: Dataset, wordVectors: Int? = nil) {
        example = data.exampleShape
        if data.isTokens {
            vocabulary = data.text?.vocabulary.count ?? Int(data.valueRange?.upperBound ?? 0) + 1
        }
        self.wordVectors = wordVectors
    }

    public var isTokens: Bool { vocabulary != nil }

    public var features: Int { example.reduce(1, *) }
    /// Height and width when the examples are grey images.
    public var imageSize: (height: Int, width: Int)? { example.count == 2 ? (example[0], example[1]) : nil }
    public var description: String { example.map(String.init).joined(separator: "×") }
}

/// The layers a kind builds: what the model file saves and loading rebuilds from.
public struct Architecture: Codable, Equatable, Sendable {
    /// One example's shape as the encoder takes it ([784], or [28, 28, 1] for convolutions).
    public var input: [Int]
    public var encoder: [LayerSpec]
    public var decoder: [LayerSpec]
    /// Whether the encoder gives μ and log σ² (its last layer is GaussianHeads).
    public var variational: Bool {
        if case .gaussianHeads = encoder.last { return true }
        return false
    }

    public init(input: [Int], encoder: [LayerSpec], decoder: [LayerSpec]) {
        self.input = input
        self.encoder = encoder
        self.decoder = decoder
    }
}
