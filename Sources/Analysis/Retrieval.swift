import Tensors

extension Neighbours {
    /// Precision@k: the share of each query's k neighbours that carry the query's label,
    /// averaged over the queries.
    public func precision(queryLabels: [Int], referenceLabels: [Int]) throws -> Double {
        try requireCount(queryLabels.count, "query labels", queryCount, "queries")
        try requireCount(referenceLabels.count, "reference labels", referenceCount, "references")
        var hits = 0
        for q in 0..<queryCount {
            for r in of(q) where referenceLabels[r] == queryLabels[q] { hits += 1 }
        }
        return Double(hits) / Double(indices.count)
    }

    /// The label most of each query's neighbours carry; a tie goes to the smallest label, as in
    /// scikit-learn's `KNeighborsClassifier` with uniform weights.
    public func majorityLabels(referenceLabels: [Int]) throws -> [Int] {
        try requireCount(referenceLabels.count, "reference labels", referenceCount, "references")
        let classes = try classCount(referenceLabels, "reference labels")
        var votes = [Int](repeating: 0, count: classes)
        return (0..<queryCount).map { q in
            for r in of(q) { votes[referenceLabels[r]] += 1 }
            var best = 0
            for c in 0..<classes where votes[c] > votes[best] { best = c }
            for r in of(q) { votes[referenceLabels[r]] = 0 }
            return best
        }
    }
}

/// Retrieval and nearest-neighbour classification scores of codes by their labels.
public enum Retrieval {
    /// Precision@k of each row against the other rows of the same set (`retrieval_p10` with the
    /// defaults): how many of its k nearest others share its label.
    public static func precisionAtK(_ x: Tensor, labels: [Int], k: Int = 10, metric: Metric = .cosine) throws -> Double {
        try requireCount(labels.count, "labels", x.shape.first ?? 0, "rows")
        return try Neighbours(within: x, k: k, metric: metric).precision(queryLabels: labels, referenceLabels: labels)
    }

    /// Precision@k of query rows (test codes, say) against reference rows (training codes).
    public static func precisionAtK(queries: Tensor, queryLabels: [Int], references: Tensor, referenceLabels: [Int],
                                    k: Int = 10, metric: Metric = .cosine) throws -> Double {
        try requireCount(queryLabels.count, "query labels", queries.shape.first ?? 0, "query rows")
        let neighbours = try Neighbours(queries: queries, references: references, k: k, metric: metric)
        return try neighbours.precision(queryLabels: queryLabels, referenceLabels: referenceLabels)
    }

    /// Accuracy of labelling each query row by a majority vote of its k nearest reference rows.
    public static func knnAccuracy(queries: Tensor, queryLabels: [Int], references: Tensor, referenceLabels: [Int],
                                   k: Int = 5, metric: Metric = .euclidean) throws -> Double {
        try requireCount(queryLabels.count, "query labels", queries.shape.first ?? 0, "query rows")
        let neighbours = try Neighbours(queries: queries, references: references, k: k, metric: metric)
        return accuracy(try neighbours.majorityLabels(referenceLabels: referenceLabels), queryLabels)
    }

    /// Leave-one-out accuracy of labelling each row by a majority vote of its k nearest other
    /// rows (how well a 2-D map separates the classes, say).
    public static func knnAccuracy(_ x: Tensor, labels: [Int], k: Int = 5, metric: Metric = .euclidean) throws -> Double {
        try requireCount(labels.count, "labels", x.shape.first ?? 0, "rows")
        let neighbours = try Neighbours(within: x, k: k, metric: metric)
        return accuracy(try neighbours.majorityLabels(referenceLabels: labels), labels)
    }

    /// The share of `predicted` equal to `truth` (same length, not empty).
    static func accuracy(_ predicted: [Int], _ truth: [Int]) -> Double {
        Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
    }
}

/// The number of classes labels 0…max make; throws on an empty list or a negative label.
func classCount(_ labels: [Int], _ what: String) throws -> Int {
    guard let top = labels.max() else { throw AnalysisError.empty("no \(what)") }
    if let bad = labels.first(where: { $0 < 0 }) { throw AnalysisError.invalid("\(what) must be 0 or more, found \(bad)") }
    // A label in the billions would make the vote tables that size.
    guard top < 1 << 24 else { throw AnalysisError.invalid("\(what) run up to \(top); number the classes 0, 1, 2, …") }
    return top + 1
}
