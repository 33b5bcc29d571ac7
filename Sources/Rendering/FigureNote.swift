// The note a figure carries (e.g. how a scatter was projected), drawn the same way in every
// figure: dim text on its own lines under the picture.

/// The colour of notes under figures, on dark terminals and on white PNGs alike.
let noteColor = RGB(128, 128, 128)

extension Canvas {
    /// This canvas with `note` wrapped to `width` under it, in at most `maxLines` lines (the
    /// last one ends in "…" when the note is cut).
    func withNote(_ note: String, width: Int, maxLines: Int) -> Canvas {
        var lines = wrapWords(note, width: width)
        guard maxLines > 0, !lines.isEmpty else { return self }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(max(0, width - 1))) + "…"
        }
        var canvas = Canvas(width: max(self.width, lines.map(\.count).max() ?? 0), height: height + lines.count)
        canvas.blit(self, atRow: 0, col: 0)
        for (i, line) in lines.enumerated() { canvas.text(line, row: height + i, col: 0, fg: noteColor) }
        return canvas
    }

    /// How many lines `note` takes wrapped to `width`, at most `maxLines`.
    static func noteLines(_ note: String?, width: Int, maxLines: Int) -> Int {
        guard let note else { return 0 }
        return min(max(0, maxLines), wrapWords(note, width: width).count)
    }
}

extension Raster {
    /// This picture (as RGB) with `note` wrapped to its width in rows of text below, on white.
    func withNote(_ note: String) -> Raster {
        let font = BitmapFont.standard
        let s = width >= 640 ? 2 : 1
        let margin = 8 * s
        let lines = wrapWords(note, width: max(1, (width - 2 * margin + s) / (BitmapFont.advance * s)))
        guard !lines.isEmpty, !isEmpty else { return self }
        // Two pixels between lines (at scale 1) so descenders do not touch the next line.
        let pitch = (BitmapFont.lineHeight + 2) * s, top = height + 2 * s
        var out = Raster(width: width, height: top + lines.count * pitch + 6 * s, channels: 3, fill: 1)
        out.paste(rgb(), x: 0, y: 0)
        for (i, line) in lines.enumerated() {
            font.draw(line, into: &out, x: margin, y: top + i * pitch, color: noteColor, scale: s)
        }
        return out
    }
}
