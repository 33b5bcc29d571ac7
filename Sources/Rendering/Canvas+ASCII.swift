import Foundation

/// Which characters a canvas is painted with: `.ascii` for terminals that cannot show others
/// (the C locale, some serial consoles), where ncurses would drop every non-ASCII cell.
public enum GlyphSet: Sendable, Equatable {
    case unicode, ascii
}

extension Canvas {
    /// This canvas with every glyph in ASCII, one character per cell (see `Cell.ascii`).
    public func ascii() -> Canvas {
        var out = self
        for row in 0..<height {
            for col in 0..<width { out[row, col] = self[row, col].ascii }
        }
        return out
    }
}

extension Cell {
    /// This cell in ASCII: braille as "." or ":" by how many dots it holds, half-block pixel
    /// pairs ("▀") as " .:#" by brightness in their mean colour, block shades and bars as "_=#|", box drawing
    /// as "-|+", arrows as "<>^v", a few letters and signs spelled alike (μ → u, ² → 2, ≥ → >),
    /// accented letters without their accents, and anything else as "?".
    public var ascii: Cell {
        guard let scalar = glyph.unicodeScalars.first, !glyph.isASCII else { return self }
        let v = scalar.value
        if (0x2800...0x28FF).contains(v) {
            let dots = (v - 0x2800).nonzeroBitCount
            return Cell(dots == 0 ? " " : dots < 4 ? "." : ":", fg: fg, bg: bg)
        }
        if glyph == "▀" {
            // Two pixels: their mean, shaded by brightness, on the terminal's background.
            let mean = bg.map { (fg ?? .black).mixed(with: $0, 0.5) } ?? (fg ?? .black)
            let shades: [Character] = [" ", ".", ":", "#"]
            return Cell(shades[min(3, Int(mean.luminance * 4))], fg: mean, bg: nil)
        }
        if (0x2500...0x257F).contains(v) { return Cell(Cell.boxDrawing(scalar), fg: fg, bg: bg) }
        if let mapped = Cell.asciiTable[glyph] { return Cell(mapped, fg: fg, bg: bg) }
        // é → e, Å → A: the first scalar of the canonical decomposition, when it is ASCII.
        if let base = String(glyph).decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII {
            return Cell(Character(base), fg: fg, bg: bg)
        }
        return Cell("?", fg: fg, bg: bg)
    }

    static func boxDrawing(_ scalar: Unicode.Scalar) -> Character {
        switch scalar {
        case "─", "━", "┄", "┅", "┈", "┉", "╌", "╍", "═": return "-"
        case "│", "┃", "┆", "┇", "┊", "┋", "╎", "╏", "║": return "|"
        default: return "+"
        }
    }

    static let asciiTable: [Character: Character] = [
        "░": ".", "▒": ":", "▓": "#", "█": "#",
        "▁": "_", "▂": "_", "▃": "_", "▄": "=", "▅": "=", "▆": "=", "▇": "#",
        "▏": "|", "▎": "|", "▍": "|", "▌": "#", "▋": "#", "▊": "#", "▉": "#", "▕": "|", "▐": "#",
        "■": "#", "●": "o", "▶": ">", "◀": "<",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "⟶": ">",
        "…": ".", "—": "-", "–": "-", "−": "-", "×": "x", "·": ".", "•": "*",
        "✓": "+", "✗": "x", "⚠": "!", "⏸": "=", "✎": "*",
        "μ": "u", "µ": "u", "σ": "s", "ε": "e", "λ": "l", "β": "b", "η": "n", "Σ": "E", "Φ": "F",
        "²": "2", "³": "3", "₀": "0", "₁": "1", "₂": "2", "₃": "3",
        "‖": "|", "∂": "d", "≥": ">", "≤": "<", "≈": "~", "±": "+", "°": "o", "√": "v",
        "“": "\"", "”": "\"", "‘": "'", "’": "'",
    ]
}
