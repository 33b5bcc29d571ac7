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

    /// What the figure shows, for headings, file names and PNG metadata.
    public var title: String {
        switch self {
        case .images(let d): return d.title
        case .chart(let d): return d.xLabel.isEmpty ? d.title : "\(d.title) (by \(d.xLabel))"
        case .scatter(let d): return d.title
        }
    }

    /// A one-word name of the kind ("images", "chart", "scatter"), for file names.
    public var kind: String {
        switch self {
        case .images: return "images"
        case .chart: return "chart"
        case .scatter: return "scatter"
        }
    }

    /// Said under the picture, e.g. that codes were projected on two principal components.
    public var note: String? {
        switch self {
        case .scatter(let d): return d.note
        case .images, .chart: return nil
        }
    }

    /// The figure as large as fits in `width × height` cells, its note on the lines below (at
    /// most a quarter of the height). Image grids keep their aspect, so they may come out smaller.
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
        }
    }

    /// The figure as an RGB picture for PNG export, its note below. `scale` is the number of
    /// pixels an image pixel takes in image grids; charts and scatters have a fixed size.
    public func png(scale: Int = 3) -> Raster {
        let picture: Raster
        switch self {
        case .images(let d): picture = d.picture(scale: max(1, scale))
        case .chart(let d): picture = chartPNG(d.lineChart, width: 960, height: 540)
        case .scatter(let d): picture = scatterPNG(d.plot, width: 900, height: 900)
        }
        return note.map { picture.withNote($0) } ?? picture
    }

    /// The picture alone in `width × height` cells.
    private func draw(width: Int, height: Int) -> Canvas {
        switch self {
        case .images(let d): return d.canvas(width: width, height: height)
        case .chart(let d): return d.lineChart.render(width: width, height: height)
        case .scatter(let d): return d.plot.render(width: width, height: height)
        }
    }
}
