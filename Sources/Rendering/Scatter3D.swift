import Foundation

/// A view of 3-d points: centred on the middle of their ranges, scaled so the farthest lies on
/// the unit sphere (one scale for all axes, so shapes keep their proportions), turned by the
/// azimuth about the vertical axis, tilted by the elevation, and projected orthographically.
/// The scale does not depend on the angles, so turning the view never rescales it.
struct Projection3D {
    let center: (Double, Double, Double)
    let scale: Double
    let cosA: Double, sinA: Double, cosE: Double, sinE: Double

    /// nil when no point has three finite coordinates.
    init?(_ d: Scatter3DData) {
        let n = min(d.xs.count, d.ys.count, d.zs.count)
        func range(_ v: [Float]) -> (Double, Double)? { AxisScale.range(of: v.prefix(n).lazy.map(Double.init), log: false) }
        guard let rx = range(d.xs), let ry = range(d.ys), let rz = range(d.zs) else { return nil }
        center = ((rx.0 + rx.1) / 2, (ry.0 + ry.1) / 2, (rz.0 + rz.1) / 2)
        var radius = 0.0
        for i in 0..<n where d.xs[i].isFinite && d.ys[i].isFinite && d.zs[i].isFinite {
            let dx = Double(d.xs[i]) - center.0, dy = Double(d.ys[i]) - center.1, dz = Double(d.zs[i]) - center.2
            radius = max(radius, (dx * dx + dy * dy + dz * dz).squareRoot())
        }
        scale = radius > 0 ? 1 / radius : 1
        let a = d.azimuth * .pi / 180, e = d.elevation * .pi / 180
        cosA = cos(a); sinA = sin(a); cosE = cos(e); sinE = sin(e)
    }

    /// Where a direction in data axes lands: `u` to the right, `v` up, `depth` away from the viewer.
    func rotate(_ x: Double, _ y: Double, _ z: Double) -> (u: Double, v: Double, depth: Double) {
        let u = x * cosA - y * sinA
        let w = x * sinA + y * cosA
        return (u, z * cosE + w * sinE, w * cosE - z * sinE)
    }

    /// A point's place, each coordinate in −1…1.
    func project(_ x: Float, _ y: Float, _ z: Float) -> (u: Double, v: Double, depth: Double) {
        rotate((Double(x) - center.0) * scale, (Double(y) - center.1) * scale, (Double(z) - center.2) * scale)
    }
}

extension Scatter3DData {
    /// Points with three finite coordinates, farthest first, so nearer ones are drawn over them.
    func drawingOrder(_ view: Projection3D) -> [(index: Int, u: Double, v: Double, depth: Double)] {
        let n = min(xs.count, ys.count, zs.count)
        return (0..<n).compactMap { i -> (Int, Double, Double, Double)? in
            guard xs[i].isFinite, ys[i].isFinite, zs[i].isFinite else { return nil }
            let p = view.project(xs[i], ys[i], zs[i])
            return (i, p.u, p.v, p.depth)
        }.sorted { $0.3 > $1.3 }
    }

    /// The range of the finite colour values, when points are coloured by value.
    var valueRange: (Float, Float)? {
        guard classes == nil, let values else { return nil }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return (lo, hi)
    }

    /// The colour of point `i`: its class's, its value's through the colour map, or a default.
    func color(_ i: Int, for medium: Medium, values range: (Float, Float)?) -> RGB {
        if let classes {
            guard i < classes.count, classes[i] >= 0 else { return medium == .terminal ? Palette.terminalUnclassed : ScatterPlot.unclassed }
            return Palette.color(classes[i], in: medium == .terminal ? Palette.terminalClasses : Palette.classes)
        }
        if let range, let values, i < values.count, values[i].isFinite {
            return colorMap.color(range.1 > range.0 ? (values[i] - range.0) / (range.1 - range.0) : 0.5)
        }
        return medium == .terminal ? Palette.terminalClasses[0] : Palette.classes[0]
    }

    /// Legend entries for the classes that occur, in class order.
    func legend(for medium: Medium) -> [(String, RGB)] {
        guard let classes else { return [] }
        let present = Set(classes.filter { $0 >= 0 })
        return present.sorted().map { c in
            (c < classNames.count ? classNames[c] : "\(c)",
             Palette.color(c, in: medium == .terminal ? Palette.terminalClasses : Palette.classes))
        }
    }

    /// "az 30° el 20°".
    var viewText: String { String(format: "az %.0f° el %.0f°", azimuth, elevation) }

    static let axisColors = [RGB(230, 80, 80), RGB(60, 170, 60), RGB(70, 120, 255)]

    /// The points in braille seen from the data's angles, nearer points over farther ones and
    /// brighter, a tripod of the three axes at the bottom left, the class legend (or the value
    /// range in colour) below and the angles at the bottom right.
    func canvas(width: Int, height: Int) -> Canvas {
        guard let view = Projection3D(self) else { return Canvas(note: "no points", width: width, height: height) }
        var canvas = Canvas(width: width, height: height)
        let titleRows = title.isEmpty ? 0 : 1
        let range = valueRange
        let layout = LegendLayout(legend(for: .terminal), width: width - 2, maxLines: max(1, height / 6),
                                  measure: { $0.count + 2 }, compactMeasure: { $0.count }, gap: 2)
        let legendRows = range != nil ? 1 : layout.lines.count
        let plotRows = height - titleRows - legendRows
        guard plotRows >= 3, width >= 8 else { return Canvas(note: "too small", width: width, height: height) }
        if !title.isEmpty { canvas.text(String(title.prefix(width)), row: 0, col: max(0, (width - title.count) / 2)) }

        var dots = Braille(columns: width, rows: plotRows)
        let radius = Double(min(dots.dotWidth, dots.dotHeight)) / 2 - 1
        let cx = Double(dots.dotWidth) / 2, cy = Double(dots.dotHeight) / 2
        for p in drawingOrder(view) {
            // Depth −1 (nearest) at full colour down to 55% at +1 (farthest).
            dots.pen = RGB.black.mixed(with: color(p.index, for: .terminal, values: range), Float(0.775 - 0.225 * p.depth))
            dots.set(x: Int((cx + p.u * radius).rounded()), y: Int((cy - p.v * radius).rounded()))
        }
        // The tripod: each axis's unit vector from a corner origin, labelled at its tip.
        let length = min(8.0, radius / 2)
        let origin = (x: length + 2, y: Double(dots.dotHeight) - length - 2)
        var tips: [(Int, Int)] = []
        for axis in 0..<3 {
            let e = view.rotate(axis == 0 ? 1 : 0, axis == 1 ? 1 : 0, axis == 2 ? 1 : 0)
            let tip = (x: Int((origin.x + e.u * length).rounded()), y: Int((origin.y - e.v * length).rounded()))
            dots.pen = Scatter3DData.axisColors[axis]
            dots.line(Int(origin.x), Int(origin.y), tip.x, tip.y)
            tips.append((tip.x, tip.y))
        }
        dots.draw(into: &canvas, row: titleRows, col: 0)
        for axis in 0..<3 {
            let label = axis < axisLabels.count ? axisLabels[axis] : ["x", "y", "z"][axis]
            let (tx, ty) = tips[axis]
            let col = tx / 2 + (tx >= Int(origin.x) ? 1 : -label.count)
            canvas.text(label, row: titleRows + ty / 4, col: max(0, col), fg: Scatter3DData.axisColors[axis])
        }
        let angles = viewText
        canvas.text(angles, row: titleRows + plotRows - 1, col: width - angles.count, fg: noteColor)

        let legendRow = titleRows + plotRows
        if let range {
            // The value range: lo, a ramp through the colour map, hi.
            let lo = NiceNumbers.format(Double(range.0)), hi = NiceNumbers.format(Double(range.1))
            let rampWidth = max(1, min(30, width - lo.count - hi.count - 4))
            canvas.text(lo, row: legendRow, col: 1)
            for k in 0..<rampWidth {
                canvas[legendRow, lo.count + 2 + k] = Cell("█", fg: colorMap.color(Float(k) / Float(max(1, rampWidth - 1))))
            }
            canvas.text(hi, row: legendRow, col: lo.count + 3 + rampWidth)
        } else {
            for (i, line) in layout.lines.enumerated() {
                for (entry, offset) in line {
                    if layout.compact {
                        canvas.text(entry.0, row: legendRow + i, col: 2 + offset, fg: entry.1)
                    } else {
                        canvas.text("■", row: legendRow + i, col: 2 + offset, fg: entry.1)
                        canvas.text(entry.0, row: legendRow + i, col: 4 + offset)
                    }
                }
            }
        }
        return canvas
    }
}

/// The 3-d scatter as an RGB picture: points as squares, nearer ones over farther and darker,
/// the unit circle the cloud turns inside, a tripod of the axes, the legend or the value range
/// below, and the angles.
public func scatter3DPNG(_ d: Scatter3DData, width: Int, height: Int) -> Raster {
    guard width > 0, height > 0 else { return Raster(width: 0, height: 0, channels: 3) }
    guard let view = Projection3D(d) else { return notePicture("no points", width: width, height: height) }
    var raster = Raster(width: width, height: height, channels: 3, fill: 1)
    let font = BitmapFont.standard
    let s = width >= 640 ? 2 : 1
    let lineHeight = BitmapFont.lineHeight * s, margin = 8 * s
    let ink = PixelChartFrame.ink
    let titleLines = d.title.isEmpty ? [] : wrapWords(d.title, width: max(1, (width - 2 * margin + s) / (BitmapFont.advance * s)))
    for (i, line) in titleLines.enumerated() {
        font.draw(line, into: &raster, x: (width - font.width(of: line, scale: s)) / 2, y: margin + i * lineHeight, color: ink, scale: s)
    }
    let range = d.valueRange
    let layout = LegendLayout(d.legend(for: .png), width: width - 2 * margin, maxLines: 4,
                              measure: { 10 * s + font.width(of: $0, scale: s) }, gap: 3 * BitmapFont.advance * s)
    let legendLines = range != nil ? 1 : layout.lines.count
    let top = margin + titleLines.count * lineHeight + 4 * s
    let bottom = height - margin - legendLines * (lineHeight + 3 * s) - lineHeight
    guard bottom - top >= 16 else { return notePicture("too small", width: width, height: height) }
    let radius = Double(min(width - 2 * margin, bottom - top)) / 2 - Double(2 * s)
    let cx = Double(width) / 2, cy = Double(top + bottom) / 2
    // The circle every point stays inside, however the view turns.
    for k in 0..<720 {
        let a = Double(k) * .pi / 360
        raster.blend(x: Int((cx + radius * cos(a)).rounded()), y: Int((cy + radius * sin(a)).rounded()), PixelChartFrame.grid)
    }
    let size = s + 2
    for p in d.drawingOrder(view) {
        let color = d.color(p.index, for: .png, values: range).mixed(with: .white, Float(0.225 + 0.225 * p.depth))
        raster.fillRect(x: Int((cx + p.u * radius).rounded()) - size / 2, y: Int((cy - p.v * radius).rounded()) - size / 2,
                        width: size, height: size, color, alpha: 0.85)
    }
    // The tripod at the bottom left of the plot.
    let length = Double(24 * s)
    let origin = (x: Double(margin) + length + Double(4 * s), y: Double(bottom) - length - Double(4 * s))
    var pen = RasterPen(raster: raster, size: s)
    raster = Raster(width: 0, height: 0)
    var tips: [(Double, Double)] = []
    for axis in 0..<3 {
        let e = view.rotate(axis == 0 ? 1 : 0, axis == 1 ? 1 : 0, axis == 2 ? 1 : 0)
        pen.color = Scatter3DData.axisColors[axis]
        let tip = (origin.x + e.u * length, origin.y - e.v * length)
        pen.line(Int(origin.x), Int(origin.y), Int(tip.0.rounded()), Int(tip.1.rounded()))
        tips.append(tip)
    }
    raster = pen.raster
    for axis in 0..<3 {
        let label = axis < d.axisLabels.count ? d.axisLabels[axis] : ["x", "y", "z"][axis]
        let (tx, ty) = tips[axis]
        let w = font.width(of: label, scale: s)
        let lx = tx >= origin.x ? Int(tx) + 3 * s : Int(tx) - w - 3 * s
        font.draw(label, into: &raster, x: lx, y: Int(ty) - BitmapFont.glyphHeight * s / 2, color: Scatter3DData.axisColors[axis], scale: s)
    }
    let angles = String(format: "azimuth %.0f°, elevation %.0f°", d.azimuth, d.elevation)
    font.draw(angles, into: &raster, x: width - margin - font.width(of: angles, scale: s), y: bottom - lineHeight,
              color: noteColor, scale: s)
    let legendY = height - margin - legendLines * (lineHeight + 3 * s) + 3 * s
    if let range {
        let lo = NiceNumbers.format(Double(range.0)), hi = NiceNumbers.format(Double(range.1))
        let rampWidth = min(width / 2, 300 * s)
        var x = margin
        font.draw(lo, into: &raster, x: x, y: legendY, color: ink, scale: s)
        x += font.width(of: lo, scale: s) + 4 * s
        for k in 0..<rampWidth {
            raster.fillRect(x: x + k, y: legendY, width: 1, height: BitmapFont.glyphHeight * s,
                            d.colorMap.color(Float(k) / Float(max(1, rampWidth - 1))))
        }
        font.draw(hi, into: &raster, x: x + rampWidth + 4 * s, y: legendY, color: ink, scale: s)
    } else {
        for (i, line) in layout.lines.enumerated() {
            for ((name, color), offset) in line {
                let y = legendY + i * (lineHeight + 3 * s)
                raster.fillRect(x: margin + offset, y: y, width: 6 * s, height: 6 * s, color)
                font.draw(name, into: &raster, x: margin + offset + 10 * s, y: y, color: ink, scale: s)
            }
        }
    }
    return raster
}
