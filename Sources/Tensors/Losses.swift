import CKernels
import Foundation

/// Cross-entropy as ops. From logits they are exact for any logit: the loss stays finite and its
/// gradient is p − y even where the probability has rounded to 0 or 1. From probabilities they
/// clamp like Keras (ε = 1e-7). Targets take no gradient.
extension Tensor {
    /// Keras's clamp for probabilities that did not come with their logits.
    public static let crossEntropyEpsilon: Float = 1e-7

    /// Elementwise binary cross-entropy of a sigmoid's logits z against targets y (same shape):
    /// softplus(z) − z·y = −[y·log σ(z) + (1 − y)·log(1 − σ(z))], with gradient σ(z) − y.
    public static func binaryCrossEntropy(logits: Tensor, target: Tensor) -> Tensor {
        precondition(logits.shape == target.shape, "binary cross-entropy: logits \(logits.shape) and target \(target.shape) differ")
        let z = logits, y = target, n = logits.count
        let out = Tensor(uninitialized: z.shape)
        Parallel.chunks(n, minimum: Parallel.elementwiseMinimum) { r in
            aelab_bce_with_logits(z.data + r.lowerBound, y.data + r.lowerBound, out.data + r.lowerBound, r.count)
        }
        return record(out, op: "binary_crossentropy", inputs: [z]) { out in
            // Every element is written, so a first contribution needs no zeroing pass.
            let (dz, beta) = z.gradForGEMM()
            let g = out.grad!
            Parallel.chunks(n, minimum: Parallel.elementwiseMinimum) { r in
                let o = r.lowerBound
                if beta == 0 {
                    mapVectors(r.count, z.data + o, y.data + o, g + o, dz + o) { z, y, g in g * (vsigmoid(z) - y) }
                } else {
                    accumulateVectors(r.count, z.data + o, y.data + o, g + o, into: dz + o) { z, y, g in g * (vsigmoid(z) - y) }
                }
            }
        }
    }

    /// Elementwise binary cross-entropy of probabilities p against targets y (same shape), with p
    /// clamped to [ε, 1 − ε] as Keras does; the gradient is zero where the clamp applied.
    public static func binaryCrossEntropy(probabilities: Tensor, target: Tensor) -> Tensor {
        precondition(probabilities.shape == target.shape,
                     "binary cross-entropy: probabilities \(probabilities.shape) and target \(target.shape) differ")
        let p = probabilities, y = target
        let eps = crossEntropyEpsilon
        let out = Tensor(uninitialized: p.shape)
        mapVectors(p.count, p.data, y.data, out.data) { p, y in
            let pc = vmin(vmax(p, Vec(repeating: eps)), Vec(repeating: 1 - eps))
            return -(y * vlog(pc) + (1 - y) * vlog(1 - pc))
        }
        return record(out, op: "binary_crossentropy", inputs: [p]) { out in
            accumulateVectors(out.count, p.data, y.data, out.grad!, into: p.gradAccumulator()) { p, y, g in
                var r = g * (p - y) / (p * (1 - p))
                r.replace(with: 0, where: (p .< eps) .| (p .> 1 - eps))
                return r
            }
        }
    }

    /// Categorical cross-entropy of a softmax's logits [..., C] against one-hot (or soft) targets
    /// of the same shape, over the last axis: log Σ exp z − Σ y·z per row (scaled by Σ y for soft
    /// targets that do not sum to 1), shape [...]. The gradient is softmax(z)·Σ y − y.
    public static func categoricalCrossEntropy(logits: Tensor, target: Tensor) -> Tensor {
        precondition(logits.shape == target.shape, "categorical cross-entropy: logits \(logits.shape) and target \(target.shape) differ")
        precondition(logits.rank >= 1 && logits.shape[logits.rank - 1] > 0, "categorical cross-entropy needs classes, not \(logits.shape)")
        let z = logits, y = target
        let width = z.shape[z.rank - 1], rows = z.count / width
        let out = Tensor(uninitialized: Array(z.shape.dropLast()))
        // log Σ exp z per row, kept for the gradient.
        let logSums = Storage(capacity: rows)
        Parallel.split(rows, work: z.count, minimumWork: Parallel.elementwiseMinimum) { r in
            for row in r {
                let zr = z.data + row * width, yr = y.data + row * width
                let lse = logSumExp(zr, width)
                logSums.pointer[row] = lse
                out.data[row] = sumVectors(width, yr) * lse - sumVectors(width, zr, yr) { $0 * $1 }
            }
        }
        return record(out, op: "categorical_crossentropy", inputs: [z]) { out in
            let dz = z.gradAccumulator(), g = out.grad!
            Parallel.split(rows, work: z.count, minimumWork: Parallel.elementwiseMinimum) { r in
                for row in r {
                    let o = row * width
                    let shift = Vec(repeating: logSums.pointer[row])
                    let ySum = Vec(repeating: sumVectors(width, y.data + o)), scale = Vec(repeating: g[row])
                    accumulateVectors(width, z.data + o, y.data + o, into: dz + o) { z, y in scale * (vexp(z - shift) * ySum - y) }
                }
            }
        }
    }

    /// Categorical cross-entropy of probability rows [..., C] against one-hot (or soft) targets of
    /// the same shape: −Σ y·log p per row, p clamped to [ε, 1 − ε] as Keras does; shape [...].
    public static func categoricalCrossEntropy(probabilities: Tensor, target: Tensor) -> Tensor {
        precondition(probabilities.shape == target.shape,
                     "categorical cross-entropy: probabilities \(probabilities.shape) and target \(target.shape) differ")
        let p = probabilities, y = target
        let width = p.shape.last ?? 1
        let rows = p.count / max(width, 1)
        let eps = crossEntropyEpsilon
        let out = Tensor(uninitialized: Array(p.shape.dropLast()))
        for r in 0..<rows {
            out.data[r] = -sumVectors(width, p.data + r * width, y.data + r * width) { p, y in
                y * vlog(vmin(vmax(p, Vec(repeating: eps)), Vec(repeating: 1 - eps)))
            }
        }
        return record(out, op: "categorical_crossentropy", inputs: [p]) { out in
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

/// log Σ exp x over `n` floats, with the maximum subtracted inside so that no term overflows.
@inline(__always)
func logSumExp(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
    let maximum = maxVectors(n, x)
    let shift = Vec(repeating: maximum)
    return Foundation.log(sumVectors(n, x) { vexp($0 - shift) }) + maximum
}
