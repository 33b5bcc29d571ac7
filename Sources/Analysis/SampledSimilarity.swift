import Tensors

/// The seed's rule for calling two items similar from samples of their codes (a VAE's draws,
/// say): with S codes per item, two items are similar when at least N of the S×S pairs of
/// their codes lie within cosine distance t. Scored, beside the plain rule on the items' mean
/// codes at the same t, by the precision and recall of "has the same label".
public enum SampledSimilarity {
    /// Counts of item pairs called similar against pairs sharing a label.
    public struct Score: Sendable, Equatable {
        /// Pairs called similar that share a label.
        public var truePositives: Int
        /// Pairs called similar.
        public var predicted: Int
        /// Pairs that share a label.
        public var actual: Int
        public init(truePositives: Int, predicted: Int, actual: Int) {
            self.truePositives = truePositives
            self.predicted = predicted
            self.actual = actual
        }

        /// truePositives / predicted (0 when nothing is called similar).
        public var precision: Double { predicted > 0 ? Double(truePositives) / Double(predicted) : 0 }
        /// truePositives / actual (0 when no pair shares a label).
        public var recall: Double { actual > 0 ? Double(truePositives) / Double(actual) : 0 }
    }

    /// Both rules for every (query item, reference item) pair.
    /// - Parameters:
    ///   - queries: [items, S, d], the S sampled codes of each query item.
    ///   - references: [items, S, d] with the same S and d.
    ///   - minimumPairs: N, 1…S².
    public static func evaluate(queries: Tensor, queryLabels: [Int], references: Tensor, referenceLabels: [Int],
                                threshold: Float, minimumPairs: Int) throws -> (sampled: Score, mean: Score) {
        let (nq, s, d) = try itemShape(queries, "the query samples")
        let (nr, s2, d2) = try itemShape(references, "the reference samples")
        guard s2 == s, d2 == d else {
            throw AnalysisError.mismatch("reference samples of shape \(references.shape) for queries of shape \(queries.shape); S and d must agree")
        }
        try requireCount(queryLabels.count, "query labels", nq, "query items")
        try requireCount(referenceLabels.count, "reference labels", nr, "reference items")
        try checkRule(threshold, minimumPairs, s)
        return count(queries, queryLabels, references, referenceLabels, s: s, threshold: threshold, minimumPairs: minimumPairs, excludingSelf: false)
    }

    /// Both rules for every pair of distinct items of one set [items, S, d].
    public static func evaluate(within samples: Tensor, labels: [Int], threshold: Float, minimumPairs: Int) throws -> (sampled: Score, mean: Score) {
        let (n, s, _) = try itemShape(samples, "the samples")
        guard n >= 2 else { throw AnalysisError.invalid("sampled similarity within one set needs 2 or more items, not \(n)") }
        try requireCount(labels.count, "labels", n, "items")
        try checkRule(threshold, minimumPairs, s)
        return count(samples, labels, samples, labels, s: s, threshold: threshold, minimumPairs: minimumPairs, excludingSelf: true)
    }

    static func itemShape(_ x: Tensor, _ what: String) throws -> (items: Int, samples: Int, width: Int) {
        guard x.rank == 3 else { throw AnalysisError.invalid("\(what) must be [items, S, d], got shape \(x.shape)") }
        guard x.count > 0 else { throw AnalysisError.empty("\(what) hold nothing (shape \(x.shape))") }
        try requireFinite(x, what)
        return (x.shape[0], x.shape[1], x.shape[2])
    }

    static func checkRule(_ t: Float, _ minimumPairs: Int, _ s: Int) throws {
        guard t >= 0, t <= 2 else { throw AnalysisError.invalid("a cosine-distance threshold must lie in 0…2, not \(t)") }
        guard minimumPairs >= 1, minimumPairs <= s * s else {
            throw AnalysisError.invalid("\(minimumPairs) close pairs asked of \(s)×\(s) = \(s * s); choose 1…\(s * s)")
        }
    }

    /// Items a block of the sample-by-sample products spans on each side: 64·5 × 2048·5 floats.
    static let blockQueries = 64, blockReferences = 2048

    static func count(_ q: Tensor, _ ql: [Int], _ r: Tensor, _ rl: [Int], s: Int, threshold t: Float,
                      minimumPairs: Int, excludingSelf: Bool) -> (sampled: Score, mean: Score) {
        let nq = q.shape[0], nr = r.shape[0], d = q.shape[2]
        let qUnit = unitRows(q.reshaped([nq * s, d])), rUnit = excludingSelf ? qUnit : unitRows(r.reshaped([nr * s, d]))
        let qMeans = unitRows(means(q)), rMeans = excludingSelf ? qMeans : unitRows(means(r))
        // cos distance ≤ t ⇔ cos ≥ 1 − t; the slack keeps a code within t = 0 of its own copy
        // when rounding leaves cos a hair below 1.
        let least = 1 - t - 1e-6
        var sampled = Score(truePositives: 0, predicted: 0, actual: 0), mean = sampled
        let rBlocks = stride(from: 0, to: nr, by: blockReferences).map { start -> (Range<Int>, Tensor, Tensor) in
            let items = start..<min(nr, start + blockReferences)
            return (items, Tensor.withoutGradients { rUnit.rows((items.lowerBound * s)..<(items.upperBound * s)) },
                    Tensor.withoutGradients { rMeans.rows(items) })
        }
        // Both rules are symmetric, so within one set each unordered pair is scored once and
        // counted for both orders: half the products and comparisons.
        let weight = excludingSelf ? 2 : 1
        for qStart in stride(from: 0, to: nq, by: blockQueries) {
            let qItems = qStart..<min(nq, qStart + blockQueries)
            for (rItems, rSamples, rMeanBlock) in rBlocks where !excludingSelf || rItems.upperBound > qStart + 1 {
                let dots = dotProducts(qUnit, rows: (qItems.lowerBound * s)..<(qItems.upperBound * s), rSamples)
                let meanDots = dotProducts(qMeans, rows: qItems, rMeanBlock)
                let width = rItems.count * s
                for (a, qi) in qItems.enumerated() {
                    let firstB = excludingSelf ? max(0, qi + 1 - rItems.lowerBound) : 0
                    guard firstB < rItems.count else { continue }
                    for b in firstB..<rItems.count {
                        let ri = rItems.lowerBound + b
                        var close = 0
                        for u in 0..<s {
                            let row = dots.data + (a * s + u) * width + b * s
                            for v in 0..<s { close += row[v] >= least ? 1 : 0 }
                        }
                        let same = ql[qi] == rl[ri]
                        if same { sampled.actual += weight; mean.actual += weight }
                        if close >= minimumPairs {
                            sampled.predicted += weight
                            if same { sampled.truePositives += weight }
                        }
                        if meanDots.data[a * rItems.count + b] >= least {
                            mean.predicted += weight
                            if same { mean.truePositives += weight }
                        }
                    }
                }
            }
        }
        return (sampled, mean)
    }

    /// The mean of each item's S codes: [items, S, d] → [items, d].
    static func means(_ x: Tensor) -> Tensor {
        let n = x.shape[0], s = x.shape[1], d = x.shape[2]
        let out = Tensor(zeros: [n, d])
        for i in 0..<n {
            let o = out.data + i * d
            for u in 0..<s {
                let row = x.data + (i * s + u) * d
                for j in 0..<d { o[j] += row[j] }
            }
            for j in 0..<d { o[j] /= Float(s) }
        }
        return out
    }
}
