import Foundation

/// Points in two dimensions coloured by class (a latent space).
public struct ScatterData: Sendable, Codable, Equatable {
    public var title: String
    public var xs: [Float]
    public var ys: [Float]
    public var classes: [Int]?
    public var classNames: [String]
    /// Said under the plot, e.g. that codes wider than 2 were projected on two principal components.
    public var note: String?
    /// What the axes measure ("z₁", "z₂", "PC₁"); nil for no label.
    public var xLabel: String?
    public var yLabel: String?
    /// Circles, a crosshair and its path drawn over the points.
    public var overlay: ScatterOverlay?
    /// A value per point to colour it by through `colorMap` (when there are no classes): the
    /// position along a Swiss roll, say.
    public var values: [Float]?
    public var colorMap: ColorMap = .viridis

    /// A scatter of points (`xs[i]`, `ys[i]`) with a class each when `classes` is given.
    public init(title: String, xs: [Float], ys: [Float], classes: [Int]?, classNames: [String], note: String? = nil,
                xLabel: String? = nil, yLabel: String? = nil, overlay: ScatterOverlay? = nil) {
        self.title = title
        self.xs = xs
        self.ys = ys
        self.classes = classes
        self.classNames = classNames
        self.note = note
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.overlay = overlay
    }

    // Coordinates and classes are packed (see PackedCoding.swift).
    enum CodingKeys: String, CodingKey { case title, xs, ys, classes, classNames, note, xLabel, yLabel, values, colorMap, overlay }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        classNames = try c.decode([String].self, forKey: .classNames)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        xLabel = try c.decodeIfPresent(String.self, forKey: .xLabel)
        yLabel = try c.decodeIfPresent(String.self, forKey: .yLabel)
        overlay = try c.decodeIfPresent(ScatterOverlay.self, forKey: .overlay)
        xs = try c.decodePackedFloats(forKey: .xs)
        ys = try c.decodePackedFloats(forKey: .ys)
        classes = try c.decodePackedClasses(forKey: .classes)
        values = c.contains(.values) ? try c.decodePackedFloats(forKey: .values) : nil
        colorMap = try c.decodeIfPresent(ColorMap.self, forKey: .colorMap) ?? .viridis
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(classNames, forKey: .classNames)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(xLabel, forKey: .xLabel)
        try c.encodeIfPresent(yLabel, forKey: .yLabel)
        try c.encodeIfPresent(overlay, forKey: .overlay)
        try c.encodePacked(xs, forKey: .xs)
        try c.encodePacked(ys, forKey: .ys)
        try c.encodePackedClasses(classes, forKey: .classes)
        // Left out when absent, so scatters coloured by class are written as before.
        if let values {
            try c.encodePacked(values, forKey: .values)
            try c.encode(colorMap, forKey: .colorMap)
        }
    }

    /// The scatter as Rendering draws it (the note is drawn by `Figure`, under the plot).
    public var plot: ScatterPlot {
        var plot = ScatterPlot(points: zip(xs, ys).map { (x: $0, y: $1) }, classes: classes,
                               classNames: classNames.isEmpty ? nil : classNames, title: title,
                               xLabel: xLabel ?? "", yLabel: yLabel ?? "", overlay: overlay)
        plot.values = values
        plot.colorMap = colorMap
        return plot
    }
}
