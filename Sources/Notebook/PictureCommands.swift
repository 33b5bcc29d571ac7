import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Rendering
import Tensors

extension Kernel {
    static let showCommand = CommandSpec(
        name: "show", usage: "show [n=10] [split=test]", summary: "originals over their reconstructions (and the noisy inputs, for a denoiser)",
        options: [
            .init(name: "n", help: "how many examples (default 10)"),
            .init(name: "split", help: "test or train (default test)"),
            .init(name: "from", help: "index of the first example (default 0)"),
        ]
    ) { kernel, _, options, cell in
        let data = try kernel.requireData("show")
        let model = try kernel.requireModel("show")
        try kernel.checkFit(model, data, command: "show")
        let set = try options.split(data)
        let first = try options.int("from", default: 0, in: 0...Int(Int32.max))
        guard first < set.count else { throw NotebookError.badOption(command: "show", option: "from", reason: "is past the \(set.count) examples") }
        let n = min(try options.int("n", default: 10, in: 1...100), set.count - first)
        let (h, w) = try kernel.imageSize("show")
        let x = set.batch(first..<(first + n))
        var rows: [Tensor] = [x]
        var captions = ["original"]
        if model.config.kind == .denoise {
            var random = Random(seed: 7)
            let noisy = Corruption.apply(model.config.noise, level: model.config.noiseLevel, to: x, random: &random)
            rows += [noisy, model.predict(noisy)]
            captions += ["noisy", "denoised"]
        } else {
            rows.append(model.predict(x))
            captions.append("reconstructed")
        }
        let all = Tensor(uninitialized: [rows.count * n, h * w])
        for (r, t) in rows.enumerated() { (all.data + r * n * h * w).update(from: t.data, count: t.count) }
        let labels = set.labels.map { l in (first..<(first + n)).map { set.classNames.indices.contains(l[$0]) ? set.classNames[l[$0]] : String(l[$0]) } }
        cell.show(.images(ImageGridData(title: "\(set.name) \(first)…\(first + n - 1): " + captions.joined(separator: " / "), columns: n, width: w, height: h,
                                        rows: all.data, count: rows.count * n, rowCaptions: captions, columnCaptions: labels)), name: "show")
    }

    static let variationsCommand = CommandSpec(
        name: "variations", usage: "variations index=I [n=10]", summary: "pass one test image through the VAE n×n times and show the decoded samples",
        options: [
            .init(name: "index", help: "which test image (default 0)"),
            .init(name: "n", help: "grid side (default 10)"),
            .init(name: "eps_std", help: "standard deviation of ε (default: the model's)"),
            .init(name: "seed", help: "seed for the samples (default 0)"),
        ]
    ) { kernel, _, options, cell in
        let data = try kernel.requireData("variations")
        let model = try kernel.requireVAE("variations")
        let (h, w) = try kernel.imageSize("variations")
        let index = try options.int("index", default: 0, in: 0...Int(Int32.max))
        guard index < data.test.count else { throw NotebookError.badOption(command: "variations", option: "index", reason: "is past the \(data.test.count) test images") }
        let n = try options.int("n", default: 10, in: 1...30)
        let std = try options.float("eps_std", default: model.config.epsilonStd, in: 0...10)
        var random = Random(seed: try options.seed(default: 0))
        let latent = model.codeWidth
        let heads = Tensor.withoutGradients { () -> Tensor in
            var context = ForwardContext.inference
            return model.encoder(data.test.batch(index..<(index + 1)), &context)
        }
        let z = Tensor(uninitialized: [n * n, latent])
        for i in 0..<(n * n) {
            for j in 0..<latent {
                z.data[i * latent + j] = heads.data[j] + Foundation.exp(0.5 * heads.data[latent + j]) * std * random.normal()
            }
        }
        let images = model.decode(z)
        let label = data.test.labels.map { " (a \(data.test.classNames[$0[index]]))" } ?? ""
        cell.show(.images(ImageGridData(title: "\(n)×\(n) variations of test image \(index)\(label)", columns: n, width: w, height: h,
                                        rows: images.data, count: n * n, colorMap: "gnuplot2")), name: "variations")
        cell.metrics["sigma_mean"] = Double((0..<latent).map { Foundation.exp(0.5 * heads.data[latent + $0]) }.reduce(0, +) / Float(latent))
    }

    static let sampleCommand = CommandSpec(
        name: "sample", usage: "sample [n=10] [mode=prior|grid]", summary: "decode codes drawn from the VAE's prior N(0, I), or a grid over a 2-d latent space",
        options: [
            .init(name: "n", help: "grid side (default 10)"),
            .init(name: "mode", help: "prior: random draws; grid: evenly spaced normal quantiles over the first two latent axes (default prior)"),
            .init(name: "seed", help: "seed for the draws (default 0)"),
        ]
    ) { kernel, _, options, cell in
        let model = try kernel.requireVAE("sample")
        let (h, w) = try kernel.imageSize("sample")
        let n = try options.int("n", default: 10, in: 1...30)
        let grid = try options.choice("mode", default: false, from: ["prior", "grid"]) { $0 == "grid" ? true : $0 == "prior" ? false : nil }
        var random = Random(seed: try options.seed(default: 0))
        let latent = model.codeWidth
        let z = Tensor(zeros: [n * n, latent])
        for r in 0..<n {
            for c in 0..<n {
                let row = z.data + (r * n + c) * latent
                if grid {
                    // Quantiles of N(0, 1) at (i + 0.5)/n, as the Keras VAE example's manifold plot.
                    row[0] = normalQuantile((Double(c) + 0.5) / Double(n))
                    if latent > 1 { row[1] = normalQuantile(1 - (Double(r) + 0.5) / Double(n)) }
                } else {
                    for j in 0..<latent { row[j] = random.normal() }
                }
            }
        }
        let images = model.decode(z)
        cell.show(.images(ImageGridData(title: grid ? "the latent plane decoded, \(n)×\(n)" : "\(n * n) draws from the prior, decoded", columns: n,
                                        width: w, height: h, rows: images.data, count: n * n, colorMap: "gnuplot2")), name: "sample")
    }

    static let scatterCommand = CommandSpec(
        name: "scatter", usage: "scatter [split=test] [n=2000]", summary: "the latent space in two dimensions, coloured by class",
        options: [
            .init(name: "split", help: "test or train (default test)"),
            .init(name: "n", help: "how many examples (default 2000)"),
        ]
    ) { kernel, _, options, cell in
        let data = try kernel.requireData("scatter")
        let model = try kernel.requireModel("scatter")
        try kernel.checkFit(model, data, command: "scatter")
        let set = try options.split(data)
        let n = min(try options.int("n", default: 2000, in: 2...1_000_000), set.count)
        let scatter = try latentScatter(model, set.prefix(n))
        if let note = scatter.note { cell.print(note) }
        cell.show(.scatter(scatter), name: "scatter")
    }

    static let plotCommand = CommandSpec(
        name: "plot", usage: "plot [log=no]", summary: "the loss curves of the training so far",
        options: [
            .init(name: "log", help: "yes: a logarithmic loss axis (default no)"),
            .init(name: "smooth", help: "exponential smoothing weight 0…0.99 (default 0)"),
        ]
    ) { kernel, _, options, cell in
        guard !kernel.history.isEmpty else { throw NotebookError.needs(command: "plot", what: "nothing trained yet; run 'train' first") }
        let log = try options.yesNo("log", default: false)
        let smoothing = try options.float("smooth", default: 0, in: 0...0.99)
        cell.show(.chart(trainingChart(kernel.history, logY: log, smoothing: Double(smoothing))), name: "plot")
        cell.metrics["epochs"] = Double(kernel.history.count)
    }

    static let exportCommand = CommandSpec(
        name: "export", usage: "export FILE.png [what]", summary: "write a picture as PNG: the last one, or show, variations, sample, scatter, plot",
        options: [.init(name: "scale", help: "pixels per image pixel in grids (default 3)")]
    ) { kernel, command, options, cell in
        guard let path = command.arguments.first, command.arguments.count <= 2 else {
            throw NotebookError.badArgument(command: "export", reason: "give a file name, e.g. export grid.png")
        }
        guard path.lowercased().hasSuffix(".png") else { throw NotebookError.badArgument(command: "export", reason: "'\(path)' should end in .png") }
        let what = command.arguments.count == 2 ? command.arguments[1] : nil
        let known = ["show", "variations", "sample", "scatter", "plot"]
        if let what, !known.contains(what) {
            let hint = suggestion(for: what, in: known).map { "did you mean '\($0)'?" } ?? "choose one of \(known.joined(separator: ", "))"
            throw NotebookError.badArgument(command: "export", reason: "nothing called '\(what)' to export; \(hint)")
        }
        var event: KernelEvent?
        if let what {
            event = what == "plot" && !kernel.history.isEmpty ? .chart(trainingChart(kernel.history, logY: false, smoothing: 0)) : kernel.pictures[what]
        } else {
            event = kernel.lastPicture ?? (kernel.history.isEmpty ? nil : .chart(trainingChart(kernel.history, logY: false, smoothing: 0)))
        }
        guard let event, var raster = event.picture else {
            throw NotebookError.needs(command: "export", what: "no \(what ?? "picture") yet; run \(what ?? "show, variations, sample, scatter or plot") first")
        }
        if case .images(let grid) = event, options.has("scale") {
            raster = grid.picture(scale: try options.int("scale", default: 3, in: 1...16))
        }
        var text: [(key: String, value: String)] = [("Software", "aelab"), ("Title", event.pictureTitle ?? "")]
        if let model = kernel.model {
            text.append(("Model", Kernel.describe(model.config)))
            text.append(("Seed", String(model.config.seed)))
            text.append(("Epoch", String(kernel.history.count)))
        }
        do {
            try PNGFile.write(raster, to: path, text: text)
        } catch {
            throw NotebookError.failed("export: \(error)")
        }
        cell.print("wrote \(path), \(raster.width)×\(raster.height)")
        cell.metrics["width"] = Double(raster.width)
        cell.metrics["height"] = Double(raster.height)
    }

    /// The codes of `set` as a 2-d scatter, projected on two principal components when wider.
    static func latentScatter(_ model: Autoencoder, _ set: Dataset) throws -> ScatterData {
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
        return ScatterData(title: "latent space of \(set.count) \(set.name) examples", xs: xs, ys: ys, classes: set.labels,
                           classNames: set.classNames, note: note)
    }

    /// Loss, validation loss and each loss term over the epochs trained so far.
    static func trainingChart(_ history: [EpochReport], logY: Bool, smoothing: Double) -> ChartData {
        var series = [ChartData.Series(name: "loss", values: history.map(\.loss))]
        if history.allSatisfy({ $0.metrics["val_loss"] != nil }) {
            series.append(.init(name: "val_loss", values: history.map { $0.metrics["val_loss"]! }))
        }
        let terms = Set(history.flatMap(\.terms.keys)).sorted()
        if terms.count > 1 {
            for term in terms { series.append(.init(name: term, values: history.map { $0.terms[term] ?? .nan })) }
        }
        return ChartData(title: "training loss", xLabel: "epoch", series: series, logY: logY, smoothing: smoothing)
    }

    func requireVAE(_ command: String) throws -> Autoencoder {
        let model = try requireModel(command)
        guard model.config.kind.isVariational else {
            throw NotebookError.needs(command: command, what: "needs a variational model (model vae); this one is \(model.config.kind.rawValue)")
        }
        return model
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
