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
        summary: "train a classifier on the codes and report its accuracy on the test set",
        options: [
            .init(name: "hidden", help: "hidden layer widths (default 128,64)"),
            .init(name: "epochs", help: "training epochs (default 50)"),
            .init(name: "batch", help: "batch size (default 32)"),
            .init(name: "lr", help: "Adam learning rate (default 0.001)"),
            .init(name: "seed", help: "seed for weights and shuffling (default 0)"),
            .init(name: "average", help: "average the weights of the last N epochs, a flatter solution than the last epoch's (default 0: off)"),
            .init(name: "validation", help: "share of the training codes held out to pick the best epoch's weights by accuracy (default 0: train on all, keep the last epoch)"),
            .init(name: "dropout", help: "dropout rate after each hidden layer (default 0)"),
            .init(name: "scale", help: "standard: give each code feature zero mean and unit variance over the training codes first; none: use the codes as they are (default none)"),
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
        let seed = try options.seed(default: 0)
        let standardize = try options.choice("scale", default: false, from: ["standard", "none"]) { $0 == "standard" ? true : $0 == "none" ? false : nil }
        var codes = try kernel.encodeAll("classify")
        if standardize { codes = Standardizer(fitting: codes.train).apply(codes) }
        let classes = max(data.train.classCount, data.test.classCount)
        let dropout = try options.float("dropout", default: 0, in: 0...0.95)
        let validationShare = try options.float("validation", default: 0, in: 0...0.5)
        let averageLast = try options.int("average", default: 0, in: 0...epochs)
        var averaged: [[Double]]?
        var averagedEpochs = 0
        // Hold out the same share of every class, spread evenly through its examples.
        let allRows = Array(0..<codes.train.shape[0])
        var seenOfClass: [Int: Int] = [:]
        let heldOut = allRows.filter { row in
            let c = seenOfClass[trainLabels[row], default: 0]
            seenOfClass[trainLabels[row]] = c + 1
            return (Double(c + 1) * Double(validationShare)).rounded(.down) > (Double(c) * Double(validationShare)).rounded(.down)
        }
        let heldOutSet = Set(heldOut)
        let fitRows = allRows.filter { !heldOutSet.contains($0) }
        let fitCodes = CodeClassifier.gather(codes.train, fitRows[...])
        let classifier = try CodeClassifier(inputs: fitCodes, labels: fitRows.map { trainLabels[$0] }, classes: classes, hidden: hidden, dropout: dropout, seed: seed)
        let validationCodes = CodeClassifier.gather(codes.train, heldOut[...])
        let validationLabels = heldOut.map { trainLabels[$0] }
        cell.print("classifier \(([codes.train.shape[1]] + hidden + [classes]).map(String.init).joined(separator: "→")) on the codes, \(epochs) epochs on \(fitRows.count) codes" + (heldOut.isEmpty ? "" : ", \(heldOut.count) held out to pick the best epoch"))
        var lastLine = Date.distantPast
        var best: (accuracy: Double, epoch: Int, weights: [[Float]])?
        let outcome = Trainer.fit(classifier, examples: fitRows.count, optimizer: Adam(learningRate: lr),
                                  options: TrainingOptions(epochs: epochs, batchSize: batch, seed: seed), control: kernel.newControl(),
                                  epochEnd: { epoch in
            if averageLast > 0, epoch > epochs - averageLast {
                let weights = classifier.parameters.map { $0.scalars.map(Double.init) }
                averaged = averaged.map { zip($0, weights).map { zip($0, $1).map { $0 + $1 } } } ?? weights
                averagedEpochs += 1
            }
            guard !heldOut.isEmpty else { return [:] }
            let accuracy = ClassificationReport(predicted: classifier.predict(validationCodes), actual: validationLabels, classNames: []).accuracy
            if accuracy > best?.accuracy ?? -1 { best = (accuracy, epoch, classifier.parameters.map(\.scalars)) }
            return ["val_accuracy": accuracy]
        }, observer: { event in
            cell.emit(.training(event))
            // A line every few seconds is enough for a classifier on codes.
            if case .epochEnded(let r) = event, r.epoch == r.epochs || Date().timeIntervalSince(lastLine) > 5 {
                lastLine = Date()
                cell.print(epochLine(r, total: r.epochs))
            }
        })
        if case .diverged = outcome { throw NotebookError.failed("classify: " + outcome.summary) }
        if let averaged, averagedEpochs > 0 {
            for (p, w) in zip(classifier.parameters, averaged) {
                for i in 0..<p.count { p.data[i] = Float(w[i] / Double(averagedEpochs)) }
            }
            cell.print("averaged the weights of the last \(averagedEpochs) epochs")
        } else if let best {
            for (p, w) in zip(classifier.parameters, best.weights) { w.withUnsafeBufferPointer { p.data.update(from: $0.baseAddress!, count: p.count) } }
            cell.print("kept the weights of epoch \(best.epoch), whose held-out accuracy \(fmt(best.accuracy)) was the best")
            cell.metrics["best_epoch"] = Double(best.epoch)
            cell.metrics["val_accuracy"] = best.accuracy
        }
        let trainReport = ClassificationReport(predicted: classifier.predict(fitCodes), actual: fitRows.map { trainLabels[$0] }, classNames: data.train.classNames)
        let testReport = ClassificationReport(predicted: classifier.predict(codes.test), actual: testLabels, classNames: data.test.classNames)
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

/// Per-feature z-scores fitted on training rows: ReLU codes come in very different scales,
/// and a classifier learns faster and generalises better when they are evened out.
struct Standardizer {
    var mean: [Float]
    var scale: [Float]

    init(fitting x: Tensor) {
        let rows = x.shape[0], width = x.shape[1]
        var sum = [Double](repeating: 0, count: width), sumSquares = sum
        for i in 0..<rows {
            for j in 0..<width {
                let v = Double(x.data[i * width + j])
                sum[j] += v
                sumSquares[j] += v * v
            }
        }
        let n = Double(max(rows, 1))
        mean = sum.map { Float($0 / n) }
        // A feature that never varies (a dead ReLU) keeps scale 1 rather than dividing by zero.
        scale = zip(sum, sumSquares).map { s, q in
            let variance = max(0, q / n - (s / n) * (s / n))
            return variance > 1e-12 ? Float(1 / variance.squareRoot()) : 1
        }
    }

    func apply(_ x: Tensor) -> Tensor {
        let width = x.shape[1]
        let out = Tensor(uninitialized: x.shape)
        for i in 0..<x.shape[0] {
            for j in 0..<width { out.data[i * width + j] = (x.data[i * width + j] - mean[j]) * scale[j] }
        }
        return out
    }

    func apply(_ pair: (train: Tensor, test: Tensor)) -> (train: Tensor, test: Tensor) { (apply(pair.train), apply(pair.test)) }
}
