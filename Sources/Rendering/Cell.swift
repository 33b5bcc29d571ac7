/// One character cell of a terminal canvas; a nil colour means the terminal's default.
public struct Cell: Equatable, Sendable {
    public var glyph: Character
    public var fg: RGB?
    public var bg: RGB?

    /// A cell showing `glyph`; nil colours leave the terminal's defaults.
    public init(_ glyph: Character = " ", fg: RGB? = nil, bg: RGB? = nil) {
        self.glyph = glyph
        self.fg = fg
        self.bg = bg
    }

    public static let blank = Cell()
}
