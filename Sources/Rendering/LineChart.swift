import Foundation

/// A line chart of one or more series, drawn in braille on a canvas or in pixels (`chartPNG`).
public struct LineChart: Sendable {
    /// Which y axis a series is measured against.
    public enum Axis: Sendable { case left, right }

    /// One named line: y values at x = `firstX` + index, or at explicit `xs` (same count, increasing).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var xs: [Double]?
        /// The x of the first value when there are no `xs`: 1 for values per epoch.
        public var firstX: Double
        /// nil picks the colour of the series' name (`Palette.seriesColor`).
        public var color: RGB?
        public var axis: Axis
        /// Drawn as a dashed line.
        public var dashed: Bool

        /// A series; `xs`, when given, holds one x per value.
        public init(name: String, values: [Double], xs: [Double]? = nil, firstX: Double = 0, color: RGB? = nil, axis: Axis = .left,
                    dashed: Bool = false) {
            self.name = name
            self.values = values
            self.xs = xs
            self.firstX = firstX
            self.color = color
            self.axis = axis
            self.dashed = dashed
        }

        func x(_ i: Int) -> Double {
            guard let xs else { return firstX + Double(i) }
            return i < xs.count ? xs[i] : .nan
        }
    }

    public var series: [Series]
    /// Log10 scale on the left axis (non-positive values are skipped); the right axis stays linear.
    public var logY: Bool
    /// TensorBoard-style EMA weight in 0..<1; 0 draws the raw values only, otherwise the raw
    /// values are drawn faint behind the smoothed line.
    public var smoothing: Double
    public var title: String
    /// What x and the left y axis measure ("epoch", "loss"); empty for no label.
    public var xLabel: String
    public var yLabel: String
    /// The first x shown, when the chart should start later than the data (`plot from=EPOCH`);
    /// the y axes are then fitted to what is shown.
    public var from: Double?
    /// The share of the x range at the start that the y axes may leave out (see `yRange`):
    /// `warmUpShare` for a finished run; a live chart of a run in progress leaves out more.
    public var warmUp = LineChart.warmUpShare

    /// A chart of `series`; see the properties for the rest.
    public init(series: [Series], logY: Bool = false, smoothing: Double = 0, title: String = "",
                xLabel: String = "", yLabel: String = "", from: Double? = nil) {
        self.series = series
        self.logY = logY
        self.smoothing = smoothing
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.from = from
    }

    /// The share of the x range at the start that the y axes may leave out, and how many times
    /// wider it must make the y range before it is left out. A VAE's first batches (loss ≈ 550
    /// falling to ≈ 150 within a few percent of the run) would otherwise flatten every curve.
    static let warmUpShare = 0.05
    static let warmUpStretch = 3.0

    /// TensorBoard's smoothing: an exponential moving average divided by 1 − weight^n so the
    /// first values are not pulled towards zero. Non-finite values pass through unchanged.
    public static func smoothed(_ values: [Double], weight: Double) -> [Double] {
        guard weight > 0, weight < 1 else { return values }
        var last = 0.0, decay = 1.0  // decay = weight^n without calling pow per value
        return values.map { v in
            guard v.isFinite else { return v }
            last = last * weight + (1 - weight) * v
            decay *= weight
            return last / (1 - decay)
        }
    }

    func color(of index: Int) -> RGB { colors[index] }

    /// Each series' colour: its own, or its name's (the next free one when two names share a colour).
    var colors: [RGB] {
        var used = Set(series.compactMap(\.color))
        return series.map { s in
            let c = s.color ?? Palette.seriesColor(named: s.name, avoiding: used)
            used.insert(c)
            return c
        }
    }

    var isSmoothed: Bool { smoothing > 0 && smoothing < 1 }

    /// The x range shown: over all series, from `from` when set; nil when there is nothing to draw.
    var xRange: (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for s in series where !s.values.isEmpty {
            if let xs = s.xs, let r = AxisScale.range(of: xs.prefix(s.values.count), log: false) {
                lo = min(lo, r.0); hi = max(hi, r.1)
            } else if s.xs == nil, s.firstX.isFinite {
                lo = min(lo, s.firstX); hi = max(hi, s.firstX + Double(s.values.count - 1))
            }
        }
        if let from, from.isFinite { lo = max(lo, from) }
        return lo <= hi ? (lo, hi) : nil
    }

    /// Where the x range's warm-up ends: its first `warmUp` share, or nothing when `from` is set.
    private func warmUpEnd(_ xRange: (Double, Double)) -> Double {
        from == nil ? xRange.0 + min(max(warmUp, 0), 0.9) * (xRange.1 - xRange.0) : xRange.0
    }

    /// The axis each series is drawn against. When none asked for the right axis, linear
    /// series that stay below a quarter of every other curve's lowest value after the warm-up
    /// (a VAE's KL of ≈ 5 beside a loss of ≈ 150) move there, so both sets fill the height.
    var axes: [Axis] {
        let asked = series.map(\.axis)
        guard !logY, !asked.contains(.right), series.count >= 2, let xRange else { return asked }
        let cut = warmUpEnd(xRange)
        let ranges = series.map { s -> (lo: Double, hi: Double)? in
            var lo = Double.infinity, hi = -Double.infinity
            for (i, v) in s.values.enumerated() where v.isFinite && s.x(i) >= cut && s.x(i) <= xRange.1 {
                lo = min(lo, v); hi = max(hi, v)
            }
            return lo <= hi ? (lo, hi) : nil
        }
        let order = series.indices.filter { ranges[$0] != nil }.sorted { ranges[$0]!.hi < ranges[$1]!.hi }
        // The largest set of lowest curves that sits below a quarter of all the others.
        var moved = 0
        for k in stride(from: order.count - 1, through: 1, by: -1) {
            let low = ranges[order[k - 1]]!.hi
            let floor = order[k...].map { ranges[$0]!.lo }.min()!
            if floor > 0, low < 0.25 * floor { moved = k; break }
        }
        var axes = asked
        for i in order.prefix(moved) { axes[i] = .right }
        return axes
    }

    /// The y range of `axis` (log10 units on a log left axis): the finite values whose x is
    /// shown. Without `from`, the warm-up at the start of the x range is left out when it would
    /// stretch the range more than `warmUpStretch` times; its line then runs off the plot.
    func yRange(_ axis: Axis) -> (Double, Double)? {
        guard let xRange else { return nil }
        let (xLo, xHi) = xRange
        let log = axis == .left && logY
        let cut = warmUpEnd(xRange)
        var all = (Double.infinity, -Double.infinity), later = all
        let axes = self.axes
        for (index, s) in series.enumerated() where axes[index] == axis {
            for (i, v) in s.values.enumerated() {
                let x = s.x(i), t = AxisScale.transform(v, log: log)
                guard t.isFinite, x >= xLo, x <= xHi else { continue }
                all = (min(all.0, t), max(all.1, t))
                if x >= cut { later = (min(later.0, t), max(later.1, t)) }
            }
        }
        guard all.0 <= all.1 else { return nil }
        if later.0 <= later.1, later.1 > later.0, all.1 - all.0 > LineChart.warmUpStretch * (later.1 - later.0) {
            return later
        }
        return all
    }
    /// The lines to draw in order: raw values first (faint when smoothing), smoothed on top.
    func layers() -> [(series: Int, values: [Double], faint: Bool)] {
        var out = series.indices.map { ($0, series[$0].values, isSmoothed) }
        if isSmoothed {
            for (i, s) in series.enumerated() {
                out.append((i, LineChart.smoothed(s.values, weight: smoothing), false))
            }
        }
        return out
    }

    var legend: [(String, RGB)] {
        let axes = self.axes, colors = self.colors
        let hasRight = axes.contains(.right)
        return series.indices.map { i in
            (series[i].name + (hasRight && axes[i] == .right ? " (right)" : ""), colors[i])
        }
    }

    /// The chart as a `width × height` canvas: braille lines, axes with nice ticks and their
    /// labels, a legend. With no finite data or too little room the canvas holds a short note.
    public func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard let xRange else { return Canvas(note: "no data", width: width, height: height) }
        let leftRange = yRange(.left), rightRange = yRange(.right)
        guard let primary = leftRange ?? rightRange else {
            return Canvas(note: "no data", width: width, height: height)
        }
        guard let frame = CanvasChartFrame(
            canvas: &canvas, title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange, leftRange: primary,
            leftLog: leftRange != nil && logY, rightRange: leftRange == nil ? nil : rightRange,
            legend: legend)
        else { return Canvas(note: "too small", width: width, height: height) }

        var dots = Braille(columns: frame.plotWidth, rows: frame.plotHeight)
        let w = Double(dots.dotWidth - 1), h = Double(dots.dotHeight - 1)
        let colors = self.colors, axes = self.axes
        for layer in layers() {
            guard let (y, log) = scale(on: axes[layer.series], left: frame.left, right: frame.right, hasLeft: leftRange != nil)
            else { continue }
            let s = series[layer.series]
            dots.pen = layer.faint ? colors[layer.series].mixed(with: .black, 0.55) : colors[layer.series]
            let values = layer.values
            var surface = DashedSurface(base: dots, period: s.dashed ? 3 : 0)
            surface.polyline(count: values.count, columns: dots.dotWidth,
                             x: { frame.x.fraction(s.x($0)) * w },
                             y: { (1 - y.fraction(AxisScale.transform(values[$0], log: log))) * h })
            dots = surface.base
        }
        dots.draw(into: &canvas, row: frame.plotRow, col: frame.plotCol)
        return canvas
    }

    /// The y scale a series on `axis` is drawn against, and whether it is a log scale; nil
    /// when it belongs on a right axis that has no finite values (so there is nothing to draw).
    func scale(on axis: Axis, left: AxisScale, right: AxisScale?, hasLeft: Bool) -> (AxisScale, Bool)? {
        guard axis == .right, hasLeft else { return (left, left.isLog) }
        return right.map { ($0, false) }
    }
}
