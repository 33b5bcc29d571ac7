import Tensors

extension SampledSimilarity {
    /// For one item's S sampled codes `query` [S, d] and each reference item's S codes
    /// `references` [items, S, d]: how many of the S×S pairs lie within cosine distance `threshold`
    /// (the seed's rule calls the two similar when this reaches N). What `similar rule=sampled`
    /// lists; `evaluate` scores the rule over whole sets.
    public static func closePairCounts(query: Tensor, references: Tensor, threshold: Float) throws -> [Int] {
        guard query.rank == 2, query.count > 0 else { throw AnalysisError.invalid("the query samples must be [S, d], got shape \(query.shape)") }
        try requireFinite(query, "the query samples")
        let (n, s, d) = try itemShape(references, "the reference samples")
        guard query.shape[0] == s, query.shape[1] == d else {
            throw AnalysisError.mismatch("query samples of shape \(query.shape) for references of shape \(references.shape); S and d must agree")
        }
        guard threshold >= 0, threshold <= 2 else { throw AnalysisError.invalid("a cosine-distance threshold must lie in 0…2, not \(threshold)") }
        let q = unitRows(query), r = unitRows(references.reshaped([n * s, d]))
        // The same slack as `evaluate`: a code stays within t = 0 of its own copy.
        let least = 1 - threshold - 1e-6
        var counts = [Int](repeating: 0, count: n)
        for start in stride(from: 0, to: n, by: blockReferences) {
            let items = start..<min(n, start + blockReferences)
            let block = Tensor.withoutGradients { r.rows((items.lowerBound * s)..<(items.upperBound * s)) }
            let dots = dotProducts(q, rows: 0..<s, block)
            let width = items.count * s
            for (b, item) in items.enumerated() {
                var close = 0
                for u in 0..<s {
                    let row = dots.data + u * width + b * s
                    for v in 0..<s { close += row[v] >= least ? 1 : 0 }
                }
                counts[item] = close
            }
        }
        return counts
    }
}
