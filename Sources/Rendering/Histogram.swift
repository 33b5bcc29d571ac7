/// Counts in equal-width bins for one or several named groups (reconstruction error per digit
/// class, token lengths of questions), drawn as vertical bars with eighth-block tops.
public struct Histogram: Sendable {
    /// One group's counts, a count per bin.
    public struct Group: Sendable, Equatable {
        public var name: String
        public var counts: [Int]
        /// nil takes the group's class colour.
        public var color: RGB?

        /// A group called `name`.
        public init(name: String, counts: [Int], color: RGB? = nil) {
            self.name = name
            self.counts = counts
            self.color = color
        }
    }

    public var groups: [Group]
    /// The left edge of the first bin and the right edge of the last.
    public var lo: Double
    public var hi: Double
    public var title: String
    /// What the bins measure, e.g. "tokens"; empty for no label.
    public var xLabel: String

    /// The first group's counts (the whole histogram when there is one group).
    public var counts: [Int] { groups.first?.counts ?? [] }

    /// A histogram of counts already binned between `lo` and `hi`.
    public init(counts: [Int], lo: Double, hi: Double, color: RGB? = nil, title: String = "") {
        self.init(groups: [Group(name: "", counts: counts, color: color)], lo: lo, hi: hi, title: title)
    }

    /// Several groups binned alike between `lo` and `hi` (missing bins count 0).
    public init(groups: [Group], lo: Double, hi: Double, title: String = "", xLabel: String = "") {
        self.groups = groups
        self.lo = lo
        self.hi = hi
        self.title = title
        self.xLabel = xLabel
    }

    /// Bins the finite values into `bins` equal bins spanning their range.
    public init(values: [Double], bins: Int, color: RGB? = nil, title: String = "") {
        let (lo, hi, groups) = Histogram.binned([("", values)], bins: bins)
        self.init(groups: groups.map { Group(name: $0.name, counts: $0.counts, color: color) }, lo: lo, hi: hi, title: title)
    }

    /// Each group's finite values counted in `bins` equal bins over the range of all of them:
    /// the bin edges, and a group per name.
    public static func binned(_ values: [(name: String, values: [Double])], bins: Int) -> (lo: Double, hi: Double, groups: [Group]) {
        let n = max(1, bins)
        let range = AxisScale.range(of: values.lazy.flatMap(\.values), log: false) ?? (0, 1)
        let lo = range.0, hi = range.1 > range.0 ? range.1 : range.0 + 1
        let groups = values.map { name, values -> Group in
            var counts = [Int](repeating: 0, count: n)
            for v in values where v.isFinite {
                counts[max(0, min(n - 1, Int((v - lo) / (hi - lo) * Double(n))))] += 1
            }
            return Group(name: name, counts: counts)
        }
        return (lo, hi, groups)
    }

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The number of bins: the longest group's.
    var binCount: Int { groups.map(\.counts.count).max() ?? 0 }

    func color(ofGroup g: Int, for medium: Medium) -> RGB {
        if let color = groups[g].color { return color }
        if groups.count == 1 { return Palette.tab10[0] }
        return Palette.color(g, in: medium == .terminal ? Palette.terminalClasses : Palette.classes)
    }

    /// `columns` bars from the bins of group `g`: neighbouring bins summed when there are more
    /// bins than columns, each bin spread over one or two more columns when there are fewer.
    func bars(ofGroup g: Int, columns: Int) -> [Int] {
        let n = binCount, counts = groups[g].counts
        func count(_ b: Int) -> Int { b < counts.count ? counts[b] : 0 }
        return (0..<columns).map { j in
            n <= columns ? count(j * n / columns) : ((j * n / columns)..<((j + 1) * n / columns)).reduce(0) { $0 + count($1) }
        }
    }

    /// Bars scaled to the largest bin, the count axis on the left and the value range below.
    /// With several groups each gets a band of rows of its own, scaled to its own largest bin
    /// and named on the left, over one shared value axis.
    public func render(width: Int, height: Int) -> Canvas {
        guard binCount > 0 else { return Canvas(note: "no data", width: width, height: height) }
        return groups.count == 1 ? renderOne(width: width, height: height) : renderBands(width: width, height: height)
    }

    private func renderOne(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let titleRows = title.isEmpty ? 0 : 1
        let plotHeight = height - titleRows - 2
        let maxCount = counts.max() ?? 0
        let labelWidth = max(1, String(maxCount).count)
        let plotWidth = width - labelWidth - 1 - xLabelRoom
        guard plotHeight >= 1, plotWidth >= 1 else { return Canvas(note: "too small", width: width, height: height) }
        if !title.isEmpty { canvas.text(title, row: 0, col: labelWidth + 1) }
        let columns = plotWidth
        let bars = self.bars(ofGroup: 0, columns: columns)
        let tallest = max(1, bars.max() ?? 1)
        let axisRow = titleRows + plotHeight
        drawBars(bars, tallest: tallest, into: &canvas, bottom: axisRow - 1, rows: plotHeight, col: labelWidth + 1,
                 color: color(ofGroup: 0, for: .terminal))
        let axis = CanvasChartFrame.axisColor
        for r in titleRows..<axisRow { canvas[r, labelWidth] = Cell("│", fg: axis) }
        canvas[axisRow, labelWidth] = Cell("└", fg: axis)
        for c in (labelWidth + 1)..<(labelWidth + 1 + plotWidth) { canvas[axisRow, c] = Cell("─", fg: axis) }
        let top = String(tallest)
        canvas.text("0", row: axisRow - 1, col: labelWidth - 1)
        canvas.text(top, row: titleRows, col: labelWidth - top.count)
        drawRange(into: &canvas, row: axisRow + 1, col: labelWidth + 1, columns: columns)
        return canvas
    }

    private func renderBands(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let titleRows = title.isEmpty ? 0 : 1
        let available = height - titleRows - 2
        let labelWidth = min(12, groups.map(\.name.count).max() ?? 0) + 1
        let plotWidth = width - labelWidth - 1 - xLabelRoom
        guard available >= 1, plotWidth >= 1 else { return Canvas(note: "too small", width: width, height: height) }
        if !title.isEmpty { canvas.text(title, row: 0, col: labelWidth + 1) }
        // Every group gets as many rows as fit; when not all fit, the last row says how many are left out.
        let shown = min(groups.count, available)
        let hidden = groups.count - shown
        let bandGroups = hidden > 0 ? shown - 1 : shown
        let rowsEach = max(1, (available - (hidden > 0 ? 1 : 0)) / max(1, bandGroups))
        let columns = plotWidth
        let axis = CanvasChartFrame.axisColor
        for g in 0..<bandGroups {
            let bottom = titleRows + (g + 1) * rowsEach - 1
            let bars = self.bars(ofGroup: g, columns: columns)
            drawBars(bars, tallest: max(1, bars.max() ?? 1), into: &canvas, bottom: bottom, rows: rowsEach,
                     col: labelWidth + 1, color: color(ofGroup: g, for: .terminal))
            canvas.text(String(groups[g].name.prefix(labelWidth - 1)), row: bottom, col: 0, fg: color(ofGroup: g, for: .terminal))
            for r in (bottom - rowsEach + 1)...bottom { canvas[r, labelWidth] = Cell("│", fg: axis) }
        }
        let axisRow = titleRows + bandGroups * rowsEach + (hidden > 0 ? 1 : 0)
        if hidden > 0 { canvas.text("+\(hidden + 1) more", row: axisRow - 1, col: 0, fg: noteColor) }
        canvas[axisRow, labelWidth] = Cell("└", fg: axis)
        for c in (labelWidth + 1)..<(labelWidth + 1 + plotWidth) { canvas[axisRow, c] = Cell("─", fg: axis) }
        drawRange(into: &canvas, row: axisRow + 1, col: labelWidth + 1, columns: columns)
        return canvas
    }

    /// Columns kept free right of the bars for the x label.
    private var xLabelRoom: Int { xLabel.isEmpty ? 0 : xLabel.count + 1 }

    private func drawBars(_ bars: [Int], tallest: Int, into canvas: inout Canvas, bottom: Int, rows: Int, col: Int, color: RGB) {
        for (j, count) in bars.enumerated() {
            var eighths = Int((Double(count) / Double(tallest) * Double(rows * 8)).rounded())
            if count > 0 { eighths = max(1, eighths) }
            for r in 0..<rows where eighths > r * 8 {
                canvas[bottom - r, col + j] = Cell(Histogram.eighths[min(8, eighths - r * 8)], fg: color)
            }
        }
    }

    /// The value range under the bars: lo at the left, hi at the right, the x label after it.
    private func drawRange(into canvas: inout Canvas, row: Int, col: Int, columns: Int) {
        let loLabel = NiceNumbers.format(lo), hiLabel = NiceNumbers.format(hi)
        canvas.text(loLabel, row: row, col: col)
        let hiStart = max(col + loLabel.count + 1, col + columns - hiLabel.count)
        canvas.text(hiLabel, row: row, col: hiStart)
        if !xLabel.isEmpty {
            canvas.text(xLabel, row: row, col: max(hiStart + hiLabel.count + 1, canvas.width - xLabel.count), fg: CanvasChartFrame.labelColor)
        }
    }
}
