import Foundation

/// A white background with a centred note, for charts that have nothing to show.
func notePicture(_ text: String, width: Int, height: Int) -> Raster {
    var raster = Raster(width: width, height: height, channels: 3, fill: 1)
    let font = BitmapFont.standard
    font.draw(text, into: &raster, x: (width - font.width(of: text)) / 2, y: (height - BitmapFont.glyphHeight) / 2,
              color: PixelChartFrame.ink)
    return raster
}

/// The line chart as an RGB picture: white background, grid, axes with tick labels, a legend
/// below, raw values pale behind smoothed lines.
public func chartPNG(_ chart: LineChart, width: Int, height: Int) -> Raster {
    guard width > 0, height > 0 else { return Raster(width: 0, height: 0, channels: 3) }
    let leftRange = chart.yRange(.left), rightRange = chart.yRange(.right)
    guard let xRange = chart.xRange, let primary = leftRange ?? rightRange else {
        return notePicture("no data", width: width, height: height)
    }
    var raster = Raster(width: width, height: height, channels: 3, fill: 1)
    guard let frame = PixelChartFrame(
        raster: &raster, title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel, xRange: xRange,
        leftRange: primary, leftLog: leftRange != nil && chart.logY, rightRange: leftRange == nil ? nil : rightRange,
        legend: chart.legend, niceX: false)
    else { return notePicture("too small", width: width, height: height) }

    var surface = ShiftedSurface(pen: RasterPen(raster: raster, size: frame.textScale), dx: frame.plotX,
                                 dy: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
    raster = Raster(width: 0, height: 0)  // the surface owns the pixels now; avoid a copy
    let w = Double(frame.plotWidth - 1), h = Double(frame.plotHeight - 1)
    let colors = chart.colors, axes = chart.axes
    for layer in chart.layers() {
        guard let (y, log) = chart.scale(on: axes[layer.series], left: frame.left, right: frame.right, hasLeft: leftRange != nil)
        else { continue }
        let s = chart.series[layer.series]
        let color = colors[layer.series]
        surface.pen.color = layer.faint ? color.mixed(with: .white, 0.6) : color
        let values = layer.values
        var dashed = DashedSurface(base: surface, period: s.dashed ? 8 * frame.textScale : 0)
        dashed.polyline(count: values.count, columns: frame.plotWidth,
                        x: { frame.x.fraction(s.x($0)) * w },
                        y: { (1 - y.fraction(AxisScale.transform(values[$0], log: log))) * h })
        surface = dashed.base
    }
    return surface.pen.raster
}

/// The scatter plot as an RGB picture: translucent dots coloured by class (overlaps darken),
/// axes, and a class legend below.
public func scatterPNG(_ plot: ScatterPlot, width: Int, height: Int) -> Raster {
    guard width > 0, height > 0 else { return Raster(width: 0, height: 0, channels: 3) }
    guard let ranges = plot.ranges else { return notePicture("no points", width: width, height: height) }
    var raster = Raster(width: width, height: height, channels: 3, fill: 1)
    guard let frame = PixelChartFrame(
        raster: &raster, title: plot.title, xLabel: plot.xLabel, yLabel: plot.yLabel, xRange: ranges.x,
        leftRange: ranges.y, leftLog: false, rightRange: nil, legend: plot.legend(for: .png), niceX: true)
    else { return notePicture("too small", width: width, height: height) }
    let size = frame.textScale + 2
    // Fewer, larger points stay opaque; dense clouds become translucent so density shows.
    let alpha = Float(max(0.25, min(0.9, 300 / Double(max(1, plot.points.count)).squareRoot() / 10)))
    let range = plot.valueRange
    for (i, p) in plot.points.enumerated() where p.x.isFinite && p.y.isFinite {
        let px = frame.x(frame.x.fraction(Double(p.x))), py = frame.y(frame.left.fraction(Double(p.y)))
        let color: RGB
        if let range, let values = plot.values, i < values.count, values[i].isFinite {
            color = plot.valueColor(values[i], range)
        } else {
            color = plot.classColor(plot.classIndex(i), for: .png)
        }
        raster.fillRect(x: px - size / 2, y: py - size / 2, width: size, height: size, color, alpha: alpha)
    }
    plot.drawOverlay(into: &raster, frame: frame)
    return raster
}

/// Clips dots to a rectangle and offsets them into the raster.
struct ShiftedSurface: DotSurface {
    var pen: RasterPen
    let dx: Int, dy: Int, width: Int, height: Int

    mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        pen.set(x: x + dx, y: y + dy)
    }
}
