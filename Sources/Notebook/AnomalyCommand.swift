import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// Which class `anomaly` holds out: one, or each in turn.
enum HoldOut: OptionValue {
    case one(Int)
    case all

    static func parse(_ text: String) -> Result<HoldOut, OptionProblem> {
        if text.lowercased() == "all" { return .success(.all) }
        guard let k = Int(text), k >= 0 else { return .failure(OptionProblem("must be a class number (0, 1, …) or all, not '\(text)'")) }
        return .success(.one(k))
    }
    var optionText: String { if case .one(let k) = self { return String(k) } else { return "all" } }
    static var placeholder: String { "K|all" }
}

/// How `anomaly` scores a test image: larger is more anomalous.
enum AnomalyScore: String, ChoiceValue {
    /// ‖x − x̂‖² / ‖x‖²: the share of the image the model fails to rebuild.
    case relative
    /// ‖x − x̂‖² / pixels: plain reconstruction error.
    case error
    /// A VAE's −ELBO: −log p(x|z) summed over pixels for sampled z, plus the KL.
    case elbo

    var words: String {
        switch self {
        case .relative: return "relative error: squared error / the image's squared norm"
        case .error: return "squared error"
        case .elbo: return "−ELBO"
        }
    }
}

/// `anomaly holdout=K`: a fresh model of the current kind, trained without class K, finds the
/// K's of the test set by its score; PCA of the same width, fitted to the same images, is the
/// baseline. The current model only says which kind to train (and is left as it was).
struct AnomalyCommand: NotebookCommand {
    static let name = "anomaly"
    static let summary = "train a fresh model of the current kind without one class, then find that class in the test set by its score, beside PCA"

    @Option(help: "the class left out of training (the anomaly to find), or all: each class in turn") var holdout: HoldOut?
    @Option(help: "how a test image is scored: relative (‖x − x̂‖²/‖x‖², so thin digits are not favoured), error (squared error) or elbo (a VAE's −ELBO)")
    var score = AnomalyScore.relative
    @Option(help: "epochs of each fresh model", in: 1...100_000) var epochs = 15
    @Option(help: "batch size", in: 1...1_000_000) var batch = 32
    @Option(name: "lr", help: "Adam learning rate", in: 1e-9...10) var learningRate: Float = 0.001
    @Option(help: "seed for shuffling and for the VAE's sampled z") var seed: UInt64 = 0
    @Option(help: "elbo: sampled z per test image", in: 1...1000) var samples = 10

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let holdout else {
            throw NotebookError.badArgument(command: Self.name, reason: "say which class to hold out: holdout=K (a class number) or holdout=all")
        }
        let data = try kernel.requireData(Self.name)
        let labels = try kernel.requireLabels(Self.name, for: "anomaly detection")
        guard let model = kernel.model else {
            throw NotebookError.needs(command: Self.name, what: "no model to take the kind from; build one first, e.g. 'model vae hidden=512 latent=16' (anomaly trains its own copies)")
        }
        try kernel.checkFit(model, data, command: Self.name)
        if score == .elbo, !model.isVariational {
            throw NotebookError.badOption(command: Self.name, option: "score", reason: "elbo needs a variational model (model vae); this one is \(model.kindName)")
        }
        let classes = max(data.train.classCount, data.test.classCount)
        let held: [Int]
        switch holdout {
        case .all: held = Array(0..<classes)
        case .one(let k):
            guard k < classes else {
                throw NotebookError.badOption(command: Self.name, option: "holdout", reason: "names class \(k), but \(data.train.name) has classes 0…\(classes - 1)")
            }
            held = [k]
        }
        for k in held {
            guard labels.train.contains(where: { $0 != k }) else {
                throw NotebookError.needs(command: Self.name, what: "every training example is a \(className(data.train, k)); nothing is left to train on")
            }
            guard labels.test.contains(k), labels.test.contains(where: { $0 != k }) else {
                throw NotebookError.needs(command: Self.name, what: "the test set needs both \(className(data.test, k))s and other classes to score class \(k)")
            }
        }
        let width = model.codeWidth
        let test = data.test.all()
        cell.print("each run: a fresh \(model.description) trained for \(epochs) epochs on the training images of the other classes; PCA-\(width) fitted to the same images")
        var rows: [AnomalyRun] = []
        for k in held {
            let keep = labels.train.indices.filter { labels.train[$0] != k }
            let train = data.train.subset(keep)
            let fresh: Autoencoder
            do { fresh = try Autoencoder(model.kind, for: DataShape(data.train)) } catch { throw NotebookError.failed("anomaly: \(error)") }
            try kernel.trainAside(fresh, on: train, AsideTraining(epochs: epochs, batch: batch, learningRate: learningRate, seed: seed),
                                  cell: cell, label: "without \(className(data.train, k))")
            let pca = try fittedPCA(train.all(), components: width, command: Self.name)
            let run = try AnomalyRun(heldOut: k, model: fresh, pca: pca, test: test, labels: labels.test, score: score, samples: samples, seed: seed)
            rows.append(run)
            let positives = run.positives.filter { $0 }.count
            cell.print("ROC AUC of \"is a \(className(data.test, k))\" over \(test.shape[0]) test images (\(positives) of them \(className(data.test, k))s):"
                       + " \(model.kindName) \(score.rawValue) \(fmt(run.auc, 3)), PCA-\(width) squared error \(fmt(run.pcaAUC, 3))"
                       + (score == .error ? "" : "; \(model.kindName) squared error \(fmt(run.errorAUC, 3))")
                       + (run.pcaSameAUC.map { ", PCA-\(width) \(score.rawValue) \(fmt($0, 3))" } ?? ""))
        }
        report(rows, data: data, width: width, kind: model.kindName, cell: cell)
    }

    /// Figures and pictures: for one class, the scores by class and the most anomalous images;
    /// for all, the mean AUCs and a chart of each class's.
    private func report(_ rows: [AnomalyRun], data: DataSplit, width: Int, kind: String, cell: Cell) {
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }
        let auc = mean(rows.map(\.auc)), pcaAUC = mean(rows.map(\.pcaAUC)), errorAUC = mean(rows.map(\.errorAUC))
        cell.metrics["anomaly_auc"] = auc
        cell.metrics["pca_anomaly_auc"] = pcaAUC
        cell.metrics["anomaly_error_auc"] = errorAUC
        let same = rows.compactMap(\.pcaSameAUC)
        if same.count == rows.count { cell.metrics["pca_same_score_auc"] = mean(same) }
        if rows.count == 1, let run = rows.first {
            let k = run.heldOut
            let groups = (0..<max(data.test.classCount, k + 1)).map { c -> (name: String, values: [Double]) in
                (className(data.test, c) + (c == k ? " (held out)" : ""), run.positives.indices.filter { run.labels[$0] == c }.map { Double(run.scores[$0]) })
            }
            // The top half-percent would stretch the axis over a few images with almost no ink.
            let sorted = run.scores.map(Double.init).sorted()
            let hi = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.995))], lo = sorted.first ?? 0
            let bins = 40
            let binned = groups.map { group in
                var counts = [Int](repeating: 0, count: bins)
                for v in group.values { counts[max(0, min(bins - 1, Int((v - lo) / max(hi - lo, 1e-12) * Double(bins))))] += 1 }
                return HistogramData.Group(name: group.name, counts: counts)
            }
            cell.show(.histogram(HistogramData(title: "\(kind) trained without \(className(data.test, k)): the test images' \(score == .relative ? "relative error" : score.words) by class",
                                               lo: lo, hi: hi, groups: binned, xLabel: score.words + " (the last bin holds the top 0.5%)")),
                      name: "anomaly-scores")
            let top = run.scores.indices.sorted { run.scores[$0] > run.scores[$1] }.prefix(12)
            if let size = data.test.imageSize {
                let images = data.test.batch(Array(top))
                let captions = top.map { className(data.test, run.labels[$0]) + (run.labels[$0] == k ? "✓" : "") }
                cell.show(.images(ImageGridData(title: "the 12 test images with the highest \(score.rawValue) score (✓: a held-out \(className(data.test, k)))",
                                                columns: 12, width: size.width, height: size.height, rows: images.data, count: top.count,
                                                columnCaptions: captions)), name: Self.name)
            }
            let hits = top.filter { run.labels[$0] == k }.count
            cell.metrics["top12_held_out"] = Double(hits)
            cell.print("\(hits) of the 12 highest-scoring test images are \(className(data.test, k))s")
            return
        }
        for run in rows {
            cell.metrics["anomaly_auc_\(run.heldOut)"] = run.auc
            cell.metrics["pca_anomaly_auc_\(run.heldOut)"] = run.pcaAUC
        }
        cell.print("class held out:   " + rows.map { className(data.test, $0.heldOut).padding(7) }.joined())
        cell.print("\(kind) \(score.rawValue)".padding(18) + rows.map { fmt($0.auc, 3).padding(7) }.joined() + "mean \(fmt(auc, 3))")
        if score != .error { cell.print("\(kind) squared error".padding(18) + rows.map { fmt($0.errorAUC, 3).padding(7) }.joined() + "mean \(fmt(errorAUC, 3))") }
        cell.print("PCA-\(width) sq. error".padding(18) + rows.map { fmt($0.pcaAUC, 3).padding(7) }.joined() + "mean \(fmt(pcaAUC, 3))")
        if score != .error, same.count == rows.count {
            cell.print("PCA-\(width) \(score.rawValue)".padding(18) + same.map { fmt($0, 3).padding(7) }.joined() + "mean \(fmt(mean(same), 3))")
        }
        cell.print("mean ROC AUC: \(kind) \(score.rawValue) \(fmt(auc, 3)), PCA-\(width) squared error \(fmt(pcaAUC, 3)) (\(auc >= pcaAUC ? "+" : "")\(fmt(auc - pcaAUC, 3)))")
        var series = [ChartData.Series(name: "\(kind) \(score.rawValue)", values: rows.map(\.auc))]
        if score != .error { series.append(.init(name: "\(kind) squared error", values: rows.map(\.errorAUC))) }
        series.append(.init(name: "PCA-\(width) squared error", values: rows.map(\.pcaAUC)))
        if score != .error, same.count == rows.count { series.append(.init(name: "PCA-\(width) \(score.rawValue)", values: same)) }
        var chart = ChartData(title: "ROC AUC of finding each class after training without it", xLabel: "class held out", series: series)
        chart.yLabel = "ROC AUC"
        cell.show(.chart(chart), name: Self.name)
    }
}

/// One held-out class: the scores of every test image and their ROC AUCs for "is the class".
struct AnomalyRun {
    let heldOut: Int
    let labels: [Int]
    let positives: [Bool]
    /// The chosen score of each test image.
    let scores: [Float]
    let auc: Double
    /// The model's plain squared error.
    let errorAUC: Double
    /// PCA's squared error: the baseline.
    let pcaAUC: Double
    /// PCA under the chosen score, when it applies to PCA.
    let pcaSameAUC: Double?

    init(heldOut k: Int, model: Autoencoder, pca: PCA, test: Tensor, labels: [Int], score: AnomalyScore, samples: Int, seed: UInt64) throws {
        heldOut = k
        self.labels = labels
        positives = labels.map { $0 == k }
        let rebuilt = model.predict(test)
        let pcaRebuilt = try measuring(AnomalyCommand.name) { try pca.inverse(pca.transform(test)) }
        let ink = AnomalyRun.squaredNorms(test)
        let error = AnomalyRun.squaredErrors(test, rebuilt), pcaError = AnomalyRun.squaredErrors(test, pcaRebuilt)
        switch score {
        case .error: scores = error
        case .relative: scores = AnomalyRun.relative(error, ink)
        case .elbo: scores = AnomalyRun.negativeELBO(model, test, samples: samples, seed: seed)
        }
        let positives = self.positives
        func rocAUC(_ s: [Float]) throws -> Double { try measuring(AnomalyCommand.name) { try Metrics.rocAUC(scores: s, positives: positives) } }
        auc = try rocAUC(scores)
        errorAUC = try rocAUC(error)
        pcaAUC = try rocAUC(pcaError)
        pcaSameAUC = score == .relative ? try rocAUC(AnomalyRun.relative(pcaError, ink)) : nil
    }

    /// ‖a_i − b_i‖² of each row.
    static func squaredErrors(_ a: Tensor, _ b: Tensor) -> [Float] {
        let n = a.shape[0], d = a.shape[1]
        return (0..<n).map { i in
            var s: Float = 0
            for j in 0..<d { let e = a.data[i * d + j] - b.data[i * d + j]; s += e * e }
            return s
        }
    }

    /// ‖a_i‖² of each row.
    static func squaredNorms(_ a: Tensor) -> [Float] {
        let n = a.shape[0], d = a.shape[1]
        return (0..<n).map { i in
            var s: Float = 0
            for j in 0..<d { s += a.data[i * d + j] * a.data[i * d + j] }
            return s
        }
    }

    /// Errors over the images' own squared norms; an empty image scores its error over a tiny norm.
    static func relative(_ error: [Float], _ norms: [Float]) -> [Float] {
        zip(error, norms).map { $0 / max($1, 1e-6) }
    }

    /// A VAE's −ELBO of each row: −log p(x|z) summed over values, averaged over `samples`
    /// draws of z from q(z|x), plus KL(q(z|x) ‖ N(0, I)).
    static func negativeELBO(_ model: Autoencoder, _ x: Tensor, samples: Int, seed: UInt64) -> [Float] {
        var random = Random(seed: seed)
        let epsilonStd = (model.kind as? any VariationalKind)?.epsilonStd ?? 1
        let n = x.shape[0], d = x.shape[1]
        var out = [Float](repeating: 0, count: n)
        Tensor.withoutGradients {
            for start in stride(from: 0, to: n, by: 500) {
                let batch = x.rows(start..<min(n, start + 500))
                var context = ForwardContext.inference
                let (mean, logVariance) = model.gaussian(batch, &context)
                let m = batch.shape[0], latent = mean.shape[1]
                for _ in 0..<samples {
                    let z = Variational.sample(mean: mean, logVariance: logVariance, epsilonStd: epsilonStd, random: &random)
                    let decoded = model.decodeLogits(z, &context)
                    let per = model.reconstruction.function.elementwise(logits: decoded.logits, activation: decoded.activation,
                                                                        target: batch.reshaped(decoded.logits.shape))
                    for i in 0..<m {
                        var s: Float = 0
                        for j in 0..<d { s += per.data[i * d + j] }
                        out[start + i] += s / Float(samples)
                    }
                }
                for i in 0..<m {
                    var kl: Float = 0
                    for j in 0..<latent {
                        let mu = mean.data[i * latent + j], lv = logVariance.data[i * latent + j]
                        kl += -0.5 * (1 + lv - mu * mu - Foundation.exp(lv))
                    }
                    out[start + i] += kl
                }
            }
        }
        return out
    }
}
