import Networks
import Options
import Tensors

/// How a text model takes its words.
public enum TextInputs: String, ChoiceValue {
    /// Token ids through a learned Embedding; a softmax over the vocabulary out.
    case tokens
    /// The fixed word vectors `words` learned, in and (reconstructed with squared error) out: the seed's way.
    case vectors
}

/// The options every text kind shares: how words come in, and how training corrupts them.
public struct TextModelOptions: Declared {
    @Option(help: "tokens: learn an Embedding and predict words with a softmax; vectors: read the fixed word vectors of 'words' and reconstruct them with squared error (the seed's way)")
    public var inputs = TextInputs.tokens
    @Option(help: "width of the learned word embedding (inputs=tokens)", in: 1...4096)
    public var embedding = 100
    @Option(name: "word_dropout", help: "share of each question's words read as <unk> while training (word dropout, Bowman et al. 2016; this decoder reads no words, so it acts on the encoder's input)", in: 0...0.95)
    public var wordDropout: Float = 0

    public init() {}

    /// The vocabulary, the length and the width of the words as the model reads them, or why
    /// `data` will not do for a text model of `kind`.
    func shape(_ data: DataShape, kind: String) throws -> (vocabulary: Int, length: Int, width: Int) {
        guard let vocabulary = data.vocabulary, data.example.count == 1, let length = data.example.first, length >= 1 else {
            throw ShapeError("\(kind) models read text (token ids, as 'data trec' gives), not examples of \(data.description) values")
        }
        guard vocabulary >= 3 else { throw ShapeError("\(kind): a vocabulary of \(vocabulary) entries has no words besides <pad> and <unk>") }
        switch inputs {
        case .tokens:
            return (vocabulary, length, embedding)
        case .vectors:
            guard let width = data.wordVectors else {
                throw ShapeError("\(kind) with inputs=vectors reads the word vectors of 'words'; run 'words dim=100' on this data first")
            }
            return (vocabulary, length, width)
        }
    }

    /// The encoder's first layer: ids to vectors, padding masked; fixed for `inputs=vectors`.
    func embeddingLayer(vocabulary: Int, width: Int) -> LayerSpec {
        .embedding(inputDim: vocabulary, outputDim: width, maskZero: true, trainable: inputs == .tokens)
    }

    /// The decoder's last layer, over every step: a softmax over the words, or word vectors.
    func outputLayer(vocabulary: Int, width: Int) -> LayerSpec {
        inputs == .tokens ? .dense(units: vocabulary, activation: .softmax) : .dense(units: width, activation: .linear)
    }

    /// How the reconstruction reads in a model's description.
    var reconstructionText: String {
        inputs == .tokens ? "cross-entropy summed over each question's words" : "squared error of the word vectors summed over each question's words"
    }

    var note: String { wordDropout > 0 ? "word dropout \(wordDropout.optionText)" : "" }
}

extension MergeMode: ChoiceValue {}
