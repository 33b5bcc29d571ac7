import Foundation
import Tensors

/// Principal component analysis of the rows of a matrix.
public struct PCA {
    public var mean: [Float]
    /// The top components as unit rows, most variance first.
    public var components: [[Float]]
    /// Variance along each component.
    public var explainedVariance: [Float]
    /// The share of the total variance each component explains.
    public var explainedRatio: [Float]

    /// Rows centred at a time: bounds the copy while keeping each product large enough for BLAS.
    static let blockRows = 4096

    /// Fits `k` components to the rows of `x` [N, d].
    ///
    /// With more rows than columns the components are the eigenvectors of the d×d covariance,
    /// accumulated by GEMM over blocks of centred rows (MNIST's 60,000 rows never make a second
    /// copy); otherwise they come from the SVD of the centred rows themselves.
    public init(fitting x: Tensor, components k: Int) throws {
        let (n, d) = try rowsAndWidth(x, "PCA input")
        guard k >= 1, k <= min(n, d) else {
            throw AnalysisError.invalid("PCA: \(k) components asked of \(n) rows of width \(d); choose 1…\(min(n, d))")
        }
        try requireFinite(x, "PCA input")
        mean = PCA.columnMeans(x)
        let values: [Float], vectors: [[Float]], total: Float
        do {
            if n > d {
                let covariance = Tensor(zeros: [d, d])
                for start in stride(from: 0, to: n, by: PCA.blockRows) {
                    let block = PCA.centred(x, start..<min(n, start + PCA.blockRows), mean)
                    let part = Tensor.withoutGradients { block.matmul(block, transposeSelf: true) }
                    for i in 0..<(d * d) { covariance.data[i] += part.data[i] }
                }
                // The covariance is symmetric and positive semi-definite: its singular values are
                // its eigenvalues, its singular vectors its eigenvectors.
                let svd = try withExtendedLifetime(covariance) { try SVD(rows: d, columns: d, data: covariance.data) }
                values = svd.values
                vectors = svd.rightVectors
                total = (0..<d).reduce(Float(0)) { $0 + covariance.data[$1 * d + $1] }
            } else {
                let centred = PCA.centred(x, 0..<n, mean)
                let svd = try withExtendedLifetime(centred) { try SVD(rows: n, columns: d, data: centred.data) }
                values = svd.values.map { $0 * $0 }
                vectors = svd.rightVectors
                total = values.reduce(0, +)
            }
        } catch let error as SVDError {
            throw AnalysisError.failed("PCA: \(error)")
        }
        let variances = values.map { $0 / Float(max(n - 1, 1)) }
        components = Array(vectors.prefix(k))
        explainedVariance = Array(variances.prefix(k))
        let totalVariance = total / Float(max(n - 1, 1))
        explainedRatio = explainedVariance.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// Coordinates of the rows of `x` on the components: [N, k].
    public func transform(_ x: Tensor) throws -> Tensor {
        let (n, d) = try rowsAndWidth(x, "PCA transform input")
        try requireCount(d, "columns", mean.count, "the PCA was fitted to")
        let c = matrix(components, width: d), k = components.count
        let out = Tensor(uninitialized: [n, k])
        for start in stride(from: 0, to: n, by: PCA.blockRows) {
            let rows = start..<min(n, start + PCA.blockRows)
            let z = Tensor.withoutGradients { PCA.centred(x, rows, mean).matmul(c, transposeOther: true) }
            (out.data + start * k).update(from: z.data, count: rows.count * k)
        }
        return out
    }

    /// Rows rebuilt from their coordinates: [N, d].
    public func inverse(_ z: Tensor) throws -> Tensor {
        let (n, k) = try rowsAndWidth(z, "PCA coordinates")
        try requireCount(k, "coordinates a row", components.count, "components")
        let d = mean.count
        let out = Tensor.withoutGradients { z.matmul(matrix(components, width: d)) }
        for i in 0..<n {
            let row = out.data + i * d
            for j in 0..<d { row[j] += mean[j] }
        }
        return out
    }

    /// The column means of `x` [N, d], summed in double precision.
    static func columnMeans(_ x: Tensor) -> [Float] {
        let n = x.shape[0], d = x.shape[1]
        var sums = [Double](repeating: 0, count: d)
        sums.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                let row = x.data + i * d
                for j in 0..<d { s[j] += Double(row[j]) }
            }
        }
        return sums.map { Float($0 / Double(n)) }
    }

    /// Rows `range` of `x` less `mean`, as a new [range.count, d] tensor.
    static func centred(_ x: Tensor, _ range: Range<Int>, _ mean: [Float]) -> Tensor {
        let d = x.shape[1]
        let out = Tensor(uninitialized: [range.count, d])
        mean.withUnsafeBufferPointer { m in
            for (r, i) in range.enumerated() {
                let src = x.data + i * d, dst = out.data + r * d
                for j in 0..<d { dst[j] = src[j] - m[j] }
            }
        }
        return out
    }
}

extension PCA {
    /// Mean squared error of reconstructing the rows of `x` from the components.
    public func reconstructionError(_ x: Tensor) throws -> Double {
        let rebuilt = try inverse(transform(x))
        var sum = 0.0
        for i in 0..<x.count { let d = Double(rebuilt.data[i] - x.data[i]); sum += d * d }
        return sum / Double(x.count)
    }

    /// The principal angles, in degrees and ascending, between the spans of two sets of vectors
    /// of the same length (rows; need not be orthonormal): arccos of the singular values of
    /// Q_aᵀQ_b for orthonormal bases Q_a, Q_b found by SVD.
    public static func principalAngles(_ a: [[Float]], _ b: [[Float]]) throws -> [Double] {
        guard let width = a.first?.count, !b.isEmpty, width > 0 else {
            throw AnalysisError.empty("principal angles need at least one non-empty vector on each side")
        }
        guard (a + b).allSatisfy({ $0.count == width }) else {
            throw AnalysisError.mismatch("principal angles: all vectors must have length \(width), the length of the first")
        }
        func basis(_ rows: [[Float]]) throws -> Tensor {
            let m = matrix(rows, width: width)
            let svd = try withExtendedLifetime(m) { try SVD(rows: rows.count, columns: width, data: m.data) }
            return matrix(Array(svd.rightVectors.prefix(rows.count)), width: width)
        }
        do {
            let qa = try basis(a), qb = try basis(b)
            let m = Tensor.withoutGradients { qa.matmul(qb, transposeOther: true) }
            let cosines = try withExtendedLifetime(m) { try SVD(rows: m.shape[0], columns: m.shape[1], data: m.data).values }
            let k = min(qa.shape[0], qb.shape[0])
            return cosines.prefix(k).map { Foundation.acos(Double(min(max($0, -1), 1))) * 180 / Double.pi }.sorted()
        } catch let error as SVDError {
            throw AnalysisError.failed("principal angles: \(error)")
        }
    }
}
