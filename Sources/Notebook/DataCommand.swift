import Datasets
import Foundation
import Options

/// `data NAME|PATH options…`: loads a data set as the current one and says how it was read.
struct DataCommand: NotebookCommand {
    static let name = "data"
    static let summary = "load a data set: MNIST, Fashion-MNIST, the TREC questions, a synthetic 3-D set, or an IDX/CSV/text file or a folder of PNGs"

    @Argument(name: "mnist|fashion|trec|swissroll|blobs3d|sphere|PATH", help: "a data set's name, or a path to an IDX, CSV or text file or a folder of PNG images")
    var source: String?
    @OptionGroup var options: DataOptions
    @Option(name: "as", help: "text: tokens (ids for the text kinds) or tfidf (each text a row of word weights, for the dense kinds)")
    var representation = TextRepresentation.tokens

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let source else {
            throw NotebookError.badArgument(command: Self.name, reason: "name a data set: \(DataCatalog.names.joined(separator: ", ")), or a path to a file")
        }
        var split: DataSplit
        do {
            split = try DataCatalog.load(source, options: options)
        } catch let error as DataError {
            if case .unknownDataSet(let unknown, _) = error, !unknown.contains("/"), let close = closest(to: unknown, in: DataCatalog.names), close != unknown {
                throw NotebookError.badArgument(command: Self.name, reason: "unknown data set '\(unknown)'; did you mean '\(close)'?")
            }
            throw NotebookError.failed("data: \(error)")
        }
        let (represented, tfidf) = try split.represented(as: representation)
        split = represented
        kernel.data = split
        kernel.codes = nil
        kernel.textFeatures = tfidf.map { TextFeatures(data: kernel.dataIdentity, tfidf: $0) }
        cell.emit(.dataLoaded(name: source, train: split.train.count, test: split.test.count, checksum: split.train.checksum + "-" + split.test.checksum))
        let t = split.train, s = split.test
        cell.print("\(t.name): \(t.count) training and \(s.count) test examples of \(shapeText(t.exampleShape))" + (t.labels == nil ? ", unlabelled" : ", \(t.classCount) classes"))
        for note in split.notes { cell.print(note) }
        if let labels = t.labels, t.classCount <= 20 {
            var counts = [Int](repeating: 0, count: t.classCount)
            for l in labels where l < counts.count { counts[l] += 1 }
            cell.print("training examples per class: " + counts.map(String.init).joined(separator: " "))
        }
        cell.print("in memory: \(String(format: "%.1f", Double(t.memoryBytes + s.memoryBytes) / 1_048_576)) MB")
        cell.metrics["train_examples"] = Double(t.count)
        cell.metrics["test_examples"] = Double(s.count)
        cell.metrics["features"] = Double(t.features)
        cell.metrics["classes"] = Double(t.classCount)
        if let text = t.text {
            cell.metrics["vocabulary"] = Double(text.vocabulary.count)
            cell.metrics["test_unknown_tokens"] = Double(s.text?.outOfVocabularyTokens ?? 0)
        }
    }
}
