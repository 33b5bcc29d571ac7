// Pixel drawing for PNG charts: rectangles, lines, blending, pasting. All clip at the edges.

extension Raster {
    /// Copies `tile` (same channel count) with its top-left at (`x`, `y`), clipped.
    mutating func paste(_ tile: Raster, x: Int, y: Int) {
        let tile = tile.channels == channels ? tile : (channels == 3 ? tile.rgb() : tile)
        guard tile.channels == channels else { return }
        let x0 = max(0, -x), x1 = min(tile.width, width - x)
        guard x0 < x1 else { return }
        for ty in max(0, -y)..<max(max(0, -y), min(tile.height, height - y)) {
            let src = (ty * tile.width + x0) * channels, dst = ((y + ty) * width + x + x0) * channels
            let n = (x1 - x0) * channels
            for i in 0..<n { pixels[dst + i] = tile.pixels[src + i] }
        }
    }

    /// Blends `color` over pixel (`x`, `y`) with opacity `alpha`.
    mutating func blend(x: Int, y: Int, _ color: RGB, alpha: Float = 1) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * channels
        if channels == 3 {
            pixels[i] += (Float(color.r) / 255 - pixels[i]) * alpha
            pixels[i + 1] += (Float(color.g) / 255 - pixels[i + 1]) * alpha
            pixels[i + 2] += (Float(color.b) / 255 - pixels[i + 2]) * alpha
        } else {
            pixels[i] += (color.luminance - pixels[i]) * alpha
        }
    }

    mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, _ color: RGB, alpha: Float = 1) {
        for yy in max(0, y)..<max(max(0, y), min(height, y + h)) {
            for xx in max(0, x)..<max(max(0, x), min(width, x + w)) { blend(x: xx, y: yy, color, alpha: alpha) }
        }
    }

    mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, _ color: RGB) {
        fillRect(x: x, y: y, width: w, height: 1, color)
        fillRect(x: x, y: y + h - 1, width: w, height: 1, color)
        fillRect(x: x, y: y, width: 1, height: h, color)
        fillRect(x: x + w - 1, y: y, width: 1, height: h, color)
    }
}

/// Draws dots of a given colour and thickness on a raster, for polylines.
struct RasterPen: DotSurface {
    var raster: Raster
    var color = RGB.black
    /// Square dot size in pixels.
    var size = 1
    var alpha: Float = 1

    mutating func set(x: Int, y: Int) {
        if size == 1 { raster.blend(x: x, y: y, color, alpha: alpha); return }
        let o = (size - 1) / 2
        raster.fillRect(x: x - o, y: y - o, width: size, height: size, color, alpha: alpha)
    }
}
