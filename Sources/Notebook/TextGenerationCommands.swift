import Autoencoders
import Datasets
import Networks
import Options
import Rendering
import Tensors

extension Kernel {
    /// The loaded text's words and the fitted text model, for commands that decode codes to questions.
    func requireTextModel(_ command: String) throws -> (data: DataSplit, model: Autoencoder, words: [String]) {
        let (data, model) = try requireFit(command)
        guard model.takesTokens, let text = data.train.text else {
            throw NotebookError.needs(command: command, what: "a text model (lstm or seq2seq) on token data; this model is \(model.kindName)")
        }
        return (data, model, text.vocabulary.words)
    }
}

/// Decoded token ids as words, up to the first `<pad>` (which ends a question).
func decodedQuestion(_ ids: [Int32], words: [String]) -> String {
    let end = ids.firstIndex(of: Vocabulary.padding) ?? ids.count
    let text = ids[..<end].map { words.indices.contains(Int($0)) ? words[Int($0)] : "<\($0)>" }.joined(separator: " ")
    return text.isEmpty ? "(nothing: <pad> first)" : text
}

/// `sample` on a text VAE: codes drawn from the prior N(0, I), decoded greedily to questions.
func sampleQuestions(_ kernel: Kernel, n: Int, seed: UInt64, _ cell: Cell) throws {
    let (_, model, words) = try kernel.requireTextModel(SampleCommand.name)
    _ = try kernel.requireVAE(SampleCommand.name)
    var random = Random(seed: seed)
    let z = Tensor(zeros: [n, model.codeWidth])
    for i in 0..<z.count { z.data[i] = random.normal() }
    let decoded = model.decodeTokens(z)
    let lines = decoded.enumerated().map { i, ids in
        TextListData.Line([TextListData.Span(String(format: "%3d. ", i + 1), .dim), TextListData.Span(decodedQuestion(ids, words: words))])
    }
    cell.show(.textList(TextListData(title: "\(n) codes drawn from the prior N(0, I), decoded greedily (seed \(seed))", lines: lines)), name: SampleCommand.name)
    cell.metrics["distinct_samples"] = Double(Set(decoded).count)
}

/// `interpolate` on a text model: the questions decoded along the line (or great circle) between
/// two questions' codes (Bowman et al. 2016's homotopy).
func interpolateQuestions(_ kernel: Kernel, _ options: InterpolateCommand, _ cell: Cell) throws {
    let (a, b, steps, split) = (options.a, options.b, options.steps, options.split)
    let (data, model, words) = try kernel.requireTextModel(InterpolateCommand.name)
    let set = split.of(data)
    for (name, index) in [("a", a), ("b", b)] where index >= set.count {
        throw NotebookError.badOption(command: InterpolateCommand.name, option: name, reason: "is \(index), past the \(set.count) \(split.rawValue) questions; choose 0…\(set.count - 1)")
    }
    let codes = Tensor.withoutGradients { () -> Tensor in
        var context = ForwardContext.inference
        return model.code(set.batch([a, b]), &context)
    }
    let d = model.codeWidth
    let za = Array(UnsafeBufferPointer(start: codes.data, count: d)), zb = Array(UnsafeBufferPointer(start: codes.data + d, count: d))
    let line = Tensor(zeros: [steps, d])
    for s in 0..<steps {
        let t = Float(s) / Float(steps - 1)
        let zt = options.slerp ? options.spherical(za, zb, t) : zip(za, zb).map { (1 - t) * $0 + t * $1 }
        for j in 0..<d { line.data[s * d + j] = zt[j] }
    }
    let decoded = model.decodeTokens(line)
    let texts = set.text?.texts
    var lines = [TextListData.Line([TextListData.Span("a  ", .dim), TextListData.Span(texts?[a] ?? "question \(a)", .strong)])]
    for (s, ids) in decoded.enumerated() {
        lines.append(TextListData.Line([TextListData.Span(String(format: "%.2f  ", Float(s) / Float(steps - 1)), .dim),
                                        TextListData.Span(decodedQuestion(ids, words: words))], indent: 1))
    }
    lines.append(TextListData.Line([TextListData.Span("b  ", .dim), TextListData.Span(texts?[b] ?? "question \(b)", .strong)]))
    let path = options.slerp ? "along the great circle" : "in \(steps) steps"
    cell.show(.textList(TextListData(title: "from \(split.rawValue) question \(a) to \(b) \(path), each code decoded greedily", lines: lines)), name: InterpolateCommand.name)
    cell.metrics["distinct_steps"] = Double(Set(decoded).count)
}
