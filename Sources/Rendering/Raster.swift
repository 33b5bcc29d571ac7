/// A picture as floats in 0...1: grey (1 channel) or RGB (3 channels), row-major, channels
/// interleaved.
public struct Raster: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var channels: Int
    /// `width · height · channels` values; set through the initialisers to keep the count right.
    public internal(set) var pixels: [Float]

    /// A raster of `width × height` pixels all set to `fill`; channels other than 1 and 3 and
    /// negative sizes are corrected to 1 channel / empty.
    public init(width: Int, height: Int, channels: Int = 1, fill: Float = 0) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.channels = channels == 3 ? 3 : 1
        pixels = Array(repeating: fill, count: self.width * self.height * self.channels)
    }

    /// Wraps float pixels; nil unless `pixels.count == width * height * channels` and
    /// `channels` is 1 or 3. Values are not clipped here: colour lookups clip.
    public init?(width: Int, height: Int, channels: Int, pixels: [Float]) {
        guard width >= 0, height >= 0, channels == 1 || channels == 3,
              pixels.count == width * height * channels else { return nil }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Converts 8-bit pixels (0–255 → 0...1); nil on a size mismatch as for the float init.
    public init?(width: Int, height: Int, channels: Int, bytes: [UInt8]) {
        self.init(width: width, height: height, channels: channels,
                  pixels: bytes.map { Float($0) / 255 })
    }

    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The colour of pixel (`x`, `y`); grey rasters go through `colorMap`.
    public func color(x: Int, y: Int, colorMap: ColorMap = .gray) -> RGB {
        let i = (y * width + x) * channels
        return channels == 3 ? RGB(unit: pixels[i], pixels[i + 1], pixels[i + 2])
                             : colorMap.color(pixels[i])
    }

    /// The pixels as bytes (0...1 → 0–255, clipped), for PNG encoding.
    public var bytes: [UInt8] { pixels.map(RGB.byte) }

    /// An RGB copy; grey values go through `colorMap`.
    public func rgb(colorMap: ColorMap = .gray) -> Raster {
        if channels == 3 { return self }
        var out = Raster(width: width, height: height, channels: 3)
        if colorMap == .gray {
            for i in 0..<(width * height) {
                let v = pixels[i]
                out.pixels[3 * i] = v; out.pixels[3 * i + 1] = v; out.pixels[3 * i + 2] = v
            }
        } else {
            for i in 0..<(width * height) {
                let c = colorMap.color(pixels[i])
                out.pixels[3 * i] = Float(c.r) / 255
                out.pixels[3 * i + 1] = Float(c.g) / 255
                out.pixels[3 * i + 2] = Float(c.b) / 255
            }
        }
        return out
    }
}
