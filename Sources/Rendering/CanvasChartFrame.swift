/// Axes, tick labels, title and legend of a chart on a canvas, and the plot area they leave.
struct CanvasChartFrame {
    var plotRow = 0, plotCol = 0, plotWidth = 0, plotHeight = 0
    var x: AxisScale
    var left: AxisScale
    var right: AxisScale?

    static let axisColor = RGB(128, 128, 128)

    /// Lays out and draws the frame; nil when the canvas is too small for a plot.
    init?(canvas: inout Canvas, title: String, xRange: (Double, Double), leftRange: (Double, Double),
          leftLog: Bool, rightRange: (Double, Double)?, legend: [(String, RGB)], niceX: Bool = false) {
        let titleRows = title.isEmpty ? 0 : 1
        let legendLines = wrapLegend(legend, width: canvas.width - 2, maxLines: max(1, canvas.height / 6),
                                     measure: { $0.count + 2 }, gap: 2)
        let legendRows = legendLines.count
        plotRow = titleRows
        plotHeight = canvas.height - titleRows - legendRows - 2
        guard plotHeight >= 2 else { return nil }
        let tickCount = max(2, plotHeight / 3 + 1)
        let left = AxisScale(range: leftRange, log: leftLog, tickCount: tickCount)
        let right = rightRange.map { AxisScale(range: $0, log: false, tickCount: tickCount) }
        self.left = left
        self.right = right
        let leftWidth = left.ticks.map { left.label($0).count }.max() ?? 1
        let rightWidth = right.map { r in r.ticks.map { r.label($0).count }.max() ?? 1 } ?? -1
        plotCol = leftWidth + 1
        plotWidth = canvas.width - plotCol - (rightWidth + 1)
        guard plotWidth >= 2 else { return nil }
        let xTicks = max(2, plotWidth / 10)
        x = niceX ? AxisScale(range: xRange, log: false, tickCount: xTicks) : AxisScale(exact: xRange, tickCount: xTicks)

        if !title.isEmpty {
            canvas.text(title, row: 0, col: max(0, plotCol + (plotWidth - title.count) / 2))
        }
        let axisRow = plotRow + plotHeight
        drawYAxis(&canvas, scale: left, axisCol: plotCol - 1, labelRight: plotCol - 2, isLeft: true)
        if let right {
            drawYAxis(&canvas, scale: right, axisCol: plotCol + plotWidth, labelRight: -1, isLeft: false)
        }
        for c in plotCol..<(plotCol + plotWidth) {
            canvas[axisRow, c] = Cell("─", fg: Self.axisColor)
        }
        canvas[axisRow, plotCol - 1] = Cell("└", fg: Self.axisColor)
        if right != nil { canvas[axisRow, plotCol + plotWidth] = Cell("┘", fg: Self.axisColor) }
        var freeFrom = 0
        for t in x.ticks {
            let c = plotCol + Int((x.fraction(t) * Double(plotWidth - 1)).rounded())
            canvas[axisRow, c] = Cell("┬", fg: Self.axisColor)
            let label = x.label(t)
            let start = max(freeFrom, min(c - label.count / 2, canvas.width - label.count))
            if start <= c && start + label.count > c - 1 {
                canvas.text(label, row: axisRow + 1, col: start)
                freeFrom = start + label.count + 1
            }
        }
        for (i, line) in legendLines.enumerated() {
            let row = canvas.height - legendRows + i
            var c = min(plotCol, 2)
            for (name, color) in line {
                canvas.text("■", row: row, col: c, fg: color)
                canvas.text(name, row: row, col: c + 2)
                c += name.count + 4
            }
        }
    }

    private func drawYAxis(_ canvas: inout Canvas, scale: AxisScale, axisCol: Int, labelRight: Int, isLeft: Bool) {
        for r in plotRow..<(plotRow + plotHeight) {
            canvas[r, axisCol] = Cell("│", fg: Self.axisColor)
        }
        var usedRows = Set<Int>()
        for t in scale.ticks {
            let r = row(for: scale.fraction(t))
            guard usedRows.insert(r).inserted else { continue }
            canvas[r, axisCol] = Cell(isLeft ? "┤" : "├", fg: Self.axisColor)
            let label = scale.label(t)
            canvas.text(label, row: r, col: isLeft ? labelRight - label.count + 1 : axisCol + 1)
        }
    }

    /// The canvas row for a fraction of the y range (0 = bottom).
    func row(for fraction: Double) -> Int {
        plotRow + Int(((1 - fraction) * Double(plotHeight - 1)).rounded())
    }
}
