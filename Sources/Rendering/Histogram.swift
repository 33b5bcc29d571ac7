/// Counts of values in equal-width bins, drawn as vertical bars with eighth-block tops.
public struct Histogram: Sendable {
    public var counts: [Int]
    /// The left edge of the first bin and the right edge of the last.
    public var lo: Double
    public var hi: Double
    public var color: RGB?
    public var title: String

    /// A histogram of counts already binned between `lo` and `hi`.
    public init(counts: [Int], lo: Double, hi: Double, color: RGB? = nil, title: String = "") {
        self.counts = counts
        self.lo = lo
        self.hi = hi
        self.color = color
        self.title = title
    }

    /// Bins the finite values into `bins` equal bins spanning their range.
    public init(values: [Double], bins: Int, color: RGB? = nil, title: String = "") {
        let n = max(1, bins)
        let range = AxisScale.range(of: values, log: false) ?? (0, 1)
        let lo = range.0, hi = range.1 > range.0 ? range.1 : range.0 + 1
        var counts = [Int](repeating: 0, count: n)
        for v in values where v.isFinite {
            counts[max(0, min(n - 1, Int((v - lo) / (hi - lo) * Double(n))))] += 1
        }
        self.init(counts: counts, lo: lo, hi: hi, color: color, title: title)
    }

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Bars scaled to the largest bin, the count axis on the left and the value range below.
    /// When there are more bins than columns, neighbouring bins are summed.
    public func render(width: Int, height: Int) -> Canvas {
        guard !counts.isEmpty else { return Canvas(note: "no data", width: width, height: height) }
        var canvas = Canvas(width: width, height: height)
        let titleRows = title.isEmpty ? 0 : 1
        let plotHeight = height - titleRows - 2
        let maxCount = counts.max() ?? 0
        let labelWidth = max(1, String(maxCount).count)
        let plotWidth = width - labelWidth - 1
        guard plotHeight >= 1, plotWidth >= 1 else { return Canvas(note: "too small", width: width, height: height) }
        if !title.isEmpty { canvas.text(title, row: 0, col: labelWidth + 1) }

        // Column j shows bins [j·n/cols, (j+1)·n/cols) when merging, or bin j/(cols/n) otherwise.
        let n = counts.count
        let perBin = max(1, plotWidth / n)
        let columns = n <= plotWidth ? n * perBin : plotWidth
        var bars = [Int](repeating: 0, count: columns)
        for j in 0..<columns {
            if n <= plotWidth {
                bars[j] = counts[j / perBin]
            } else {
                for b in (j * n / columns)..<((j + 1) * n / columns) { bars[j] += counts[b] }
            }
        }
        let tallest = max(1, bars.max() ?? 1)
        let axisRow = titleRows + plotHeight
        let fg = color ?? Palette.tab10[0]
        for (j, count) in bars.enumerated() {
            var eighths = Int((Double(count) / Double(tallest) * Double(plotHeight * 8)).rounded())
            if count > 0 { eighths = max(1, eighths) }
            for r in 0..<plotHeight where eighths > r * 8 {
                let glyph = Histogram.eighths[min(8, eighths - r * 8)]
                canvas[axisRow - 1 - r, labelWidth + 1 + j] = Cell(glyph, fg: fg)
            }
        }
        let axis = CanvasChartFrame.axisColor
        for r in titleRows..<axisRow { canvas[r, labelWidth] = Cell("│", fg: axis) }
        canvas[axisRow, labelWidth] = Cell("└", fg: axis)
        for c in (labelWidth + 1)..<width { canvas[axisRow, c] = Cell("─", fg: axis) }
        let top = String(tallest)
        canvas.text("0", row: axisRow - 1, col: labelWidth - 1)
        canvas.text(top, row: titleRows, col: labelWidth - top.count)
        let hiLabel = NiceNumbers.format(hi)
        canvas.text(NiceNumbers.format(lo), row: axisRow + 1, col: labelWidth + 1)
        canvas.text(hiLabel, row: axisRow + 1, col: max(labelWidth + 1, labelWidth + 1 + columns - hiLabel.count))
        return canvas
    }
}
