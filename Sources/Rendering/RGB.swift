/// An sRGB colour with 8-bit channels.
public struct RGB: Equatable, Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    /// A colour from 8-bit channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from channel values in 0...1; out-of-range and NaN values are clipped.
    public init(unit r: Float, _ g: Float, _ b: Float) {
        self.init(RGB.byte(r), RGB.byte(g), RGB.byte(b))
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)

    /// Rec. 601 luma in 0...1.
    public var luminance: Float {
        (0.299 * Float(r) + 0.587 * Float(g) + 0.114 * Float(b)) / 255
    }

    /// This colour moved towards `other` by `t` (0 = self, 1 = other).
    public func mixed(with other: RGB, _ t: Float) -> RGB {
        let t = max(0, min(1, t))
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Float(a) + (Float(b) - Float(a)) * t).rounded())
        }
        return RGB(lerp(r, other.r), lerp(g, other.g), lerp(b, other.b))
    }

    static func byte(_ v: Float) -> UInt8 {
        guard v > 0 else { return 0 }  // also catches NaN
        return v >= 1 ? 255 : UInt8((v * 255).rounded())
    }
}
