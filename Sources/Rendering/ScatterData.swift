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

    /// A scatter of points (`xs[i]`, `ys[i]`) with a class each when `classes` is given.
    public init(title: String, xs: [Float], ys: [Float], classes: [Int]?, classNames: [String], note: String? = nil,
                xLabel: String? = nil, yLabel: String? = nil) {
        self.title = title
        self.xs = xs
        self.ys = ys
        self.classes = classes
        self.classNames = classNames
        self.note = note
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    // Coordinates travel as base64 Float16 and classes as base64 bytes: a scatter of 2,000
    // points is 11 kB in a session file rather than 60. Plain JSON arrays are read too.
    enum CodingKeys: String, CodingKey { case title, xs, ys, classes, classNames, note, xLabel, yLabel }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        classNames = try c.decode([String].self, forKey: .classNames)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        xLabel = try c.decodeIfPresent(String.self, forKey: .xLabel)
        yLabel = try c.decodeIfPresent(String.self, forKey: .yLabel)
        xs = try ScatterData.floats(c, .xs)
        ys = try ScatterData.floats(c, .ys)
        if let packed = try? c.decode(String.self, forKey: .classes) {
            guard let bytes = Data(base64Encoded: packed) else {
                throw DecodingError.dataCorruptedError(forKey: .classes, in: c, debugDescription: "not base64")
            }
            classes = bytes.map(Int.init)
        } else {
            classes = try c.decodeIfPresent([Int].self, forKey: .classes)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(classNames, forKey: .classNames)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(xLabel, forKey: .xLabel)
        try c.encodeIfPresent(yLabel, forKey: .yLabel)
        try c.encode(ScatterData.pack(xs), forKey: .xs)
        try c.encode(ScatterData.pack(ys), forKey: .ys)
        if let classes {
            if classes.allSatisfy({ (0..<256).contains($0) }) {
                try c.encode(Data(classes.map { UInt8($0) }).base64EncodedString(), forKey: .classes)
            } else {
                try c.encode(classes, forKey: .classes)
            }
        }
    }

    /// The scatter as Rendering draws it (the note is drawn by `Figure`, under the plot).
    var plot: ScatterPlot {
        ScatterPlot(points: zip(xs, ys).map { (x: $0, y: $1) }, classes: classes,
                    classNames: classNames.isEmpty ? nil : classNames, title: title,
                    xLabel: xLabel ?? "", yLabel: yLabel ?? "")
    }

    static func pack(_ values: [Float]) -> String {
        var data = Data(capacity: values.count * 2)
        for v in values { withUnsafeBytes(of: Float16(v).bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data.base64EncodedString()
    }

    static func floats(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [Float] {
        guard let packed = try? c.decode(String.self, forKey: key) else { return try c.decode([Float].self, forKey: key) }
        guard let data = Data(base64Encoded: packed), data.count % 2 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not base64 Float16 values")
        }
        return stride(from: 0, to: data.count, by: 2).map { i in
            Float(Float16(bitPattern: UInt16(data[data.startIndex + i]) | UInt16(data[data.startIndex + i + 1]) << 8))
        }
    }
}
