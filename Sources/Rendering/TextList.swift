/// Drawing a `TextListData`: words wrapped to a width with their emphasis, in the terminal
/// (colours only: a terminal cell has no bold) and with the bitmap font in PNG.
extension TextListData {
    /// One wrapped row: characters with the span each came from.
    typealias Row = [(character: Character, span: Span)]

    /// Every line wrapped to `width` columns at spaces (words longer than a row are cut),
    /// continuation rows indented by the line's `indent`.
    func rows(width: Int) -> [Row] {
        guard width > 0 else { return [] }
        var rows: [Row] = []
        for line in lines {
            let indent = min(max(0, line.indent), width / 2)
            // A word is its characters (each with its span) and the spaces after it, so spaces
            // that line up columns ("0.041  [account]") are kept inside a row.
            var words: [Row] = [[]]
            for span in line.spans {
                for ch in span.text {
                    if ch != " ", words[words.count - 1].last?.character == " " { words.append([]) }
                    words[words.count - 1].append((ch, span))
                }
            }
            var row: Row = []
            func trimmed(_ r: Row) -> Row { Array(r.reversed().drop { $0.character == " " }.reversed()) }
            for var word in words where !word.isEmpty {
                let room = width - row.count
                let core = trimmed(word).count
                if core > room && !trimmed(row).isEmpty {
                    rows.append(trimmed(row))
                    row = Array(repeating: (" ", Span("")), count: indent)
                }
                while trimmed(word).count > width - row.count, width - row.count > 0 {
                    let cut = width - row.count
                    rows.append(row + word.prefix(cut))
                    word = Array(word.dropFirst(cut))
                    row = Array(repeating: (" ", Span("")), count: indent)
                }
                row += word
            }
            rows.append(trimmed(row))
        }
        return rows
    }

    static let highlightBackground = RGB(250, 210, 80)

    /// The terminal colours of a span: text and background.
    static func terminalColors(_ span: Span) -> (fg: RGB?, bg: RGB?) {
        if let label = span.label { return (Palette.color(label, in: Palette.terminalClasses), nil) }
        switch span.emphasis {
        case .plain: return (nil, nil)
        case .dim: return (noteColor, nil)
        case .strong: return (RGB(70, 140, 255), nil)
        case .highlight: return (.black, highlightBackground)
        case .good: return (RGB(40, 170, 70), nil)
        case .bad: return (RGB(230, 60, 60), nil)
        }
    }

    /// The lines wrapped to `width` in at most `height` rows; when they do not all fit, the
    /// last row says how many more there are.
    func canvas(width: Int, height: Int) -> Canvas {
        var rows = self.rows(width: width)
        guard !rows.isEmpty else { return Canvas(note: "no lines", width: width, height: min(height, 1)) }
        var more: String?
        if rows.count > height {
            more = "… \(rows.count - height + 1) more rows"
            rows = Array(rows.prefix(max(0, height - 1)))
        }
        var canvas = Canvas(width: width, height: min(height, rows.count + (more == nil ? 0 : 1)))
        for (r, row) in rows.enumerated() {
            for (c, item) in row.enumerated() {
                let (fg, bg) = TextListData.terminalColors(item.span)
                canvas[r, c] = Cell(item.character, fg: fg, bg: item.character == " " && item.span.emphasis == .highlight
                                    && c + 1 < row.count && row[c + 1].span.emphasis != .highlight ? nil : bg)
            }
        }
        if let more { canvas.text(String(more.prefix(width)), row: rows.count, col: 0, fg: noteColor) }
        return canvas
    }

    /// How many rows the lines take wrapped to `width`.
    func rowCount(width: Int) -> Int { rows(width: width).count }

    /// The list as an RGB picture `width` pixels wide: the title, then the rows in the bitmap
    /// font; highlights on an amber ground, strong text in bold (drawn twice, a pixel apart).
    func picture(width: Int) -> Raster {
        let font = BitmapFont.standard
        let s = width >= 640 ? 2 : 1
        let margin = 8 * s, advance = BitmapFont.advance * s, pitch = (BitmapFont.lineHeight + 2) * s
        let columns = max(1, (width - 2 * margin + s) / advance)
        let titleLines = title.isEmpty ? [] : wrapWords(title, width: columns)
        let rows = self.rows(width: columns)
        let top = margin + titleLines.count * pitch + (titleLines.isEmpty ? 0 : 4 * s)
        var raster = Raster(width: width, height: top + max(1, rows.count) * pitch + margin, channels: 3, fill: 1)
        for (i, line) in titleLines.enumerated() {
            font.draw(line, into: &raster, x: margin, y: margin + i * pitch, color: PixelChartFrame.ink, scale: s)
        }
        for (r, row) in rows.enumerated() {
            let y = top + r * pitch
            for (c, item) in row.enumerated() {
                let x = margin + c * advance
                let span = item.span
                if span.emphasis == .highlight, item.character != " " || (c + 1 < row.count && row[c + 1].span.emphasis == .highlight) {
                    raster.fillRect(x: x - s, y: y - s, width: advance, height: pitch - s, TextListData.highlightBackground)
                }
                let color: RGB
                if let label = span.label {
                    color = Palette.color(label, in: Palette.classes)
                } else {
                    switch span.emphasis {
                    case .plain, .highlight: color = PixelChartFrame.ink
                    case .dim: color = noteColor
                    case .strong: color = RGB(30, 70, 170)
                    case .good: color = RGB(20, 130, 50)
                    case .bad: color = RGB(200, 40, 40)
                    }
                }
                font.draw(String(item.character), into: &raster, x: x, y: y, color: color, scale: s)
                if span.emphasis == .strong { font.draw(String(item.character), into: &raster, x: x + 1, y: y, color: color, scale: s) }
            }
        }
        return raster
    }
}
