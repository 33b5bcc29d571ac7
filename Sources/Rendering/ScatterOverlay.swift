import Foundation

/// What a latent map draws over its points: circles (a VAE prior's 1σ, 2σ, 3σ), the path a
/// crosshair took and the crosshair itself, and a region the axes must show (where the
/// crosshair may go). Every part also widens the axes so that it is in view.
public struct ScatterOverlay: Sendable, Codable, Equatable {
    /// A point of the map.
    public struct Point: Sendable, Codable, Equatable {
        public var x: Float
        public var y: Float

        /// The point (`x`, `y`).
        public init(_ x: Float, _ y: Float) {
            self.x = x
            self.y = y
        }
    }

    /// A circle around `center`, named by `label` ("2σ").
    public struct Circle: Sendable, Codable, Equatable {
        public var center: Point
        public var radius: Float
        public var label: String

        /// A circle of `radius` around `center`.
        public init(center: Point, radius: Float, label: String) {
            self.center = center
            self.radius = radius
            self.label = label
        }
    }

    public var circles: [Circle]
    /// Where the crosshair went, oldest first.
    public var path: [Point]
    public var crosshair: Point?
    /// Two corners of a region the axes include.
    public var bounds: [Point]

    /// An overlay of the given parts.
    public init(circles: [Circle] = [], path: [Point] = [], crosshair: Point? = nil, bounds: [Point] = []) {
        self.circles = circles
        self.path = path
        self.crosshair = crosshair
        self.bounds = bounds
    }

    /// Every point the axes must show.
    public var extent: [Point] {
        circles.flatMap { c in [Point(c.center.x - c.radius, c.center.y - c.radius), Point(c.center.x + c.radius, c.center.y + c.radius)] }
            + path + (crosshair.map { [$0] } ?? []) + bounds
    }

    /// Circles in the terminal: quiet grey dots under the points.
    public static let circleColor = RGB(110, 110, 110)
    /// The path: light dots over the points.
    public static let pathColor = RGB(225, 225, 225)
    /// The crosshair, in a colour no class has.
    public static let crosshairColor = RGB(255, 64, 64)
}

/// Where a latent map put its plot on a canvas: turns map coordinates into cells and back, for
/// a crosshair drawn over a cached picture and for mouse clicks.
public struct ScatterMapping: Sendable, Equatable {
    public var plotRow: Int
    public var plotCol: Int
    public var plotWidth: Int
    public var plotHeight: Int
    /// The axes' ranges.
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>

    /// The cell a map point falls in, nil outside the plot.
    public func cell(x px: Double, y py: Double) -> (row: Int, col: Int)? {
        guard let dot = dot(x: px, y: py) else { return nil }
        return (plotRow + dot.y / 4, plotCol + dot.x / 2)
    }

    /// The braille dot (in the plot's dot grid) a map point falls in.
    func dot(x px: Double, y py: Double) -> (x: Int, y: Int)? {
        let w = Double(2 * plotWidth - 1), h = Double(4 * plotHeight - 1)
        let fx = (px - x.lowerBound) / (x.upperBound - x.lowerBound), fy = (py - y.lowerBound) / (y.upperBound - y.lowerBound)
        guard fx.isFinite, fy.isFinite else { return nil }
        let dx = Int((fx * w).rounded()), dy = Int(((1 - fy) * h).rounded())
        guard dx >= 0, dx <= Int(w), dy >= 0, dy <= Int(h) else { return nil }
        return (dx, dy)
    }

    /// The map point at the middle of a cell, nil outside the plot.
    public func point(row: Int, col: Int) -> (x: Double, y: Double)? {
        guard row >= plotRow, row < plotRow + plotHeight, col >= plotCol, col < plotCol + plotWidth else { return nil }
        let w = Double(2 * plotWidth - 1), h = Double(4 * plotHeight - 1)
        let dx = Double(col - plotCol) * 2 + 0.5, dy = Double(row - plotRow) * 4 + 1.5
        return (x.lowerBound + dx / w * (x.upperBound - x.lowerBound), y.lowerBound + (1 - dy / h) * (y.upperBound - y.lowerBound))
    }
}

extension ScatterPlot {
    /// Draws the overlay's circles into the dot grid, before the points.
    func drawCircles(_ dots: inout Braille, mapping: ScatterMapping) {
        guard let overlay else { return }
        dots.pen = ScatterOverlay.circleColor
        for circle in overlay.circles {
            // Enough steps that neighbouring dots touch on the largest circle.
            let steps = max(24, 8 * (dots.dotWidth + dots.dotHeight))
            for k in 0..<steps {
                let angle = 2 * Double.pi * Double(k) / Double(steps)
                let px = Double(circle.center.x) + Double(circle.radius) * cos(angle)
                let py = Double(circle.center.y) + Double(circle.radius) * sin(angle)
                if let d = mapping.dot(x: px, y: py) { dots.set(x: d.x, y: d.y) }
            }
        }
    }

    /// Draws the path into the dot grid and the crosshair and circle labels onto the canvas,
    /// after the points.
    func drawMarks(_ dots: inout Braille, mapping: ScatterMapping) {
        guard let overlay, overlay.path.count > 1 else { return }
        dots.pen = ScatterOverlay.pathColor
        let points = overlay.path.compactMap { mapping.dot(x: Double($0.x), y: Double($0.y)) }
        for (a, b) in zip(points, points.dropFirst()) { dots.line(a.x, a.y, b.x, b.y) }
    }

    /// The crosshair and the circles' labels, written as characters over the finished plot.
    func drawLabels(into canvas: inout Canvas, mapping: ScatterMapping) {
        guard let overlay else { return }
        for circle in overlay.circles {
            if let cell = mapping.cell(x: Double(circle.center.x), y: Double(circle.center.y + circle.radius)), !circle.label.isEmpty {
                canvas.text(circle.label, row: cell.row, col: cell.col + 1, fg: ScatterOverlay.circleColor)
            }
        }
        if let crosshair = overlay.crosshair {
            ScatterPlot.drawCrosshair(into: &canvas, at: crosshair, mapping: mapping)
        }
    }

    /// A crosshair at `point`: a cross in its cell and an arm either side, clipped to the plot.
    public static func drawCrosshair(into canvas: inout Canvas, at point: ScatterOverlay.Point, mapping: ScatterMapping) {
        guard let cell = mapping.cell(x: Double(point.x), y: Double(point.y)) else { return }
        let color = ScatterOverlay.crosshairColor
        let arms: [(dr: Int, dc: Int, glyph: Character)] = [(0, -2, "─"), (0, -1, "─"), (0, 1, "─"), (0, 2, "─"), (-1, 0, "│"), (1, 0, "│")]
        for arm in arms {
            let r = cell.row + arm.dr, c = cell.col + arm.dc
            guard r >= mapping.plotRow, r < mapping.plotRow + mapping.plotHeight, c >= mapping.plotCol, c < mapping.plotCol + mapping.plotWidth else { continue }
            canvas[r, c] = Cell(arm.glyph, fg: color, bg: canvas[r, c].bg)
        }
        canvas[cell.row, cell.col] = Cell("┼", fg: color, bg: canvas[cell.row, cell.col].bg)
    }

    /// The overlay in a PNG: grey circles with their labels, the path, and a red cross.
    func drawOverlay(into raster: inout Raster, frame: PixelChartFrame) {
        guard let overlay else { return }
        func px(_ p: ScatterOverlay.Point) -> (Int, Int) {
            (frame.x(frame.x.fraction(Double(p.x))), frame.y(frame.left.fraction(Double(p.y))))
        }
        var pen = RasterPen(raster: raster, size: frame.textScale)
        pen.color = RGB(150, 150, 150)
        for circle in overlay.circles {
            let steps = 720
            var previous: (Int, Int)?
            for k in 0...steps {
                let angle = 2 * Float.pi * Float(k) / Float(steps)
                let p = px(ScatterOverlay.Point(circle.center.x + circle.radius * cos(angle), circle.center.y + circle.radius * sin(angle)))
                if let previous { pen.line(previous.0, previous.1, p.0, p.1) }
                previous = p
            }
            let top = px(ScatterOverlay.Point(circle.center.x, circle.center.y + circle.radius))
            BitmapFont.standard.draw(circle.label, into: &pen.raster, x: top.0 + 3 * frame.textScale, y: top.1 + 2 * frame.textScale,
                                     color: RGB(110, 110, 110), scale: frame.textScale)
        }
        pen.color = RGB(40, 40, 40)
        let path = overlay.path.map(px)
        for (a, b) in zip(path, path.dropFirst()) { pen.line(a.0, a.1, b.0, b.1) }
        if let crosshair = overlay.crosshair {
            let (cx, cy) = px(crosshair)
            let arm = 10 * frame.textScale
            pen.color = RGB(220, 30, 30)
            pen.size = 2 * frame.textScale
            pen.line(cx - arm, cy, cx + arm, cy)
            pen.line(cx, cy - arm, cx, cy + arm)
        }
        raster = pen.raster
    }
}

extension ScatterMapping {
    /// Draws a polyline through map points as braille dots over a canvas this mapping was made
    /// for, adding to the dots already in each cell (a crosshair's trail over a cached map).
    public func drawPath(_ points: [ScatterOverlay.Point], into canvas: inout Canvas, color: RGB) {
        var surface = CanvasDots(canvas: canvas, mapping: self, color: color)
        let dots = points.compactMap { dot(x: Double($0.x), y: Double($0.y)) }
        if dots.count == 1 { surface.set(x: dots[0].x, y: dots[0].y) }
        for (a, b) in zip(dots, dots.dropFirst()) { surface.line(a.x, a.y, b.x, b.y) }
        canvas = surface.canvas
    }
}

/// Braille dots set straight onto a canvas's cells: a blank or braille cell gains the dot,
/// any other character is left alone.
private struct CanvasDots: DotSurface {
    var canvas: Canvas
    let mapping: ScatterMapping
    let color: RGB

    mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < 2 * mapping.plotWidth, y < 4 * mapping.plotHeight else { return }
        let row = mapping.plotRow + y / 4, col = mapping.plotCol + x / 2
        var cell = canvas[row, col]
        let scalar = cell.glyph.unicodeScalars.first!.value
        let bits: UInt32
        if cell.glyph == " " { bits = 0 } else if (0x2800...0x28FF).contains(scalar) { bits = scalar - 0x2800 } else { return }
        cell.glyph = Character(Unicode.Scalar(0x2800 + (bits | UInt32(Braille.bit(dx: x & 1, dy: y & 3))))!)
        cell.fg = color
        canvas[row, col] = cell
    }
}
