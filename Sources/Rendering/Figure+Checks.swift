// What a figure read from a file may hold. The kernel makes figures that pass these checks by
// construction; a session file can say anything, so a reader asks `problem` before drawing one.

extension Figure {
    /// The most pixels an image grid may carry (4 Mi: 5,000 digits of 28×28), so that its PNG
    /// at three pixels a pixel stays well inside `PNGFile.maxPixels`' neighbourhood.
    public static let maxGridPixels = 1 << 22
    /// The most points a scatter, bars a chart series, or lines a text list may carry.
    public static let maxItems = 1 << 20
    /// The most series, groups, columns or classes.
    public static let maxParts = 4096

    /// Why this figure cannot be drawn (sizes that are negative, inconsistent or too large,
    /// numbers that are not finite where a size or an axis needs one), or nil when it can.
    public var problem: String? {
        switch self {
        case .images(let d): return d.problem
        case .chart(let d): return d.problem
        case .scatter(let d): return d.problem
        case .histogram(let d): return d.problem
        case .scatter3D(let d): return d.problem
        case .textList(let d): return d.problem
        case .panels(let d): return d.problem
        }
    }
}

extension ImageGridData {
    var problem: String? {
        guard imageWidth >= 1, imageHeight >= 1 else { return "images of \(imageWidth)×\(imageHeight) pixels: each size must be at least 1" }
        let (size, overflow) = imageWidth.multipliedReportingOverflow(by: imageHeight)
        guard !overflow, size <= Figure.maxGridPixels else { return "images of \(imageWidth)×\(imageHeight) pixels are too large" }
        guard pixels.count % size == 0 else { return "\(pixels.count) pixel bytes are not whole images of \(imageWidth)×\(imageHeight)" }
        guard pixels.count <= Figure.maxGridPixels else { return "\(pixels.count) pixels are more than an image grid may hold (\(Figure.maxGridPixels))" }
        guard (1...Figure.maxParts).contains(columns) else { return "\(columns) columns: expected 1 to \(Figure.maxParts)" }
        guard (rowCaptions?.count ?? 0) <= Figure.maxParts, (columnCaptions?.count ?? 0) <= Figure.maxParts else { return "too many captions" }
        return nil
    }
}

extension ChartData {
    var problem: String? {
        guard series.count <= Figure.maxParts else { return "\(series.count) series are too many" }
        guard series.reduce(0, { $0 + $1.values.count }) <= Figure.maxItems else { return "more than \(Figure.maxItems) values" }
        guard series.allSatisfy({ $0.firstX?.isFinite ?? true }), from?.isFinite ?? true else { return "an x position is not a finite number" }
        guard smoothing.isFinite, (0..<1).contains(smoothing) else { return "smoothing \(smoothing): expected 0 up to 1" }
        return nil
    }
}

extension ScatterData {
    var problem: String? {
        guard xs.count == ys.count else { return "\(xs.count) x values but \(ys.count) y values" }
        guard xs.count <= Figure.maxItems else { return "\(xs.count) points are more than \(Figure.maxItems)" }
        return classProblem(classes, count: xs.count, names: classNames.count)
    }
}

extension HistogramData {
    var problem: String? {
        guard lo.isFinite, hi.isFinite, lo <= hi else { return "the range \(lo)…\(hi) is not a finite interval" }
        guard groups.count <= Figure.maxParts else { return "\(groups.count) groups are too many" }
        let bins = groups.first?.counts.count ?? 0
        guard bins <= Figure.maxItems / max(1, groups.count) else { return "\(bins) bins are too many" }
        guard groups.allSatisfy({ $0.counts.count == bins && $0.counts.allSatisfy { $0 >= 0 } }) else {
            return "every group needs the same number of bins and counts of 0 or more"
        }
        return nil
    }
}

extension Scatter3DData {
    var problem: String? {
        guard xs.count == ys.count, ys.count == zs.count else { return "\(xs.count), \(ys.count) and \(zs.count) coordinates do not make points" }
        guard xs.count <= Figure.maxItems else { return "\(xs.count) points are more than \(Figure.maxItems)" }
        guard values.map({ $0.count == xs.count }) ?? true else { return "\(values?.count ?? 0) values for \(xs.count) points" }
        guard azimuth.isFinite, elevation.isFinite else { return "the view angles are not finite numbers" }
        guard axisLabels.count <= 3 else { return "\(axisLabels.count) axis labels for three axes" }
        return classProblem(classes, count: xs.count, names: classNames.count)
    }
}

extension TextListData {
    var problem: String? {
        guard lines.count <= Figure.maxItems else { return "\(lines.count) lines are too many" }
        guard lines.allSatisfy({ (0...200).contains($0.indent) }) else { return "an indent is outside 0…200" }
        guard lines.allSatisfy({ $0.spans.allSatisfy { ($0.label ?? 0) >= 0 && ($0.label ?? 0) < Figure.maxParts } }) else {
            return "a span's label is outside 0…\(Figure.maxParts - 1)"
        }
        return nil
    }
}

/// Classes must match the points one to one and name a colour a scatter can give.
private func classProblem(_ classes: [Int]?, count: Int, names: Int) -> String? {
    guard let classes else { return names <= Figure.maxParts ? nil : "\(names) class names are too many" }
    guard classes.count == count else { return "\(classes.count) classes for \(count) points" }
    guard names <= Figure.maxParts, classes.allSatisfy({ $0 >= 0 && $0 < Figure.maxParts }) else {
        return "a class is outside 0…\(Figure.maxParts - 1)"
    }
    return nil
}

extension PanelsData {
    /// Panels nest figures, so each is checked, and one level is enough for any picture aelab makes.
    var problem: String? {
        guard panels.count <= 16 else { return "\(panels.count) panels are more than 16" }
        for panel in panels {
            if case .panels = panel { return "panels inside panels" }
            if let problem = panel.problem { return problem }
        }
        return nil
    }
}
