/// Line series over epochs or batches, as the kernel sends them and sessions record them.
public struct ChartData: Sendable, Codable, Equatable {
    /// One named line, y values at x = `firstX` + index, or at explicit `xs`.
    public struct Series: Sendable, Codable, Equatable {
        public var name: String
        public var values: [Double]
        /// One x per value, increasing (bytes per image in a rate–distortion chart); nil for x = index.
        public var xs: [Double]?
        /// Plotted against the right-hand axis (accuracy beside losses).
        public var rightAxis: Bool
        /// The x of the first value (1 for values per epoch); nil for 0.
        public var firstX: Double?
        /// The series' colour as an index into the tab10 colours, so that several series can
        /// share one (a run's training and validation losses); nil for its name's colour.
        public var colorIndex: Int?
        /// Drawn dashed (a run's validation loss beside its training loss).
        public var dashed: Bool?

        /// A series of `values`, the first at x = `firstX` (0 when nil), or each at its x in `xs`.
        public init(name: String, values: [Double], xs: [Double]? = nil, rightAxis: Bool = false, firstX: Double? = nil,
                    colorIndex: Int? = nil, dashed: Bool? = nil) {
            self.name = name
            self.values = values
            self.xs = xs
            self.rightAxis = rightAxis
            self.firstX = firstX
            self.colorIndex = colorIndex
            self.dashed = dashed
        }
    }

    public var title: String
    /// What x counts, e.g. "epoch".
    public var xLabel: String
    public var series: [Series]
    public var logY: Bool
    /// TensorBoard-style smoothing weight in 0..<1.
    public var smoothing: Double
    /// What the left axis measures, e.g. "loss"; nil for no label.
    public var yLabel: String?
    /// The first x shown (`plot from=EPOCH`); nil shows every value.
    public var from: Double?

    /// A chart of `series`.
    public init(title: String, xLabel: String, series: [Series], logY: Bool = false, smoothing: Double = 0,
                yLabel: String? = nil, from: Double? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.logY = logY
        self.smoothing = smoothing
        self.yLabel = yLabel
        self.from = from
    }

    /// The chart as Rendering draws it.
    var lineChart: LineChart {
        LineChart(series: series.map {
                      LineChart.Series(name: $0.name, values: $0.values, xs: $0.xs, firstX: $0.firstX ?? 0,
                                       color: $0.colorIndex.map { Palette.color($0, in: Palette.tab10) },
                                       axis: $0.rightAxis ? .right : .left, dashed: $0.dashed ?? false)
                  },
                  logY: logY, smoothing: smoothing, title: title, xLabel: xLabel, yLabel: yLabel ?? "", from: from)
    }
}
