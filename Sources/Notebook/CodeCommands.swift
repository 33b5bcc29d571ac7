import Autoencoders
import Datasets
import Foundation
import Networks
import Tensors

extension Kernel {
    static let encodeCommand = CommandSpec(
        name: "encode", usage: "encode", summary: "encode the training and test sets with the model's encoder", options: []
    ) { kernel, _, _, cell in
        let codes = try kernel.encodeAll("encode")
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

    static let classifyCommand = CommandSpec(
        name: "classify", usage: "classify [hidden=128,64 epochs=50 …]",
        summary: "train classifiers on the codes and report their accuracy on the test set",
        options: [
            .init(name: "hidden", help: "hidden layer widths (default 128,64)"),
            .init(name: "epochs", help: "training epochs (default 50)"),
            .init(name: "batch", help: "batch size (default 32)"),
            .init(name: "lr", help: "Adam learning rate (default 0.001)"),
            .init(name: "seed", help: "seed of the first classifier; the others take the next seeds (default 0)"),
            .init(name: "ensemble", help: "how many classifiers to train and average the probabilities of (default 5; 1 for a single one, as the seed did)"),
            .init(name: "dropout", help: "dropout rate after each hidden layer (default 0)"),
        ]
    ) { kernel, _, options, cell in
        let data = try kernel.requireData("classify")
        guard let trainLabels = data.train.labels, let testLabels = data.test.labels else {
            throw NotebookError.needs(command: "classify", what: "\(data.train.name) has no labels to classify")
        }
        let hidden = try options.intList("hidden", default: [128, 64], in: 1...65536)
        let epochs = try options.int("epochs", default: 50, in: 1...100_000)
        let batch = try options.int("batch", default: 32, in: 1...1_000_000)
        let lr = try options.float("lr", default: 0.001, in: 1e-9...10)
        let firstSeed = try options.seed(default: 0)
        let members = try options.int("ensemble", default: 5, in: 1...50)
        let dropout = try options.float("dropout", default: 0, in: 0...0.95)
        let codes = try kernel.encodeAll("classify")
        let classes = max(data.train.classCount, data.test.classCount)
        cell.print("\(members == 1 ? "a classifier" : "\(members) classifiers") \(([codes.train.shape[1]] + hidden + [classes]).map(String.init).joined(separator: "→")) on the codes, \(epochs) epochs each")
        // Several classifiers from different seeds, their probabilities averaged: one alone
        // swings by a percentage point from seed to seed on 5,000 codes; the average does not.
        let trainProbabilities = Tensor(zeros: [codes.train.shape[0], classes])
        let testProbabilities = Tensor(zeros: [codes.test.shape[0], classes])
        var memberAccuracies: [Double] = []
        for member in 0..<members {
            let seed = firstSeed + UInt64(member)
            let classifier = try CodeClassifier(inputs: codes.train, labels: trainLabels, classes: classes, hidden: hidden, dropout: dropout, seed: seed)
            var lastLine = Date.distantPast
            let outcome = Trainer.fit(classifier, examples: codes.train.shape[0], optimizer: Adam(learningRate: lr),
                                      options: TrainingOptions(epochs: epochs, batchSize: batch, seed: seed), control: kernel.newControl(),
                                      observer: { event in
                cell.emit(.training(event))
                // A line every few seconds is enough for a classifier on codes.
                if case .epochEnded(let r) = event, r.epoch == r.epochs || Date().timeIntervalSince(lastLine) > 5 {
                    lastLine = Date()
                    cell.print((members > 1 ? "classifier \(member + 1)/\(members)  " : "") + epochLine(r, total: r.epochs))
                }
            })
            switch outcome {
            case .completed: break
            case .cancelled: throw NotebookError.failed("classify: cancelled")
            case .diverged: throw NotebookError.failed("classify: " + outcome.summary)
            }
            let pTest = classifier.probabilities(codes.test)
            memberAccuracies.append(ClassificationReport(predicted: CodeClassifier.argmax(pTest), actual: testLabels, classNames: []).accuracy)
            Tensor.withoutGradients {
                trainProbabilities.add(classifier.probabilities(codes.train))
                testProbabilities.add(pTest)
            }
        }
        let trainReport = ClassificationReport(predicted: CodeClassifier.argmax(trainProbabilities), actual: trainLabels, classNames: data.train.classNames)
        let testReport = ClassificationReport(predicted: CodeClassifier.argmax(testProbabilities), actual: testLabels, classNames: data.test.classNames)
        if members > 1 {
            cell.print("test accuracy of each classifier alone: " + memberAccuracies.map { fmt($0) }.joined(separator: " ") + "; their averaged probabilities:")
            cell.metrics["test_accuracy_single_mean"] = memberAccuracies.reduce(0, +) / Double(members)
        }
        cell.print("train accuracy \(fmt(trainReport.accuracy)), test accuracy \(fmt(testReport.accuracy))")
        cell.print("test set:")
        cell.print(testReport.table)
        cell.metrics["train_accuracy"] = trainReport.accuracy
        cell.metrics["test_accuracy"] = testReport.accuracy
        cell.metrics["test_macro_f1"] = testReport.macroF1
        for (c, row) in testReport.rows.enumerated() {
            cell.metrics["test_precision_\(c)"] = row.precision
            cell.metrics["test_recall_\(c)"] = row.recall
            cell.metrics["test_f1_\(c)"] = row.f1
        }
    }

    /// The model's codes for both sets, computed once per trained model.
    func encodeAll(_ command: String) throws -> (train: Tensor, test: Tensor) {
        let data = try requireData(command)
        let model = try requireModel(command)
        try checkFit(model, data, command: command)
        if let codes { return codes }
        let made = (model.encode(data.train), model.encode(data.test))
        codes = made
        return made
    }
}
