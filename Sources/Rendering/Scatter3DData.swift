import Foundation

/// Points in three dimensions with a colour value each (a class, or a continuous value through
/// a colour map), seen from a direction the viewer sets: a 3-d latent space.
public struct Scatter3DData: Sendable, Codable, Equatable {
    public var title: String
    public var xs: [Float]
    public var ys: [Float]
    public var zs: [Float]
    /// A class per point, coloured like the 2-d scatter's; takes precedence over `values`.
    public var classes: [Int]?
    public var classNames: [String]
    /// A value per point, coloured through `colorMap` from its smallest to its largest.
    public var values: [Float]?
    public var colorMap: ColorMap
    /// What the three axes measure ("z₁", "z₂", "z₃").
    public var axisLabels: [String]
    /// The view: turned `azimuth` degrees about the vertical (third) axis, then looked at from
    /// `elevation` degrees above the horizontal (90 looks straight down).
    public var azimuth: Double
    public var elevation: Double
    /// Said under the plot, as for the 2-d scatter.
    public var note: String?

    /// A 3-d scatter of points (`xs[i]`, `ys[i]`, `zs[i]`).
    public init(title: String, xs: [Float], ys: [Float], zs: [Float], classes: [Int]? = nil, classNames: [String] = [],
                values: [Float]? = nil, colorMap: ColorMap = .viridis, axisLabels: [String] = ["x", "y", "z"],
                azimuth: Double = 30, elevation: Double = 20, note: String? = nil) {
        self.title = title
        self.xs = xs
        self.ys = ys
        self.zs = zs
        self.classes = classes
        self.classNames = classNames
        self.values = values
        self.colorMap = colorMap
        self.axisLabels = axisLabels
        self.azimuth = azimuth
        self.elevation = elevation
        self.note = note
    }

    /// The same points seen from `degrees` further round (wrapped to 0..<360).
    public func turned(by degrees: Double) -> Scatter3DData {
        var d = self
        d.azimuth = (azimuth + degrees).truncatingRemainder(dividingBy: 360)
        if d.azimuth < 0 { d.azimuth += 360 }
        return d
    }

    /// The same points seen from `degrees` higher (kept within −90…90).
    public func tilted(by degrees: Double) -> Scatter3DData {
        var d = self
        d.elevation = max(-90, min(90, elevation + degrees))
        return d
    }

    // Coordinates, values and classes are packed (see PackedCoding.swift).
    enum CodingKeys: String, CodingKey {
        case title, xs, ys, zs, classes, classNames, values, colorMap, axisLabels, azimuth, elevation, note
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        xs = try c.decodePackedFloats(forKey: .xs)
        ys = try c.decodePackedFloats(forKey: .ys)
        zs = try c.decodePackedFloats(forKey: .zs)
        classes = try c.decodePackedClasses(forKey: .classes)
        classNames = try c.decodeIfPresent([String].self, forKey: .classNames) ?? []
        values = c.contains(.values) ? try c.decodePackedFloats(forKey: .values) : nil
        colorMap = try c.decodeIfPresent(ColorMap.self, forKey: .colorMap) ?? .viridis
        axisLabels = try c.decodeIfPresent([String].self, forKey: .axisLabels) ?? ["x", "y", "z"]
        azimuth = try c.decodeIfPresent(Double.self, forKey: .azimuth) ?? 30
        elevation = try c.decodeIfPresent(Double.self, forKey: .elevation) ?? 20
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encodePacked(xs, forKey: .xs)
        try c.encodePacked(ys, forKey: .ys)
        try c.encodePacked(zs, forKey: .zs)
        try c.encodePackedClasses(classes, forKey: .classes)
        try c.encode(classNames, forKey: .classNames)
        if let values { try c.encodePacked(values, forKey: .values) }
        try c.encode(colorMap, forKey: .colorMap)
        try c.encode(axisLabels, forKey: .axisLabels)
        try c.encode(azimuth, forKey: .azimuth)
        try c.encode(elevation, forKey: .elevation)
        try c.encodeIfPresent(note, forKey: .note)
    }
}
