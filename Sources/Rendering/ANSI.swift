/// Shade glyphs from dark to light for colourless output.
let shadeGlyphs: [Character] = [" ", "░", "▒", "▓", "█"]

/// The canvas as text with ANSI escapes: SGR codes only where a colour changes, a reset at
/// the end of every line, lines joined by "\n".
///
/// With `.none` no escapes are written; half-block and background-only cells become shade
/// glyphs by luminance so images stay visible.
public func ansi(_ canvas: Canvas, depth: ColorDepth) -> String {
    var out = ""
    out.reserveCapacity(canvas.width * canvas.height * 4)
    for row in 0..<canvas.height {
        if row > 0 { out += "\n" }
        if depth == .none {
            for col in 0..<canvas.width { out.append(plainGlyph(canvas[row, col])) }
            continue
        }
        var fg: RGB?, bg: RGB?
        var fgCode = "", bgCode = ""
        for col in 0..<canvas.width {
            let cell = canvas[row, col]
            var codes: [String] = []
            if cell.fg != fg {
                let code = cell.fg.map { sgr($0, depth: depth, background: false) } ?? "39"
                if code != fgCode { codes.append(code); fgCode = code }
                fg = cell.fg
            }
            if cell.bg != bg {
                let code = cell.bg.map { sgr($0, depth: depth, background: true) } ?? "49"
                if code != bgCode { codes.append(code); bgCode = code }
                bg = cell.bg
            }
            if !codes.isEmpty { out += "\u{1B}[" + codes.joined(separator: ";") + "m" }
            out.append(cell.glyph)
        }
        out += "\u{1B}[0m"
    }
    return out
}

func plainGlyph(_ cell: Cell) -> Character {
    func shade(_ l: Float) -> Character {
        shadeGlyphs[max(0, min(4, Int((l * 4).rounded())))]
    }
    switch cell.glyph {
    case "▀", "▄":
        let l = ((cell.fg?.luminance ?? 0) + (cell.bg?.luminance ?? 0)) / 2
        return shade(l)
    case " ":
        return cell.bg.map { shade($0.luminance) } ?? " "
    default:
        return cell.glyph
    }
}

func sgr(_ c: RGB, depth: ColorDepth, background: Bool) -> String {
    switch depth {
    case .trueColor:
        return (background ? "48;2;" : "38;2;") + "\(c.r);\(c.g);\(c.b)"
    case .palette256:
        return (background ? "48;5;" : "38;5;") + "\(xterm256Index(c))"
    case .palette16, .none:
        let i = Int(ansi16Index(c))
        let base = background ? (i < 8 ? 40 : 92) : (i < 8 ? 30 : 82)
        return "\(base + i)"
    }
}
