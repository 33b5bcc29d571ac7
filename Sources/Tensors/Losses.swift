import CKernels
import Foundation

/// Cross-entropy as ops. Both use the logits behind a sigmoid or softmax output when there are
/// any (Keras does the same), which keeps the loss finite and its gradient exact, p − y, even
/// where the probability has rounded to 0 or 1; otherwise they clamp like Keras (ε = 1e-7).
extension Tensor {
    /// Keras's clamp for probabilities that did not come with their logits.
    public static let crossEntropyEpsilon: Float = 1e-7

    /// Elementwise binary cross-entropy of probabilities `self` against `target` (same shape).
    /// The target takes no gradient.
    public func binaryCrossEntropy(target: Tensor) -> Tensor {
        precondition(shape == target.shape, "binary cross-entropy: output \(shape) and target \(target.shape) differ")
        let p = self, y = target
        let out = Tensor(uninitialized: shape)
        if let z = p.logits {
            // softplus(z) − z·y = −[y·log σ(z) + (1−y)·log(1−σ(z))].
            Parallel.chunks(count, minimum: Parallel.elementwiseMinimum) { r in
                aelab_bce_with_logits(z.data + r.lowerBound, y.data + r.lowerBound, out.data + r.lowerBound, r.count)
            }
            return Tensor.record(out, op: "binary_crossentropy", inputs: [z]) { out in
                accumulateVectors(out.count, p.data, y.data, out.grad!, into: z.gradAccumulator()) { p, y, g in g * (p - y) }
            }
        }
        let eps = Tensor.crossEntropyEpsilon
        mapVectors(count, p.data, y.data, out.data) { p, y in
            let pc = vmin(vmax(p, Vec(repeating: eps)), Vec(repeating: 1 - eps))
            return -(y * vlog(pc) + (1 - y) * vlog(1 - pc))
        }
        return Tensor.record(out, op: "binary_crossentropy", inputs: [p]) { out in
            accumulateVectors(out.count, p.data, y.data, out.grad!, into: p.gradAccumulator()) { p, y, g in
                var r = g * (p - y) / (p * (1 - p))
                r.replace(with: 0, where: (p .< eps) .| (p .> 1 - eps))
                return r
            }
        }
    }

    /// Categorical cross-entropy of probability rows `self` [N, C] against one-hot (or soft)
    /// targets [N, C]: one loss per row, shape [N].
    public func categoricalCrossEntropy(target: Tensor) -> Tensor {
        precondition(shape == target.shape, "categorical cross-entropy: output \(shape) and target \(target.shape) differ")
        let width = shape.last ?? 1
        let rows = count / max(width, 1)
        let p = self, y = target
        let out = Tensor(uninitialized: Array(shape.dropLast()))
        if let z = p.logits {
            // log Σ exp z − Σ y·z, with the max subtracted inside the log.
            for r in 0..<rows {
                let zr = z.data + r * width, yr = y.data + r * width
                var maximum = -Float.infinity
                for j in 0..<width { maximum = max(maximum, zr[j]) }
                let m = Vec(repeating: maximum)
                let logSum = Foundation.log(sumVectors(width, zr) { vexp($0 - m) }) + maximum
                let ySum = sumVectors(width, yr)
                out.data[r] = ySum * logSum - sumVectors(width, zr, yr) { $0 * $1 }
            }
            return Tensor.record(out, op: "categorical_crossentropy", inputs: [z]) { out in
                let dz = z.gradAccumulator(), g = out.grad!
                for r in 0..<rows {
                    let o = r * width
                    let ySum = sumVectors(width, y.data + o)
                    for j in 0..<width { dz[o + j] += g[r] * (p.data[o + j] * ySum - y.data[o + j]) }
                }
            }
        }
        let eps = Tensor.crossEntropyEpsilon
        for r in 0..<rows {
            out.data[r] = -sumVectors(width, p.data + r * width, y.data + r * width) { p, y in
                y * vlog(vmin(vmax(p, Vec(repeating: eps)), Vec(repeating: 1 - eps)))
            }
        }
        return Tensor.record(out, op: "categorical_crossentropy", inputs: [p]) { out in
            let dp = p.gradAccumulator(), g = out.grad!
            for r in 0..<rows {
                for j in 0..<width {
                    let i = r * width + j
                    if p.data[i] >= eps && p.data[i] <= 1 - eps { dp[i] -= g[r] * y.data[i] / p.data[i] }
                }
            }
        }
    }
}
