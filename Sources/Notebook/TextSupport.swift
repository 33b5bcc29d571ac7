import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// Which labels a measurement compares codes with: the data's classes (TREC's 6 coarse
/// labels, the digits), or TREC's 50 fine labels.
enum LabelChoice: String, ChoiceValue {
    case coarse, fine
}

extension Metric: ChoiceValue {}

/// The TF-IDF baselines measured by `baseline tfidf`, kept so that `cluster` can set the
/// model's figures beside them; they belong to the data they were measured on.
struct BaselineFigures {
    /// The data they were measured on (train and test checksums), and against which labels.
    var data: String
    var labels: LabelChoice
    var clusters: Int
    var dimensions: Int
    var figures: TextBaselines
}

extension Kernel {
    /// The loaded data, which must be text.
    func requireText(_ command: String) throws -> (split: DataSplit, train: TextData, test: TextData) {
        let data = try requireData(command)
        guard let train = data.train.text, let test = data.test.text else {
            throw NotebookError.needs(command: command, what: "\(data.train.name) is not text; load questions first, e.g. 'data trec'")
        }
        return (data, train, test)
    }

    /// The labels `choice` names for `set`, and their names; one clear line when there are none.
    func labels(_ choice: LabelChoice, of set: Dataset, command: String) throws -> (labels: [Int], names: [String]) {
        switch choice {
        case .coarse:
            guard let labels = set.labels else { throw NotebookError.needs(command: command, what: "\(set.name) has no labels to compare with") }
            return (labels, set.classNames)
        case .fine:
            guard let fine = set.text?.fineLabels else {
                throw NotebookError.badOption(command: command, option: "labels", reason: "is fine, but \(set.name) has no fine labels (TREC's COARSE:fine form has them); use labels=coarse")
            }
            return (fine, set.text?.fineClassNames ?? [])
        }
    }

    /// Identifies the loaded data, so that figures measured on it are not shown beside another's.
    var dataIdentity: String { data.map { $0.train.checksum + "-" + $0.test.checksum } ?? "" }

    /// The model's input row for a text: tokenised and numbered as the loaded data was, cut or
    /// padded to its length. Words the vocabulary lacks are refused (unless `allowUnknown`),
    /// with the closest known word, since they would all read as the same `<unk>`.
    func textInput(_ text: String, command: String, allowUnknown: Bool) throws -> (input: Tensor, tokens: [String]) {
        let (split, train, _) = try requireText(command)
        let tokens = train.tokenizer.tokens(text)
        guard !tokens.isEmpty else {
            throw NotebookError.badArgument(command: command, reason: "'\(text.escapingControlCharacters)' holds no words")
        }
        let unknown = tokens.filter { !train.vocabulary.contains($0) }
        if !unknown.isEmpty, !allowUnknown {
            let first = unknown[0]
            let close = closest(to: first, in: Array(train.vocabulary.words.dropFirst(2))).map { " (did you mean '\($0)'?)" } ?? ""
            let list = unknown.map { "'\($0.escapingControlCharacters)'" }.joined(separator: ", ")
            throw NotebookError.badArgument(command: command, reason: "\(list) \(unknown.count == 1 ? "is" : "are") not in the vocabulary of \(train.vocabulary.count) words\(close); rephrase, or add unk=yes to read \(unknown.count == 1 ? "it" : "them") as <unk>")
        }
        let ids = train.vocabulary.encode(tokens, length: train.length)
        let input = Tensor(ids.map { Float($0) }, shape: [1, ids.count])
        guard input.count == split.train.features else {
            throw NotebookError.failed("\(command): the loaded data takes \(split.train.features) values an example, not \(ids.count) token ids")
        }
        return (input, tokens)
    }
}

extension TextData {
    /// Every example's tokens as vocabulary ids, whole (not cut to `length`): what the
    /// baselines count words of.
    var documents: [[Int]] {
        texts.map { vocabulary.encode(tokenizer.tokens($0)).map { Int($0) } }
    }
}

extension Dataset {
    /// The name of example `i`'s class, or nil for unlabelled data.
    func className(_ i: Int) -> String? {
        guard let label = labels?[i] else { return nil }
        return classNames.indices.contains(label) ? classNames[label] : String(label)
    }
}
