import Autoencoders
import Datasets
import Foundation
import Networks
import Rendering
import Tensors

extension Kernel {
    static let trainCommand = CommandSpec(
        name: "train", usage: "train [epochs=10 batch=32 lr=0.001 …]",
        summary: "train the model on the training set, reporting each epoch",
        options: [
            .init(name: "epochs", help: "passes over the training set (default 10)"),
            .init(name: "batch", help: "examples per step (default 32)"),
            .init(name: "lr", help: "learning rate (default 0.001)"),
            .init(name: "optimizer", help: "adam or sgd (default adam)"),
            .init(name: "momentum", help: "SGD momentum (default 0.9)"),
            .init(name: "loss", help: "bce or mse (default: the model's)"),
            .init(name: "seed", help: "seed for shuffling (default 0)"),
            .init(name: "validate", help: "yes: report the test-set loss after each epoch (default yes)"),
            .init(name: "live", help: "yes: after each epoch, send the latent scatter of 500 test examples and a strip of reconstructions to the viewer (default: yes when something shows or records them)"),
        ]
    ) { kernel, _, options, cell in
        let data = try kernel.requireData("train")
        let model = try kernel.requireModel("train")
        try kernel.checkFit(model, data, command: "train")
        let epochs = try options.int("epochs", default: 10, in: 1...100_000)
        let batch = try options.int("batch", default: 32, in: 1...1_000_000)
        let lr = try options.float("lr", default: 0.001, in: 1e-9...10)
        let optimizer: Optimizer = try options.choice("optimizer", default: "adam", from: ["adam", "sgd"]) { ["adam", "sgd"].contains($0) ? $0 : nil } == "sgd"
            ? SGD(learningRate: lr, momentum: try options.float("momentum", default: 0.9, in: 0...0.9999))
            : Adam(learningRate: lr)
        if options.has("loss") {
            model.loss = try options.choice("loss", default: model.loss, from: ["bce", "mse"]) { LossFunction(name: $0).flatMap { $0 == .cce ? nil : $0 } }
        }
        let validate = try options.yesNo("validate", default: true)
        let seed = try options.seed(default: 0)
        let live = try options.yesNo("live", default: kernel.livePictures)
        kernel.codes = nil
        let liveSample = data.test.prefix(500)

        let objective = ReconstructionObjective(model: model, data: data.train)
        let startEpoch = kernel.history.count
        cell.print("training on \(data.train.count) examples, \(epochs) epoch\(epochs == 1 ? "" : "s") of \((data.train.count + batch - 1) / batch) batches of \(batch), \(optimizer.description), \(model.loss.displayName)")
        let outcome = Trainer.fit(
            objective, examples: data.train.count, optimizer: optimizer,
            options: TrainingOptions(epochs: epochs, batchSize: batch, seed: seed), control: kernel.newControl(),
            epochEnd: { epoch in
                if live { emitLivePictures(model, liveSample, epoch: startEpoch + epoch, cell: cell) }
                return validate ? ["val_loss": Evaluation.loss(model, on: data.test)] : [:]
            },
            observer: { event in
                cell.emit(.training(event))
                if case .epochEnded(var report) = event {
                    report.epoch += startEpoch
                    kernel.history.append(report)
                    cell.print(epochLine(report, total: startEpoch + epochs))
                }
            })
        if let last = kernel.history.last, kernel.history.count > startEpoch {
            cell.metrics["loss"] = last.loss
            for (name, value) in last.metrics { cell.metrics[name] = value }
            let run = kernel.history[startEpoch...]
            cell.metrics["epoch_seconds_median"] = median(run.map(\.epochSeconds))
            cell.metrics["samples_per_second"] = median(run.map(\.samplesPerSecond))
        }
        cell.metrics["epochs"] = Double(kernel.history.count - startEpoch)
        switch outcome {
        case .completed:
            cell.print(outcome.summary + ", \(duration(kernel.history.last?.elapsedSeconds ?? 0)) in all")
        case .cancelled:
            cell.print(outcome.summary)
        case .diverged:
            throw NotebookError.failed("train: " + outcome.summary + "; try a lower lr")
        }
    }

    static let evalCommand = CommandSpec(
        name: "eval", usage: "eval", summary: "reconstruction error of the model on the test set", options: []
    ) { kernel, _, _, cell in
        let data = try kernel.requireData("eval")
        let model = try kernel.requireModel("eval")
        try kernel.checkFit(model, data, command: "eval")
        let metrics = Evaluation.metrics(model, on: data.test)
        cell.print(evaluationText(metrics, examples: data.test.count))
        cell.metrics.merge(metrics) { $1 }
    }
}

/// What a live viewer shows while training: the latent space of a fixed sample and the first
/// eight of it over their reconstructions. A headless printer skips these (see `isLive`).
func emitLivePictures(_ model: Autoencoder, _ sample: Dataset, epoch: Int, cell: Cell) {
    if var scatter = try? Kernel.latentScatter(model, sample) {
        scatter.title = "latent space after epoch \(epoch)"
        cell.emit(.scatter(scatter))
    }
    guard let size = sample.imageSize else { return }
    let n = min(8, sample.count)
    let x = sample.batch(0..<n)
    let y = model.predict(x)
    let both = Tensor(uninitialized: [2 * n, size.height * size.width])
    both.data.update(from: x.data, count: x.count)
    (both.data + x.count).update(from: y.data, count: y.count)
    cell.emit(.images(ImageGridData(title: "reconstructions after epoch \(epoch)", columns: n, width: size.width, height: size.height,
                                    rows: both.data, count: 2 * n, rowCaptions: ["original", "decoded"])))
}

/// The figures of `eval` as a person reads them.
func evaluationText(_ m: [String: Double], examples: Int) -> String {
    var lines = ["test set, \(examples) examples: binary cross-entropy \(fmt(m["test_bce"] ?? .nan)) per pixel, mean squared error \(fmt(m["test_mse"] ?? .nan, 5))"]
    if let elbo = m["test_neg_elbo"] { lines.append("−ELBO \(fmt(elbo, 2)) nats per image (reconstruction summed over pixels + KL)") }
    if let noisy = m["psnr_noisy_db"], let clean = m["psnr_denoised_db"] {
        lines.append("PSNR against the clean images: noisy input \(fmt(noisy, 2)) dB → denoised \(fmt(clean, 2)) dB (+\(fmt(clean - noisy, 2)) dB)")
    }
    var code = "mean |code| \(fmt(m["mean_abs_code"] ?? .nan))"
    if let j = m["jacobian_frobenius_sq"] {
        code += ", mean ‖∂h/∂x‖²_F \(fmt(j, 3))" + ((m["jacobian_examples"]).map { Int($0) < examples ? " (first \(Int($0)) examples)" : "" } ?? "")
    }
    lines.append(code)
    return lines.joined(separator: "\n")
}

/// "epoch 3/50  loss 0.1234  val_loss 0.1200  0.21s  23,800/s  ETA 10s"
func epochLine(_ r: EpochReport, total: Int) -> String {
    var parts = ["epoch \(r.epoch)/\(total)", "loss \(fmt(r.loss))"]
    if r.terms.count > 1 { parts += r.terms.keys.sorted().map { "\($0) \(fmt(r.terms[$0]!))" } }
    parts += r.metrics.keys.sorted().map { "\($0) \(fmt(r.metrics[$0]!))" }
    parts += [duration(r.epochSeconds), "\(Summary.grouped(Int(r.samplesPerSecond)))/s"]
    if r.etaSeconds > 0.5 { parts.append("ETA \(duration(r.etaSeconds))") }
    return parts.joined(separator: "  ")
}
