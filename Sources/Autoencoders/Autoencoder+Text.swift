import Datasets
import Networks
import Tensors

/// What a text model (an `lstm` or `seq2seq`) adds to an autoencoder: its vocabulary, its word
/// vectors, and decoding codes back into words.
extension Autoencoder {
    /// The Embedding a text model reads its token ids with; nil for other models.
    public var embedding: Embedding? { encoder.layers.first as? Embedding }
    /// Whether the model reads token ids (text).
    public var takesTokens: Bool { embedding != nil }
    /// Token ids a question has (padded or cut to it); 0 for models that do not read text.
    public var sequenceLength: Int { takesTokens ? architecture.input[0] : 0 }
    /// The vocabulary's size (`<pad>` and `<unk>` included), for a text model.
    public var vocabularySize: Int? { embedding?.inputDim }
    /// The fixed word vectors [vocabulary, width] a model with `inputs=vectors` reads and
    /// reconstructs; nil when it learns its embedding.
    public var fixedWordVectors: Tensor? { embedding.flatMap { $0.trainable ? nil : $0.table } }

    /// Copies word vectors (row-major [vocabulary, width], as `words` learned them) into the
    /// fixed embedding of a model built with `inputs=vectors`.
    public func setWordVectors(_ values: [Float]) throws {
        guard let embedding, !embedding.trainable else {
            throw ShapeError("this \(kindName) model learns its own embedding; only a model built with inputs=vectors takes word vectors")
        }
        try embedding.setTable(values)
    }

    /// Why the model cannot read `data` as text (or as numbers), or nil.
    func tokenProblem(_ data: DataShape) -> String? {
        switch (takesTokens, data.vocabulary) {
        case (true, nil):
            return "the model reads text (token ids) but the data holds numbers"
        case (false, .some):
            return "the model takes numbers but the data holds text (token ids)"
        case let (true, .some(size)) where size != vocabularySize:
            return "the model reads a vocabulary of \(vocabularySize ?? 0) words but the data's has \(size)"
        default:
            return nil
        }
    }

    /// Token ids decoded greedily from codes z [N, codeWidth] (μ for a VAE), one array of
    /// `sequenceLength` ids a row: at each step the most probable word (with `inputs=vectors`,
    /// the word whose vector is nearest to the decoded one). The first `<pad>` ends a question,
    /// and every step after it is `<pad>` too. Needs a text model.
    public func decodeTokens(_ z: Tensor, batchSize: Int = 256) -> [[Int32]] {
        precondition(takesTokens, "decodeTokens needs a text model, not \(kindName)")
        let rows = z.shape[0], length = sequenceLength
        var out: [[Int32]] = []
        out.reserveCapacity(rows)
        Tensor.withoutGradients {
            for start in stride(from: 0, to: rows, by: batchSize) {
                let end = min(rows, start + batchSize)
                var context = ForwardContext.inference
                let output = decoder.logits(z.rows(start..<end), &context).logits
                let ids = greedyIDs(output.reshaped([(end - start) * length, output.shape.last ?? 0]))
                for r in 0..<(end - start) {
                    var question = Array(ids[(r * length)..<((r + 1) * length)])
                    if let stop = question.firstIndex(of: Vocabulary.padding) {
                        for i in stop..<length { question[i] = Vocabulary.padding }
                    }
                    out.append(question)
                }
            }
        }
        return out
    }

    /// Greedy reconstructions of a batch of questions x [N, length] (token ids as floats):
    /// `decodeTokens` of their codes.
    public func reconstructTokens(_ x: Tensor) -> [[Int32]] {
        let codes = Tensor.withoutGradients {
            var context = ForwardContext.inference
            return code(x, &context)
        }
        return decodeTokens(codes)
    }

    /// The id each output row [R, V or width] stands for: its largest logit, or the word vector
    /// nearest to it (‖v − w‖² is smallest where v·w − ½‖w‖² is largest).
    func greedyIDs(_ output: Tensor) -> [Int32] {
        guard let table = fixedWordVectors else { return output.argmax().map { Int32($0) } }
        let halfNorms = Tensor((0..<table.shape[0]).map { w in
            (0..<table.shape[1]).reduce(Float(0)) { $0 + table.data[w * table.shape[1] + $1] * table.data[w * table.shape[1] + $1] } / 2
        }, shape: [table.shape[0]])
        return (output.matmul(table, transposeOther: true) - halfNorms).argmax().map { Int32($0) }
    }

    /// The decoder up to its last layer, on codes z: [N, length, features].
    func decoderSteps(_ z: Tensor, _ context: inout ForwardContext) -> Tensor {
        Sequential.forward(decoder.layers.dropLast(), z, &context)
    }

    /// The decoder's last layer without its activation (logits, or word vectors), on rows [R, features].
    func outputRows(_ h: Tensor, _ context: inout ForwardContext) -> Tensor {
        guard let last = decoder.layers.last as? ActivatedLayer else {
            preconditionFailure("a text model's decoder ends in a Dense layer over the steps")
        }
        return last.forward(h, &context, activation: .linear)
    }
}

/// How a text model scores its reconstructions, written once for every text kind.
public enum TextReconstruction {
    /// Which steps of each question [N·length] count in the loss (1) and which do not (0): its
    /// real tokens, and for a question shorter than the length the first padding step, its end,
    /// which the model learns to predict as `<pad>` so that greedy decoding knows where to stop.
    /// The rest of the padding counts nowhere.
    public static func countedSteps(_ ids: [Int32], length: Int) -> [Float] {
        var counted = [Float](repeating: 0, count: ids.count)
        for start in stride(from: 0, to: ids.count, by: max(length, 1)) {
            for t in 0..<length {
                counted[start + t] = 1
                if ids[start + t] == Vocabulary.padding { break }
            }
        }
        return counted
    }

    /// The ids of a batch of token ids held as floats (what `Dataset.batch` gives).
    public static func ids(_ x: Tensor) -> [Int32] { x.scalars.map { Int32($0.rounded()) } }

    /// −log p(x | z) of a batch: the decoder's cross-entropy from logits (with `inputs=vectors`,
    /// the squared error of the word vectors) summed over each question's counted steps and
    /// averaged over the batch. The decoder's last layer runs on the counted steps alone.
    public static func loss(_ model: Autoencoder, codes z: Tensor, targets: [Int32], context: inout ForwardContext) -> Tensor {
        let n = z.shape[0], length = model.sequenceLength
        precondition(targets.count == n * length, "text loss: \(targets.count) targets for \(n) questions of \(length)")
        let counted = countedSteps(targets, length: length)
        let rows = counted.indices.filter { counted[$0] != 0 }.map { Int32($0) }
        let steps = model.decoderSteps(z, &context)
        let width = steps.shape.last ?? 0
        let picked = steps.reshaped([n * length, width]).gather(rows: rows, shape: [rows.count])
        let output = model.outputRows(picked, &context)
        let targetIDs = rows.map { targets[Int($0)] }
        let total: Tensor
        if let vectors = model.fixedWordVectors {
            total = (output - vectors.gather(rows: targetIDs, shape: [rows.count])).squared().sum()
        } else {
            total = Tensor.sparseCategoricalCrossEntropy(logits: output, ids: targetIDs).sum()
        }
        return total / Float(max(n, 1))
    }

    /// Words of each question replaced by `<unk>` with probability `rate` (word dropout; padding stays).
    public static func dropWords(_ x: Tensor, rate: Float, random: inout Random) -> Tensor {
        guard rate > 0 else { return x }
        let out = Tensor(uninitialized: x.shape)
        for i in 0..<x.count {
            let v = x.data[i]
            out.data[i] = v != 0 && random.uniform() < rate ? Float(Vocabulary.unknown) : v
        }
        return out
    }

    /// The text figures of `data`, each per question: `rec` (−log p(x|z) with one sampled z for
    /// a VAE, the code otherwise), `token_accuracy` (greedy decoding of the code μ, over real
    /// tokens) and, for a VAE, `kl` and `neg_elbo` = rec + kl (KL weight 1 whatever training used).
    /// Names get `prefix_` in front. Draws come from a fixed seed, so the figures repeat.
    public static func figures(_ model: Autoencoder, on data: Dataset, prefix: String = "test", batchSize: Int = 500) -> [String: Double] {
        let variational = model.kind as? any VariationalKind
        var random = Random(seed: 12345)
        var rec = 0.0, kl = 0.0, correct = 0, real = 0
        Tensor.withoutGradients {
            for start in stride(from: 0, to: data.count, by: batchSize) {
                let end = min(data.count, start + batchSize)
                let x = data.batch(start..<end)
                let targets = ids(x)
                var context = ForwardContext.inference
                let code: Tensor
                if let variational, model.isVariational {
                    let (mean, logVariance) = model.gaussian(x, &context)
                    let z = Variational.sample(mean: mean, logVariance: logVariance, epsilonStd: variational.epsilonStd, random: &random)
                    rec += Double(loss(model, codes: z, targets: targets, context: &context).item) * Double(end - start)
                    kl += Double(Variational.kl(mean: mean, logVariance: logVariance).item) * Double(end - start)
                    code = mean
                } else {
                    code = model.code(x, &context)
                    rec += Double(loss(model, codes: code, targets: targets, context: &context).item) * Double(end - start)
                }
                let decoded = model.decodeTokens(code).flatMap { $0 }
                for (got, want) in zip(decoded, targets) where want != Vocabulary.padding {
                    real += 1
                    if got == want { correct += 1 }
                }
            }
        }
        let count = Double(max(data.count, 1))
        var figures = ["\(prefix)_rec": rec / count, "\(prefix)_token_accuracy": Double(correct) / Double(max(real, 1))]
        if variational != nil && model.isVariational {
            figures["\(prefix)_kl"] = kl / count
            figures["\(prefix)_neg_elbo"] = (rec + kl) / count
        }
        return figures
    }
}
