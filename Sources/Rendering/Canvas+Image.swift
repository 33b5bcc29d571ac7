// Pictures on the canvas as half blocks: two vertical pixels per cell.

extension Canvas {
    /// Each cell shows two vertical pixels as `▀` with the top pixel as foreground and the
    /// bottom as background; with an odd height the last row's background is nil.
    public init(halfBlocks raster: Raster, colorMap: ColorMap = .gray) {
        self.init(width: raster.width, height: (raster.height + 1) / 2)
        for row in 0..<height {
            for x in 0..<width {
                let top = raster.color(x: x, y: 2 * row, colorMap: colorMap)
                let bottom = 2 * row + 1 < raster.height
                    ? raster.color(x: x, y: 2 * row + 1, colorMap: colorMap) : nil
                self[row, x] = Cell("▀", fg: top, bg: bottom)
            }
        }
    }

    /// The raster scaled to fit `columns × rows` cells (`columns × 2·rows` pixels), aspect kept,
    /// drawn in half blocks. The canvas is only as large as the scaled picture.
    public init(image raster: Raster, columns: Int, rows: Int, colorMap: ColorMap = .gray) {
        self.init(halfBlocks: raster.fitted(maxWidth: columns, maxHeight: 2 * rows), colorMap: colorMap)
    }
}
