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

/// How `data` hands texts to a model.
enum TextRepresentation: String, ChoiceValue {
    /// Token ids, cut or padded to the length: for the text kinds (lstm, seq2seq).
    case tokens
    /// Each whole text as one row of TF-IDF weights over the vocabulary (idf from the training
    /// texts, rows of unit length): a bag of words the dense kinds (ae, vae, …) can take.
    case tfidf
}

/// The TF-IDF weighting texts were turned into rows with, kept so that a typed text is turned
/// into a row the same way.
struct TextFeatures {
    var data: String
    var tfidf: TFIDF
}

extension DataSplit {
    /// The split with every text as a row of TF-IDF weights (fitted to the training texts),
    /// its text, labels and notes kept; token ids stay as they are for `.tokens`.
    func represented(as representation: TextRepresentation) throws -> (split: DataSplit, tfidf: TFIDF?) {
        guard representation == .tfidf else { return (self, nil) }
        guard let trainText = train.text, let testText = test.text else {
            throw NotebookError.badOption(command: "data", option: "as", reason: "is tfidf, but \(train.name) is not text")
        }
        let vocabulary = trainText.vocabulary.count
        let tfidf: TFIDF, trainRows: Tensor, testRows: Tensor
        do {
            tfidf = try TFIDF(fitting: trainText.documents, vocabularySize: vocabulary)
            trainRows = try tfidf.transform(trainText.documents)
            testRows = try tfidf.transform(testText.documents)
        } catch { throw NotebookError.failed("data: \(error)") }
        func rows(_ set: Dataset, _ t: Tensor) -> Dataset {
            var copy = set
            copy.values = .floats(t.scalars)
            copy.exampleShape = [vocabulary]
            return copy
        }
        var out = DataSplit(train: rows(train, trainRows), test: rows(test, testRows), notes: notes)
        out.notes.append("as=tfidf: each whole text is a row of \(vocabulary) TF-IDF weights (counts × smooth idf from the training texts, rows of unit length), for the dense kinds")
        return (out, tfidf)
    }
}

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
        let unknown = tokens.filter { !train.knows($0) }
        if !unknown.isEmpty, !allowUnknown {
            let first = unknown[0]
            let close = closest(to: first, in: Array(train.vocabulary.words.dropFirst(2))).map { " (did you mean '\($0)'?)" } ?? ""
            let list = unknown.map { "'\($0.escapingControlCharacters)'" }.joined(separator: ", ")
            throw NotebookError.badArgument(command: command, reason: "\(list) \(unknown.count == 1 ? "is" : "are") not in the vocabulary of \(train.vocabulary.count) words\(close); rephrase, or add unk=yes to read \(unknown.count == 1 ? "it" : "them") as <unk>")
        }
        let input: Tensor
        if let features = textFeatures, features.data == dataIdentity {
            do { input = try features.tfidf.transform([train.encode(tokens).map { Int($0) }]) } catch { throw NotebookError.failed("\(command): \(error)") }
        } else {
            let ids = train.encode(tokens, length: train.length)
            input = Tensor(ids.map { Float($0) }, shape: [1, ids.count])
        }
        guard input.count == split.train.features else {
            throw NotebookError.failed("\(command): the loaded data takes \(split.train.features) values an example, not \(input.count)")
        }
        return (input, tokens)
    }
}

extension TextData {
    /// Every example's tokens as vocabulary ids, whole (not cut to `length`): what the
    /// baselines count words of.
    var documents: [[Int]] {
        texts.map { encode(tokenizer.tokens($0)).map { Int($0) } }
    }
}

extension Dataset {
    /// The name of example `i`'s class, or nil for unlabelled data.
    func className(_ i: Int) -> String? {
        guard let label = labels?[i] else { return nil }
        return classNames.indices.contains(label) ? classNames[label] : String(label)
    }
}
