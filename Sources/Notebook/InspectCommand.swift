import Autoencoders
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// `inspect LAYER`: what TensorBoard's histograms show of a layer, in a cell: its weights, its
/// activations on a test batch (with the share of dead ReLU units), and its gradient norm by
/// epoch as `train` recorded it.
struct InspectCommand: NotebookCommand {
    static let name = "inspect"
    static let summary = "look inside a layer: histograms of its weights and of its activations on test examples (dead ReLUs), its gradient norm by epoch"

    @Argument(name: "LAYER", help: "the layer, named as the model names it: encoder/dense, decoder/dense_1, encoder/z_mean …") var layer: String?
    @Option(help: "test examples the activations are measured on", in: 1...10_000) var n = 256
    @Option(help: "bins of each histogram", in: 2...200) var bins = 40

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let layers = model.encoder.namedLayers + model.decoder.namedLayers
        let names = layers.map(\.layer.name)
        guard let wanted = layer else {
            throw NotebookError.badArgument(command: Self.name, reason: "name a layer: \(names.joined(separator: ", "))")
        }
        guard let target = layers.first(where: { $0.layer.name == wanted })?.layer else {
            let hint = closest(to: wanted, in: names).map { "did you mean '\($0)'? " } ?? ""
            throw NotebookError.badArgument(command: Self.name, reason: "no layer '\(wanted.escapingControlCharacters)' in \(kernel.current?.name ?? model.kindName); \(hint)its layers are \(names.joined(separator: ", "))")
        }
        guard data.test.count > 0 else { throw NotebookError.needs(command: Self.name, what: "the test set is empty") }
        cell.print("\(target.name) (\(target.typeName)) of \(kernel.current?.name ?? model.kindName)")

        // Weights.
        let parameters = target.parameters
        if parameters.isEmpty {
            cell.print("weights: none (a \(target.typeName) layer has no parameters)")
        } else {
            var groups: [(name: String, values: UnsafeBufferPointer<Float>)] = []
            for p in parameters {
                let values = UnsafeBufferPointer(start: p.data, count: p.count)
                let stats = Statistics(values)
                let role = p.name.split(separator: "/").last.map(String.init) ?? p.name
                cell.print("\(role) \(shapeText(p.shape)): mean \(fmt(stats.mean)), std \(fmt(stats.std)), min \(fmt(stats.min)), max \(fmt(stats.max))")
                groups.append((role, values))
                cell.metrics["\(role)_mean"] = stats.mean
                cell.metrics["\(role)_std"] = stats.std
            }
            cell.show(.histogram(binned(groups, bins: bins, title: "weights of \(target.name)", xLabel: "weight")), name: "weights")
        }

        // Activations on the first n test examples.
        let count = min(n, data.test.count)
        let batch = data.test.batch(0..<count)
        guard let output = activations(of: target, in: model, batch: batch) else {
            throw NotebookError.failed("inspect: could not run the model up to \(target.name)")
        }
        let units = output.shape.last ?? 1
        let values = UnsafeBufferPointer(start: output.data, count: output.count)
        let zeros = values.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let activation = (target as? ActivatedLayer)?.activation
        var title = "activations of \(target.name) on \(count) test examples"
        if activation == .relu {
            var alive = [Bool](repeating: false, count: units)
            for i in 0..<output.count where values[i] > 0 { alive[i % units] = true }
            let dead = alive.filter { !$0 }.count
            let share = Double(dead) / Double(units)
            cell.print("activations (relu) on \(count) test examples: \(fmt(100 * Double(zeros) / Double(max(1, output.count)), 1))% zero; \(dead) of \(units) \(units == output.count / count ? "units" : "channels") dead (zero on every example): \(fmt(100 * share, 1))%")
            cell.metrics["dead_units"] = Double(dead)
            cell.metrics["dead_share"] = share
            title += String(format: " — %.0f%% dead units", 100 * share)
        } else {
            let stats = Statistics(values)
            cell.print("activations (\(activation?.rawValue ?? "no activation")) on \(count) test examples: mean \(fmt(stats.mean)), std \(fmt(stats.std)), min \(fmt(stats.min)), max \(fmt(stats.max))")
        }
        cell.metrics["zero_share"] = Double(zeros) / Double(max(1, output.count))
        cell.show(.histogram(binned([("activation", values)], bins: bins, title: title, xLabel: "activation")), name: "activations")

        // Gradient norms by epoch, as training recorded them.
        let history = kernel.history
        let recorded = parameters.filter { p in history.contains { $0.gradientNorms?[p.name] != nil } }
        if parameters.isEmpty {
            return
        } else if recorded.isEmpty {
            cell.print("gradient norms: none recorded yet; 'train' records them each epoch")
        } else {
            let series = recorded.map { p in
                ChartData.Series(name: p.name.split(separator: "/").last.map(String.init) ?? p.name,
                                 values: history.map { $0.gradientNorms?[p.name] ?? .nan }, firstX: Double(history[0].epoch))
            }
            var chart = ChartData(title: "gradient norm of \(target.name) by epoch (mean over the batches measured)", xLabel: "epoch", series: series, logY: true)
            chart.yLabel = "‖∂loss/∂w‖"
            for s in series {
                if let last = s.values.last(where: { $0.isFinite }) {
                    cell.print("gradient norm of \(s.name): \(String(format: "%.3g", s.values.first { $0.isFinite } ?? .nan)) at epoch \(history[0].epoch) → \(String(format: "%.3g", last)) at epoch \(history[history.count - 1].epoch)")
                    cell.metrics["\(s.name)_gradient_norm"] = last
                }
            }
            cell.show(.chart(chart), name: "grads")
        }
    }

    /// The layer's output for `batch`, run through the encoder (and the decoder) up to it.
    func activations(of target: Layer, in model: Autoencoder, batch: Tensor) -> Tensor? {
        let encoder = model.encoder.layerOutputs(batch)
        for (i, layer) in model.encoder.layers.enumerated() {
            if layer === target { return encoder[i] }
            if let heads = layer as? GaussianHeads, heads.mean === target || heads.logVariance === target {
                let input = i > 0 ? encoder[i - 1] : batch.reshaped([batch.shape[0]] + model.encoder.inputShape)
                return Tensor.withoutGradients {
                    var context = ForwardContext.inference
                    return target.forward(input, &context)
                }
            }
        }
        let code = Tensor.withoutGradients {
            var context = ForwardContext.inference
            return model.code(batch, &context)
        }
        let decoder = model.decoder.layerOutputs(code)
        return model.decoder.layers.firstIndex { $0 === target }.map { decoder[$0] }
    }
}

/// Mean, standard deviation and range of some values, in double precision.
struct Statistics {
    var mean = 0.0, std = 0.0, min = 0.0, max = 0.0

    init(_ values: UnsafeBufferPointer<Float>) {
        guard !values.isEmpty else { return }
        var sum = 0.0, squares = 0.0, lo = Double.infinity, hi = -Double.infinity
        for v in values {
            let d = Double(v)
            sum += d
            squares += d * d
            lo = Swift.min(lo, d)
            hi = Swift.max(hi, d)
        }
        mean = sum / Double(values.count)
        std = Swift.max(0, squares / Double(values.count) - mean * mean).squareRoot()
        (min, max) = (lo, hi)
    }
}

/// Groups of values counted in `bins` equal bins over the range of all of them, without
/// copying them into doubles (a conv layer's activations are millions of values).
func binned(_ groups: [(name: String, values: UnsafeBufferPointer<Float>)], bins: Int, title: String, xLabel: String) -> HistogramData {
    var lo = Float.infinity, hi = -Float.infinity
    for group in groups {
        for v in group.values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
    }
    if !(lo <= hi) { (lo, hi) = (0, 1) }
    if hi == lo { (lo, hi) = (lo - 0.5, hi + 0.5) }
    let scale = Float(bins) / (hi - lo)
    let counted = groups.map { group -> HistogramData.Group in
        var counts = [Int](repeating: 0, count: bins)
        for v in group.values where v.isFinite { counts[Swift.max(0, Swift.min(bins - 1, Int((v - lo) * scale)))] += 1 }
        return HistogramData.Group(name: group.name, counts: counts)
    }
    return HistogramData(title: title, lo: Double(lo), hi: Double(hi), groups: counted, xLabel: xLabel)
}
