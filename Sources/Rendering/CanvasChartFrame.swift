/// Axes, tick labels, title and legend of a chart on a canvas, and the plot area they leave.
struct CanvasChartFrame {
    var plotRow = 0, plotCol = 0, plotWidth = 0, plotHeight = 0
    var x: AxisScale
    var left: AxisScale
    var right: AxisScale?

    static let axisColor = RGB(128, 128, 128)
    /// Axis labels: readable on dark and light terminals, quieter than the data.
    static let labelColor = RGB(150, 150, 150)

    /// Lays out and draws the frame; nil when the canvas is too small for a plot. `yLabel` goes
    /// at the top left above the axis, `xLabel` at the right end of the tick labels.
    init?(canvas: inout Canvas, title: String, xLabel: String = "", yLabel: String = "", xRange: (Double, Double),
          leftRange: (Double, Double), leftLog: Bool, rightRange: (Double, Double)?, legend: [(String, RGB)],
          niceX: Bool = false) {
        let titleRows = title.isEmpty && yLabel.isEmpty ? 0 : 1
        let legendLayout = LegendLayout(legend, width: canvas.width - 2, maxLines: max(1, canvas.height / 6),
                                        measure: { $0.count + 2 }, compactMeasure: { $0.count }, gap: 2)
        let legendRows = legendLayout.lines.count
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
        // The x label sits right of the plot's end on the tick-label row, clear of the last
        // tick label's overhang (one column); a right axis's labels already leave some room.
        let xLabelRoom = xLabel.isEmpty ? 0 : max(0, xLabel.count + 2 - (rightWidth + 1))
        plotWidth = canvas.width - plotCol - (rightWidth + 1) - xLabelRoom
        guard plotWidth >= 2 else { return nil }
        let xTicks = max(2, plotWidth / 10)
        x = niceX ? AxisScale(range: xRange, log: false, tickCount: xTicks) : AxisScale(exact: xRange, tickCount: xTicks)

        // The title and the y label share the top row. A title that does not fit beside the
        // label takes the row alone (the axis keeps its tick labels), and one wider than the
        // whole row ends at a word with an ellipsis rather than mid-word.
        let besideLabel = yLabel.isEmpty ? 0 : yLabel.count + 2
        let titleFits = title.count <= canvas.width - besideLabel
        if !yLabel.isEmpty, titleFits || title.isEmpty { canvas.text(yLabel, row: 0, col: 0, fg: Self.labelColor) }
        if !title.isEmpty {
            let shown = titleFits || title.count <= canvas.width ? title : clipped(title, width: canvas.width)
            let start = max(titleFits ? besideLabel : 0, min(plotCol + (plotWidth - shown.count) / 2, canvas.width - shown.count))
            canvas.text(shown, row: 0, col: max(0, start))
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
        let xLabelStart = xLabel.isEmpty ? canvas.width + 1 : canvas.width - xLabel.count
        if !xLabel.isEmpty { canvas.text(xLabel, row: axisRow + 1, col: xLabelStart, fg: Self.labelColor) }
        var freeFrom = 0
        for t in x.ticks {
            let c = plotCol + Int((x.fraction(t) * Double(plotWidth - 1)).rounded())
            canvas[axisRow, c] = Cell("┬", fg: Self.axisColor)
            let label = x.label(t)
            let start = max(freeFrom, min(c - label.count / 2, canvas.width - label.count))
            if start <= c && start + label.count > c - 1 && start + label.count < xLabelStart {
                canvas.text(label, row: axisRow + 1, col: start)
                freeFrom = start + label.count + 1
            }
        }
        for (i, line) in legendLayout.lines.enumerated() {
            let row = canvas.height - legendRows + i
            let c = min(plotCol, 2)
            for (entry, offset) in line {
                if legendLayout.compact {
                    canvas.text(entry.0, row: row, col: c + offset, fg: entry.1)
                } else {
                    canvas.text("■", row: row, col: c + offset, fg: entry.1)
                    canvas.text(entry.0, row: row, col: c + offset + 2)
                }
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

/// `text` cut to at most `width` characters at a word's end, with an ellipsis.
func clipped(_ text: String, width: Int) -> String {
    guard text.count > width else { return text }
    guard width > 1 else { return String(text.prefix(width)) }
    let head = text.prefix(width - 1)
    let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
    return String(cut.isEmpty ? head : cut) + "…"
}
