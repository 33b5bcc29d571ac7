import Foundation

/// Grey images of one size laid out in a grid, pixels as bytes (base64 in JSON): originals over
/// reconstructions, a variations grid, samples from a prior.
public struct ImageGridData: Sendable, Codable, Equatable {
    public var title: String
    public var columns: Int
    public var imageWidth: Int
    public var imageHeight: Int
    /// Every image's pixels, row-major, one image after another.
    public var pixels: Data
    public var rowCaptions: [String]?
    public var columnCaptions: [String]?
    public var colorMap: ColorMap

    /// How many whole images `pixels` holds.
    public var count: Int { pixels.count / max(imageWidth * imageHeight, 1) }

    /// A grid of byte images.
    public init(title: String, columns: Int, imageWidth: Int, imageHeight: Int, pixels: Data,
                rowCaptions: [String]? = nil, columnCaptions: [String]? = nil, colorMap: ColorMap = .gray) {
        self.title = title
        self.columns = columns
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.pixels = pixels
        self.rowCaptions = rowCaptions
        self.columnCaptions = columnCaptions
        self.colorMap = colorMap
    }

    /// Images from `count` float rows of `width · height` values in 0…1 (values outside are clipped).
    public init(title: String, columns: Int, width: Int, height: Int, rows: UnsafePointer<Float>, count: Int,
                rowCaptions: [String]? = nil, columnCaptions: [String]? = nil, colorMap: ColorMap = .gray) {
        var bytes = Data(count: count * width * height)
        bytes.withUnsafeMutableBytes { raw in
            let out = raw.bindMemory(to: UInt8.self)
            for i in 0..<out.count { out[i] = UInt8((min(max(rows[i], 0), 1) * 255).rounded()) }
        }
        self.init(title: title, columns: columns, imageWidth: width, imageHeight: height, pixels: bytes,
                  rowCaptions: rowCaptions, columnCaptions: columnCaptions, colorMap: colorMap)
    }

    /// Each whole image as a grey raster.
    var rasters: [Raster] {
        let size = imageWidth * imageHeight
        guard size > 0 else { return [] }
        let bytes = [UInt8](pixels)
        return (0..<count).compactMap { i in
            Raster(width: imageWidth, height: imageHeight, channels: 1, bytes: Array(bytes[(i * size)..<((i + 1) * size)]))
        }
    }

    /// The grid with the widest image boxes (up to 80 columns each) whose whole grid fits in
    /// `width × height` cells.
    func canvas(width: Int, height: Int) -> Canvas {
        let images = rasters
        guard !images.isEmpty else { return Canvas(note: "no images", width: width, height: min(height, 1)) }
        let columns = max(1, min(self.columns, images.count))
        let rows = (images.count + columns - 1) / columns
        let labelWidth = rowCaptions.map { ($0.map(\.count).max() ?? 0) + 1 } ?? 0
        let captionRows = columnCaptions == nil ? 0 : 1
        let aspect = Double(imageHeight) / Double(max(imageWidth, 1))
        for cellWidth in stride(from: min(width, 80), through: 1, by: -1) {
            let gutter = cellWidth >= 3 ? 1 : 0
            let cellRows = max(1, Int((Double(cellWidth) * aspect / 2).rounded(.up)))
            let w = labelWidth + columns * cellWidth + (columns - 1) * gutter
            let h = captionRows + rows * cellRows + (rows - 1) * gutter
            if w <= width, h <= height {
                return imageGrid(images, columns: columns, cellWidth: cellWidth, gutter: gutter,
                                 rowCaptions: rowCaptions, columnCaptions: columnCaptions, colorMap: colorMap)
            }
        }
        return Canvas(note: "too small", width: min(width, 9), height: min(height, 1))
    }

    /// The height a notebook cell gives the grid: about six rows an image row.
    var inlineHeight: Int {
        let rows = (count + max(columns, 1) - 1) / max(columns, 1)
        return rows * 6 + (columnCaptions == nil ? 0 : 1)
    }

    /// The grid as a PNG picture with its title and captions, `scale` pixels an image pixel.
    func picture(scale: Int) -> Raster {
        gridPNG(rasters, columns: columns, scale: scale, gutter: 4, rowCaptions: rowCaptions,
                columnCaptions: columnCaptions, title: title, colorMap: colorMap)
    }
}
