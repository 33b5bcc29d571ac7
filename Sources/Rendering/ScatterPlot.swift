import Foundation

/// Where a picture is going, which decides its class colours.
enum Medium: Sendable { case terminal, png }

/// A 2-D scatter of points, optionally coloured by class, e.g. autoencoder codes.
public struct ScatterPlot: Sendable {
    public var points: [(x: Float, y: Float)]
    /// A class per point (same count); negative or missing classes are drawn grey.
    public var classes: [Int]?
    public var classNames: [String]?
    /// Class colours; nil uses `Palette.terminalClasses` in the terminal and `Palette.classes` in PNG.
    public var palette: [RGB]?
    public var title: String
    /// What the axes measure ("z₁", "z₂"); empty for no label.
    public var xLabel: String
    public var yLabel: String
    /// Circles, a crosshair and its path over the points (a latent map's).
    public var overlay: ScatterOverlay?
    /// A value per point (position along a Swiss roll), coloured through `colorMap` from the
    /// smallest to the largest; used when there are no classes.
    public var values: [Float]?
    public var colorMap: ColorMap = .viridis

    /// A scatter of `points`, coloured by `classes` when given.
    public init(points: [(x: Float, y: Float)], classes: [Int]? = nil, classNames: [String]? = nil,
                palette: [RGB]? = nil, title: String = "", xLabel: String = "", yLabel: String = "", overlay: ScatterOverlay? = nil) {
        self.points = points
        self.classes = classes
        self.classNames = classNames
        self.palette = palette
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.overlay = overlay
    }

    static let unclassed = RGB(170, 170, 170)

    /// Number of class buckets; the last one collects points without a valid class.
    var classCount: Int { (classes?.max() ?? -1) + 2 }

    func classIndex(_ i: Int) -> Int {
        guard let classes, i < classes.count, classes[i] >= 0 else { return classCount - 1 }
        return classes[i]
    }

    func classColor(_ c: Int, for medium: Medium) -> RGB {
        switch medium {
        case .terminal:
            return c == classCount - 1 ? Palette.terminalUnclassed : Palette.color(c, in: palette ?? Palette.terminalClasses)
        case .png:
            return c == classCount - 1 ? Self.unclassed : Palette.color(c, in: palette ?? Palette.classes)
        }
    }

    func className(_ c: Int) -> String {
        if let classNames, c < classNames.count { return classNames[c] }
        return "\(c)"
    }

    /// Finite x and y ranges of the points and the overlay, nil when no point is finite.
    var ranges: (x: (Double, Double), y: (Double, Double))? {
        let extent = overlay?.extent ?? []
        guard let x = AxisScale.range(of: points.lazy.map { Double($0.x) } + extent.lazy.map { Double($0.x) }, log: false),
              let y = AxisScale.range(of: points.lazy.map { Double($0.y) } + extent.lazy.map { Double($0.y) }, log: false)
        else { return nil }
        return (x, y)
    }

    /// The range of the finite colour values, when points are coloured by value.
    var valueRange: (Float, Float)? {
        guard classes == nil, let values else { return nil }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return (lo, hi)
    }

    /// The colour of `value` within `range` through the colour map.
    func valueColor(_ value: Float, _ range: (Float, Float)) -> RGB {
        colorMap.color(range.1 > range.0 ? (value - range.0) / (range.1 - range.0) : 0.5)
    }

    /// Legend entries for the classes that occur, in class order; for points coloured by value,
    /// the lowest, middle and highest values in their colours.
    func legend(for medium: Medium) -> [(String, RGB)] {
        if let range = valueRange {
            let mid = (range.0 + range.1) / 2
            return [range.0, mid, range.1].map { (NiceNumbers.format(Double($0)), valueColor($0, range)) }
        }
        guard classes != nil else { return [] }
        var present = [Bool](repeating: false, count: classCount)
        for i in points.indices { present[classIndex(i)] = true }
        return (0..<(classCount - 1)).filter { present[$0] }.map { (className($0), classColor($0, for: medium)) }
    }

    /// The scatter as braille dots with axes and a class legend. Each cell takes the colour of
    /// its most frequent class (ties go to the lower class), brighter the more points it holds
    /// (log scale). Points with NaN or infinite coordinates are ignored.
    public func render(width: Int, height: Int) -> Canvas { rendered(width: width, height: height).canvas }

    /// The scatter drawn as `render` draws it, and where its plot went (nil when nothing was plotted).
    public func rendered(width: Int, height: Int) -> (canvas: Canvas, mapping: ScatterMapping?) {
        guard let ranges else { return (Canvas(note: "no points", width: width, height: height), nil) }
        var canvas = Canvas(width: width, height: height)
        guard let frame = CanvasChartFrame(
            canvas: &canvas, title: title, xLabel: xLabel, yLabel: yLabel, xRange: ranges.x, leftRange: ranges.y,
            leftLog: false, rightRange: nil, legend: legend(for: .terminal), niceX: true)
        else { return (Canvas(note: "too small", width: width, height: height), nil) }
        let mapping = ScatterMapping(plotRow: frame.plotRow, plotCol: frame.plotCol, plotWidth: frame.plotWidth, plotHeight: frame.plotHeight,
                                     x: frame.x.lo...frame.x.hi, y: frame.left.lo...frame.left.hi)

        var dots = Braille(columns: frame.plotWidth, rows: frame.plotHeight)
        drawCircles(&dots, mapping: mapping)
        let k = classCount
        var counts = [Int32](repeating: 0, count: dots.columns * dots.rows * k)
        var totals = [Int32](repeating: 0, count: dots.columns * dots.rows)
        var valueSums = [Float](repeating: 0, count: values == nil ? 0 : dots.columns * dots.rows)
        let w = Double(dots.dotWidth - 1), h = Double(dots.dotHeight - 1)
        for (i, p) in points.enumerated() where p.x.isFinite && p.y.isFinite {
            let dx = Int((frame.x.fraction(Double(p.x)) * w).rounded())
            let dy = Int(((1 - frame.left.fraction(Double(p.y))) * h).rounded())
            guard dx >= 0, dx <= Int(w), dy >= 0, dy <= Int(h) else { continue }
            dots.set(x: dx, y: dy)
            let cell = (dy >> 2) * dots.columns + (dx >> 1)
            counts[cell * k + classIndex(i)] += 1
            totals[cell] += 1
            if let values, !valueSums.isEmpty, i < values.count, values[i].isFinite { valueSums[cell] += values[i] }
        }
        let densest = Double(totals.max() ?? 1)
        let range = valueRange
        for cell in totals.indices where totals[cell] > 0 {
            let level = densest > 1 ? log(1 + Double(totals[cell])) / log(1 + densest) : 1
            if let range, !valueSums.isEmpty {
                // The cell's mean value, as a class cell takes its most frequent class.
                let value = valueSums[cell] / Float(totals[cell])
                dots.setColor(RGB.black.mixed(with: valueColor(value, range), Float(0.35 + 0.65 * level)), cell: cell)
                continue
            }
            var best = 0
            for c in 1..<k where counts[cell * k + c] > counts[cell * k + best] { best = c }
            dots.setColor(RGB.black.mixed(with: classColor(best, for: .terminal), Float(0.35 + 0.65 * level)), cell: cell)
        }
        drawMarks(&dots, mapping: mapping)
        dots.draw(into: &canvas, row: frame.plotRow, col: frame.plotCol)
        drawLabels(into: &canvas, mapping: mapping)
        return (canvas, mapping)
    }
}
