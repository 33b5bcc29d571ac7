/// The histogram as an RGB picture on white: bars with a count axis for one group; for several,
/// a band per group (each scaled to its own largest bin, named on the left) over one value axis.
public func histogramPNG(_ histogram: Histogram, width: Int, height: Int) -> Raster {
    guard width > 0, height > 0 else { return Raster(width: 0, height: 0, channels: 3) }
    let n = histogram.binCount
    guard n > 0 else { return notePicture("no data", width: width, height: height) }
    var raster = Raster(width: width, height: height, channels: 3, fill: 1)
    let binWidth = (histogram.hi - histogram.lo) / Double(n)
    if histogram.groups.count == 1 {
        let tallest = max(1, histogram.counts.max() ?? 1)
        guard let frame = PixelChartFrame(
            raster: &raster, title: histogram.title, xLabel: histogram.xLabel, yLabel: "count",
            xRange: (histogram.lo, histogram.hi), leftRange: (0, Double(tallest)), leftLog: false,
            rightRange: nil, legend: [], niceX: false)
        else { return notePicture("too small", width: width, height: height) }
        let color = histogram.color(ofGroup: 0, for: .png)
        for (b, count) in histogram.counts.enumerated() where count > 0 {
            let x0 = frame.x(frame.x.fraction(histogram.lo + Double(b) * binWidth))
            let x1 = frame.x(frame.x.fraction(histogram.lo + Double(b + 1) * binWidth))
            let top = frame.y(frame.left.fraction(Double(count)))
            let gap = x1 - x0 >= 4 ? 1 : 0
            raster.fillRect(x: x0 + gap, y: top, width: max(1, x1 - x0 - gap), height: frame.y(0) - top + 1, color)
        }
        return raster
    }
    return bandsPNG(histogram, into: raster)
}

/// Several groups as bands of bars over one value axis.
private func bandsPNG(_ histogram: Histogram, into picture: Raster) -> Raster {
    var raster = picture
    let font = BitmapFont.standard
    let s = raster.width >= 640 ? 2 : 1
    let lineHeight = BitmapFont.lineHeight * s, margin = 8 * s, tick = 4 * s
    let titleLines = histogram.title.isEmpty ? [] : wrapWords(histogram.title, width: max(1, (raster.width - 2 * margin + s) / (BitmapFont.advance * s)))
    for (i, line) in titleLines.enumerated() {
        font.draw(line, into: &raster, x: (raster.width - font.width(of: line, scale: s)) / 2, y: margin + i * lineHeight,
                  color: PixelChartFrame.ink, scale: s)
    }
    let top = margin + titleLines.count * lineHeight + (titleLines.isEmpty ? 0 : 4 * s)
    let labelWidth = (histogram.groups.map { font.width(of: $0.name, scale: s) }.max() ?? 0) + 16 * s
    let plotX = margin + labelWidth, plotWidth = raster.width - plotX - margin
    let bottom = raster.height - margin - lineHeight - tick - 2 * s - (histogram.xLabel.isEmpty ? 0 : lineHeight + 2 * s)
    let bandHeight = (bottom - top) / histogram.groups.count
    guard plotWidth >= 8, bandHeight >= 3 else { return notePicture("too small", width: raster.width, height: raster.height) }
    let n = histogram.binCount
    for (g, group) in histogram.groups.enumerated() {
        let base = top + (g + 1) * bandHeight - 1
        let tallest = max(1, group.counts.max() ?? 1)
        let color = histogram.color(ofGroup: g, for: .png)
        for (b, count) in group.counts.enumerated() where count > 0 {
            let x0 = plotX + b * plotWidth / n, x1 = plotX + (b + 1) * plotWidth / n
            let h = max(1, Int((Double(count) / Double(tallest) * Double(bandHeight - 2 * s)).rounded()))
            raster.fillRect(x: x0, y: base - h + 1, width: max(1, x1 - x0 - (x1 - x0 >= 4 ? 1 : 0)), height: h, color)
        }
        raster.fillRect(x: plotX, y: base, width: plotWidth, height: 1, PixelChartFrame.axis)
        // The name in ink beside a swatch: pale class colours are hard to read as text on white.
        raster.fillRect(x: margin, y: base - BitmapFont.glyphHeight * s, width: 6 * s, height: 6 * s, color)
        font.draw(group.name, into: &raster, x: margin + 10 * s, y: base - BitmapFont.glyphHeight * s, color: PixelChartFrame.ink, scale: s)
    }
    // The shared value axis.
    let axisY = top + histogram.groups.count * bandHeight
    let x = AxisScale(exact: (histogram.lo, histogram.hi), tickCount: max(2, plotWidth / (font.width(of: "0.000", scale: s) * 2)))
    var freeFrom = Int.min
    for t in x.ticks {
        let px = plotX + Int((x.fraction(t) * Double(plotWidth - 1)).rounded())
        raster.fillRect(x: px, y: axisY, width: s, height: tick, PixelChartFrame.axis)
        let label = x.label(t), w = font.width(of: label, scale: s)
        let lx = max(0, min(raster.width - w, px - w / 2))
        if lx >= freeFrom {
            font.draw(label, into: &raster, x: lx, y: axisY + tick + 2 * s, color: PixelChartFrame.ink, scale: s)
            freeFrom = lx + w + 3 * BitmapFont.advance * s
        }
    }
    if !histogram.xLabel.isEmpty {
        let w = font.width(of: histogram.xLabel, scale: s)
        font.draw(histogram.xLabel, into: &raster, x: plotX + (plotWidth - w) / 2, y: axisY + tick + lineHeight + 4 * s,
                  color: PixelChartFrame.ink, scale: s)
    }
    return raster
}
