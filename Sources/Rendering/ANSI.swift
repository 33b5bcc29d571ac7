/// Shade glyphs from dark to light for colourless output.
let shadeGlyphs: [Character] = [" ", "░", "▒", "▓", "█"]

/// The canvas as text with ANSI escapes: SGR codes only where a colour changes, a reset at
/// the end of every line, lines joined by "\n".
///
/// With `.none` no escapes are written; half-block and background-only cells become shade
/// glyphs by luminance so images stay visible.
public func ansi(_ canvas: Canvas, depth: ColorDepth) -> String {
    if depth == .none {
        var out = ""
        out.reserveCapacity(canvas.width * canvas.height * 3)
        for row in 0..<canvas.height {
            if row > 0 { out += "\n" }
            for col in 0..<canvas.width { out.append(plainGlyph(canvas[row, col])) }
        }
        return out
    }
    // Bytes, not String appends: a 10×10 grid of digits is ~40,000 escapes and glyphs.
    var out = [UInt8]()
    out.reserveCapacity(canvas.width * canvas.height * 24)
    var codes = [UInt8]()
    codes.reserveCapacity(48)
    for row in 0..<canvas.height {
        if row > 0 { out.append(0x0A) }
        var fg: RGB?, bg: RGB?
        var fgCode: [UInt8] = [], bgCode: [UInt8] = []
        for col in 0..<canvas.width {
            let cell = canvas[row, col]
            codes.removeAll(keepingCapacity: true)
            if cell.fg != fg {
                let code = cell.fg.map { sgrBytes($0, depth: depth, background: false) } ?? Array("39".utf8)
                if code != fgCode { codes += code; fgCode = code }
                fg = cell.fg
            }
            if cell.bg != bg {
                let code = cell.bg.map { sgrBytes($0, depth: depth, background: true) } ?? Array("49".utf8)
                if code != bgCode {
                    if !codes.isEmpty { codes.append(UInt8(ascii: ";")) }
                    codes += code
                    bgCode = code
                }
                bg = cell.bg
            }
            if !codes.isEmpty {
                out += [0x1B, UInt8(ascii: "[")]
                out += codes
                out.append(UInt8(ascii: "m"))
            }
            out += cell.glyph.utf8
        }
        out += [0x1B, UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "m")]
    }
    return String(decoding: out, as: UTF8.self)
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

/// `sgr` as bytes, written without going through String.
func sgrBytes(_ c: RGB, depth: ColorDepth, background: Bool) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(19)
    func number(_ n: Int) {
        if n >= 100 { out.append(UInt8(48 + n / 100)) }
        if n >= 10 { out.append(UInt8(48 + n / 10 % 10)) }
        out.append(UInt8(48 + n % 10))
    }
    switch depth {
    case .trueColor:
        out += background ? [52, 56, 59, 50, 59] : [51, 56, 59, 50, 59]  // "48;2;" or "38;2;"
        number(Int(c.r)); out.append(59); number(Int(c.g)); out.append(59); number(Int(c.b))
    case .palette256:
        out += background ? [52, 56, 59, 53, 59] : [51, 56, 59, 53, 59]  // "48;5;" or "38;5;"
        number(Int(xterm256Index(c)))
    case .palette16, .none:
        let i = Int(ansi16Index(c))
        number((background ? (i < 8 ? 40 : 92) : (i < 8 ? 30 : 82)) + i)
    }
    return out
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
