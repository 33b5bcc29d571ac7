/// A picture a notebook cell, the training panel or an export shows: one type for every viewer,
/// so the terminal, the headless printer and PNG export draw the same thing.
///
/// Its JSON is the kind's name holding the data, e.g. `{"chart": {"_0": {…}}}`, the form
/// recorded sessions already use for the kernel's picture events. A new kind of picture is a
/// new case here and in the switches of this file.
public enum Figure: Codable, Sendable, Equatable {
    case images(ImageGridData)
    case chart(ChartData)
    case scatter(ScatterData)
    case histogram(HistogramData)
    case scatter3D(Scatter3DData)
    case textList(TextListData)
    case panels(PanelsData)

    /// What the figure shows, for headings, file names and PNG metadata.
    public var title: String {
        switch self {
        case .images(let d): return d.title
        case .chart(let d): return d.xLabel.isEmpty ? d.title : "\(d.title) (by \(d.xLabel))"
        case .scatter(let d): return d.title
        case .histogram(let d): return d.title
        case .scatter3D(let d): return d.title
        case .textList(let d): return d.title
        case .panels(let d): return d.title
        }
    }

    /// Whether the terminal drawing (`render`, `inline`) carries the title itself; a viewer
    /// heads the other kinds (image grids, text lists) with `title`, and these with nothing.
    public var drawsTitle: Bool {
        switch self {
        case .chart, .scatter, .histogram, .scatter3D: return true
        case .images, .textList, .panels: return false
        }
    }

    /// A one-word name of the kind ("images", "chart", "scatter", …), for file names.
    public var kind: String {
        switch self {
        case .images: return "images"
        case .chart: return "chart"
        case .scatter: return "scatter"
        case .histogram: return "histogram"
        case .scatter3D: return "scatter3d"
        case .textList: return "text"
        case .panels: return "panels"
        }
    }

    /// Said under the picture, e.g. that codes were projected on two principal components.
    public var note: String? {
        switch self {
        case .scatter(let d): return d.note
        case .scatter3D(let d): return d.note
        case .panels(let d): return d.note
        case .images, .chart, .histogram, .textList: return nil
        }
    }

    /// The figure as large as fits in `width × height` cells, its note on the lines below (at
    /// most a quarter of the height). Image grids keep their aspect and text lists take the
    /// rows they need, so those may come out smaller. Charts, scatters and histograms draw
    /// their title; for image grids and text lists the viewer shows `title`.
    public func render(width: Int, height: Int) -> Canvas {
        guard width > 0, height > 0 else { return Canvas(width: 0, height: 0) }
        let noteRows = Canvas.noteLines(note, width: width, maxLines: height / 4)
        let body = draw(width: width, height: height - noteRows)
        guard let note, noteRows > 0 else { return body }
        return body.withNote(note, width: width, maxLines: noteRows)
    }

    /// The figure at the size it takes inside a notebook cell `width` columns wide.
    public func inline(width: Int) -> Canvas {
        switch self {
        case .images(let d): return render(width: width, height: d.inlineHeight)
        case .chart: return render(width: min(width, 100), height: 14)
        case .scatter: return render(width: min(width, 72), height: 24)
        case .histogram(let d): return render(width: min(width, 100), height: d.groups.count > 1 ? min(40, 3 + 2 * d.groups.count) : 12)
        case .scatter3D: return render(width: min(width, 72), height: 24)
        case .textList(let d): return render(width: width, height: min(60, d.rowCount(width: width)))
        case .panels(let d): return render(width: min(width, 150), height: d.inlineHeight(width: min(width, 150)))
        }
    }

    /// The figure as an RGB picture for PNG export, its note below. `scale` is the number of
    /// pixels an image pixel takes in image grids; the other kinds have a fixed width.
    public func png(scale: Int = 3) -> Raster {
        let picture: Raster
        switch self {
        case .images(let d): picture = d.picture(scale: max(1, scale))
        case .chart(let d): picture = chartPNG(d.lineChart, width: 960, height: 540)
        case .scatter(let d): picture = scatterPNG(d.plot, width: 900, height: 900)
        case .histogram(let d):
            picture = histogramPNG(d.histogram, width: 960, height: d.groups.count > 1 ? min(1600, 160 + 90 * d.groups.count) : 540)
        case .scatter3D(let d): picture = scatter3DPNG(d, width: 900, height: 900)
        case .textList(let d): picture = d.picture(width: 960)
        case .panels(let d): picture = d.picture(scale: scale)
        }
        return note.map { picture.withNote($0) } ?? picture
    }

    /// A 3-d scatter seen from `azimuth` degrees further round and `elevation` degrees higher
    /// (for ← → and the slow turn in the TUI); other figures are returned as they are.
    public func turned(azimuth: Double, elevation: Double = 0) -> Figure {
        guard case .scatter3D(let d) = self else { return self }
        return .scatter3D(d.turned(by: azimuth).tilted(by: elevation))
    }

    /// The picture alone in `width × height` cells.
    private func draw(width: Int, height: Int) -> Canvas {
        switch self {
        case .images(let d): return d.canvas(width: width, height: height)
        case .chart(let d): return d.lineChart.render(width: width, height: height)
        case .scatter(let d): return d.plot.render(width: width, height: height)
        case .histogram(let d): return d.histogram.render(width: width, height: height)
        case .scatter3D(let d): return d.canvas(width: width, height: height)
        case .textList(let d): return d.canvas(width: width, height: height)
        case .panels(let d): return d.canvas(width: width, height: height)
        }
    }
}
