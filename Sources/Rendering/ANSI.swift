/// Shade glyphs from dark to light for colourless output.
let shadeGlyphs: [Character] = [" ", "░", "▒", "▓", "█"]

/// The canvas as text with ANSI escapes: SGR codes only where a colour changes, a reset at
/// the end of every line, lines joined by "\n". With `glyphs: .ascii` every cell is written
/// in ASCII first (`Canvas.ascii()`), for terminals that cannot show anything else.
///
/// With `.none` no escapes are written; half-block and background-only cells become shade
/// glyphs by luminance so images stay visible.
public func ansi(_ canvas: Canvas, depth: ColorDepth, glyphs: GlyphSet) -> String {
    guard glyphs == .ascii else { return ansi(canvas, depth: depth) }
    guard depth == .none else { return ansi(canvas.ascii(), depth: depth) }
    // Without colour, coloured backgrounds become shade glyphs first, then those become ASCII.
    var plain = canvas
    for row in 0..<canvas.height {
        for col in 0..<canvas.width { plain[row, col] = Cell(plainGlyph(canvas[row, col])).ascii }
    }
    return ansi(plain, depth: .none)
}

/// The canvas as text with ANSI escapes, in whatever characters its cells hold.
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
    // Bytes, not String appends: a 10×10 grid of digits is ~40,000 escapes and glyphs. A
    // colour is compared by the code it would emit, so shades that quantise alike share one.
    var out = [UInt8]()
    out.reserveCapacity(canvas.width * canvas.height * 24)
    let halfBlock = Array("▀".utf8)
    for row in 0..<canvas.height {
        if row > 0 { out.append(0x0A) }
        var fgKey: UInt32 = 0, bgKey: UInt32 = 0  // each line starts in the default colours
        for col in 0..<canvas.width {
            let cell = canvas[row, col]
            let f = colorKey(cell.fg, depth: depth), b = colorKey(cell.bg, depth: depth)
            if f != fgKey || b != bgKey {
                out += [0x1B, UInt8(ascii: "[")]
                if f != fgKey { appendSGR(cell.fg, key: f, background: false, to: &out) }
                if b != bgKey {
                    if f != fgKey { out.append(UInt8(ascii: ";")) }
                    appendSGR(cell.bg, key: b, background: true, to: &out)
                }
                out.append(UInt8(ascii: "m"))
                fgKey = f
                bgKey = b
            }
            if cell.glyph == "▀" { out += halfBlock } else { out += cell.glyph.utf8 }
        }
        out += [0x1B, UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "m")]
    }
    return String(decoding: out, as: UTF8.self)
}

/// What identifies a colour's SGR code at `depth`: 0 for the terminal's default, else the
/// 24-bit colour, or the palette index, tagged so the kinds never collide.
@inline(__always)
func colorKey(_ c: RGB?, depth: ColorDepth) -> UInt32 {
    guard let c else { return 0 }
    switch depth {
    case .trueColor: return 1 << 24 | UInt32(c.r) << 16 | UInt32(c.g) << 8 | UInt32(c.b)
    case .palette256: return 2 << 24 | UInt32(xterm256Index(c))
    case .palette16, .none: return 3 << 24 | UInt32(ansi16Index(c))
    }
}

/// Writes the SGR parameters for a colour whose key is `key` (see `colorKey`).
func appendSGR(_ c: RGB?, key: UInt32, background: Bool, to out: inout [UInt8]) {
    func number(_ n: Int) {
        if n >= 100 { out.append(UInt8(48 + n / 100)) }
        if n >= 10 { out.append(UInt8(48 + n / 10 % 10)) }
        out.append(UInt8(48 + n % 10))
    }
    let semicolon = UInt8(ascii: ";")
    switch key >> 24 {
    case 0:
        out += background ? [52, 57] : [51, 57]  // "49" or "39": the default colour
    case 1:
        out += background ? [52, 56, 59, 50, 59] : [51, 56, 59, 50, 59]  // "48;2;" or "38;2;"
        number(Int(c!.r)); out.append(semicolon); number(Int(c!.g)); out.append(semicolon); number(Int(c!.b))
    case 2:
        out += background ? [52, 56, 59, 53, 59] : [51, 56, 59, 53, 59]  // "48;5;" or "38;5;"
        number(Int(key & 0xFF))
    default:
        let i = Int(key & 0xFF)
        number((background ? (i < 8 ? 40 : 92) : (i < 8 ? 30 : 82)) + i)
    }
}

func plainGlyph(_ cell: Cell) -> Character {
    func shade(_ l: Float) -> Character {
        shadeGlyphs[max(0, min(4, Int((l * 4).rounded())))]
    }
    switch cell.glyph {
    case "▀":  // an image's two pixels; "▄" is a histogram's half-height bar and stays
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
