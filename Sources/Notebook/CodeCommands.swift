import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Tensors

/// `encode`: the codes of both sets, kept for `classify` and the uses that need them.
struct EncodeCommand: NotebookCommand {
    static let name = "encode"
    static let summary = "encode the training and test sets with the model's encoder"

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let codes = try kernel.encodeAll(Self.name)
        let width = codes.train.shape[1]
        var dead = 0
        for j in 0..<width {
            var active = false
            for i in 0..<codes.train.shape[0] where codes.train.data[i * width + j] != 0 { active = true; break }
            if !active { dead += 1 }
        }
        let meanAbs = Tensor.withoutGradients { Double(codes.test.abs().mean().item) }
        cell.print("codes: \(codes.train.shape[0]) training and \(codes.test.shape[0]) test rows of \(width) features")
        cell.print("mean |code| on the test set \(fmt(meanAbs)); \(dead) of \(width) features are zero on every training example")
        cell.metrics["code_width"] = Double(width)
        cell.metrics["mean_abs_code"] = meanAbs
        cell.metrics["dead_features"] = Double(dead)
    }
}

/// `classify`: the seed's classifier on the codes, 256→128→64→10, tested on the test set.
struct ClassifyCommand: NotebookCommand {
    static let name = "classify"
    static let summary = "train a classifier on the codes (or several, averaged) and report its accuracy on the test set"

    @Option(help: "hidden layer widths", each: 1...65536) var hidden = [128, 64]
    @Option(help: "training epochs", in: 1...100_000) var epochs = 50
    @Option(help: "batch size", in: 1...1_000_000) var batch = 32
    @Option(name: "lr", help: "Adam learning rate", in: 1e-9...10) var learningRate: Float = 0.001
    @Option(help: "seed of the classifier (with ensemble, of the first; the others take the next seeds)") var seed: UInt64 = 0
    @Option(help: "how many classifiers to train; more than one also reports the accuracy of their averaged probabilities", in: 1...50)
    var ensemble = 1
    @Option(help: "dropout rate after each hidden layer", in: 0...0.95) var dropout: Float = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        guard let trainLabels = data.train.labels, let testLabels = data.test.labels else {
            throw NotebookError.needs(command: Self.name, what: "\(data.train.name) has no labels to classify")
        }
        let codes = try kernel.encodeAll(Self.name)
        let classes = max(data.train.classCount, data.test.classCount)
        cell.print("\(ensemble == 1 ? "a classifier" : "\(ensemble) classifiers") \(([codes.train.shape[1]] + hidden + [classes]).map(String.init).joined(separator: "→")) on the codes, \(epochs) epochs each")
        let trainProbabilities = Tensor(zeros: [codes.train.shape[0], classes])
        let testProbabilities = Tensor(zeros: [codes.test.shape[0], classes])
        var accuracies: [Double] = []
        var firstReport: ClassificationReport?
        for member in 0..<ensemble {
            let seed = self.seed + UInt64(member)
            let classifier = try CodeClassifier(inputs: codes.train, labels: trainLabels, classes: classes, hidden: hidden, dropout: dropout, seed: seed)
            var lastLine = Date.distantPast
            let outcome = Trainer.fit(classifier, examples: codes.train.shape[0], optimizer: Adam(learningRate: learningRate),
                                      options: TrainingOptions(epochs: epochs, batchSize: batch, seed: seed), control: kernel.newRun(),
                                      observer: { event in
                cell.emit(.training(event))
                // A line every few seconds is enough for a classifier on codes.
                if case .epochEnded(let r) = event, r.epoch == r.epochs || Date().timeIntervalSince(lastLine) > 5 {
                    lastLine = Date()
                    cell.print((ensemble > 1 ? "classifier \(member + 1)/\(ensemble)  " : "") + epochLine(r, total: r.epochs))
                }
            })
            switch outcome {
            case .completed, .stoppedEarly: break
            case .cancelled: throw NotebookError.failed("classify: cancelled")
            case .diverged: throw NotebookError.failed("classify: " + outcome.summary)
            }
            let pTest = classifier.probabilities(codes.test)
            let report = ClassificationReport(predicted: pTest.argmax(), actual: testLabels, classNames: data.test.classNames)
            if firstReport == nil { firstReport = report }
            accuracies.append(report.accuracy)
            Tensor.withoutGradients {
                trainProbabilities.add(classifier.probabilities(codes.train))
                testProbabilities.add(pTest)
            }
            if member == 0 {
                let trainReport = ClassificationReport(predicted: trainProbabilities.argmax(), actual: trainLabels, classNames: data.train.classNames)
                cell.metrics["train_accuracy"] = trainReport.accuracy
                cell.print("train accuracy \(fmt(trainReport.accuracy)), test accuracy \(fmt(report.accuracy))")
            }
        }
        let single = firstReport!
        cell.print("test set:")
        cell.print(single.table)
        cell.metrics["test_accuracy"] = single.accuracy
        cell.metrics["test_macro_f1"] = single.macroF1
        for (c, row) in single.rows.enumerated() {
            cell.metrics["test_precision_\(c)"] = row.precision
            cell.metrics["test_recall_\(c)"] = row.recall
            cell.metrics["test_f1_\(c)"] = row.f1
        }
        if ensemble > 1 {
            let averaged = ClassificationReport(predicted: testProbabilities.argmax(), actual: testLabels, classNames: data.test.classNames)
            cell.print("test accuracy of each classifier alone: " + accuracies.map { fmt($0) }.joined(separator: " ")
                       + "; of their averaged probabilities: \(fmt(averaged.accuracy))")
            cell.metrics["ensemble_test_accuracy"] = averaged.accuracy
            cell.metrics["test_accuracy_single_mean"] = accuracies.reduce(0, +) / Double(ensemble)
        }
    }
}

extension Kernel {
    /// The model's codes for both sets, computed once per trained model.
    func encodeAll(_ command: String) throws -> (train: Tensor, test: Tensor) {
        let (data, model) = try requireFit(command)
        if let codes { return codes }
        let made = (model.encode(data.train), model.encode(data.test))
        codes = made
        return made
    }
}
