import Tensors

/// Principal component analysis by the SVD of the centred data.
public struct PCA {
    public var mean: [Float]
    /// The top components as unit rows, most variance first.
    public var components: [[Float]]
    /// Variance along each component.
    public var explainedVariance: [Float]
    /// The share of the total variance each component explains.
    public var explainedRatio: [Float]

    /// Fits `k` components to the rows of `x` [N, d].
    public init(fitting x: Tensor, components k: Int) throws {
        let n = x.shape[0], d = x.count / max(x.shape[0], 1)
        var mean = [Float](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += x.data[i * d + j] } }
        for j in 0..<d { mean[j] /= Float(max(n, 1)) }
        let centred = Tensor(uninitialized: [n, d])
        for i in 0..<n { for j in 0..<d { centred.data[i * d + j] = x.data[i * d + j] - mean[j] } }
        let svd = try SVD(rows: n, columns: d, data: centred.data)
        let variances = svd.values.map { $0 * $0 / Float(max(n - 1, 1)) }
        let total = variances.reduce(0, +)
        self.mean = mean
        components = Array(svd.rightVectors.prefix(k))
        explainedVariance = Array(variances.prefix(k))
        explainedRatio = explainedVariance.map { total > 0 ? $0 / total : 0 }
    }

    /// Coordinates of the rows of `x` on the components: [N, k].
    public func transform(_ x: Tensor) -> Tensor {
        let n = x.shape[0], d = mean.count, k = components.count
        let out = Tensor(zeros: [n, k])
        for i in 0..<n {
            for c in 0..<k {
                var s: Float = 0
                for j in 0..<d { s += (x.data[i * d + j] - mean[j]) * components[c][j] }
                out.data[i * k + c] = s
            }
        }
        return out
    }

    /// Rows rebuilt from their coordinates: [N, d].
    public func inverse(_ z: Tensor) -> Tensor {
        let n = z.shape[0], d = mean.count, k = components.count
        let out = Tensor(uninitialized: [n, d])
        for i in 0..<n {
            for j in 0..<d {
                var s = mean[j]
                for c in 0..<k { s += z.data[i * k + c] * components[c][j] }
                out.data[i * d + j] = s
            }
        }
        return out
    }
}

extension PCA {
    /// Mean squared error of reconstructing the rows of `x` from the components.
    public func reconstructionError(_ x: Tensor) -> Double {
        let rebuilt = inverse(transform(x))
        var sum = 0.0
        for i in 0..<x.count { let d = Double(rebuilt.data[i] - x.data[i]); sum += d * d }
        return sum / Double(max(x.count, 1))
    }

    /// The principal angles, in degrees and ascending, between the spans of two sets of vectors
    /// of the same length (rows; need not be orthonormal): arccos of the singular values of
    /// Q_aᵀQ_b for orthonormal bases Q_a, Q_b found by SVD.
    public static func principalAngles(_ a: [[Float]], _ b: [[Float]]) throws -> [Double] {
        func basis(_ rows: [[Float]]) throws -> [[Float]] {
            let flat = rows.flatMap { $0 }
            let svd = try flat.withUnsafeBufferPointer { try SVD(rows: rows.count, columns: rows[0].count, data: $0.baseAddress!) }
            return Array(svd.rightVectors.prefix(rows.count))
        }
        let qa = try basis(a), qb = try basis(b)
        let k = min(qa.count, qb.count)
        var m = [Float](repeating: 0, count: qa.count * qb.count)
        for i in 0..<qa.count {
            for j in 0..<qb.count {
                var s: Float = 0
                for t in 0..<qa[i].count { s += qa[i][t] * qb[j][t] }
                m[i * qb.count + j] = s
            }
        }
        let cosines = try m.withUnsafeBufferPointer { try SVD(rows: qa.count, columns: qb.count, data: $0.baseAddress!) }.values
        return cosines.prefix(k).map { Foundation.acos(Double(min(max($0, -1), 1))) * 180 / Double.pi }.sorted()
    }
}

import Foundation
