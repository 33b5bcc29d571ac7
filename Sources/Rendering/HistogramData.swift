/// Counts per bin for one or several named groups, as the kernel sends them: reconstruction
/// error per digit class, token lengths of questions.
public struct HistogramData: Sendable, Codable, Equatable {
    /// One group's counts, a count per bin.
    public struct Group: Sendable, Codable, Equatable {
        public var name: String
        public var counts: [Int]

        /// A group called `name`.
        public init(name: String, counts: [Int]) {
            self.name = name
            self.counts = counts
        }
    }

    public var title: String
    /// The left edge of the first bin and the right edge of the last; bins are equal.
    public var lo: Double
    public var hi: Double
    public var groups: [Group]
    /// What the bins measure, e.g. "reconstruction error"; nil for no label.
    public var xLabel: String?

    /// A histogram of counts already binned between `lo` and `hi`.
    public init(title: String, lo: Double, hi: Double, groups: [Group], xLabel: String? = nil) {
        self.title = title
        self.lo = lo
        self.hi = hi
        self.groups = groups
        self.xLabel = xLabel
    }

    /// Each group's finite values counted in `bins` equal bins over the range of all of them.
    public init(title: String, values: [(name: String, values: [Double])], bins: Int, xLabel: String? = nil) {
        let (lo, hi, groups) = Histogram.binned(values, bins: bins)
        self.init(title: title, lo: lo, hi: hi, groups: groups.map { Group(name: $0.name, counts: $0.counts) }, xLabel: xLabel)
    }

    /// The histogram as Rendering draws it.
    var histogram: Histogram {
        Histogram(groups: groups.map { Histogram.Group(name: $0.name, counts: $0.counts) }, lo: lo, hi: hi, title: title,
                  xLabel: xLabel ?? "")
    }
}
