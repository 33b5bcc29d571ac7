import Analysis
import Autoencoders
import Datasets
import Files
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// Which half of the data a picture is drawn from.
enum SplitChoice: String, ChoiceValue {
    case test, train

    func of(_ data: DataSplit) -> Dataset { self == .test ? data.test : data.train }
}

/// `show`: originals over their reconstructions.
struct ShowCommand: NotebookCommand {
    static let name = "show"
    static let summary = "originals over their reconstructions (and the noisy inputs, for a denoiser; the targets, for a translator)"

    @Option(help: "how many examples", in: 1...100) var n = 10
    @Option(help: "which half of the data") var split = SplitChoice.test
    @Option(help: "index of the first example", in: 0...Int(Int32.max)) var from = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let set = split.of(data)
        guard from < set.count else { throw NotebookError.badOption(command: Self.name, option: "from", reason: "is past the \(set.count) examples") }
        let n = min(self.n, set.count - from)
        let (h, w) = try kernel.imageSize(Self.name)
        let x = set.batch(from..<(from + n))
        var rows: [Tensor] = [x]
        var captions = ["original"]
        if let denoiser = model.kind as? DenoiseKind {
            var random = Random(seed: 7)
            let noisy = denoiser.corrupt(x, random: &random)
            rows += [noisy, model.predict(noisy)]
            captions += ["noisy", "denoised"]
        } else if let translator = model.kind as? TranslateKind {
            rows += [translator.trainingTarget(x), model.predict(x)]
            captions += ["target (\(translator.target.rawValue))", "output"]
        } else {
            rows.append(model.predict(x))
            captions.append("reconstructed")
        }
        let all = Tensor(uninitialized: [rows.count * n, h * w])
        for (r, t) in rows.enumerated() { (all.data + r * n * h * w).update(from: t.data, count: t.count) }
        let labels = set.labels.map { l in (from..<(from + n)).map { set.classNames.indices.contains(l[$0]) ? set.classNames[l[$0]] : String(l[$0]) } }
        cell.show(.images(ImageGridData(title: "\(set.name) \(from)…\(from + n - 1): " + captions.joined(separator: " / "), columns: n, width: w, height: h,
                                        rows: all.data, count: rows.count * n, rowCaptions: captions, columnCaptions: labels)), name: Self.name)
    }
}

/// `variations`: the seed's 10×10 grid, one image through the VAE n×n times.
struct VariationsCommand: NotebookCommand {
    static let name = "variations"
    static let summary = "pass one image through the VAE n×n times and show the decoded samples"

    @Option(help: "which image", in: 0...Int(Int32.max)) var index = 0
    @Option(name: "from", help: "take the image from the test or the training set (the seed's is X_train[4])") var split = SplitChoice.test
    @Option(help: "grid side", in: 1...30) var n = 10
    @Option(name: "eps_std", help: "standard deviation of ε (default: the model's)", in: 0...10) var epsilonStd: Float?
    @Option(help: "seed for the samples") var seed: UInt64 = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let variational = try kernel.requireVAE(Self.name)
        let (h, w) = try kernel.imageSize(Self.name)
        let set = split.of(data)
        guard index < set.count else { throw NotebookError.badOption(command: Self.name, option: "index", reason: "is past the \(set.count) \(split.rawValue) images") }
        var random = Random(seed: seed)
        let latent = model.codeWidth
        let images = Tensor.withoutGradients { () -> Tensor in
            var context = ForwardContext.inference
            let (mean, logVariance) = model.gaussian(set.batch(index..<(index + 1)), &context)
            let means = Tensor(uninitialized: [n * n, latent]), logVariances = Tensor(uninitialized: [n * n, latent])
            for i in 0..<(n * n) {
                (means.data + i * latent).update(from: mean.data, count: latent)
                (logVariances.data + i * latent).update(from: logVariance.data, count: latent)
            }
            let z = Variational.sample(mean: means, logVariance: logVariances, epsilonStd: epsilonStd ?? variational.epsilonStd, random: &random)
            cell.metrics["sigma_mean"] = Double((0..<latent).map { Foundation.exp(0.5 * logVariance.data[$0]) }.reduce(0, +) / Float(latent))
            return model.decode(z)
        }
        let label = set.labels.map { " (a \(set.classNames[$0[index]]))" } ?? ""
        cell.show(.images(ImageGridData(title: "\(n)×\(n) variations of \(split.rawValue) image \(index)\(label)", columns: n, width: w, height: h,
                                        rows: images.data, count: n * n, colorMap: .gnuplot2)), name: Self.name)
    }
}

/// Where `sample` takes its codes from.
enum SampleMode: String, ChoiceValue { case prior, grid }

/// `sample`: decoded draws from the prior, or the latent plane decoded.
struct SampleCommand: NotebookCommand {
    static let name = "sample"
    static let summary = "decode codes drawn from the VAE's prior N(0, I), or a grid over a 2-d latent space"

    @Option(help: "grid side (a text VAE: how many questions)", in: 1...30) var n = 10
    @Option(help: "prior: random draws; grid: evenly spaced normal quantiles over the first two latent axes") var mode = SampleMode.prior
    @Option(help: "seed for the draws") var seed: UInt64 = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (_, model) = try kernel.requireFit(Self.name)
        _ = try kernel.requireVAE(Self.name)
        if model.takesTokens {
            guard mode == .prior else { throw NotebookError.badOption(command: Self.name, option: "mode", reason: "is grid, which draws images; a text VAE takes mode=prior") }
            return try sampleQuestions(kernel, n: n, seed: seed, cell)
        }
        let (h, w) = try kernel.imageSize(Self.name)
        var random = Random(seed: seed)
        let latent = model.codeWidth
        let z = Tensor(zeros: [n * n, latent])
        for r in 0..<n {
            for c in 0..<n {
                let row = z.data + (r * n + c) * latent
                if mode == .grid {
                    // Quantiles of N(0, 1) at (i + 0.5)/n, as the Keras VAE example's manifold plot.
                    row[0] = normalQuantile((Double(c) + 0.5) / Double(n))
                    if latent > 1 { row[1] = normalQuantile(1 - (Double(r) + 0.5) / Double(n)) }
                } else {
                    for j in 0..<latent { row[j] = random.normal() }
                }
            }
        }
        let images = model.decode(z)
        cell.show(.images(ImageGridData(title: mode == .grid ? "the latent plane decoded, \(n)×\(n)" : "\(n * n) draws from the prior, decoded", columns: n,
                                        width: w, height: h, rows: images.data, count: n * n, colorMap: .gnuplot2)), name: Self.name)
    }
}

/// `scatter`: the codes in two dimensions, coloured by class.
struct ScatterCommand: NotebookCommand {
    static let name = "scatter"
    static let summary = "the latent space in two dimensions, coloured by class"

    @Option(help: "which half of the data") var split = SplitChoice.test
    @Option(help: "how many examples", in: 2...1_000_000) var n = 2000

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let set = split.of(data)
        guard set.count >= 2 else { throw NotebookError.needs(command: Self.name, what: "the \(split.rawValue) set has \(set.count) example\(set.count == 1 ? "" : "s"); a scatter needs two") }
        let scatter = try latentScatter(model, set.prefix(min(n, set.count)))
        cell.show(.scatter(scatter), name: Self.name)
    }
}

/// `plot`: the loss curves so far.
struct PlotCommand: NotebookCommand {
    static let name = "plot"
    static let summary = "the loss curves of the training so far"

    @Option(help: "a logarithmic loss axis") var log = false
    @Option(help: "exponential smoothing weight", in: 0...0.99) var smooth: Double = 0
    @Option(help: "the first epoch shown, the axes fitted to the epochs from it (default: every epoch, the first few left out of the fit when they would flatten the rest)",
            in: 1...Int(Int32.max))
    var from: Int?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard !kernel.history.isEmpty else { throw NotebookError.needs(command: Self.name, what: "nothing trained yet; run 'train' first") }
        if let from, from > kernel.history.count {
            throw NotebookError.badOption(command: Self.name, option: "from", reason: "is past the \(kernel.history.count) epoch\(kernel.history.count == 1 ? "" : "s") trained so far")
        }
        var chart = trainingChart(kernel.history, logY: log, smoothing: smooth)
        chart.from = from.map(Double.init)
        cell.show(.chart(chart), name: Self.name)
        cell.metrics["epochs"] = Double(kernel.history.count)
    }
}

/// `export FILE.png [what]`: any picture as PNG, with what made it in its text chunks.
struct ExportCommand: NotebookCommand {
    static let name = "export"
    static let summary = "write a picture as PNG: the last one, or one by name ('help export' lists them)"
    static let pictureNames = ["show", "variations", "sample", "scatter", "plot",
                               "compress", "decompress", "interpolate", "arith", "augment",
                               "retrieve", "retrieve-pixels", "retrieval", "anomaly", "anomaly-scores", "semi", "data3d", "reduce",
                               "compare", "weights", "activations", "grads", "map", "path", "pin"]

    @Argument(name: "FILE.png", help: "the PNG file to write") var path: String?
    @Argument(name: "PICTURE", help: "which picture: " + ExportCommand.pictureNames.joined(separator: ", ") + " (default: the last one)", optional: true)
    var what: String?
    @Option(help: "pixels per image pixel in grids", in: 1...16) var scale = 3

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let path else { throw NotebookError.badArgument(command: Self.name, reason: "give a file name, e.g. export grid.png") }
        guard path.lowercased().hasSuffix(".png") else { throw NotebookError.badArgument(command: Self.name, reason: "'\(path)' should end in .png") }
        if let what, !Self.pictureNames.contains(what) {
            let hint = closest(to: what, in: Self.pictureNames).map { "did you mean '\($0)'?" } ?? "choose one of \(Self.pictureNames.joined(separator: ", "))"
            throw NotebookError.badArgument(command: Self.name, reason: "nothing called '\(what)' to export; \(hint)")
        }
        let trained = kernel.history.isEmpty ? nil : Figure.chart(trainingChart(kernel.history, logY: false, smoothing: 0))
        let figure = what.map { $0 == "plot" ? trained : kernel.pictures[$0] } ?? (kernel.lastPicture ?? trained)
        guard let figure else {
            // Pictures named after a part of what their command shows say which command that is.
            let makers = ["retrieve-pixels": "retrieve", "anomaly-scores": "anomaly", "data3d": "reduce",
                          "weights": "inspect", "activations": "inspect", "grads": "inspect",
                          "compare": "compare runs", "map": "explore", "path": "explore", "pin": "explore"]
            let maker = what.map { makers[$0] ?? $0 }
            throw NotebookError.needs(command: Self.name, what: "no \(what ?? "picture") yet; run \(maker ?? "show, variations, sample, scatter or plot") first")
        }
        let raster = figure.png(scale: scale)
        var text: [(key: String, value: String)] = [("Software", "aelab \(Session.aelabVersion)"), ("Title", figure.title)]
        if let data = kernel.data { text.append(("Data", "\(data.train.name) \(data.train.count)/\(data.test.count)")) }
        if let model = kernel.model {
            text.append(("Model", model.description))
            text.append(("Epoch", String(kernel.history.count)))
        }
        text.append(("Creation Time", ISO8601DateFormatter().string(from: Date())))
        let created: String?
        do { created = try PNGFile.write(raster, to: FilePath.expandingHome(path), text: text) } catch { throw NotebookError.failed("export: \(error)") }
        if let created { cell.print("created the folder \(created)") }
        cell.print("wrote \(path), \(raster.width)×\(raster.height)")
        cell.metrics["width"] = Double(raster.width)
        cell.metrics["height"] = Double(raster.height)
    }
}

/// The codes of `set` as a 2-d scatter, projected on two principal components when wider.
func latentScatter(_ model: Autoencoder, _ set: Dataset) throws -> ScatterData {
    let codes = model.encode(set)
    let width = codes.shape[1]
    var xs = [Float](), ys = [Float]()
    var note: String?
    if width <= 2 {
        for i in 0..<set.count {
            xs.append(codes.data[i * width])
            ys.append(width == 2 ? codes.data[i * width + 1] : 0)
        }
    } else {
        let pca: PCA
        do { pca = try PCA(fitting: codes, components: 2) } catch { throw NotebookError.failed("scatter: \(error)") }
        let projected = try pca.transform(codes)
        for i in 0..<set.count {
            xs.append(projected.data[i * 2])
            ys.append(projected.data[i * 2 + 1])
        }
        note = String(format: "codes of %d dimensions projected on their first two principal components (%.0f%% of their variance)",
                      width, 100 * Double(pca.explainedRatio.reduce(0, +)))
    }
    var scatter = ScatterData(title: "latent space of \(set.count) \(set.name) examples", xs: xs, ys: ys, classes: set.labels,
                              classNames: set.classNames, note: note)
    (scatter.xLabel, scatter.yLabel) = width <= 2 ? ("z₁", "z₂") : ("PC 1 of z", "PC 2 of z")
    return scatter
}

/// Loss, validation loss and each loss term over the epochs trained so far.
func trainingChart(_ history: [EpochReport], logY: Bool, smoothing: Double) -> ChartData {
    // Epochs are numbered from 1, as the log lines number them.
    var series = [ChartData.Series(name: "loss", values: history.map(\.loss), firstX: 1)]
    if history.allSatisfy({ $0.metrics["val_loss"] != nil }) {
        series.append(.init(name: "val_loss", values: history.map { $0.metrics["val_loss"]! }, firstX: 1))
    }
    let terms = Set(history.flatMap(\.terms.keys)).sorted()
    if terms.count > 1 {
        for term in terms { series.append(.init(name: term, values: history.map { $0.terms[term] ?? .nan }, firstX: 1)) }
    }
    var chart = ChartData(title: "training loss", xLabel: "epoch", series: series, logY: logY, smoothing: smoothing)
    chart.yLabel = "loss"
    return chart
}

extension Kernel {
    func requireVAE(_ command: String) throws -> any VariationalKind {
        let model = try requireModel(command)
        guard let kind = model.kind as? any VariationalKind else {
            throw NotebookError.needs(command: command, what: "needs a variational model (model vae); this one is \(model.kindName)")
        }
        return kind
    }

    func imageSize(_ command: String) throws -> (height: Int, width: Int) {
        let data = try requireData(command)
        guard let size = data.train.imageSize else {
            throw NotebookError.needs(command: command, what: "\(data.train.name) holds rows of \(data.train.features) values, not images")
        }
        return size
    }
}

/// Φ⁻¹(p) by bisection on erfc: plenty for drawing a grid.
func normalQuantile(_ p: Double) -> Float {
    var low = -10.0, high = 10.0
    for _ in 0..<60 {
        let mid = (low + high) / 2
        if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { low = mid } else { high = mid }
    }
    return Float((low + high) / 2)
}
