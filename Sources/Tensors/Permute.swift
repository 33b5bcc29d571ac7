extension Tensor {
    /// The axes in a new order: output axis i is input axis `axes[i]` (negative counts from the
    /// end), so [1, 0, 2] turns batch-major [N, T, D] into time-major [T, N, D].
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.count == rank, "permuted: \(axes) does not order the \(rank) axes of \(shape)")
        let order = axes.map { resolvedAxis($0, op: "permuted") }
        precondition(Set(order).count == rank, "permuted: \(axes) names an axis twice")
        if order == Array(0..<rank) { return self }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in order.enumerated() { inverse[a] = i }
        let x = self
        let out = Tensor(uninitialized: order.map { shape[$0] })
        permute(x.data, shape: x.shape, axes: order, into: out.data)
        return Tensor.record(out, op: "permute", inputs: [x]) { out in
            let (dx, beta) = x.gradForGEMM()
            if beta == 0 {
                permute(out.grad!, shape: out.shape, axes: inverse, into: dx)
            } else {
                let back = Storage(capacity: x.count)
                permute(out.grad!, shape: out.shape, axes: inverse, into: back.pointer)
                mapVectors(x.count, dx, back.pointer, dx) { $0 + $1 }
            }
        }
    }
}

/// Writes `x` (row-major, of `shape`) with its axes reordered so that output axis i is input
/// axis `axes[i]`.
///
/// Axes that stay neighbours in the same order are merged first, so [N, T, H, W] → [T, N, H, W]
/// is a [N, T, H·W] → [T, N, H·W] problem: when the innermost axis stays innermost every move is a
/// contiguous block copy; a swap of two axes is a cache-blocked transpose; anything else walks
/// the output in order with the input's strides.
func permute(_ x: UnsafePointer<Float>, shape: [Int], axes: [Int], into y: UnsafeMutablePointer<Float>) {
    let total = shape.reduce(1, *)
    guard total > 0 else { return }
    // Axes of size 1 move nothing: drop them, numbering the others afresh.
    var renumbered = [Int](repeating: -1, count: shape.count)
    var kept = 0
    for (a, size) in shape.enumerated() where size != 1 {
        renumbered[a] = kept
        kept += 1
    }
    // Runs of output axes that are consecutive input axes, as (first input axis, size).
    var runs: [(first: Int, size: Int)] = []
    var previous = -2
    for axis in axes where shape[axis] != 1 {
        let a = renumbered[axis]
        if a == previous + 1, !runs.isEmpty {
            runs[runs.count - 1].size *= shape[axis]
        } else {
            runs.append((a, shape[axis]))
        }
        previous = a
    }
    guard runs.count > 1 else {
        y.update(from: x, count: total)
        return
    }
    // Each run's stride in the input: the product of the sizes of the runs after it there.
    let byInput = runs.indices.sorted { runs[$0].first < runs[$1].first }
    var strides = [Int](repeating: 0, count: runs.count)
    var stride = 1
    for r in byInput.reversed() {
        strides[r] = stride
        stride *= runs[r].size
    }
    let sizes = runs.map(\.size)
    let last = runs.count - 1
    if runs.count == 2 {
        // A plain transpose of a sizes[1]×sizes[0] input.
        transpose(x, sizes[1], sizes[0], into: y)
        return
    }
    if runs.count == 3, strides[1] == 1, strides[0] > strides[2] {
        // [B, M, K] → [B, K, M]: one transpose per batch entry.
        let matrix = sizes[1] * sizes[2]
        for b in 0..<sizes[0] { transpose(x + b * matrix, sizes[2], sizes[1], into: y + b * matrix) }
        return
    }
    // Odometer over every output axis but the innermost, which is copied as one run.
    let length = sizes[last], step = strides[last]
    var index = [Int](repeating: 0, count: last)
    var source = 0
    for start in Swift.stride(from: 0, to: total, by: length) {
        if step == 1 {
            (y + start).update(from: x + source, count: length)
        } else {
            for j in 0..<length { y[start + j] = x[source + j * step] }
        }
        var k = last - 1
        while k >= 0 {
            index[k] += 1
            source += strides[k]
            if index[k] < sizes[k] { break }
            source -= strides[k] * sizes[k]
            index[k] = 0
            k -= 1
        }
    }
}
