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
    private(set) var questions: TextListData?
    private(set) var outcome: TrainingOutcome?
    /// The learning rate of the last step, when the kernel reports it.
    private(set) var learningRate: Double?
    /// The run's best epoch so far and its monitored figure (val_loss, else loss).
    private(set) var best: (epoch: Int, name: String, value: Double)?
    private(set) var paused = false
    /// When the pause began, so the time spent paused can be taken out of the speed.
    private var pausedAt: Date?
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

    /// The share of the run so far that the live chart's y axes may leave out.
    static let warmUp = 1.0 / 3

    /// The notebook's number of the run's first epoch: a second `train` goes on counting.
    private var firstEpoch: Int { plan?.firstEpoch ?? 1 }
    private var batchesDone: Int { plan.map { max(0, epoch - firstEpoch) * $0.batchesPerEpoch + batch } ?? 0 }
    private var batchesTotal: Int { plan.map { $0.epochs * $0.batchesPerEpoch } ?? 0 }

    mutating func apply(_ event: TrainingEvent, at time: Date) {
        version += 1
        switch event {
        case .started(let p):
            plan = p
            epoch = p.firstEpoch ?? 1
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
                epochMetrics[name, default: []].append((Double(r.epoch), r.metrics[name]!))
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
            pausedAt = nil
            stopping = false
        }
    }

    /// Pauses or resumes at `time`. The time spent paused counts for nothing: on resuming, the
    /// recent batches move later by it, so the speed and the ETA are those of training alone.
    mutating func setPaused(_ on: Bool, at time: Date) {
        guard on != paused else { return }
        paused = on
        version += 1
        if on {
            pausedAt = time
        } else if let start = pausedAt {
            let gap = max(0, time.timeIntervalSince(start))
            recent = recent.map { ($0.time.addingTimeInterval(gap), $0.done) }
            pausedAt = nil
        }
    }

    mutating func show(scatter: ScatterData) { self.scatter = scatter; pictureVersion += 1 }
    mutating func show(images: ImageGridData) { self.images = images; pictureVersion += 1 }
    /// A text model's live questions over their decoding, in the strip's place.
    mutating func show(questions: TextListData) { self.questions = questions; pictureVersion += 1 }

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
        let head = "epoch \(epoch)/\(plan.lastEpoch) "
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
        if let outcome { return showsKeys ? outcome.summary + " — Esc closes this panel" : outcome.summary }
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
        var chart = LineChart(series: series, smoothing: 0.7, title: "loss by epoch" + chartNote)
        // The first batches of a run in progress (a VAE's ≈ 550 falling to ≈ 200) would flatten
        // every curve, and the gap between loss and val_loss with them: the axes fit the
        // later part, and the start runs off the top.
        chart.warmUp = TrainingPanel.warmUp
        return chart
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
        if let images {
            // Images as large as `show` draws them when the charts keep 12 rows; smaller otherwise.
            let full = TrainingPanel.stripHeight(images)
            if area - full >= 12 { stripHeight = full } else if area >= 16 { stripHeight = min(full, area * 2 / 5) }
        } else if let questions {
            // A title and two lines a question, as much as leaves the charts 8 rows.
            stripHeight = max(0, min(questions.lines.count + 1, area - 8))
        }
        let stripRow = 2 + area - stripHeight
        var top = area - stripHeight
        var chartWidth = width
        if var scatter, width >= 80 {
            // The scatter's note (codes projected on two principal components) would be cut to
            // the scatter's narrow column: it gets the panel's whole width under both pictures,
            // or, in a small panel, is left to the axis labels ("PC 1 of z").
            if let note = scatter.note {
                if top >= 12 {
                    var lines = wrap(note, width: width - 2)
                    if lines.count > 2 { lines = [lines[0], clippedLine(lines[1...].joined(separator: " "), width: width - 2)] }
                    top -= lines.count
                    for (i, line) in lines.enumerated() { canvas.text(line, row: 2 + top + i, col: 1, fg: Theme.dim) }
                }
                scatter.note = nil
            }
            let scatterWidth = min(width * 2 / 5, top * 3 + 10)
            chartWidth = width - scatterWidth - 1
            let picture = cached("scatter", version: pictureVersion, width: scatterWidth, height: top) { Figure.scatter(scatter).render(width: $0, height: $1) }
            canvas.blit(picture, atRow: 2, col: chartWidth + 1)
        }
        let chart = self.chart
        let plot = cached("chart", version: version, width: chartWidth, height: top) { chart.render(width: $0, height: $1) }
        canvas.blit(plot, atRow: 2, col: 0)
        if let images, stripHeight > 0 {
            let strip = cached("images", version: pictureVersion, width: width - 2, height: stripHeight) {
                Figure.images(TrainingPanel.strip(images, width: $0)).render(width: $0, height: $1)
            }
            canvas.blit(strip, atRow: stripRow, col: max(0, (width - strip.width) / 2))
        } else if let questions, stripHeight > 1 {
            canvas.text(clippedLine(questions.title, width: width - 2), row: stripRow, col: 1, fg: Theme.dim)
            let list = cached("questions", version: pictureVersion, width: width - 2, height: stripHeight - 1) {
                Figure.textList(questions).render(width: $0, height: $1)
            }
            canvas.blit(list, atRow: stripRow + 1, col: 1)
        }
        return canvas
    }

    /// `text` cut at a word to at most `width` characters, with an ellipsis when cut.
    private func clippedLine(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        let head = text.prefix(max(0, width - 1))
        return String(head.lastIndex(of: " ").map { head[..<$0] } ?? head) + "…"
    }

    /// Rows a 28×28 digit takes in `show` at 120 columns (9–10 columns by 5 rows): the least
    /// the live reconstructions get when there is room.
    static let imageRows = 5

    /// The strip's height with every image `imageRows` rows tall (for square images).
    static func stripHeight(_ images: ImageGridData) -> Int {
        let rows = (images.count + max(images.columns, 1) - 1) / max(images.columns, 1)
        let cellRows = max(1, Int((Double(imageRows) * Double(images.imageHeight) / Double(max(images.imageWidth, images.imageHeight))).rounded(.up)))
        return rows * cellRows + max(0, rows - 1)
    }

    /// The first columns of the grid that fit `width` with images `imageRows` rows tall: fewer
    /// digits rather than smaller ones.
    static func strip(_ images: ImageGridData, width: Int) -> ImageGridData {
        let aspect = Double(images.imageHeight) / Double(max(images.imageWidth, 1))
        // The widest image box whose height (two pixels a row) stays within `imageRows`.
        var cellWidth = 1
        while Int((Double(cellWidth + 1) * aspect / 2).rounded(.up)) <= imageRows, cellWidth < 80 { cellWidth += 1 }
        let label = images.rowCaptions.map { ($0.map(\.count).max() ?? 0) + 1 } ?? 0
        let fit = max(1, (width - label + 1) / (cellWidth + 1))
        return images.firstColumns(min(fit, images.columns))
    }

    private mutating func cached(_ key: String, version: Int, width: Int, height: Int, _ draw: (Int, Int) -> Canvas) -> Canvas {
        if let c = cache[key], c.version == version, c.width == width, c.height == height { return c.canvas }
        let canvas = draw(width, height)
        cache[key] = (version, width, height, canvas)
        return canvas
    }
}

extension ImageGridData {
    /// The grid's first `k` columns: in each row of images, the first `k`.
    func firstColumns(_ k: Int) -> ImageGridData {
        guard k < columns, k > 0 else { return self }
        let size = imageWidth * imageHeight
        let rows = (count + columns - 1) / columns
        var kept = Data()
        for r in 0..<rows {
            for c in 0..<k where r * columns + c < count {
                let i = r * columns + c
                kept.append(pixels[pixels.startIndex + i * size ..< pixels.startIndex + (i + 1) * size])
            }
        }
        var grid = self
        grid.pixels = kept
        grid.columns = k
        grid.columnCaptions = columnCaptions.map { Array($0.prefix(k)) }
        return grid
    }
}
