import Foundation

extension Tensor {
    /// Cross-entropy of softmax rows given by logits [..., V] against one target id per row:
    /// log Σ exp z − z[id] (log-softmax and negative log-likelihood fused, max-subtracted, so
    /// finite for any logits), shape [...]. The gradient is softmax(z) − onehot(id).
    ///
    /// `weights` (one per row) multiplies each row's loss and its gradient: a 0/1 mask makes
    /// padded steps of a sequence contribute nothing (their logits are not even read).
    /// Every id must lie in 0..<V (a precondition: callers check user data first).
    public static func sparseCategoricalCrossEntropy(logits: Tensor, ids: [Int32], weights: [Float]? = nil) -> Tensor {
        let (rows, width) = logits.sparseRows(ids: ids, op: "sparse categorical cross-entropy")
        if let weights {
            precondition(weights.count == rows, "sparse categorical cross-entropy: \(weights.count) weights for \(rows) rows")
        }
        let z = logits
        let out = Tensor(uninitialized: Array(z.shape.dropLast()))
        // log Σ exp z of each row, kept for the gradient.
        let logSums = Storage(capacity: rows)
        Parallel.split(rows, work: z.count, minimumWork: Parallel.elementwiseMinimum, alignment: 16) { r in
            for row in r {
                let w = weights?[row] ?? 1
                if w == 0 {
                    out.data[row] = 0
                    continue
                }
                let zr = z.data + row * width
                let lse = logSumExp(zr, width)
                logSums.pointer[row] = lse
                out.data[row] = w * (lse - zr[Int(ids[row])])
            }
        }
        return record(out, op: "sparse_categorical_crossentropy", inputs: [z]) { out in
            // Every row of the gradient is written, so a first contribution needs no zeroing pass.
            let (dz, beta) = z.gradForGEMM()
            let g = out.grad!
            Parallel.split(rows, work: z.count, minimumWork: Parallel.elementwiseMinimum) { r in
                for row in r {
                    let d = dz + row * width
                    let w = weights?[row] ?? 1
                    if w == 0 {
                        if beta == 0 { d.update(repeating: 0, count: width) }
                        continue
                    }
                    let c = g[row] * w
                    let shift = Vec(repeating: logSums.pointer[row]), scale = Vec(repeating: c)
                    let zr = z.data + row * width
                    if beta == 0 {
                        mapVectors(width, zr, d) { scale * vexp($0 - shift) }
                    } else {
                        mapVectors(width, zr, d, d) { z, d in d + scale * vexp(z - shift) }
                    }
                    d[Int(ids[row])] -= c
                }
            }
        }
    }

    /// What logits [..., V] say about one target id per row, outside the graph: the predicted id
    /// and the log-probability given to the target (token accuracy and perplexity).
    public func tokenScores(targets ids: [Int32]) -> TokenScores {
        let (rows, width) = sparseRows(ids: ids, op: "tokenScores")
        var predicted = [Int32](repeating: 0, count: rows)
        var logProbability = [Float](repeating: 0, count: rows)
        predicted.withUnsafeMutableBufferPointer { predicted in
            logProbability.withUnsafeMutableBufferPointer { logProbability in
                Parallel.split(rows, work: count, minimumWork: Parallel.elementwiseMinimum) { r in
                    for row in r {
                        let zr = data + row * width
                        predicted[row] = Int32(argmaxRow(zr, width))
                        logProbability[row] = zr[Int(ids[row])] - logSumExp(zr, width)
                    }
                }
            }
        }
        return TokenScores(predicted: predicted, logProbability: logProbability)
    }

    /// Rows and width of logits [..., V] checked against one id in 0..<V per row.
    private func sparseRows(ids: [Int32], op: String) -> (rows: Int, width: Int) {
        precondition(rank >= 1 && shape[rank - 1] > 0, "\(op) needs logits with a last axis of classes, not \(shape)")
        let width = shape[rank - 1], rows = count / width
        precondition(ids.count == rows, "\(op): \(ids.count) ids for the \(rows) rows of logits \(shape)")
        for (row, id) in ids.enumerated() {
            precondition(id >= 0 && Int(id) < width, "\(op): id \(id) of row \(row) is outside the \(width) classes (0..<\(width))")
        }
        return (rows, width)
    }
}

/// One target id per row, scored against that row's logits (see `Tensor.tokenScores`).
public struct TokenScores: Equatable, Sendable {
    /// The id with the largest logit in each row (the first one on ties).
    public var predicted: [Int32]
    /// log softmax(row)[target], at most 0: minus the row's sparse categorical cross-entropy, so
    /// the perplexity over some rows is exp(−their mean).
    public var logProbability: [Float]
}
