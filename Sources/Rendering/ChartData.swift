/// Line series over epochs or batches, as the kernel sends them and sessions record them.
public struct ChartData: Sendable, Codable, Equatable {
    /// One named line, y values at x = index.
    public struct Series: Sendable, Codable, Equatable {
        public var name: String
        public var values: [Double]
        /// Plotted against the right-hand axis (accuracy beside losses).
        public var rightAxis: Bool

        /// A series of `values`.
        public init(name: String, values: [Double], rightAxis: Bool = false) {
            self.name = name
            self.values = values
            self.rightAxis = rightAxis
        }
    }

    public var title: String
    /// What x counts, e.g. "epoch".
    public var xLabel: String
    public var series: [Series]
    public var logY: Bool
    /// TensorBoard-style smoothing weight in 0..<1.
    public var smoothing: Double

    /// A chart of `series`.
    public init(title: String, xLabel: String, series: [Series], logY: Bool = false, smoothing: Double = 0) {
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.logY = logY
        self.smoothing = smoothing
    }

    /// The chart as Rendering draws it.
    var lineChart: LineChart {
        LineChart(series: series.map { LineChart.Series(name: $0.name, values: $0.values, axis: $0.rightAxis ? .right : .left) },
                  logY: logY, smoothing: smoothing, title: title)
    }
}
