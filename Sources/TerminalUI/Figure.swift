import Foundation
import Notebook
import Rendering

/// A picture a cell or the training panel shows: one of the kernel's image grids, charts or
/// scatters, drawn with Rendering at whatever size it is given.
enum Figure: Equatable {
    case images(ImageGridData)
    case chart(ChartData)
    case scatter(ScatterData)

    var title: String {
        switch self {
        case .images(let d): return d.title
        case .chart(let d): return d.xLabel.isEmpty ? d.title : "\(d.title) (by \(d.xLabel))"
        case .scatter(let d): return d.title
        }
    }

    /// The figure as large as fits in `width × height` cells (image grids keep their aspect, so
    /// they may come out smaller).
    func render(width: Int, height: Int) -> Canvas {
        guard width > 0, height > 0 else { return Canvas(width: 0, height: 0) }
        switch self {
        case .images(let d): return Figure.imageGrid(d, width: width, height: height)
        case .chart(let d): return Figure.lineChart(d).render(width: width, height: height)
        case .scatter(let d):
            var canvas = Figure.scatterPlot(d).render(width: width, height: height - (d.note == nil ? 0 : 1))
            if let note = d.note {
                var withNote = Canvas(width: canvas.width, height: canvas.height + 1)
                withNote.blit(canvas, atRow: 0, col: 0)
                withNote.text(String(note.prefix(width)), row: canvas.height, col: 0, fg: Theme.dim)
                canvas = withNote
            }
            return canvas
        }
    }

    /// The figure at the size it takes inside a notebook cell `width` columns wide.
    func inline(width: Int) -> Canvas {
        switch self {
        case .images(let d):
            let rows = (d.count + max(d.columns, 1) - 1) / max(d.columns, 1)
            return render(width: width, height: rows * 6 + (d.columnCaptions == nil ? 0 : 1))
        case .chart: return render(width: min(width, 100), height: 14)
        case .scatter: return render(width: min(width, 72), height: 24)
        }
    }

    static func lineChart(_ d: ChartData) -> LineChart {
        LineChart(series: d.series.map { LineChart.Series(name: $0.name, values: $0.values, axis: $0.rightAxis ? .right : .left) },
                  logY: d.logY, smoothing: d.smoothing, title: d.title)
    }

    static func scatterPlot(_ d: ScatterData) -> ScatterPlot {
        ScatterPlot(points: zip(d.xs, d.ys).map { (x: $0, y: $1) }, classes: d.classes,
                    classNames: d.classNames.isEmpty ? nil : d.classNames, title: d.title)
    }

    static func colorMap(named name: String) -> ColorMap {
        switch name.lowercased() {
        case "viridis": return .viridis
        case "gnuplot2": return .gnuplot2
        default: return .gray
        }
    }

    static func rasters(_ d: ImageGridData) -> [Raster] {
        let n = d.imageWidth * d.imageHeight
        guard n > 0 else { return [] }
        let bytes = [UInt8](d.pixels)
        return (0..<d.count).compactMap { i in
            Raster(width: d.imageWidth, height: d.imageHeight, channels: 1, bytes: Array(bytes[(i * n)..<((i + 1) * n)]))
        }
    }

    /// The grid with the widest image boxes whose whole grid fits in `width × height`.
    static func imageGrid(_ d: ImageGridData, width: Int, height: Int) -> Canvas {
        let images = rasters(d)
        guard !images.isEmpty else { return Canvas(note: "no images", width: width, height: 1) }
        let columns = max(1, min(d.columns, images.count))
        let rows = (images.count + columns - 1) / columns
        let labelWidth = d.rowCaptions.map { ($0.map(\.count).max() ?? 0) + 1 } ?? 0
        let captionRows = d.columnCaptions == nil ? 0 : 1
        let aspect = Double(d.imageHeight) / Double(max(d.imageWidth, 1))
        for cellWidth in stride(from: min(width, 80), through: 1, by: -1) {
            let gutter = cellWidth >= 3 ? 1 : 0
            let cellRows = max(1, Int((Double(cellWidth) * aspect / 2).rounded(.up)))
            let w = labelWidth + columns * cellWidth + (columns - 1) * gutter
            let h = captionRows + rows * cellRows + (rows - 1) * gutter
            if w <= width, h <= height {
                return Rendering.imageGrid(images, columns: columns, cellWidth: cellWidth, gutter: gutter,
                                           rowCaptions: d.rowCaptions, columnCaptions: d.columnCaptions,
                                           colorMap: colorMap(named: d.colorMap))
            }
        }
        return Canvas(note: "too small", width: min(width, 9), height: 1)
    }
}
