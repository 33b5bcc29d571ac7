import Tensors

/// How far apart two rows are.
public enum Metric: String, Sendable, CaseIterable {
    /// 1 − cos θ: 0 for the same direction, 2 for opposite ones (a zero row is at 1 from all).
    case cosine
    /// The straight-line distance.
    case euclidean
}

/// The k nearest reference rows of each query row, nearest first; ties go to the lower index.
///
/// Distances come from blocks of dot products (GEMM) of at most `blockQueries × blockReferences`
/// floats, so 10,000 × 10,000 rows never hold a 10,000² matrix.
public struct Neighbours: Sendable {
    /// Neighbours kept for each query.
    public let k: Int
    /// Reference rows: `indices[q * k + j]` is the (j+1)-th nearest to query q.
    public var indices: [Int]
    /// Their distances, in the same order (cosine distance or euclidean distance).
    public var distances: [Float]
    public var queryCount: Int { indices.count / k }
    /// How many rows the neighbours were chosen from.
    public let referenceCount: Int

    static let blockQueries = 256
    static let blockReferences = 8192

    /// The `k` nearest rows of `references` [M, d] to each row of `queries` [N, d].
    public init(queries: Tensor, references: Tensor, k: Int, metric: Metric) throws {
        let (n, d) = try rowsAndWidth(queries, "the queries")
        let (m, d2) = try rowsAndWidth(references, "the references")
        try requireCount(d2, "columns in the references", d, "in the queries")
        guard k >= 1, k <= m else { throw AnalysisError.invalid("\(k) nearest neighbours asked among \(m) references; choose 1…\(m)") }
        try requireFinite(queries, "the queries")
        try requireFinite(references, "the references")
        self = Neighbours.search(queries, n, references, m, k: k, metric: metric, excludingSelf: false)
    }

    /// The `k` nearest other rows of `x` [N, d] to each of its rows (a row is not its own neighbour).
    public init(within x: Tensor, k: Int, metric: Metric) throws {
        let (n, _) = try rowsAndWidth(x, "the rows")
        guard n >= 2 else { throw AnalysisError.invalid("a row has no neighbours in a set of one row; give 2 or more") }
        guard k >= 1, k <= n - 1 else {
            throw AnalysisError.invalid("\(k) nearest neighbours asked among the \(n - 1) other rows; choose 1…\(n - 1)")
        }
        try requireFinite(x, "the rows")
        self = Neighbours.search(x, n, x, n, k: k, metric: metric, excludingSelf: true)
    }

    /// The neighbours of query `q`, nearest first.
    public func of(_ q: Int) -> ArraySlice<Int> { indices[(q * k)..<((q + 1) * k)] }

    private init(k: Int, referenceCount: Int, indices: [Int], distances: [Float]) {
        self.k = k
        self.referenceCount = referenceCount
        self.indices = indices
        self.distances = distances
    }

    /// Scans blocks of references for each block of queries, keeping each query's best k by a
    /// key that is smaller for nearer rows: −cos for cosine, |r|² − 2 q·r for euclidean (|q|²
    /// is the same for all of a query's candidates, so it is added only at the end).
    private static func search(_ queries: Tensor, _ n: Int, _ references: Tensor, _ m: Int, k: Int,
                               metric: Metric, excludingSelf: Bool) -> Neighbours {
        let cosine = metric == .cosine
        let q = cosine ? unitRows(queries) : queries
        let r = cosine ? (excludingSelf ? q : unitRows(references)) : references
        let referenceNorms = cosine ? Tensor(zeros: [1]) : Tensor(squaredRowNorms(references), shape: [m])
        let referenceBlocks = stride(from: 0, to: m, by: blockReferences).map { start in
            let range = start..<min(m, start + blockReferences)
            return (range, Tensor.withoutGradients { range.count == m ? r : r.rows(range) })
        }
        var top = TopK(queries: n, k: k)
        for qStart in stride(from: 0, to: n, by: blockQueries) {
            let qRange = qStart..<min(n, qStart + blockQueries)
            for (rRange, block) in referenceBlocks {
                let keys = dotProducts(q, rows: qRange, block)
                let width = rRange.count
                for (row, qi) in qRange.enumerated() {
                    let key = keys.data + row * width
                    if cosine {
                        for c in 0..<width { key[c] = -key[c] }
                    } else {
                        let norms = referenceNorms.data + rRange.lowerBound
                        for c in 0..<width { key[c] = norms[c] - 2 * key[c] }
                    }
                    top.offer(query: qi, keys: key, count: width, firstIndex: rRange.lowerBound,
                              skipping: excludingSelf ? qi : -1)
                }
            }
        }
        let queryNorms = cosine ? [] : squaredRowNorms(queries)
        // Rounding can put a row a hair below zero from itself; distances are clipped as scikit-learn's.
        let distances = (0..<(n * k)).map { i -> Float in
            cosine ? min(max(1 + top.keys[i], 0), 2) : max(0, top.keys[i] + queryNorms[i / k]).squareRoot()
        }
        return Neighbours(k: k, referenceCount: m, indices: top.indices, distances: distances)
    }
}

/// The k smallest keys offered so far for each of a set of queries, with their indices.
struct TopK {
    let k: Int
    var keys: [Float]
    var indices: [Int]

    init(queries n: Int, k: Int) {
        self.k = k
        keys = [Float](repeating: .infinity, count: n * k)
        indices = [Int](repeating: -1, count: n * k)
    }

    /// Offers candidates `firstIndex + c` with keys `keys[c]` for c in 0..<count to query `q`,
    /// passing over index `skipping`. Ties keep the candidate offered first.
    mutating func offer(query q: Int, keys candidates: UnsafePointer<Float>, count: Int, firstIndex: Int, skipping: Int) {
        let k = self.k
        keys.withUnsafeMutableBufferPointer { keys in
            indices.withUnsafeMutableBufferPointer { indices in
                let rowKeys = keys.baseAddress! + q * k, rowIndices = indices.baseAddress! + q * k
                var worst = rowKeys[k - 1]
                for c in 0..<count {
                    let key = candidates[c]
                    guard key < worst, firstIndex + c != skipping else { continue }
                    // Insert after any equal key, so that ties keep the lower index.
                    var j = k - 1
                    while j > 0 && rowKeys[j - 1] > key {
                        rowKeys[j] = rowKeys[j - 1]
                        rowIndices[j] = rowIndices[j - 1]
                        j -= 1
                    }
                    rowKeys[j] = key
                    rowIndices[j] = firstIndex + c
                    worst = rowKeys[k - 1]
                }
            }
        }
    }
}
