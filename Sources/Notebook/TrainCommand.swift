import Autoencoders
import Datasets
import Files
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// The optimisers `train` offers.
enum OptimizerChoice: String, ChoiceValue { case adam, sgd }

/// The learning-rate schedules `train` offers.
enum ScheduleChoice: String, ChoiceValue { case constant, step, cosine, plateau }

/// `train`: fits the current model to the training set, an epoch at a time.
struct TrainCommand: NotebookCommand {
    static let name = "train"
    static let summary = "train the model on the training set, reporting each epoch"

    @Option(help: "passes over the training set", in: 1...100_000) var epochs = 10
    @Option(help: "examples per step", in: 1...1_000_000) var batch = 32
    @Option(name: "lr", help: "learning rate", in: 1e-9...10) var learningRate: Float = 0.001
    @Option(help: "adam or sgd") var optimizer = OptimizerChoice.adam
    @Option(help: "SGD momentum", in: 0...0.9999) var momentum: Float = 0.9
    @Option(help: "reconstruction loss (default: the model's)") var loss: ReconstructionLoss?
    @Option(help: "seed for shuffling and every random draw of training") var seed: UInt64 = 0
    @Option(help: "report the test-set loss after each epoch") var validate = true
    @Option(help: "after each epoch, send the latent scatter of 500 test examples and a strip of reconstructions to the viewer (default: yes when something shows or records them)")
    var live: Bool?
    @Option(help: "stop when val_loss has not improved for N epochs, ending with the best epoch's weights (Keras's EarlyStopping with restore_best_weights)", in: 0...100_000)
    var patience: Int?
    @Option(help: "save the best weights so far as PATH.safetensors and PATH.json, after each epoch that improves val_loss (the loss with validate=no)")
    var checkpoint: String?
    @Option(name: "lr_schedule", help: "how the learning rate changes: constant; step (× lr_factor every lr_step epochs); cosine (down to lr_min over the run); plateau (× lr_factor after lr_patience epochs without val_loss improving, as Keras's ReduceLROnPlateau)")
    var schedule = ScheduleChoice.constant
    @Option(name: "lr_step", help: "step: epochs between drops (default 10)", in: 1...100_000) var lrStep: Int?
    @Option(name: "lr_factor", help: "step and plateau: what each drop multiplies the rate by (default 0.1)", in: 1e-6...0.999999) var lrFactor: Double?
    @Option(name: "lr_patience", help: "plateau: epochs without improvement before a drop (default 10)", in: 0...100_000) var lrPatience: Int?
    @Option(name: "lr_cooldown", help: "plateau: epochs after a drop before counting again (default 0)", in: 0...100_000) var lrCooldown: Int?
    @Option(name: "lr_min", help: "cosine: the last step's rate; plateau: the lowest rate (default 0)", in: 0...10) var lrMin: Double?
    @Option(help: "clip each parameter's gradient to this L2 norm before the step, as Keras's clipnorm", in: 1e-6...1e6) var clipnorm: Float?

    /// The schedule the options describe, or the one line that says which option does not fit.
    func learningRateSchedule() throws -> LearningRateSchedule {
        let given: [(name: String, isSet: Bool, appliesTo: [ScheduleChoice])] = [
            ("lr_step", lrStep != nil, [.step]), ("lr_factor", lrFactor != nil, [.step, .plateau]),
            ("lr_patience", lrPatience != nil, [.plateau]), ("lr_cooldown", lrCooldown != nil, [.plateau]),
            ("lr_min", lrMin != nil, [.cosine, .plateau]),
        ]
        for option in given where option.isSet && !option.appliesTo.contains(schedule) {
            throw NotebookError.badOption(command: Self.name, option: option.name,
                                          reason: "applies to lr_schedule=" + option.appliesTo.map(\.rawValue).joined(separator: " or ") + ", not \(schedule.rawValue)")
        }
        if let lrMin, lrMin >= Double(learningRate) {
            throw NotebookError.badOption(command: Self.name, option: "lr_min", reason: "must be below lr (\(learningRate.optionText)), not \(lrMin.optionText)")
        }
        switch schedule {
        case .constant: return .constant
        case .step: return .step(every: lrStep ?? 10, factor: lrFactor ?? 0.1)
        case .cosine: return .cosine(minimum: lrMin ?? 0)
        case .plateau: return .plateau(factor: lrFactor ?? 0.1, patience: lrPatience ?? 10, minDelta: 1e-4, cooldown: lrCooldown ?? 0, minimum: lrMin ?? 0)
        }
    }

    /// The options checked against each other before anything trains.
    func checkControls() throws -> LearningRateSchedule {
        if !validate {
            if patience != nil {
                throw NotebookError.badOption(command: Self.name, option: "patience", reason: "watches val_loss, which validate=no turns off; drop one of them")
            }
            if schedule == .plateau {
                throw NotebookError.badOption(command: Self.name, option: "lr_schedule", reason: "plateau watches val_loss, which validate=no turns off; drop one of them")
            }
        }
        if let checkpoint, checkpoint.trimmingCharacters(in: .whitespaces).isEmpty {
            throw NotebookError.badOption(command: Self.name, option: "checkpoint", reason: "needs a path, e.g. checkpoint=out/best")
        }
        return try learningRateSchedule()
    }

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let schedule = try checkControls()
        let (data, model) = try kernel.requireFit(Self.name)
        let optimizer: Optimizer = self.optimizer == .sgd ? SGD(learningRate: learningRate, momentum: momentum) : Adam(learningRate: learningRate)
        if let loss { model.reconstruction = loss }
        let live = self.live ?? kernel.livePictures
        kernel.codes = nil
        let liveSample = data.test.prefix(500)
        let objective = ReconstructionObjective(model: model, data: data.train)
        let startEpoch = kernel.history.count
        let validate = self.validate
        cell.print("training on \(data.train.count) examples, \(epochs) epoch\(epochs == 1 ? "" : "s") of \((data.train.count + batch - 1) / batch) batches of \(batch), \(optimizer.description), \(model.kind.lossDescription ?? model.reconstruction.function.displayName)")
        let monitor = validate ? "val_loss" : "loss"
        var controls: [String] = []
        if schedule != .constant { controls.append("learning rate \(schedule.description)") }
        if let clipnorm { controls.append("gradients clipped to norm \(clipnorm.optionText)") }
        if let patience { controls.append("early stopping after \(patience) epoch\(patience == 1 ? "" : "s") without \(monitor) improving") }
        if let checkpoint { controls.append("the best weights saved to \(Checkpoint.paths(checkpoint).weights)") }
        if !controls.isEmpty { cell.print(controls.joined(separator: "; ")) }
        var checkpointFailure: String?
        // Each `train` of a model is a run of its own, kept for `compare runs`.
        let entry = kernel.current
        entry?.runs.append(TrainingRun(number: (entry?.runs.count ?? 0) + 1, command: cell.command.text, firstIndex: startEpoch))
        let control = kernel.newRun()
        let outcome = Trainer.fit(
            objective, examples: data.train.count, optimizer: optimizer,
            options: TrainingOptions(epochs: epochs, batchSize: batch, seed: seed, schedule: schedule, clipNorm: clipnorm,
                                     patience: patience, monitor: monitor, epochsBefore: startEpoch),
            control: control,
            epochEnd: { epoch in
                if live { emitLivePictures(model, liveSample, epoch: startEpoch + epoch, cell: cell) }
                return validate ? ["val_loss": Evaluation.loss(model, on: data.test)] : [:]
            },
            observer: { event in
                // One numbering for the log, the live panel, its pictures and `plot`: epochs go
                // on counting from the cells that trained before.
                let event = event.numbered(after: startEpoch)
                cell.emit(.training(event))
                if case .epochEnded(let report) = event {
                    kernel.history.append(report)
                    entry?.runs[entry!.runs.count - 1].epochCount += 1
                    cell.print(epochLine(report, total: startEpoch + epochs, rate: schedule != .constant, best: patience != nil || checkpoint != nil))
                    if let checkpoint, report.bestEpoch == report.epoch, checkpointFailure == nil {
                        do {
                            try Checkpoint.save(model, to: FilePath.expandingHome(checkpoint))
                        } catch {
                            checkpointFailure = "\(error)"
                            control.cancel()
                        }
                    }
                }
            }).numbered(after: startEpoch)
        if let last = kernel.history.last, kernel.history.count > startEpoch {
            cell.metrics["loss"] = last.loss
            for (name, value) in last.metrics { cell.metrics[name] = value }
            let run = kernel.history[startEpoch...]
            cell.metrics["epoch_seconds_median"] = median(run.map(\.epochSeconds))
            cell.metrics["samples_per_second"] = median(run.map(\.samplesPerSecond))
            if patience != nil || checkpoint != nil, let best = last.bestEpoch, let bestReport = run.first(where: { $0.epoch == best }) {
                cell.metrics["best_epoch"] = Double(best)
                cell.metrics["best_\(monitor)"] = bestReport.metrics[monitor] ?? bestReport.loss
            }
        }
        cell.metrics["epochs"] = Double(kernel.history.count - startEpoch)
        entry?.runs[entry!.runs.count - 1].outcome = outcome.summary
        if let checkpointFailure {
            throw NotebookError.failed("train: checkpoint: \(checkpointFailure); stopped after epoch \(kernel.history.count)")
        }
        let best = kernel.history.last?.bestEpoch
        switch outcome {
        case .completed:
            var line = outcome.summary + ", \(duration(kernel.history.last?.elapsedSeconds ?? 0)) in all"
            if patience != nil, let best, best != kernel.history.count {
                line += "; restored the weights of epoch \(best), the best \(monitor)"
            }
            cell.print(line)
        case .stoppedEarly:
            cell.print(outcome.summary)
        case .cancelled(let completed):
            cell.print(outcome.summary)
            // A notebook written from this session should do what ran, not what was asked.
            let partial = "the batches of epoch \(completed + 1) that ran before the stop are not repeated"
            cell.ranAs(option: "epochs", value: completed > 0 ? "\(completed)" : nil,
                       note: "cancelled after \(completed) of \(epochs) epochs; " + partial)
        case .diverged:
            throw NotebookError.failed("train: " + outcome.summary + "; try a lower lr")
        }
        if let checkpoint, let best { cell.print("best weights (epoch \(best)) in \(Checkpoint.paths(checkpoint).weights)") }
    }
}

/// `eval`: the model's figures on the test set.
struct EvalCommand: NotebookCommand {
    static let name = "eval"
    static let summary = "the model's figures on the test set: reconstruction error, −ELBO for a VAE, PSNR for a denoiser…"

    @Option(help: "VAEs: sampled z per test image for test_neg_elbo (their mean is reported)", in: 1...1000) var samples = 1
    @Option(name: "iw", help: "VAEs: importance samples per test image for test_nll, an estimate of −log p(x) (0 skips it)", in: 0...10_000)
    var importanceSamples = 100
    @Option(help: "compute the mean ‖∂h/∂x‖²_F of a dense encoder (default: for contractive models)") var jacobian: Bool?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        guard data.test.count > 0 else { throw NotebookError.needs(command: Self.name, what: "the test set is empty") }
        let metrics = Evaluation.metrics(model, on: data.test, options: EvaluationOptions(samples: samples, importanceSamples: importanceSamples, jacobian: jacobian))
        cell.print(evaluationText(metrics, examples: data.test.count, samples: samples, importanceSamples: importanceSamples,
                                  textUnit: model.fixedWordVectors == nil ? "nats" : "(squared error of word vectors)"))
        cell.metrics.merge(metrics) { $1 }
        kernel.current?.lastEval = metrics
    }
}

/// What a live viewer shows while training: the latent space of a fixed sample and the first
/// eight of it over their reconstructions (three questions over their decoding, for text). A headless printer skips these (see `isLive`).
func emitLivePictures(_ model: Autoencoder, _ sample: Dataset, epoch: Int, cell: Cell) {
    if var scatter = try? latentScatter(model, sample) {
        scatter.title = "latent space after epoch \(epoch)"
        cell.emit(.scatter(scatter))
    }
    if model.takesTokens, let text = sample.text {
        // The text version of the strip: three fixed questions over their greedy decoding.
        let (lines, right, real) = reconstructionLines(model, sample, text, 0..<min(3, sample.count))
        cell.emit(.figure(.textList(TextListData(title: "questions after epoch \(epoch): \(right) of \(real) words right", lines: lines))))
        return
    }
    guard let size = sample.imageSize, model.outputWidth == size.height * size.width else { return }
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
/// `textUnit` names what a text model's reconstruction is measured in.
func evaluationText(_ m: [String: Double], examples: Int, samples: Int, importanceSamples: Int, textUnit: String = "nats") -> String {
    var lines: [String] = []
    if let bce = m["test_bce"], let mse = m["test_mse"] {
        let against = m["translate_mse"] == nil ? "" : " against the targets"
        lines.append("test set, \(examples) examples\(against): binary cross-entropy \(fmt(bce)) per value, mean squared error \(fmt(mse, 5))")
    }
    if let accuracy = m["test_token_accuracy"], let rec = m["test_rec"] {
        // A text model: figures per question.
        if let elbo = m["test_neg_elbo"], let kl = m["test_kl"] {
            lines.append("test set, \(examples) questions: −ELBO \(fmt(elbo, 2)) \(textUnit) per question = reconstruction \(fmt(rec, 2)) + KL \(fmt(kl, 2)) (one sampled z a question)")
        } else {
            lines.append("test set, \(examples) questions: reconstruction \(fmt(rec, 2)) \(textUnit) per question")
        }
        lines.append("greedy decoding of the codes gets \(fmt(100 * accuracy, 1))% of the words right")
    } else if let elbo = m["test_neg_elbo"] {
        let draws = samples == 1 ? "one sampled z an image" : "the mean over \(samples) sampled z an image"
        lines.append("−ELBO \(fmt(elbo, 2)) nats per image (\(draws); reconstruction summed over values + KL \(fmt(m["test_kl"] ?? .nan, 2)))")
        if let atMean = m["test_rec_at_mean"], let elboAtMean = m["test_neg_elbo_at_mean"] {
            lines.append("decoding μ instead of a sampled z: reconstruction \(fmt(atMean, 2)) nats, −ELBO \(fmt(elboAtMean, 2))")
        }
        if let nll = m["test_nll"] { lines.append("−log p(x) ≈ \(fmt(nll, 2)) nats (importance-weighted with \(importanceSamples) samples, Burda et al. 2016)") }
    }
    if let noisy = m["psnr_noisy_db"], let clean = m["psnr_denoised_db"] {
        lines.append("PSNR against the clean images: noisy input \(fmt(noisy, 2)) dB → denoised \(fmt(clean, 2)) dB (+\(fmt(clean - noisy, 2)) dB)")
    }
    if let translated = m["translate_mse"], let baseline = m["mean_target_mse"] {
        lines.append("translation: mean squared error against the targets \(fmt(translated, 5)); predicting the mean target image \(fmt(baseline, 5)) (ratio \(fmt(translated / baseline, 3)))")
    }
    var code: [String] = []
    if let meanCode = m["mean_abs_code"] { code.append("mean |code| \(fmt(meanCode))") }
    if let j = m["jacobian_frobenius_sq"] {
        let used = m["jacobian_examples"].map(Int.init) ?? examples
        code.append("mean ‖∂h/∂x‖²_F \(fmt(j, 3))" + (used < examples ? " (over the first \(used) examples, the compute budget)" : ""))
    }
    if !code.isEmpty { lines.append(code.joined(separator: ", ")) }
    return lines.joined(separator: "\n")
}

/// "epoch 3/50  loss 0.1234  val_loss 0.1200  0.21s  23,800/s  ETA 10s"; with `rate`, the
/// learning rate after the figures, and with `best`, "(best)" on the best epoch so far.
func epochLine(_ r: EpochReport, total: Int, rate: Bool = false, best: Bool = false) -> String {
    var parts = ["epoch \(r.epoch)/\(total)", "loss \(fmt(r.loss))"]
    if r.terms.count > 1 { parts += r.terms.keys.sorted().map { "\($0) \(fmt(r.terms[$0]!))" } }
    parts += r.metrics.keys.sorted().map { "\($0) \(fmt(r.metrics[$0]!))" }
    if rate, let lr = r.learningRate { parts.append("lr " + String(format: "%.3g", lr)) }
    if best, r.bestEpoch == r.epoch { parts.append("(best)") }
    parts += [duration(r.epochSeconds), "\(Summary.grouped(Int(r.samplesPerSecond)))/s"]
    if r.etaSeconds > 0.5 { parts.append("ETA \(duration(r.etaSeconds))") }
    return parts.joined(separator: "  ")
}
