/// The thin singular value decomposition through LAPACK's divide-and-conquer `sgesdd`.
public struct SVD {
    /// Singular values, largest first.
    public var values: [Float]
    /// Right singular vectors as rows: `vectors[i]` has the length of a row of the input.
    public var rightVectors: [[Float]]

    /// Decomposes the row-major m×n matrix at `data` (left unchanged) and keeps the right
    /// singular vectors, the directions a PCA needs.
    public init(rows m: Int, columns n: Int, data: UnsafePointer<Float>) throws {
        precondition(m > 0 && n > 0, "SVD of an empty matrix")
        // Row-major A is column-major Aᵀ (n×m); Aᵀ = V·S·Uᵀ, so LAPACK's "U" of Aᵀ is A's V.
        let k = min(m, n)
        var a = [Float](UnsafeBufferPointer(start: data, count: m * n))
        var s = [Float](repeating: 0, count: k)
        var u = [Float](repeating: 0, count: n * k)
        var vt = [Float](repeating: 0, count: k * m)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var rowsT = Int32(n), colsT = Int32(m), lda = Int32(n), ldu = Int32(n), ldvt = Int32(k)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var query: Float = 0
        let job: [CChar] = [CChar(UInt8(ascii: "S")), 0]
        let library = BLASLibrary.kernels, lapack = library.sgesdd
        lapack(job, &rowsT, &colsT, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &iwork, &info, 1)
        lwork = Int32(query.rounded(.up)) + 1
        var work = [Float](repeating: 0, count: Int(lwork))
        library.withOwnThreads {
            lapack(job, &rowsT, &colsT, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info, 1)
        }
        guard info == 0 else { throw SVDError(info: Int(info)) }
        values = s
        rightVectors = (0..<k).map { j in Array(u[(j * n)..<((j + 1) * n)]) }
    }
}

/// LAPACK did not converge (or was given a bad argument).
public struct SVDError: Error, CustomStringConvertible {
    public var info: Int
    public var description: String { "the singular value decomposition failed (LAPACK info \(info))" }
}
