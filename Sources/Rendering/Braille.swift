/// A dot grid drawn as braille characters: each cell holds 2×4 dots (U+2800 plus a bit mask).
struct Braille {
    let columns: Int
    let rows: Int
    /// Dot masks per cell, row-major.
    private(set) var bits: [UInt8]
    /// The colour of the last dot set in each cell.
    private(set) var colors: [RGB?]
    /// Colour for dots set from now on.
    var pen = RGB.white

    var dotWidth: Int { 2 * columns }
    var dotHeight: Int { 4 * rows }

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        colors = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// The bit for dot (`dx`, `dy`) inside a cell, dx in 0..<2, dy in 0..<4: dots 1–3 and 4–6
    /// run down the two columns, dots 7 and 8 are the bottom row.
    static func bit(dx: Int, dy: Int) -> UInt8 {
        dy == 3 ? (dx == 0 ? 0x40 : 0x80) : UInt8(1) << UInt8(dy + 3 * dx)
    }

    /// Sets dot (`x`, `y`) in dot coordinates, (0, 0) top left; outside dots are ignored.
    mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let i = (y >> 2) * columns + (x >> 1)
        bits[i] |= Braille.bit(dx: x & 1, dy: y & 3)
        colors[i] = pen
    }

    /// Overrides the colour of cell `index` (row-major).
    mutating func setColor(_ color: RGB, cell index: Int) {
        colors[index] = color
    }

    /// Writes every non-empty cell into `canvas` with its top-left at (`row`, `col`).
    func draw(into canvas: inout Canvas, row: Int, col: Int) {
        for r in 0..<rows {
            for c in 0..<columns where bits[r * columns + c] != 0 {
                let scalar = Unicode.Scalar(0x2800 + UInt32(bits[r * columns + c]))!
                var cell = canvas[row + r, col + c]
                cell.glyph = Character(scalar)
                cell.fg = colors[r * columns + c]
                canvas[row + r, col + c] = cell
            }
        }
    }
}

extension Braille: DotSurface {}

/// Something polylines can be drawn on, one dot at a time.
protocol DotSurface {
    mutating func set(x: Int, y: Int)
}

/// A surface that passes on the dots of every other `period` columns, for dashed lines; a
/// period of 0 passes every dot.
struct DashedSurface<Base: DotSurface>: DotSurface {
    var base: Base
    let period: Int

    mutating func set(x: Int, y: Int) {
        guard period > 0 else { return base.set(x: x, y: y) }
        if (x / period) % 2 == 0 { base.set(x: x, y: y) }
    }
}

extension DotSurface {
    /// A straight line of dots (Bresenham).
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x: x, y: y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// A polyline through (xs[i], ys[i]) in surface coordinates, decimated per column: each
    /// column draws one vertical span from its lowest to its highest point and joins the previous
    /// column's last point to its first, so cost is O(points + columns) however many points.
    /// Non-finite points are skipped; points are expected in increasing x.
    mutating func polyline(count: Int, columns: Int, x: (Int) -> Double, y: (Int) -> Double) {
        guard columns > 0 else { return }
        var prevColumn = -1, prevY = 0, top = 0, bottom = 0, first = 0, last = 0
        func flush(_ column: Int) {
            if prevColumn >= 0 { line(prevColumn, prevY, column, first) }
            line(column, top, column, bottom)
            prevColumn = column
            prevY = last
        }
        var current = -1
        for i in 0..<count {
            let xv = x(i), yv = y(i)
            guard xv.isFinite, yv.isFinite else { continue }
            let c = Int(xv.rounded()), r = Int(max(-1e6, min(1e6, yv)).rounded())
            guard c >= 0, c < columns else { continue }
            if c != current {
                if current >= 0 { flush(current) }
                current = c; top = r; bottom = r; first = r
            }
            top = min(top, r); bottom = max(bottom, r); last = r
        }
        if current >= 0 { flush(current) }
    }
}
