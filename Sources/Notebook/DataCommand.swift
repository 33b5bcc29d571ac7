import Datasets
import Foundation
import Options

/// `data mnist|fashion|PATH`: loads a data set as the current one.
struct DataCommand: NotebookCommand {
    static let name = "data"
    static let summary = "load a data set: the shipped MNIST, Fashion-MNIST, or an IDX/CSV file or a folder of PNGs"

    @Argument(name: "mnist|fashion|PATH", help: "a data set's name, or a path to an IDX or CSV file or a folder of PNG images")
    var source: String?
    @Option(help: "keep N training examples, drawn at random under seed (default: all)", in: 1...Int(Int32.max))
    var train: Int?
    @Option(help: "keep the first N test examples (default: all)", in: 1...Int(Int32.max))
    var test: Int?
    @Option(help: "seed for drawing the training subset")
    var seed: UInt64 = 0
    @Option(help: "with a PATH: a second file to test on (default: every fifth example)")
    var testfile: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let source else {
            throw NotebookError.badArgument(command: Self.name, reason: "name a data set: \(DataCatalog.names.joined(separator: ", ")), or a path to an IDX or CSV file")
        }
        let split: DataSplit
        do {
            split = try DataCatalog.load(source, train: train, test: test, seed: seed, testPath: testfile)
        } catch let error as DataError {
            if case .unknownDataSet(let unknown, _) = error, !unknown.contains("/"), let close = closest(to: unknown, in: DataCatalog.names), close != unknown {
                throw NotebookError.badArgument(command: Self.name, reason: "unknown data set '\(unknown)'; did you mean '\(close)'?")
            }
            throw NotebookError.failed("data: \(error)")
        }
        kernel.data = split
        kernel.codes = nil
        cell.emit(.dataLoaded(name: source, train: split.train.count, test: split.test.count, checksum: split.train.checksum + "-" + split.test.checksum))
        let t = split.train, s = split.test
        cell.print("\(t.name): \(t.count) training and \(s.count) test examples of \(shapeText(t.exampleShape)), \(t.classCount) classes")
        if let labels = t.labels {
            var counts = [Int](repeating: 0, count: t.classCount)
            for l in labels where l < counts.count { counts[l] += 1 }
            cell.print("training examples per class: " + counts.map(String.init).joined(separator: " "))
        }
        cell.print("in memory: \(String(format: "%.1f", Double(t.memoryBytes + s.memoryBytes) / 1_048_576)) MB")
        cell.metrics["train_examples"] = Double(t.count)
        cell.metrics["test_examples"] = Double(s.count)
        cell.metrics["features"] = Double(t.features)
        cell.metrics["classes"] = Double(t.classCount)
    }
}
