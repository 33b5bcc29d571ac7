/// Images in a grid of half-block boxes on a canvas — the variations grid, originals over
/// reconstructions, a query and its neighbours.
///
/// Each box is `cellWidth` columns wide and tall enough for the tallest aspect ratio among the
/// images; every image is scaled to fit its box and centred. `gutter` blank columns separate
/// boxes, and one blank row separates box rows when `gutter > 0`. Row captions go on the left
/// of each row, column captions above each column (cut to `cellWidth`).
public func imageGrid(_ images: [Raster], columns: Int, cellWidth: Int, gutter: Int = 1,
                      rowCaptions: [String]? = nil, columnCaptions: [String]? = nil,
                      colorMap: ColorMap = .gray) -> Canvas {
    let images = images.filter { !$0.isEmpty }
    guard !images.isEmpty, columns > 0, cellWidth > 0 else { return Canvas(width: 0, height: 0) }
    let gutter = max(0, gutter)
    let gridRows = (images.count + columns - 1) / columns
    let aspect = images.map { Double($0.height) / Double($0.width) }.max() ?? 1
    let cellRows = max(1, Int((Double(cellWidth) * aspect / 2).rounded(.up)))
    let labelWidth = rowCaptions.map { ($0.map(\.count).max() ?? 0) + 1 } ?? 0
    let captionRows = columnCaptions == nil ? 0 : 1
    let rowGap = gutter > 0 ? 1 : 0
    var canvas = Canvas(width: labelWidth + columns * cellWidth + (columns - 1) * gutter,
                        height: captionRows + gridRows * cellRows + (gridRows - 1) * rowGap)
    func left(_ column: Int) -> Int { labelWidth + column * (cellWidth + gutter) }
    if let columnCaptions {
        for (c, caption) in columnCaptions.prefix(columns).enumerated() {
            let text = String(caption.prefix(cellWidth))
            canvas.text(text, row: 0, col: left(c) + (cellWidth - text.count) / 2)
        }
    }
    for (i, image) in images.enumerated() {
        let top = captionRows + (i / columns) * (cellRows + rowGap)
        let picture = Canvas(image: image, columns: cellWidth, rows: cellRows, colorMap: colorMap)
        canvas.blit(picture, atRow: top + (cellRows - picture.height) / 2,
                    col: left(i % columns) + (cellWidth - picture.width) / 2)
    }
    if let rowCaptions {
        for (r, caption) in rowCaptions.prefix(gridRows).enumerated() {
            canvas.text(caption, row: captionRows + r * (cellRows + rowGap), col: 0)
        }
    }
    return canvas
}

/// Images tiled at native resolution (times an integer `scale`, nearest neighbour) in
/// `columns` columns, `gutter` pixels apart on a `background` grey, for PNG export. The result
/// is grey when every image is grey and `colorMap` is `.gray`, RGB otherwise.
public func imageMosaic(_ images: [Raster], columns: Int, gutter: Int = 2, scale: Int = 1,
                        colorMap: ColorMap = .gray, background: Float = 1) -> Raster {
    let images = images.filter { !$0.isEmpty }
    guard !images.isEmpty, columns > 0 else { return Raster(width: 0, height: 0) }
    let scale = max(1, scale), gutter = max(0, gutter)
    let columns = min(columns, images.count)
    let cellW = images.map(\.width).max()! * scale, cellH = images.map(\.height).max()! * scale
    let rows = (images.count + columns - 1) / columns
    let color = colorMap != .gray || images.contains { $0.channels == 3 }
    var mosaic = Raster(width: columns * cellW + (columns - 1) * gutter,
                        height: rows * cellH + (rows - 1) * gutter,
                        channels: color ? 3 : 1, fill: background)
    for (i, image) in images.enumerated() {
        var tile = image.upscaled(by: scale)
        if color { tile = tile.rgb(colorMap: colorMap) }
        mosaic.paste(tile, x: (i % columns) * (cellW + gutter) + (cellW - tile.width) / 2,
                     y: (i / columns) * (cellH + gutter) + (cellH - tile.height) / 2)
    }
    return mosaic
}

/// An image grid as an RGB picture on white: images tiled at `scale` times native size with
/// `gutter` pixels between them, a title on top, column captions above and row captions to
/// the left (cut to fit their column).
public func gridPNG(_ images: [Raster], columns: Int, scale: Int = 2, gutter: Int = 4,
                    rowCaptions: [String]? = nil, columnCaptions: [String]? = nil,
                    title: String = "", colorMap: ColorMap = .gray) -> Raster {
    let images = images.filter { !$0.isEmpty }
    guard !images.isEmpty, columns > 0 else { return Raster(width: 0, height: 0, channels: 3) }
    let mosaic = imageMosaic(images, columns: columns, gutter: gutter, scale: scale,
                             colorMap: colorMap, background: 1).rgb()
    let columns = min(columns, images.count)
    let rows = (images.count + columns - 1) / columns
    let cellW = (mosaic.width - (columns - 1) * max(0, gutter)) / columns
    let cellH = (mosaic.height - (rows - 1) * max(0, gutter)) / rows
    let font = BitmapFont.standard
    let s = cellW >= 56 && mosaic.width >= 400 ? 2 : 1
    let lineHeight = BitmapFont.lineHeight * s, margin = 8 * s, advance = BitmapFont.advance * s
    let captionHeight = columnCaptions == nil ? 0 : lineHeight + 2 * s
    let labelWidth = rowCaptions.map { ($0.map { font.width(of: $0, scale: s) }.max() ?? 0) + 6 * s } ?? 0
    let gridX = margin + labelWidth
    // A title longer than the grid widens the picture up to 640 pixels, then wraps.
    let width = max(gridX + mosaic.width + margin, min(640 * s, title.isEmpty ? 0 : font.width(of: title, scale: s) + 2 * margin))
    let titleLines = title.isEmpty ? [] : wrapWords(title, width: max(1, (width - 2 * margin + s) / advance))
    let titleHeight = titleLines.isEmpty ? 0 : titleLines.count * lineHeight + 4 * s
    let gridY = margin + titleHeight + captionHeight
    var raster = Raster(width: width, height: gridY + mosaic.height + margin, channels: 3, fill: 1)
    raster.paste(mosaic, x: gridX, y: gridY)
    let ink = PixelChartFrame.ink
    for (i, line) in titleLines.enumerated() {
        font.draw(line, into: &raster, x: (width - font.width(of: line, scale: s)) / 2, y: margin + i * lineHeight, color: ink, scale: s)
    }
    let step = cellW + max(0, gutter)
    if let columnCaptions {
        for (c, caption) in columnCaptions.prefix(columns).enumerated() {
            let text = String(caption.prefix(max(1, (cellW + gutter) / advance)))
            font.draw(text, into: &raster, x: gridX + c * step + (cellW - font.width(of: text, scale: s)) / 2,
                      y: gridY - captionHeight, color: ink, scale: s)
        }
    }
    if let rowCaptions {
        for (r, caption) in rowCaptions.prefix(rows).enumerated() {
            font.draw(caption, into: &raster, x: margin,
                      y: gridY + r * (cellH + max(0, gutter)) + (cellH - BitmapFont.glyphHeight * s) / 2,
                      color: ink, scale: s)
        }
    }
    return raster
}
