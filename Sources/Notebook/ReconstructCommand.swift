import Autoencoders
import Datasets
import Options
import Rendering
import Tensors

/// `reconstruct`: questions beside their greedy decoding, the text version of `show`.
struct ReconstructCommand: NotebookCommand {
    static let name = "reconstruct"
    static let summary = "questions as the model reads them beside their greedy decoding (from μ for a VAE), wrong words marked"

    @Option(help: "how many questions", in: 1...200) var n = 8
    @Option(name: "split", help: "which half of the data") var split = SplitChoice.test
    @Option(help: "index of the first question", in: 0...Int(Int32.max)) var from = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        guard model.takesTokens else {
            throw NotebookError.needs(command: Self.name, what: "a text model (lstm or seq2seq) on token data; this model is \(model.kindName), so use 'show'")
        }
        let set = split.of(data)
        guard let text = set.text else {
            throw NotebookError.needs(command: Self.name, what: "\(set.name) is not text; load questions first, e.g. 'data trec'")
        }
        guard from < set.count else {
            throw NotebookError.badOption(command: Self.name, option: "from", reason: "is \(from), past the \(set.count) \(split.rawValue) questions; choose 0…\(set.count - 1)")
        }
        let n = min(self.n, set.count - from)
        let (lines, right, real) = reconstructionLines(model, set, text, from..<(from + n))
        let accuracy = Double(right) / Double(max(real, 1))
        let source = model.isVariational ? "μ" : "the code"
        cell.show(.textList(TextListData(title: "\(split.rawValue) questions \(from)…\(from + n - 1) and their greedy decoding from \(source): \(right) of \(real) words right", lines: lines)), name: Self.name)
        cell.metrics["token_accuracy"] = accuracy
    }
}

/// Questions `range` of `set`, each over its greedy decoding with right words marked good and
/// wrong ones bad, and how many of the real (not padding) words came back right: for
/// `reconstruct` and the training panel's live questions.
func reconstructionLines(_ model: Autoencoder, _ set: Dataset, _ text: TextData, _ range: Range<Int>) -> (lines: [TextListData.Line], right: Int, real: Int) {
    let x = set.batch(range)
    let decoded = model.reconstructTokens(x)
    let words = text.vocabulary.words
    func word(_ id: Int32) -> String { words.indices.contains(Int(id)) ? words[Int(id)] : "<\(id)>" }
    var lines: [TextListData.Line] = []
    var right = 0, real = 0
    for r in 0..<range.count {
        // Real tokens end at the first <pad>; the decoding is scored on those positions only.
        let input = (0..<text.length).map { Int32(x.data[r * text.length + $0]) }
        let end = input.firstIndex(of: Vocabulary.padding) ?? input.count
        var inputSpans = [TextListData.Span(String(format: "%4d  ", range.lowerBound + r), .dim)]
        inputSpans.append(TextListData.Span(input[..<end].map(word).joined(separator: " ")))
        var outputSpans = [TextListData.Span("   →  ", .dim)]
        for (i, id) in decoded[r].enumerated() where id != Vocabulary.padding || i < end {
            let same = i < end && id == input[i]
            if i < end { real += 1; right += same ? 1 : 0 }
            outputSpans.append(TextListData.Span((i == 0 ? "" : " ") + word(id), same ? .good : .bad))
        }
        lines.append(TextListData.Line(inputSpans))
        lines.append(TextListData.Line(outputSpans))
    }
    return (lines, right, real)
}
