import Datasets
import Foundation

extension Kernel {
    static let dataCommand = CommandSpec(
        name: "data", usage: "data mnist|fashion|PATH [train=N test=N]",
        summary: "load a data set: the shipped MNIST, Fashion-MNIST, or an IDX/CSV file",
        options: [
            .init(name: "train", help: "keep N training examples, drawn at random under seed (default: all)"),
            .init(name: "test", help: "keep the first N test examples (default: all)"),
            .init(name: "seed", help: "seed for drawing the training subset (default 0)"),
            .init(name: "testfile", help: "with a PATH: a second file to test on (default: every fifth example)"),
        ]
    ) { kernel, command, options, cell in
        guard command.arguments.count == 1 else {
            throw NotebookError.badArgument(command: "data", reason: command.arguments.isEmpty
                ? "name a data set: mnist, fashion, or a path to an IDX or CSV file"
                : "takes one data set, got \(command.arguments.joined(separator: " "))")
        }
        let name = command.arguments[0]
        let split: DataSplit
        do {
            split = try DataCatalog.load(name, train: try options.int("train", in: 1...Int(Int32.max)),
                                         test: try options.int("test", in: 1...Int(Int32.max)),
                                         seed: try options.seed(default: 0), testPath: options.string("testfile"))
        } catch let error as DataError {
            if case .unknownDataSet(let unknown, _) = error, !unknown.contains("/"), let close = suggestion(for: unknown, in: DataCatalog.names) {
                throw NotebookError.badArgument(command: "data", reason: "unknown data set '\(unknown)'; did you mean '\(close)'?")
            }
            throw NotebookError.failed("data: \(error)")
        }
        kernel.data = split
        kernel.codes = nil
        cell.emit(.dataLoaded(name: name, train: split.train.count, test: split.test.count, checksum: split.train.checksum + "-" + split.test.checksum))
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
