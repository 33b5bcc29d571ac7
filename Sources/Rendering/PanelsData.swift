/// Figures side by side under one title: the same data mapped several ways (PCA, a linear and
/// a non-linear autoencoder), so the eye compares them at a glance.
public struct PanelsData: Sendable, Codable, Equatable {
    public var title: String
    /// Left to right; each draws its own title.
    public var panels: [Figure]
    /// Said under the row of panels.
    public var note: String?

    /// A row of `panels`.
    public init(title: String, panels: [Figure], note: String? = nil) {
        self.title = title
        self.panels = panels
        self.note = note
    }

    /// Columns between two panels in the terminal.
    static let gap = 2

    /// The width each of the panels gets in `width` columns.
    func panelWidth(_ width: Int) -> Int {
        max(1, (width - PanelsData.gap * max(0, panels.count - 1)) / max(1, panels.count))
    }

    /// The panels side by side in `width × height` cells.
    func canvas(width: Int, height: Int) -> Canvas {
        guard !panels.isEmpty else { return Canvas(note: "no panels", width: width, height: min(height, 1)) }
        let w = panelWidth(width)
        guard w >= 8 else { return Canvas(note: "too small", width: min(width, 9), height: min(height, 1)) }
        var canvas = Canvas(width: width, height: height)
        for (i, panel) in panels.enumerated() {
            canvas.blit(panel.render(width: w, height: height), atRow: 0, col: i * (w + PanelsData.gap))
        }
        return canvas
    }

    /// The rows a notebook cell gives the panels: as many as the tallest needs at its width.
    func inlineHeight(width: Int) -> Int {
        let w = panelWidth(width)
        return panels.map { $0.inline(width: w).height }.max() ?? 1
    }

    /// The panels' PNG pictures side by side on white, tops aligned, the title above them.
    func picture(scale: Int) -> Raster {
        let pictures = panels.map { $0.png(scale: scale) }
        guard !pictures.isEmpty else { return notePicture("no panels", width: 320, height: 40) }
        let s = 2, gutter = 24
        let font = BitmapFont.standard
        let titleHeight = title.isEmpty ? 0 : (BitmapFont.lineHeight + 6) * s
        let width = pictures.reduce(0) { $0 + $1.width } + gutter * (pictures.count - 1)
        let height = titleHeight + (pictures.map(\.height).max() ?? 0)
        var out = Raster(width: width, height: height, channels: 3, fill: 1)
        if !title.isEmpty {
            let textWidth = title.count * BitmapFont.advance * s
            font.draw(title, into: &out, x: max(4, (width - textWidth) / 2), y: 3 * s, color: RGB(0, 0, 0), scale: s)
        }
        var x = 0
        for picture in pictures {
            out.paste(picture, x: x, y: titleHeight)
            x += picture.width + gutter
        }
        return out
    }
}
