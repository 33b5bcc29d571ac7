import Foundation
import Tensors

/// k-means clustering (Lloyd's iterations from greedy k-means++ seeds), the best of several
/// restarts by inertia, as scikit-learn's `KMeans` does.
public struct KMeans: Sendable {
    /// The cluster centres, one row of the data's width each (for cosine, means of unit rows).
    public var centroids: [[Float]]
    /// The cluster of each fitted row.
    public var assignments: [Int]
    /// Sum of squared distances from each row to its centre (of the unit rows, for cosine).
    public var inertia: Double
    /// Lloyd iterations the kept run took.
    public var iterations: Int
    /// Euclidean clusters the rows as given; cosine clusters them scaled to unit length.
    public let metric: Metric

    /// How many rows each cluster holds.
    public var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: centroids.count)
        for a in assignments { sizes[a] += 1 }
        return sizes
    }

    /// Clusters the rows of `x` [N, d] into `k` groups.
    /// - Parameters:
    ///   - restarts: independent seedings; the run with the lowest inertia is kept.
    ///   - tolerance: stop when the centres move less (summed squared shift) than this times the
    ///     mean variance of the columns (scikit-learn's rule), or when no row changes cluster.
    public init(fitting x: Tensor, k: Int, metric: Metric = .euclidean, restarts: Int = 10,
                maxIterations: Int = 300, tolerance: Double = 1e-4, seed: UInt64) throws {
        let (n, d) = try rowsAndWidth(x, "k-means input")
        guard k >= 1, k <= n else { throw AnalysisError.invalid("k-means: \(k) clusters asked of \(n) rows; choose 1…\(n)") }
        guard restarts >= 1 else { throw AnalysisError.invalid("k-means: restarts must be at least 1, not \(restarts)") }
        guard maxIterations >= 1 else { throw AnalysisError.invalid("k-means: maxIterations must be at least 1, not \(maxIterations)") }
        try requireFinite(x, "k-means input")
        let rows = metric == .cosine ? unitRows(x) : x
        let norms = squaredRowNorms(rows)
        let shiftLimit = tolerance * KMeans.meanColumnVariance(rows)
        var random = Random(seed: seed)
        var best: Run?
        for _ in 0..<restarts {
            var generator = random.fork()
            let seeds = KMeans.plusPlusSeeds(rows, norms, k: k, random: &generator)
            let run = KMeans.lloyd(rows, norms, centres: seeds, maxIterations: maxIterations, shiftLimit: shiftLimit)
            if best == nil || run.inertia < best!.inertia { best = run }
        }
        let kept = best!
        centroids = (0..<k).map { c in Array(kept.centres[(c * d)..<((c + 1) * d)]) }
        assignments = kept.assignments
        inertia = kept.inertia
        iterations = kept.iterations
        self.metric = metric
    }

    /// The nearest centre of each row of `x` [N, d].
    public func assign(_ x: Tensor) throws -> [Int] {
        let (_, d) = try rowsAndWidth(x, "rows to assign")
        try requireCount(d, "columns", centroids[0].count, "the clusters were fitted to")
        try requireFinite(x, "rows to assign")
        let rows = metric == .cosine ? unitRows(x) : x
        return KMeans.nearest(rows, squaredRowNorms(rows), centres: centroids.flatMap { $0 }, k: centroids.count).assignments
    }

    struct Run {
        var centres: [Float]
        var assignments: [Int]
        var inertia: Double
        var iterations: Int
    }

    /// Lloyd's iterations: assign every row to its nearest centre, move each centre to the mean
    /// of its rows, until nothing changes or the centres barely move.
    static func lloyd(_ x: Tensor, _ norms: [Float], centres start: [Float], maxIterations: Int, shiftLimit: Double) -> Run {
        let n = x.shape[0], d = x.shape[1], k = start.count / d
        var centres = start
        var (assignments, distances) = nearest(x, norms, centres: centres, k: k)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let moved = update(x, assignments: assignments, distances: distances, centres: &centres, k: k)
            let previous = assignments
            (assignments, distances) = nearest(x, norms, centres: centres, k: k)
            if assignments == previous || moved <= shiftLimit { break }
        }
        // The inertia in double precision from the rows themselves: the expanded |x|² − 2x·c + |c|²
        // loses digits when rows sit close to their centres.
        var inertia = 0.0
        for i in 0..<n {
            let row = x.data + i * d, c = assignments[i] * d
            for j in 0..<d { let e = Double(row[j]) - Double(centres[c + j]); inertia += e * e }
        }
        return Run(centres: centres, assignments: assignments, inertia: inertia, iterations: iterations)
    }

    /// Moves each centre to the mean of its rows and returns the summed squared shift. A centre
    /// left with no rows takes the row farthest from its own centre (as scikit-learn relocates).
    static func update(_ x: Tensor, assignments: [Int], distances: [Float], centres: inout [Float], k: Int) -> Double {
        let n = x.shape[0], d = x.shape[1]
        // The sums of each cluster's rows as one product: (one-hot assignments)ᵀ · X.
        let membership = Tensor(zeros: [n, k])
        var counts = [Int](repeating: 0, count: k)
        for (i, a) in assignments.enumerated() {
            membership.data[i * k + a] = 1
            counts[a] += 1
        }
        let sums = Tensor.withoutGradients { membership.matmul(x, transposeSelf: true) }
        var farthestFirst: [Int] = []
        var shift = 0.0
        for c in 0..<k {
            let sum = sums.data + c * d
            if counts[c] > 0 {
                let scale = 1 / Float(counts[c])
                for j in 0..<d { sum[j] *= scale }
            } else {
                if farthestFirst.isEmpty {
                    farthestFirst = (0..<n).sorted { (distances[$0], -$0) > (distances[$1], -$1) }
                }
                let i = farthestFirst.removeFirst()
                for j in 0..<d { sum[j] = x.data[i * d + j] }
            }
            for j in 0..<d {
                let e = Double(sum[j] - centres[c * d + j])
                shift += e * e
                centres[c * d + j] = sum[j]
            }
        }
        return shift
    }

    /// The nearest of `k` centres (rows of `centres`) to each row of `x` (whose squared lengths
    /// are `rowNorms`), with the squared distance.
    static func nearest(_ x: Tensor, _ rowNorms: [Float], centres: [Float], k: Int) -> (assignments: [Int], distances: [Float]) {
        let n = x.shape[0], d = x.shape[1]
        let c = Tensor(centres, shape: [k, d])
        let centreNorms = squaredRowNorms(c)
        var assignments = [Int](repeating: 0, count: n)
        var distances = [Float](repeating: 0, count: n)
        for start in stride(from: 0, to: n, by: 8192) {
            let range = start..<min(n, start + 8192)
            let dots = dotProducts(x, rows: range, c)
            for (r, i) in range.enumerated() {
                let dot = dots.data + r * k
                var best = 0, bestKey = Float.infinity
                for j in 0..<k {
                    let key = centreNorms[j] - 2 * dot[j]
                    if key < bestKey { bestKey = key; best = j }
                }
                assignments[i] = best
                distances[i] = max(0, bestKey + rowNorms[i])
            }
        }
        return (assignments, distances)
    }

    /// Greedy k-means++: each new centre is the best (by the resulting potential) of 2 + ⌊ln k⌋
    /// candidates drawn with probability proportional to the squared distance to the nearest
    /// centre so far, as scikit-learn seeds.
    static func plusPlusSeeds(_ x: Tensor, _ norms: [Float], k: Int, random: inout Random) -> [Float] {
        let n = x.shape[0], d = x.shape[1]
        let trials = 2 + Int(Foundation.log(Double(k)))
        var centres = [Float]()
        centres.reserveCapacity(k * d)
        func squaredDistances(to candidates: [Int]) -> Tensor {
            // [candidates, N]: |c|² − 2 c·x + |x|², clipped at 0.
            let c = Tensor.withoutGradients { Tensor(candidates.flatMap { row(x, $0) }, shape: [candidates.count, d]) }
            let dots = dotProducts(c, rows: 0..<candidates.count, x)
            for (t, i) in candidates.enumerated() {
                let out = dots.data + t * n
                for j in 0..<n { out[j] = max(0, norms[i] - 2 * out[j] + norms[j]) }
            }
            return dots
        }
        let first = random.below(n)
        centres += row(x, first)
        let firstDistances = squaredDistances(to: [first])
        var closest = Array(UnsafeBufferPointer(start: firstDistances.data, count: n))
        for _ in 1..<k {
            // Candidates by inverse transform sampling of the cumulative potential.
            var cumulative = [Double](repeating: 0, count: n)
            var running = 0.0
            for i in 0..<n { running += Double(closest[i]); cumulative[i] = running }
            let candidates = (0..<trials).map { _ -> Int in
                let target = Double(random.uniform()) * running
                var low = 0, high = n - 1
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
                }
                return low
            }
            let distances = squaredDistances(to: candidates)
            var bestTrial = 0, bestPotential = Double.infinity
            for t in 0..<trials {
                let row = distances.data + t * n
                var p = 0.0
                for j in 0..<n { p += Double(min(closest[j], row[j])) }
                if p < bestPotential { bestPotential = p; bestTrial = t }
            }
            let chosen = distances.data + bestTrial * n
            for j in 0..<n { closest[j] = min(closest[j], chosen[j]) }
            centres += row(x, candidates[bestTrial])
        }
        return centres
    }

    /// The mean over columns of each column's variance: the scale of scikit-learn's tolerance.
    static func meanColumnVariance(_ x: Tensor) -> Double {
        let n = x.shape[0], d = x.shape[1]
        var sum = [Double](repeating: 0, count: d), sumSquares = [Double](repeating: 0, count: d)
        for i in 0..<n {
            let row = x.data + i * d
            for j in 0..<d { let v = Double(row[j]); sum[j] += v; sumSquares[j] += v * v }
        }
        var total = 0.0
        for j in 0..<d { total += sumSquares[j] / Double(n) - (sum[j] / Double(n)) * (sum[j] / Double(n)) }
        return max(0, total / Double(d))
    }
}
