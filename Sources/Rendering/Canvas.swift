/// A grid of character cells that the TUI and the headless printer draw from.
///
/// Reads outside the grid return a blank cell and writes outside it are dropped, so drawing
/// code can clip by simply writing.
public struct Canvas: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    /// A canvas of blank cells; negative sizes give an empty canvas.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A one-line canvas holding `text`, used for notes such as "no data".
    public init(note text: String, width: Int, height: Int) {
        self.init(width: width, height: height)
        self.text(text, row: (self.height - 1) / 2, col: max(0, (self.width - text.count) / 2))
    }

    /// The cell at (`row`, `col`); blank outside the grid, and writes there are dropped.
    public subscript(row: Int, col: Int) -> Cell {
        get {
            guard row >= 0, row < height, col >= 0, col < width else { return .blank }
            return cells[row * width + col]
        }
        set {
            guard row >= 0, row < height, col >= 0, col < width else { return }
            cells[row * width + col] = newValue
        }
    }

    /// Copies `other` with its top-left corner at (`row`, `col`), clipped to this canvas.
    public mutating func blit(_ other: Canvas, atRow row: Int, col: Int) {
        let r0 = max(0, -row), r1 = min(other.height, height - row)
        let c0 = max(0, -col), c1 = min(other.width, width - col)
        guard r0 < r1, c0 < c1 else { return }
        for r in r0..<r1 {
            let src = r * other.width, dst = (row + r) * width + col
            for c in c0..<c1 { cells[dst + c] = other.cells[src + c] }
        }
    }

    /// Writes `string` one character per cell starting at (`row`, `col`), clipped at the edge.
    /// A nil `bg` keeps each cell's current background.
    public mutating func text(_ string: String, row: Int, col: Int, fg: RGB? = nil, bg: RGB? = nil) {
        guard row >= 0, row < height else { return }
        var c = col
        for ch in string {
            if c >= width { break }
            if c >= 0 {
                let keep = cells[row * width + c].bg
                cells[row * width + c] = Cell(Canvas.visible(ch), fg: fg, bg: bg ?? keep)
            }
            c += 1
        }
    }

    /// A control character as the symbol that pictures it (ESC → ␛, DEL → ␡, C1 codes → �), so
    /// that text from a command or a file never reaches the terminal as a control sequence.
    static func visible(_ ch: Character) -> Character {
        let scalars = ch.unicodeScalars
        guard scalars.contains(where: { $0.properties.generalCategory == .control }) else { return ch }
        guard scalars.count == 1, let scalar = scalars.first else { return "\u{FFFD}" }
        switch scalar.value {
        case 0x00..<0x20: return Character(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }

    /// The glyphs of one row, for tests and plain-text output.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < height else { return "" }
        return String(cells[(row * width)..<((row + 1) * width)].map(\.glyph))
    }
}
