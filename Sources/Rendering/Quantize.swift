// Nearest-colour lookup for terminals without true colour.

/// Channel values of the 6×6×6 cube in the xterm 256-colour palette (indices 16–231).
let xtermCubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

/// The xterm defaults for the 16 standard ANSI colours.
let ansi16Colors: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
]

/// The nearest xterm 256-colour index: the closer (squared RGB distance) of the colour cube
/// entry and the grey ramp entry (232–255, levels 8, 18, …, 238).
public func xterm256Index(_ c: RGB) -> UInt8 {
    let channels = [Int(c.r), Int(c.g), Int(c.b)]
    // The cube is separable, so the nearest entry takes the nearest level per channel.
    var cube = 0, cubeDistance = 0
    for v in channels {
        var best = 0
        for i in 1..<6 where abs(xtermCubeLevels[i] - v) < abs(xtermCubeLevels[best] - v) { best = i }
        cube = cube * 6 + best
        cubeDistance += (xtermCubeLevels[best] - v) * (xtermCubeLevels[best] - v)
    }
    // The grey nearest in squared distance is the one nearest the channel mean.
    let mean = Double(channels.reduce(0, +)) / 3
    let step = max(0, min(23, Int(((mean - 8) / 10).rounded())))
    let level = 8 + 10 * step
    let greyDistance = channels.reduce(0) { $0 + ($1 - level) * ($1 - level) }
    return greyDistance < cubeDistance ? UInt8(232 + step) : UInt8(16 + cube)
}

/// The nearest of the 16 standard ANSI colours (0–7 normal, 8–15 bright).
public func ansi16Index(_ c: RGB) -> UInt8 {
    var best = 0, bestDistance = Int.max
    for (i, p) in ansi16Colors.enumerated() {
        let dr = Int(p.r) - Int(c.r), dg = Int(p.g) - Int(c.g), db = Int(p.b) - Int(c.b)
        let d = dr * dr + dg * dg + db * db
        if d < bestDistance { best = i; bestDistance = d }
    }
    return UInt8(best)
}
