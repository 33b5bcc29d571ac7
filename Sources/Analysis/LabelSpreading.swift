import Tensors

/// Labels for every row from a few labelled ones, spread over a k-nearest-neighbour graph of
/// the rows (Zhou, Bousquet, Lal, Weston and Schölkopf 2004, "Learning with local and global
/// consistency").
///
/// The graph links each row with its k nearest others, both ways (a symmetric 0/1 affinity W);
/// S = D^(−½) W D^(−½). Zhou's iteration F ← αSF + (1 − α)Y converges to
/// F* = (1 − α)(I − αS)⁻¹Y; with α = 0.99 it needs thousands of steps, so F* is found instead by
/// conjugate gradients on the symmetric positive-definite I − αS (about a hundred products with S).
public struct LabelSpreading: Sendable {
    /// The predicted label of every row (the largest entry of its row of F*); nil for rows
    /// that no labelled row reaches through the graph.
    public var predictions: [Int?]
    /// F* row-major [N, classes]: each row's score for each class.
    public var scores: [Double]
    public let classes: Int
    /// Conjugate-gradient steps taken.
    public var iterations: Int

    /// Spreads `labels` (nil for unlabelled rows, else 0, 1, 2, …) over the rows of `codes` [N, d].
    public init(codes: Tensor, labels: [Int?], neighbours k: Int = 10, alpha: Double = 0.99,
                metric: Metric = .euclidean, tolerance: Double = 1e-8, maxIterations: Int = 2000) throws {
        let (n, _) = try rowsAndWidth(codes, "the codes to spread labels over")
        try requireCount(labels.count, "labels", n, "rows")
        let known = labels.compactMap { $0 }
        guard !known.isEmpty else { throw AnalysisError.empty("label spreading: no row is labelled") }
        let classes = try classCount(known, "labels")
        guard alpha > 0, alpha < 1 else { throw AnalysisError.invalid("label spreading: α must lie strictly between 0 and 1, not \(alpha)") }
        let graph = try Graph(codes: codes, k: k, metric: metric)
        // Right-hand sides (1 − α)Y, one column per class, row-major [N, C].
        var b = [Double](repeating: 0, count: n * classes)
        for (i, label) in labels.enumerated() { if let label { b[i * classes + label] = 1 - alpha } }
        let (f, steps) = graph.solve(alpha: alpha, b, columns: classes, tolerance: tolerance, maxIterations: maxIterations)
        predictions = (0..<n).map { i in
            var best = 0
            for c in 1..<max(classes, 1) where f[i * classes + c] > f[i * classes + best] { best = c }
            return f[i * classes + best] > 0 ? best : nil
        }
        iterations = steps
        scores = f
        self.classes = classes
    }
}

/// The symmetric normalised k-NN affinity S in compressed rows.
struct Graph {
    var rowStart: [Int]
    var columns: [Int]
    var weights: [Double]

    init(codes: Tensor, k: Int, metric: Metric) throws {
        let n = codes.shape[0]
        let neighbours = try Neighbours(within: codes, k: k, metric: metric)
        // Each row's neighbours and the rows that have it as a neighbour, once each.
        var reverse = [[Int]](repeating: [], count: n)
        for i in 0..<n { for j in neighbours.of(i) { reverse[j].append(i) } }
        var stamp = [Int](repeating: -1, count: n)
        rowStart = [0]
        columns = []
        columns.reserveCapacity(2 * n * k)
        for i in 0..<n {
            for j in neighbours.of(i) where stamp[j] != i { stamp[j] = i; columns.append(j) }
            for j in reverse[i] where stamp[j] != i { stamp[j] = i; columns.append(j) }
            rowStart.append(columns.count)
        }
        let starts = rowStart, ends = columns
        let degree = (0..<n).map { Double(starts[$0 + 1] - starts[$0]) }
        var weights = [Double](repeating: 0, count: ends.count)
        for i in 0..<n {
            for e in starts[i]..<starts[i + 1] { weights[e] = 1 / (degree[i] * degree[ends[e]]).squareRoot() }
        }
        self.weights = weights
    }

    /// out = (I − αS)·x for x, out [N, C] row-major.
    func apply(alpha: Double, _ x: [Double], columns c: Int, into out: inout [Double]) {
        let n = rowStart.count - 1
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let o = out.baseAddress! + i * c
                    for t in 0..<c { o[t] = x[i * c + t] }
                    for e in rowStart[i]..<rowStart[i + 1] {
                        let w = alpha * weights[e], row = x.baseAddress! + columns[e] * c
                        for t in 0..<c { o[t] -= w * row[t] }
                    }
                }
            }
        }
    }

    /// Solves (I − αS)F = B by conjugate gradients, each column on its own, until every
    /// column's residual is below `tolerance` times its right-hand side.
    func solve(alpha: Double, _ b: [Double], columns c: Int, tolerance: Double, maxIterations: Int) -> (solution: [Double], steps: Int) {
        let count = b.count, n = count / c
        var x = [Double](repeating: 0, count: count)
        var r = b, p = b, ap = [Double](repeating: 0, count: count)
        func columnDots(_ u: [Double], _ v: [Double]) -> [Double] {
            var dots = [Double](repeating: 0, count: c)
            for i in 0..<n { for t in 0..<c { dots[t] += u[i * c + t] * v[i * c + t] } }
            return dots
        }
        var rs = columnDots(r, r)
        let limits = rs.map { $0 * tolerance * tolerance }
        var steps = 0
        while steps < maxIterations, zip(rs, limits).contains(where: { $0 > $1 && $0 > 0 }) {
            steps += 1
            apply(alpha: alpha, p, columns: c, into: &ap)
            let pap = columnDots(p, ap)
            let step = (0..<c).map { pap[$0] > 0 ? rs[$0] / pap[$0] : 0 }
            for i in 0..<n {
                for t in 0..<c {
                    x[i * c + t] += step[t] * p[i * c + t]
                    r[i * c + t] -= step[t] * ap[i * c + t]
                }
            }
            let next = columnDots(r, r)
            let beta = (0..<c).map { rs[$0] > 0 ? next[$0] / rs[$0] : 0 }
            for i in 0..<n { for t in 0..<c { p[i * c + t] = r[i * c + t] + beta[t] * p[i * c + t] } }
            rs = next
        }
        return (x, steps)
    }
}
