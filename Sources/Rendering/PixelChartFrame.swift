/// Axes, grid lines, tick labels, title and legend of a chart drawn in pixels, and the plot
/// rectangle they leave. Text scale 2 on rasters at least 640 pixels wide, 1 below.
struct PixelChartFrame {
    var plotX = 0, plotY = 0, plotWidth = 0, plotHeight = 0
    var x: AxisScale
    var left: AxisScale
    var right: AxisScale?
    let textScale: Int

    static let ink = RGB(40, 40, 40)
    static let axis = RGB(90, 90, 90)
    static let grid = RGB(232, 232, 232)

    init?(raster: inout Raster, title: String, xLabel: String = "", yLabel: String = "", xRange: (Double, Double),
          leftRange: (Double, Double), leftLog: Bool, rightRange: (Double, Double)?, legend: [(String, RGB)], niceX: Bool) {
        let font = BitmapFont.standard
        let s = raster.width >= 640 ? 2 : 1
        textScale = s
        let lineHeight = BitmapFont.lineHeight * s, margin = 8 * s, tick = 4 * s
        // Long titles wrap to the picture's width instead of running off both sides.
        let titleLines = title.isEmpty ? [] : wrapWords(title, width: max(1, (raster.width - 2 * margin + s) / (BitmapFont.advance * s)))
        let titleHeight = titleLines.isEmpty ? 0 : titleLines.count * lineHeight + 4 * s
        let legendLayout = LegendLayout(legend, width: raster.width - 2 * margin - 4 * s, maxLines: 4,
                                        measure: { 10 * s + font.width(of: $0, scale: s) }, gap: 3 * BitmapFont.advance * s)
        let legendLines = legendLayout.lines
        let legendHeight = legendLines.isEmpty ? 0 : legendLines.count * (lineHeight + 3 * s) + 2 * s
        let xLabelHeight = xLabel.isEmpty ? 0 : lineHeight + 2 * s
        let yLabelWidth = yLabel.isEmpty ? 0 : lineHeight + 2 * s
        plotY = margin + titleHeight + lineHeight / 2
        plotHeight = raster.height - plotY - margin - legendHeight - xLabelHeight - tick - lineHeight - 2 * s
        guard plotHeight >= 8 else { return nil }
        let tickCount = max(2, plotHeight / (lineHeight * 3) + 1)
        let left = AxisScale(range: leftRange, log: leftLog, tickCount: tickCount)
        let right = rightRange.map { AxisScale(range: $0, log: false, tickCount: tickCount) }
        self.left = left
        self.right = right
        let leftWidth = left.ticks.map { font.width(of: left.label($0), scale: s) }.max() ?? 0
        let rightWidth = right.map { r in r.ticks.map { font.width(of: r.label($0), scale: s) }.max() ?? 0 }
        plotX = margin + yLabelWidth + leftWidth + tick + 2 * s
        plotWidth = raster.width - plotX - margin - (rightWidth.map { $0 + tick + 2 * s } ?? margin)
        guard plotWidth >= 8 else { return nil }
        let xTicks = max(2, plotWidth / (font.width(of: "0.000", scale: s) * 2))
        x = niceX ? AxisScale(range: xRange, log: false, tickCount: xTicks) : AxisScale(exact: xRange, tickCount: xTicks)

        for (i, line) in titleLines.enumerated() {
            // Centred over the plot when it fits there, else over the picture, never off its edge.
            let w = font.width(of: line, scale: s)
            let centre = w <= plotWidth ? plotX + plotWidth / 2 : raster.width / 2
            font.draw(line, into: &raster, x: max(margin, min(raster.width - margin - w, centre - w / 2)),
                      y: margin + i * lineHeight, color: Self.ink, scale: s)
        }
        if !yLabel.isEmpty {
            let h = font.width(of: yLabel, scale: s)
            font.drawUpwards(yLabel, into: &raster, x: margin, y: plotY + (plotHeight + h) / 2, color: Self.ink, scale: s)
        }
        if !xLabel.isEmpty {
            let w = font.width(of: xLabel, scale: s)
            font.draw(xLabel, into: &raster, x: plotX + (plotWidth - w) / 2,
                      y: plotY + plotHeight + tick + lineHeight + 4 * s, color: Self.ink, scale: s)
        }
        let bottom = plotY + plotHeight - 1
        for t in left.ticks {
            let y = self.y(left.fraction(t))
            raster.fillRect(x: plotX, y: y, width: plotWidth, height: 1, Self.grid)
            raster.fillRect(x: plotX - tick, y: y, width: tick, height: s, Self.axis)
            let label = left.label(t)
            font.draw(label, into: &raster, x: plotX - tick - 2 * s - font.width(of: label, scale: s),
                      y: y - BitmapFont.glyphHeight * s / 2, color: Self.ink, scale: s)
        }
        if let right {
            for t in right.ticks {
                let y = self.y(right.fraction(t))
                raster.fillRect(x: plotX + plotWidth, y: y, width: tick, height: s, Self.axis)
                font.draw(right.label(t), into: &raster, x: plotX + plotWidth + tick + 2 * s,
                          y: y - BitmapFont.glyphHeight * s / 2, color: Self.ink, scale: s)
            }
        }
        var freeFrom = Int.min
        for t in x.ticks {
            let px = self.x(x.fraction(t))
            raster.fillRect(x: px, y: plotY, width: 1, height: plotHeight, Self.grid)
            raster.fillRect(x: px, y: bottom + 1, width: s, height: tick, Self.axis)
            let label = x.label(t)
            let w = font.width(of: label, scale: s)
            let lx = max(0, min(raster.width - w, px - w / 2))
            if lx >= freeFrom {
                font.draw(label, into: &raster, x: lx, y: bottom + tick + 3 * s, color: Self.ink, scale: s)
                freeFrom = lx + w + 3 * BitmapFont.advance * s
            }
        }
        // The frame goes on last so grid lines never cover it.
        for k in 0..<s {
            raster.strokeRect(x: plotX - 1 - k, y: plotY - 1 - k, width: plotWidth + 2 + 2 * k,
                              height: plotHeight + 2 + 2 * k, Self.axis)
        }
        for (i, line) in legendLines.enumerated() {
            let lx = min(plotX, margin + 4 * s)
            let ly = raster.height - margin - (legendLines.count - i) * (lineHeight + 3 * s) + 3 * s
            for ((name, color), offset) in line {
                raster.fillRect(x: lx + offset, y: ly, width: 6 * s, height: 6 * s, color)
                font.draw(name, into: &raster, x: lx + offset + 10 * s, y: ly, color: Self.ink, scale: s)
            }
        }
    }

    /// Pixel column for a fraction of the x range.
    func x(_ fraction: Double) -> Int { plotX + Int((fraction * Double(plotWidth - 1)).rounded()) }
    /// Pixel row for a fraction of the y range (0 = bottom).
    func y(_ fraction: Double) -> Int { plotY + Int(((1 - fraction) * Double(plotHeight - 1)).rounded()) }
}
