import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// How `similar` decides which texts are alike.
enum SimilarRule: String, ChoiceValue {
    /// The nearest by cosine distance between the codes (μ for a VAE).
    case mean
    /// The seed's: S sampled codes each, similar when at least N of the S² pairs are within t.
    case sampled
}

/// The seed's sampled rule's settings, shared by `similar` and `similarity`.
struct SampledRuleOptions: Declared {
    @Option(help: "sampled rule: codes drawn from q(z|x) for each text", in: 1...100) var samples = 5
    @Option(help: "sampled rule: similar when at least N of the samples² pairs are within t (default 1)", in: 1...10_000) var pairs = 1
    @Option(name: "t", help: "cosine distance within which two codes are close", in: 0...2) var threshold: Float = 0.25
    @Option(help: "seed for the sampled codes") var seed: UInt64 = 0

    init() {}

    func check(_ command: String) throws {
        guard pairs <= samples * samples else {
            throw NotebookError.badOption(command: command, option: "pairs", reason: "is \(pairs), more than the \(samples)×\(samples) = \(samples * samples) pairs of samples=\(samples)")
        }
    }
}

extension Kernel {
    /// `samples` codes z = μ + σ·ε of each example of `set`, [count, samples, latent]; the
    /// model must be a VAE.
    func sampledCodes(_ set: Dataset, samples: Int, seed: UInt64, command: String) throws -> Tensor {
        let model = try requireModel(command)
        guard let variational = model.kind as? any VariationalKind else {
            throw NotebookError.needs(command: command, what: "the sampled rule draws codes from a VAE's q(z|x); this model (\(model.kindName)) gives one code a text, so use rule=mean")
        }
        return sampledCodes(model, set.all(), samples: samples, epsilonStd: variational.epsilonStd, seed: seed)
    }

    func sampledCodes(_ model: Autoencoder, _ x: Tensor, samples s: Int, epsilonStd: Float, seed: UInt64) -> Tensor {
        let n = x.shape[0], d = model.codeWidth
        let out = Tensor(uninitialized: [n, s, d])
        var random = Random(seed: seed)
        Tensor.withoutGradients {
            for start in stride(from: 0, to: n, by: 500) {
                let end = min(n, start + 500)
                var context = ForwardContext.inference
                let (mean, logVariance) = model.gaussian(x.rows(start..<end), &context)
                for i in 0..<(end - start) {
                    for u in 0..<s {
                        let row = out.data + ((start + i) * s + u) * d
                        for j in 0..<d {
                            let sigma = Foundation.exp(0.5 * logVariance.data[i * d + j])
                            row[j] = mean.data[i * d + j] + sigma * random.normal() * epsilonStd
                        }
                    }
                }
            }
        }
        return out
    }
}

/// `similar "TEXT"` or `similar index=I`: the training texts nearest a text by its code.
struct SimilarCommand: NotebookCommand {
    static let name = "similar"
    static let summary = "the training texts nearest a text (typed in quotes, or index=I) by cosine between codes, or by the seed's sampled rule"

    @Argument(name: "TEXT", help: "a text, in quotes", optional: true) var text: String?
    @Option(help: "or the text at this index of the set `from`", in: 0...Int(Int32.max)) var index: Int?
    @Option(name: "from", help: "the set index= counts in") var split = SplitChoice.test
    @Option(help: "how many to list", in: 1...1000) var k = 5
    @Option(help: "mean: nearest codes (μ for a VAE); sampled: the seed's rule on sampled codes") var rule = SimilarRule.mean
    @OptionGroup var sampling: SampledRuleOptions
    @Option(name: "unk", help: "read words the vocabulary lacks as <unk> instead of refusing them") var allowUnknown = false

    /// The words of an unquoted text are joined, so `similar where is the louvre ?` works too.
    static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, isInterface: false, declarations: { _ in declarations }) { command, kernel, cell in
            let words = command.arguments.isEmpty ? [] : [command.arguments.joined(separator: " ")]
            try parse(arguments: words, options: command.options, command: name).run(kernel, cell)
        }
    }

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let (_, train, _) = try kernel.requireText(Self.name)
        guard (text == nil) != (index == nil) else {
            throw NotebookError.badArgument(command: Self.name, reason: text == nil
                ? "give a text in quotes, e.g. similar \"how far is the moon from earth ?\", or index=I"
                : "give a text or index=, not both")
        }
        try sampling.check(Self.name)
        let references = data.train
        // The query: its model input, what to call it, its label when it has one.
        let input: Tensor, shown: String, label: Int?
        var exclude: Int?
        if let index {
            let set = split.of(data)
            guard index < set.count else {
                throw NotebookError.badOption(command: Self.name, option: "index", reason: "is \(index), past the \(set.count) \(split.rawValue) texts; choose 0…\(set.count - 1)")
            }
            input = set.batch(index..<(index + 1))
            shown = set.text?.texts[index] ?? "\(split.rawValue) text \(index)"
            label = set.labels?[index]
            if split == .train { exclude = index }
        } else {
            let (row, _) = try kernel.textInput(text!, command: Self.name, allowUnknown: allowUnknown)
            input = row
            shown = text!
            label = nil
        }
        guard k <= references.count - (exclude == nil ? 0 : 1) else {
            throw NotebookError.badOption(command: Self.name, option: "k", reason: "is \(k), more than the \(references.count - (exclude == nil ? 0 : 1)) training texts to choose from")
        }
        let names = references.classNames
        var lines = [TextListData.Line([TextListData.Span(shown, .strong)] + (label.map { [TextListData.Span("  " + labelName($0, names), label: $0)] } ?? []))]
        var found: [(index: Int, distance: Float, pairs: Int?)] = []
        let codes = try kernel.encodeAll(Self.name).train
        let query = Tensor.withoutGradients { () -> Tensor in
            var context = ForwardContext.inference
            return model.code(input, &context)
        }
        switch rule {
        case .mean:
            let neighbours = try Neighbours(queries: query, references: codes, k: k + (exclude == nil ? 0 : 1), metric: .cosine)
            found = zip(neighbours.indices, neighbours.distances).filter { $0.0 != exclude }.prefix(k).map { ($0.0, $0.1, nil) }
        case .sampled:
            guard let variational = model.kind as? any VariationalKind else {
                throw NotebookError.needs(command: Self.name, what: "rule=sampled draws codes from a VAE's q(z|x); this model (\(model.kindName)) gives one code a text, so use rule=mean")
            }
            let s = sampling.samples
            let referenceSamples = try kernel.sampledCodes(references, samples: s, seed: sampling.seed, command: Self.name)
            let querySamples = kernel.sampledCodes(model, input, samples: s, epsilonStd: variational.epsilonStd, seed: sampling.seed &+ 1)
            let counts = try SampledSimilarity.closePairCounts(query: querySamples.reshaped([s, model.codeWidth]), references: referenceSamples,
                                                               threshold: sampling.threshold)
            let all = try Neighbours(queries: query, references: codes, k: codes.shape[0], metric: .cosine)
            var distance = [Float](repeating: 0, count: codes.shape[0])
            for (i, d) in zip(all.indices, all.distances) { distance[i] = d }
            let similar = counts.indices.filter { counts[$0] >= sampling.pairs && $0 != exclude }
            found = similar.sorted { (-counts[$0], distance[$0], $0) < (-counts[$1], distance[$1], $1) }.prefix(k).map { ($0, distance[$0], counts[$0]) }
            cell.print("\(Summary.grouped(similar.count)) of \(Summary.grouped(references.count - (exclude == nil ? 0 : 1))) training texts have at least \(sampling.pairs) of \(s)×\(s) sampled pairs within cosine distance \(sampling.threshold.optionText)")
            cell.metrics["similar_count"] = Double(similar.count)
        }
        for (rank, (i, distance, pairs)) in found.enumerated() {
            let l = references.labels?[i]
            var spans = [TextListData.Span(String(format: "%2d. %.3f ", rank + 1, distance), .dim)]
            if let pairs { spans.append(TextListData.Span("\(pairs)/\(sampling.samples * sampling.samples) ", .dim)) }
            if let l { spans.append(TextListData.Span(labelName(l, names).padding(6), label: l)) }
            spans.append(TextListData.Span(train.texts[i], l != nil && l == label ? .good : .plain))
            lines.append(TextListData.Line(spans, indent: 4))
        }
        if found.isEmpty { lines.append(TextListData.Line([TextListData.Span("no training text is similar by this rule; raise t or lower pairs", .dim)], indent: 4)) }
        let how = rule == .mean ? "nearest by cosine distance between \(model.isVariational ? "means μ" : "codes")" : "similar by the sampled rule, most close pairs first"
        cell.show(.textList(TextListData(title: "the training texts \(how)", lines: lines)), name: Self.name)
        if let label, !found.isEmpty, references.labels != nil {
            cell.metrics["same_label_share"] = Double(found.filter { references.labels![$0.index] == label }.count) / Double(found.count)
        }
        if let first = found.first { cell.metrics["nearest_distance"] = Double(first.distance) }
    }
}

/// `similarity`: precision and recall of "same label" for the two rules, test texts against
/// the training texts.
struct SimilarityCommand: NotebookCommand {
    static let name = "similarity"
    static let summary = "precision and recall of 'same label' when codes within t are called similar: μ alone against the seed's sampled rule"

    @OptionGroup var sampling: SampledRuleOptions
    @Option(help: "compare with the coarse labels (the classes) or TREC's fine ones") var labels = LabelChoice.coarse

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        try sampling.check(Self.name)
        let (trainLabels, _) = try kernel.labels(labels, of: data.train, command: Self.name)
        let (testLabels, _) = try kernel.labels(labels, of: data.test, command: Self.name)
        let codes = try kernel.encodeAll(Self.name)
        let t = sampling.threshold
        let (_, meanScore) = try SampledSimilarity.evaluate(queries: codes.test.reshaped([codes.test.shape[0], 1, codes.test.shape[1]]), queryLabels: testLabels,
                                                            references: codes.train.reshaped([codes.train.shape[0], 1, codes.train.shape[1]]),
                                                            referenceLabels: trainLabels, threshold: t, minimumPairs: 1)
        let pairs = data.test.count * data.train.count
        cell.print("\(Summary.grouped(data.test.count)) test × \(Summary.grouped(data.train.count)) training pairs, \(Summary.grouped(meanScore.actual)) of them (\(percent(meanScore.actual, pairs))) share a \(labels.rawValue) label; called similar within cosine distance \(t.optionText):")
        cell.print("  " + (model.isVariational ? "μ alone" : "the codes").padding(16) + line(meanScore, pairs))
        cell.metrics["similar_precision"] = meanScore.precision
        cell.metrics["similar_recall"] = meanScore.recall
        cell.metrics["similar_called"] = Double(meanScore.predicted)
        guard model.isVariational else {
            cell.print("  (the sampled rule needs a VAE's q(z|x); this model, \(model.kindName), gives one code a text)")
            return
        }
        let s = sampling.samples
        let trainSamples = try kernel.sampledCodes(data.train, samples: s, seed: sampling.seed, command: Self.name)
        let testSamples = try kernel.sampledCodes(data.test, samples: s, seed: sampling.seed &+ 1, command: Self.name)
        let (sampled, _) = try SampledSimilarity.evaluate(queries: testSamples, queryLabels: testLabels, references: trainSamples,
                                                          referenceLabels: trainLabels, threshold: t, minimumPairs: sampling.pairs)
        cell.print("  \("sampled rule".padding(16))\(line(sampled, pairs))  (≥ \(sampling.pairs) of \(s)×\(s) sampled pairs within t, seed \(sampling.seed))")
        cell.metrics["sampled_precision"] = sampled.precision
        cell.metrics["sampled_recall"] = sampled.recall
        cell.metrics["sampled_called"] = Double(sampled.predicted)
        let verdict = sampled.recall > meanScore.recall
            ? (sampled.precision < meanScore.precision ? "more recall and less precision, as the seed says" : "more recall, and no less precision")
            : "no more recall than μ alone here, against the seed's claim"
        cell.print("the sampled rule gives \(verdict)")
    }

    func line(_ s: SampledSimilarity.Score, _ pairs: Int) -> String {
        "precision \(fmt(s.precision)), recall \(fmt(s.recall)) (\(Summary.grouped(s.predicted)) pairs called similar, \(percent(s.predicted, pairs)))"
    }
}
