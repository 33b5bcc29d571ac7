import COpenBLAS

/// Row-major single-precision GEMM through OpenBLAS: C = alpha·op(A)·op(B) + beta·C,
/// where op(A) is m×k and op(B) is k×n. With `split` false the product stays on the calling
/// thread (a caller that already runs one part per core, as Bidirectional's two directions do).
enum BLAS {
    @inline(__always)
    static func gemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                     _ a: UnsafePointer<Float>, lda: Int? = nil, _ b: UnsafePointer<Float>, ldb: Int? = nil,
                     beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int? = nil, split: Bool = true) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            // OpenBLAS would leave C untouched; the mathematical answer is beta·C.
            if beta == 0 { for i in 0..<m { (c + i * (ldc ?? n)).update(repeating: 0, count: n) } }
            return
        }
        if n == 1 {
            // A matrix times a vector: GEMV reads A once where GEMM would first pack a copy of it
            // (the 1-filter convolutions and their gradients).
            let incB = Int32(transB ? 1 : (ldb ?? 1)), incC = Int32(ldc ?? 1)
            if beta == 0 { for i in 0..<m { c[i * Int(incC)] = 0 } }
            BLASLibrary.kernels.sgemv(
                CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                Int32(transA ? k : m), Int32(transA ? m : k), alpha, a, Int32(lda ?? (transA ? m : k)),
                b, incB, beta == 0 ? 1 : beta, c, incC)
            return
        }
        let lda = lda ?? (transA ? m : k), ldb = ldb ?? (transB ? k : n), ldc = ldc ?? n
        let sgemm = BLASLibrary.kernels.sgemm
        let opA = transA ? CblasTrans : CblasNoTrans, opB = transB ? CblasTrans : CblasNoTrans
        // OpenBLAS runs single-threaded; a product big enough to pay for a hand-off is cut into
        // blocks of C, one a core, across C's longer side. On two cores at batch 32 this beat
        // OpenBLAS's own threading by a fifth (its threads also competed with the pool's).
        let splitRows = m >= n
        // As many parts as there are cores, while each keeps 32 rows or columns and a fair share
        // of the work (so a 64-core machine still splits a batch-32 product in a few).
        let parts = split ? min(Parallel.cores, (splitRows ? m : n) / 32, 2 * m * n * k / parallelWork) : 1
        guard parts > 1 else {
            sgemm(CblasRowMajor, opA, opB, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        Parallel.run(parts: parts) { part in
            let r = Parallel.range(part, of: splitRows ? m : n, parts: parts)
            if r.isEmpty { return }
            if splitRows {
                // Rows of C are rows of op(A): rows of A, or columns of a transposed A.
                sgemm(CblasRowMajor, opA, opB, Int32(r.count), Int32(n), Int32(k), alpha,
                      a + (transA ? r.lowerBound : r.lowerBound * lda), Int32(lda), b, Int32(ldb),
                      beta, c + r.lowerBound * ldc, Int32(ldc))
            } else {
                // Columns of C are columns of op(B): columns of B, or rows of a transposed B.
                sgemm(CblasRowMajor, opA, opB, Int32(m), Int32(r.count), Int32(k), alpha,
                      a, Int32(lda), b + (transB ? r.lowerBound * ldb : r.lowerBound), Int32(ldb),
                      beta, c + r.lowerBound, Int32(ldc))
            }
        }
    }

    /// Multiply-adds below which a product runs on one core (about 5 µs of work); a product is
    /// split into at most one part per half of this.
    static let parallelWork = 1 << 18
}

extension Tensor {
    /// Matrix product of 2-D tensors, optionally transposing either side: op(self)·op(other).
    /// A rank-3 `self` [batch, m, k] times a 2-D `other` multiplies every matrix of the batch;
    /// two rank-3 tensors multiply pairwise.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        if rank == 3 {
            return batchedMatmul(other, transposeSelf: transposeSelf, transposeOther: transposeOther)
        }
        precondition(rank == 2 && other.rank == 2, "matmul needs 2-D tensors, got \(shape) and \(other.shape)")
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        precondition(k == k2, "matmul: inner sizes differ, \(shape)\(transposeSelf ? "ᵀ" : "") · \(other.shape)\(transposeOther ? "ᵀ" : "")")
        let a = self, b = other, ta = transposeSelf, tb = transposeOther
        let out = Tensor(uninitialized: [m, n])
        BLAS.gemm(ta, tb, m: m, n: n, k: k, a.data, b.data, beta: 0, out.data)
        return Tensor.record(out, op: "matmul", inputs: [a, b]) { out in
            let g = out.grad!
            if a.requiresGrad {
                let (da, beta) = a.gradForGEMM()
                if !ta { BLAS.gemm(false, !tb, m: m, n: k, k: n, g, b.data, beta: beta, da) }
                else { BLAS.gemm(tb, true, m: k, n: m, k: n, b.data, g, beta: beta, da) }
            }
            if b.requiresGrad {
                let (db, beta) = b.gradForGEMM()
                if !tb { BLAS.gemm(!ta, false, m: k, n: n, k: m, a.data, g, beta: beta, db) }
                else { BLAS.gemm(true, ta, m: n, n: k, k: m, g, a.data, beta: beta, db) }
            }
        }
    }

    private func batchedMatmul(_ other: Tensor, transposeSelf ta: Bool, transposeOther tb: Bool) -> Tensor {
        if other.rank == 2 && !ta {
            // One shared right-hand matrix: a single GEMM over the flattened batch.
            return reshaped([shape[0] * shape[1], shape[2]])
                .matmul(other, transposeOther: tb)
                .reshaped([shape[0], shape[1], tb ? other.shape[0] : other.shape[1]])
        }
        precondition(other.rank == 3 && other.shape[0] == shape[0], "batched matmul needs [B,m,k]·[B,k,n], got \(shape) and \(other.shape)")
        let batch = shape[0]
        let (m, k) = ta ? (shape[2], shape[1]) : (shape[1], shape[2])
        let (k2, n) = tb ? (other.shape[2], other.shape[1]) : (other.shape[1], other.shape[2])
        precondition(k == k2, "batched matmul: inner sizes differ, \(shape) · \(other.shape)")
        let a = self, b = other
        let sa = m * k, sb = k * n, sc = m * n
        let out = Tensor(uninitialized: [batch, m, n])
        for i in 0..<batch {
            BLAS.gemm(ta, tb, m: m, n: n, k: k, a.data + i * sa, b.data + i * sb, beta: 0, out.data + i * sc)
        }
        return Tensor.record(out, op: "batched_matmul", inputs: [a, b]) { out in
            let g = out.grad!
            if a.requiresGrad {
                let (da, beta) = a.gradForGEMM()
                for i in 0..<batch {
                    let gi = g + i * sc, bi = b.data + i * sb, dai = da + i * sa
                    if !ta { BLAS.gemm(false, !tb, m: m, n: k, k: n, gi, bi, beta: beta, dai) }
                    else { BLAS.gemm(tb, true, m: k, n: m, k: n, bi, gi, beta: beta, dai) }
                }
            }
            if b.requiresGrad {
                let (db, beta) = b.gradForGEMM()
                for i in 0..<batch {
                    let gi = g + i * sc, ai = a.data + i * sa, dbi = db + i * sb
                    if !tb { BLAS.gemm(!ta, false, m: k, n: n, k: m, ai, gi, beta: beta, dbi) }
                    else { BLAS.gemm(true, ta, m: n, n: k, k: m, gi, ai, beta: beta, dbi) }
                }
            }
        }
    }
}
