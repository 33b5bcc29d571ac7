import Foundation
import Networks

/// What the kernel tells its viewers, in order: the headless printer, the TUI and the session
/// recorder all subscribe to this one stream. Every case is Codable, so a stream written to a
/// file (one JSON object a line) can be played back as it happened.
public enum KernelEvent: Sendable, Codable {
    case cellStarted(cell: Int, command: String)
    /// A line of the cell's text output (tables arrive as lines too).
    case text(String)
    /// A grid of grey images (reconstructions, a variations grid, samples).
    case images(ImageGridData)
    case chart(ChartData)
    case scatter(ScatterData)
    case training(TrainingEvent)
    /// A data set was loaded: what a recording needs to check it replays on the same data.
    case dataLoaded(name: String, train: Int, test: Int, checksum: String)
    case cellFinished(CellSummary)
}

/// How a cell ended.
public struct CellSummary: Sendable, Codable, Equatable {
    public var cell: Int
    public var command: String
    public var ok: Bool
    public var seconds: Double
    public var metrics: [String: Double]
    public var error: String?
}

/// Grey images of one size laid out in a grid, pixels as bytes (base64 in JSON).
public struct ImageGridData: Sendable, Codable, Equatable {
    public var title: String
    public var columns: Int
    public var imageWidth: Int
    public var imageHeight: Int
    /// Every image's pixels, row-major, one image after another.
    public var pixels: Data
    public var rowCaptions: [String]?
    public var columnCaptions: [String]?
    /// "gray", "viridis" or "gnuplot2".
    public var colorMap: String

    public var count: Int { pixels.count / max(imageWidth * imageHeight, 1) }

    public init(title: String, columns: Int, imageWidth: Int, imageHeight: Int, pixels: Data,
                rowCaptions: [String]? = nil, columnCaptions: [String]? = nil, colorMap: String = "gray") {
        self.title = title
        self.columns = columns
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.pixels = pixels
        self.rowCaptions = rowCaptions
        self.columnCaptions = columnCaptions
        self.colorMap = colorMap
    }

    /// Images from float rows in 0…1 (values outside are clipped).
    public init(title: String, columns: Int, width: Int, height: Int, rows: UnsafePointer<Float>, count: Int,
                rowCaptions: [String]? = nil, columnCaptions: [String]? = nil, colorMap: String = "gray") {
        var bytes = Data(count: count * width * height)
        bytes.withUnsafeMutableBytes { raw in
            let out = raw.bindMemory(to: UInt8.self)
            for i in 0..<out.count { out[i] = UInt8((min(max(rows[i], 0), 1) * 255).rounded()) }
        }
        self.init(title: title, columns: columns, imageWidth: width, imageHeight: height, pixels: bytes,
                  rowCaptions: rowCaptions, columnCaptions: columnCaptions, colorMap: colorMap)
    }
}

/// Line series over epochs or batches.
public struct ChartData: Sendable, Codable, Equatable {
    public struct Series: Sendable, Codable, Equatable {
        public var name: String
        public var values: [Double]
        /// Plotted against the right-hand axis (accuracy beside losses).
        public var rightAxis: Bool

        public init(name: String, values: [Double], rightAxis: Bool = false) {
            self.name = name
            self.values = values
            self.rightAxis = rightAxis
        }
    }

    public var title: String
    public var xLabel: String
    public var series: [Series]
    public var logY: Bool
    public var smoothing: Double

    public init(title: String, xLabel: String, series: [Series], logY: Bool = false, smoothing: Double = 0) {
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.logY = logY
        self.smoothing = smoothing
    }
}

/// Points in two dimensions coloured by class (a latent space).
public struct ScatterData: Sendable, Codable, Equatable {
    public var title: String
    public var xs: [Float]
    public var ys: [Float]
    public var classes: [Int]?
    public var classNames: [String]
    /// Said under the plot, e.g. that codes wider than 2 were projected on two principal components.
    public var note: String?

    public init(title: String, xs: [Float], ys: [Float], classes: [Int]?, classNames: [String], note: String? = nil) {
        self.title = title
        self.xs = xs
        self.ys = ys
        self.classes = classes
        self.classNames = classNames
        self.note = note
    }

    // Coordinates travel as base64 Float16 and classes as base64 bytes: a scatter of 2,000
    // points is 11 kB in a session file rather than 60. Plain JSON arrays are read too.
    enum CodingKeys: String, CodingKey { case title, xs, ys, classes, classNames, note }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        classNames = try c.decode([String].self, forKey: .classNames)
        note = try c.decodeIfPresent(String.self, forKey: .note)
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
