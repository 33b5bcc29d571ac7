/// Maps a grey value in 0...1 to a colour, for showing single-channel data.
///
/// Its raw value is the lower-case name used in commands and in session files.
public enum ColorMap: String, CaseIterable, Equatable, Sendable {
    case gray, viridis, gnuplot2

    /// The map called `name`, in any case ("Viridis", "GRAY"); nil for other names.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// The colour for `v`; values outside 0...1 are clipped and NaN shows as the low end.
    public func color(_ v: Float) -> RGB {
        let x: Float = v > 0 ? min(v, 1) : 0
        switch self {
        case .gray:
            return RGB(unit: x, x, x)
        case .viridis:
            let t = x * Float(viridisStops.count - 1)
            let i = min(Int(t), viridisStops.count - 2)
            return viridisStops[i].mixed(with: viridisStops[i + 1], t - Float(i))
        case .gnuplot2:
            // matplotlib's gnuplot2 segment functions; RGB(unit:) clips each channel.
            let r = x / 0.32 - 0.78125
            let g = 2 * x - 0.84
            let b: Float
            switch x {
            case ..<0.25: b = 4 * x
            case ..<0.42: b = 1
            case ..<0.92: b = -2 * x + 1.84
            default: b = x / 0.08 - 11.5
            }
            return RGB(unit: r, g, b)
        }
    }
}

/// Viridis sampled at 11 evenly spaced points, interpolated linearly in between.
let viridisStops: [RGB] = [
    RGB(0x44, 0x01, 0x54), RGB(0x48, 0x25, 0x76), RGB(0x41, 0x44, 0x87), RGB(0x35, 0x60, 0x8D),
    RGB(0x2A, 0x78, 0x8E), RGB(0x21, 0x90, 0x8C), RGB(0x22, 0xA8, 0x84), RGB(0x43, 0xBF, 0x71),
    RGB(0x7A, 0xD1, 0x51), RGB(0xBB, 0xDF, 0x27), RGB(0xFD, 0xE7, 0x25),
]
