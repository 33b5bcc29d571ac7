import Foundation

/// A line chart of one or more series, drawn in braille on a canvas or in pixels (`chartPNG`).
public struct LineChart: Sendable {
    /// Which y axis a series is measured against.
    public enum Axis: Sendable { case left, right }

    /// One named line: y values at x = index, or at explicit `xs` (same count, increasing).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var xs: [Double]?
        /// nil picks the next tab10 colour.
        public var color: RGB?
        public var axis: Axis

        /// A series; `xs`, when given, holds one x per value.
        public init(name: String, values: [Double], xs: [Double]? = nil, color: RGB? = nil, axis: Axis = .left) {
            self.name = name
            self.values = values
            self.xs = xs
            self.color = color
            self.axis = axis
        }

        func x(_ i: Int) -> Double {
            guard let xs else { return Double(i) }
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

    /// A chart of `series`; see the properties for `logY`, `smoothing` and `title`.
    public init(series: [Series], logY: Bool = false, smoothing: Double = 0, title: String = "") {
        self.series = series
        self.logY = logY
        self.smoothing = smoothing
        self.title = title
    }

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

    func color(of index: Int) -> RGB {
        series[index].color ?? Palette.color(index, in: Palette.tab10)
    }

    var isSmoothed: Bool { smoothing > 0 && smoothing < 1 }

    /// The x range over all series, or nil when there is nothing to draw.
    var xRange: (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for s in series where !s.values.isEmpty {
            if let xs = s.xs, let r = AxisScale.range(of: xs.prefix(s.values.count), log: false) {
                lo = min(lo, r.0); hi = max(hi, r.1)
            } else if s.xs == nil {
                lo = min(lo, 0); hi = max(hi, Double(s.values.count - 1))
            }
        }
        return lo <= hi ? (lo, hi) : nil
    }

    func yRange(_ axis: Axis) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for s in series where s.axis == axis {
            if let r = AxisScale.range(of: s.values, log: axis == .left && logY) {
                lo = min(lo, r.0); hi = max(hi, r.1)
            }
        }
        return lo <= hi ? (lo, hi) : nil
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
        let hasRight = series.contains { $0.axis == .right }
        return series.indices.map { i in
            (series[i].name + (hasRight && series[i].axis == .right ? " (right)" : ""), color(of: i))
        }
    }

    /// The chart as a `width × height` canvas: braille lines, axes with nice ticks, a legend.
    /// With no finite data or too little room the canvas holds a short note instead.
    public func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard let xRange else { return Canvas(note: "no data", width: width, height: height) }
        let leftRange = yRange(.left), rightRange = yRange(.right)
        guard let primary = leftRange ?? rightRange else {
            return Canvas(note: "no data", width: width, height: height)
        }
        guard let frame = CanvasChartFrame(
            canvas: &canvas, title: title, xRange: xRange, leftRange: primary,
            leftLog: leftRange != nil && logY, rightRange: leftRange == nil ? nil : rightRange,
            legend: legend)
        else { return Canvas(note: "too small", width: width, height: height) }

        var dots = Braille(columns: frame.plotWidth, rows: frame.plotHeight)
        let w = Double(dots.dotWidth - 1), h = Double(dots.dotHeight - 1)
        for layer in layers() {
            let s = series[layer.series]
            let onRight = s.axis == .right && leftRange != nil
            let y = onRight ? frame.right! : frame.left
            let log = !onRight && frame.left.isLog
            dots.pen = layer.faint ? color(of: layer.series).mixed(with: .black, 0.55) : color(of: layer.series)
            let values = layer.values
            dots.polyline(count: values.count, columns: dots.dotWidth,
                          x: { frame.x.fraction(s.x($0)) * w },
                          y: { (1 - y.fraction(AxisScale.transform(values[$0], log: log))) * h })
        }
        dots.draw(into: &canvas, row: frame.plotRow, col: frame.plotCol)
        return canvas
    }
}
