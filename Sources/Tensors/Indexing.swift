extension Tensor {
    /// Rows of this table [V, D] picked by integer ids: an embedding lookup, giving
    /// [idsShape…, D]. The gradient of each picked row is added into the table row it came from,
    /// so an id that appears several times collects all of its gradients.
    ///
    /// Every id must lie in 0..<V (a precondition: callers check user data against the
    /// vocabulary first).
    public func gather(rows ids: [Int32], shape idsShape: [Int]) -> Tensor {
        precondition(rank == 2, "gather: the table must be [rows, width], not \(shape)")
        precondition(idsShape.allSatisfy { $0 >= 0 } && idsShape.reduce(1, *) == ids.count,
                     "gather: \(ids.count) ids do not fill shape \(idsShape)")
        let (rows, width) = (shape[0], shape[1])
        for (i, id) in ids.enumerated() {
            precondition(id >= 0 && Int(id) < rows,
                         "gather: id \(id) at position \(i) is outside the table's \(rows) rows (0..<\(rows))")
        }
        let table = self
        let out = Tensor(uninitialized: idsShape + [width])
        ids.withUnsafeBufferPointer { ids in
            for (i, id) in ids.enumerated() { (out.data + i * width).update(from: table.data + Int(id) * width, count: width) }
        }
        return Tensor.record(out, op: "gather", inputs: [table]) { out in
            let dt = table.gradAccumulator(), g = out.grad!
            ids.withUnsafeBufferPointer { ids in
                for (i, id) in ids.enumerated() {
                    let row = dt + Int(id) * width
                    mapVectors(width, row, g + i * width, row) { $0 + $1 }
                }
            }
        }
    }

    /// One row per label with a 1 in the label's column: [labels.count, classes]. A label outside
    /// 0..<classes (−1 for "unlabelled", say) gives a row of zeros.
    public static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        precondition(classes >= 0, "oneHot: \(classes) classes")
        let t = Tensor(zeros: [labels.count, classes])
        for (i, label) in labels.enumerated() where label >= 0 && label < classes { t.data[i * classes + label] = 1 }
        return t
    }

    /// The index of the largest value in each row of the last axis (the first one on ties):
    /// a classifier's predictions from its probabilities or logits, one per row.
    public func argmax() -> [Int] {
        precondition(rank >= 1 && shape[rank - 1] > 0, "argmax needs a non-empty last axis, not \(shape)")
        let width = shape[rank - 1]
        return (0..<(count / width)).map { r in argmaxRow(data + r * width, width) }
    }
}

/// The index of the first largest of `n` floats (NaNs are never chosen over a number).
@inline(__always)
func argmaxRow(_ x: UnsafePointer<Float>, _ n: Int) -> Int {
    var best = 0
    for j in 1..<max(n, 1) where x[j] > x[best] || (x[best].isNaN && !x[j].isNaN) { best = j }
    return best
}
