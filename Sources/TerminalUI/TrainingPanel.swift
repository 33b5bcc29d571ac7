import Foundation
import Networks
import Notebook
import Rendering

/// What the live panel shows while `train` runs: progress, the loss curves, and the latest
/// latent scatter and reconstructions the kernel sent.
struct TrainingPanel {
    private(set) var plan: TrainingPlan?
    private(set) var epoch = 0
    private(set) var batch = 0
    /// Per-batch loss, and each named term when there are several, against fractional epochs.
    private(set) var losses: [String: SeriesBuffer] = [:]
    private(set) var lossOrder: [String] = []
    /// Per-epoch figures: validation loss, accuracy and the like, against the epoch.
    private(set) var epochMetrics: [String: [(x: Double, y: Double)]] = [:]
    private(set) var metricOrder: [String] = []
    private(set) var scatter: ScatterData?
    private(set) var images: ImageGridData?
    private(set) var outcome: TrainingOutcome?
    /// The learning rate of the last step, when the kernel reports it.
    private(set) var learningRate: Double?
    /// The run's best epoch so far and its monitored figure (val_loss, else loss).
    private(set) var best: (epoch: Int, name: String, value: Double)?
    var paused = false
    /// Ctrl-C was pressed; the kernel stops at the end of the batch.
    var stopping = false
    /// Whether the title names the keys (not in a replay, where they do other things).
    var showsKeys = true
    /// Recent (time, batches done) pairs, for the speed.
    private var recent: [(time: Date, done: Int)] = []
    private(set) var samplesPerSecond: Double?
    private var lastEpochETA: Double?
    private var version = 0
    private var pictureVersion = 0
    private var cache: [String: (version: Int, width: Int, height: Int, canvas: Canvas)] = [:]

    var isRunning: Bool { plan != nil && outcome == nil }

    private var batchesDone: Int { plan.map { max(0, epoch - 1) * $0.batchesPerEpoch + batch } ?? 0 }
    private var batchesTotal: Int { plan.map { $0.epochs * $0.batchesPerEpoch } ?? 0 }

    mutating func apply(_ event: TrainingEvent, at time: Date) {
        version += 1
        switch event {
        case .started(let p):
            plan = p
            epoch = 1
            batch = 0
            recent = [(time, 0)]
        case .batchEnded(let r):
            epoch = r.epoch
            batch = r.batch
            if let rate = r.learningRate { learningRate = rate }
            let x = Double(r.epoch - 1) + Double(r.batch) / Double(max(r.batchesPerEpoch, 1))
            add(loss: "loss", x: x, y: r.loss)
            if r.terms.count > 1 {
                for name in r.terms.keys.sorted() { add(loss: name, x: x, y: r.terms[name]!) }
            }
            recent.append((time, batchesDone))
            if let first = recent.first, time.timeIntervalSince(first.time) > 3, recent.count > 2 { recent.removeFirst() }
            if let first = recent.first, let last = recent.last, last.time.timeIntervalSince(first.time) > 0.2, let plan {
                samplesPerSecond = Double((last.done - first.done) * plan.batchSize) / last.time.timeIntervalSince(first.time)
            }
        case .epochEnded(let r):
            for name in r.metrics.keys.sorted() {
                if epochMetrics[name] == nil { metricOrder.append(name) }
                epochMetrics[name, default: []].append((Double(epoch), r.metrics[name]!))
            }
            lastEpochETA = r.etaSeconds
            if let rate = r.learningRate { learningRate = rate }
            if let bestEpoch = r.bestEpoch {
                let name = r.metrics["val_loss"] != nil ? "val_loss" : "loss"
                if bestEpoch == r.epoch { best = (bestEpoch, name, r.metrics[name] ?? r.loss) }
            }
        case .finished(let o):
            outcome = o
            paused = false
            stopping = false
        }
    }

    mutating func show(scatter: ScatterData) { self.scatter = scatter; pictureVersion += 1 }
    mutating func show(images: ImageGridData) { self.images = images; pictureVersion += 1 }

    private mutating func add(loss name: String, x: Double, y: Double) {
        if losses[name] == nil { lossOrder.append(name); losses[name] = SeriesBuffer() }
        losses[name]!.append(x: x, y: y)
    }

    /// Seconds left at the current speed.
    var eta: Double? {
        guard let plan, let samplesPerSecond, samplesPerSecond > 0 else { return lastEpochETA }
        return Double((batchesTotal - batchesDone) * plan.batchSize) / samplesPerSecond
    }

    /// "epoch 3/30 ▕████▌   ▏ 12%  batch 812/1875  23,456 samples/s  ETA 1m20s", at most
    /// `width` long: the speed, then the ETA give way before the bar gets shorter than 10.
    func progressLine(width: Int) -> String {
        guard let plan else { return "starting…" }
        let fraction = batchesTotal > 0 ? Double(batchesDone) / Double(batchesTotal) : 0
        let head = "epoch \(epoch)/\(plan.epochs) "
        var extras: [String] = []
        if let s = samplesPerSecond { extras.append("  \(grouped(Int(s))) samples/s") }
        if outcome == nil, let eta { extras.append("  ETA \(clock(eta))") }
        var tail = String(format: " %3.0f%%  batch %d/%d", fraction * 100, batch, plan.batchesPerEpoch) + extras.joined()
        while head.count + tail.count + 12 > width, !extras.isEmpty {
            extras.removeFirst()
            tail = String(format: " %3.0f%%  batch %d/%d", fraction * 100, batch, plan.batchesPerEpoch) + extras.joined()
        }
        let barWidth = max(10, min(50, width - head.count - tail.count - 2))
        return head + "▕" + progressBar(fraction: fraction, width: barWidth) + "▏" + tail
    }

    /// The state in a few words, for the panel's title.
    var stateText: String {
        if let outcome { return outcome.summary }
        if stopping { return "stopping at the end of the batch…" }
        if paused { return "⏸ paused — Space resumes" }
        return showsKeys ? "running — Space pauses, Ctrl-C stops" : "running"
    }

    var chart: LineChart {
        var series = lossOrder.map { name in
            LineChart.Series(name: name, values: losses[name]!.ys, xs: losses[name]!.xs)
        }
        for name in metricOrder {
            let points = epochMetrics[name]!
            let isAccuracy = name.contains("acc")
            series.append(LineChart.Series(name: name, values: points.map(\.y), xs: points.map(\.x), axis: isAccuracy ? .right : .left))
        }
        // Per-batch losses are noisy: draw them faint with a smoothed line on top, as TensorBoard does.
        return LineChart(series: series, smoothing: 0.7, title: "loss by epoch" + chartNote)
    }

    /// The learning rate and the best epoch, after the chart's title.
    var chartNote: String {
        var parts: [String] = []
        if let best { parts.append("best epoch \(best.epoch) (\(best.name) \(String(format: "%.4f", best.value)))") }
        if let learningRate { parts.append("lr " + String(format: "%.3g", learningRate)) }
        return parts.isEmpty ? "" : " · " + parts.joined(separator: " · ")
    }

    /// The panel drawn `width × height`: a title rule, the progress line, then the loss chart
    /// beside the latent scatter, over the strip of reconstructions.
    mutating func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let rule = "── training: " + stateText + " "
        canvas.text(rule + String(repeating: "─", count: max(0, width - rule.count)), row: 0, col: 0,
                    fg: paused || stopping ? Theme.accent : Theme.border)
        canvas.text("── training: ", row: 0, col: 0, fg: Theme.border)
        canvas.text(stateText, row: 0, col: 13, fg: outcome == nil ? Theme.accent : Theme.ok)
        canvas.text(progressLine(width: width - 1), row: 1, col: 1, fg: Theme.progress)
        let area = height - 2
        guard area >= 4 else { return canvas }
        var stripHeight = 0
        if images != nil, area >= 16 { stripHeight = min(11, area * 2 / 5) }
        let top = area - stripHeight
        var chartWidth = width
        if let scatter, width >= 80 {
            let scatterWidth = min(width * 2 / 5, top * 3 + 10)
            chartWidth = width - scatterWidth - 1
            let picture = cached("scatter", version: pictureVersion, width: scatterWidth, height: top) { Figure.scatter(scatter).render(width: $0, height: $1) }
            canvas.blit(picture, atRow: 2, col: chartWidth + 1)
        }
        let chart = self.chart
        let plot = cached("chart", version: version, width: chartWidth, height: top) { chart.render(width: $0, height: $1) }
        canvas.blit(plot, atRow: 2, col: 0)
        if let images, stripHeight > 0 {
            let strip = cached("images", version: pictureVersion, width: width - 2, height: stripHeight) { Figure.images(images).render(width: $0, height: $1) }
            canvas.blit(strip, atRow: 2 + top, col: max(0, (width - strip.width) / 2))
        }
        return canvas
    }

    private mutating func cached(_ key: String, version: Int, width: Int, height: Int, _ draw: (Int, Int) -> Canvas) -> Canvas {
        if let c = cache[key], c.version == version, c.width == width, c.height == height { return c.canvas }
        let canvas = draw(width, height)
        cache[key] = (version, width, height, canvas)
        return canvas
    }
}
