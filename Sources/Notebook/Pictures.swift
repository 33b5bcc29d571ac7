import Foundation
import Rendering

/// The kernel's picture events as Rendering's types: characters for a terminal, pixels for PNG.
extension ImageGridData {
    public var colorMapValue: ColorMap {
        switch colorMap {
        case "viridis": return .viridis
        case "gnuplot2": return .gnuplot2
        default: return .gray
        }
    }

    /// Each image as a grey raster.
    public var rasters: [Raster] {
        let size = imageWidth * imageHeight
        return (0..<count).compactMap { i in
            Raster(width: imageWidth, height: imageHeight, channels: 1, bytes: [UInt8](pixels[(i * size)..<((i + 1) * size)]))
        }
    }

    /// Half-block images fitted to `width` terminal columns.
    public func canvas(width: Int) -> Canvas {
        let captionWidth = (rowCaptions?.map(\.count).max() ?? -1) + 1
        // Up to 20 columns an image: big enough to read a digit, small enough for a 10×10 grid.
        let cellWidth = max(4, min(imageWidth, 20, (width - captionWidth) / max(columns, 1) - 1))
        return imageGrid(rasters, columns: columns, cellWidth: cellWidth, gutter: 1,
                         rowCaptions: rowCaptions, columnCaptions: columnCaptions, colorMap: colorMapValue)
    }

    /// The grid as a PNG picture with its title and captions.
    public func picture(scale: Int = 3) -> Raster {
        gridPNG(rasters, columns: columns, scale: scale, gutter: 4, rowCaptions: rowCaptions,
                columnCaptions: columnCaptions, title: title, colorMap: colorMapValue)
    }
}

extension ChartData {
    public var lineChart: LineChart {
        LineChart(series: series.map { LineChart.Series(name: $0.name, values: $0.values, axis: $0.rightAxis ? .right : .left) },
                  logY: logY, smoothing: smoothing, title: title)
    }
}

extension ScatterData {
    public var plot: ScatterPlot {
        ScatterPlot(points: zip(xs, ys).map { (x: $0, y: $1) }, classes: classes, classNames: classNames,
                    title: title + (note.map { " — \($0)" } ?? ""))
    }
}

extension KernelEvent {
    /// Whether this is an image grid, chart or scatter.
    public var isPicture: Bool {
        switch self {
        case .images, .chart, .scatter: return true
        default: return false
        }
    }

    /// A picture event drawn for a terminal `width` columns wide (nil for other events).
    public func canvas(width: Int, height: Int) -> Canvas? {
        switch self {
        case .images(let grid): return grid.canvas(width: width)
        case .chart(let chart): return chart.lineChart.render(width: width, height: height)
        case .scatter(let scatter): return scatter.plot.render(width: width, height: height)
        default: return nil
        }
    }

    /// A picture event as a PNG raster (nil for other events).
    public var picture: Raster? {
        switch self {
        case .images(let grid): return grid.picture()
        case .chart(let chart): return chartPNG(chart.lineChart, width: 960, height: 540)
        case .scatter(let scatter): return scatterPNG(scatter.plot, width: 900, height: 900)
        default: return nil
        }
    }

    /// What a picture event shows, for file names and PNG metadata.
    public var pictureTitle: String? {
        switch self {
        case .images(let grid): return grid.title
        case .chart(let chart): return chart.title
        case .scatter(let scatter): return scatter.title
        default: return nil
        }
    }
}
