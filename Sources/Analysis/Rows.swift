import Tensors

// Helpers for tensors read as matrices of rows ([N, d], row-major), shared by the measurements.

/// Rows and width of `x`, which must be a 2-D tensor with at least one row and column.
func rowsAndWidth(_ x: Tensor, _ what: String) throws -> (rows: Int, width: Int) {
    guard x.rank == 2 else { throw AnalysisError.invalid("\(what) must be rows of features [N, d], got shape \(x.shape)") }
    guard x.shape[0] > 0 else { throw AnalysisError.empty("\(what) holds no rows") }
    guard x.shape[1] > 0 else { throw AnalysisError.empty("\(what) has rows of width 0") }
    return (x.shape[0], x.shape[1])
}

/// Throws unless `count` is `expected`, naming both.
func requireCount(_ count: Int, _ what: String, _ expected: Int, _ of: String) throws {
    guard count == expected else { throw AnalysisError.mismatch("\(count) \(what) for \(expected) \(of)") }
}

/// Throws unless every value of `x` is finite: NaN would silently poison sorts and argmaxes.
func requireFinite(_ x: Tensor, _ what: String) throws {
    let p = x.data
    var bad = false
    for i in 0..<x.count where !p[i].isFinite { bad = true; break }
    if bad { throw AnalysisError.invalid("\(what) holds a NaN or infinite value") }
}

/// A copy of `x` [N, d] with every row scaled to unit length; zero rows stay zero.
func unitRows(_ x: Tensor) -> Tensor {
    let n = x.shape[0], d = x.shape[1]
    let out = Tensor(uninitialized: [n, d])
    for i in 0..<n {
        let row = x.data + i * d, o = out.data + i * d
        var s: Float = 0
        for j in 0..<d { s += row[j] * row[j] }
        let scale: Float = s > 0 ? 1 / s.squareRoot() : 0
        for j in 0..<d { o[j] = row[j] * scale }
    }
    return out
}

/// The squared length of every row of `x` [N, d].
func squaredRowNorms(_ x: Tensor) -> [Float] {
    let n = x.shape[0], d = x.shape[1]
    return [Float](unsafeUninitializedCapacity: n) { buffer, count in
        for i in 0..<n {
            let row = x.data + i * d
            var s: Float = 0
            for j in 0..<d { s += row[j] * row[j] }
            buffer[i] = s
        }
        count = n
    }
}

/// a[range]·bᵀ for row matrices a [N, d] and b [M, d]: the [range.count, M] dot products.
func dotProducts(_ a: Tensor, rows range: Range<Int>, _ b: Tensor) -> Tensor {
    Tensor.withoutGradients {
        let block = range == 0..<a.shape[0] ? a : a.rows(range)
        return block.matmul(b, transposeOther: true)
    }
}

/// A tensor [rows.count, d] from rows of floats, all of width `d`.
func matrix(_ rows: [[Float]], width d: Int) -> Tensor {
    let out = Tensor(uninitialized: [rows.count, d])
    for (i, row) in rows.enumerated() {
        row.withUnsafeBufferPointer { (out.data + i * d).update(from: $0.baseAddress!, count: d) }
    }
    return out
}

/// Row `i` of `x` [N, d] as an array.
func row(_ x: Tensor, _ i: Int) -> [Float] {
    let d = x.shape[1]
    return Array(UnsafeBufferPointer(start: x.data + i * d, count: d))
}
