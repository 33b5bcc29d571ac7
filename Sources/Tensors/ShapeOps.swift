extension Tensor {
    /// The same elements in another shape (one dimension may be -1 and is inferred); shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        if resolved == shape { return self }
        let x = self
        let out = Tensor(shape: resolved, storage: storage)
        return Tensor.record(out, op: "reshape", inputs: [x]) { out in
            let dx = x.gradAccumulator()
            mapVectors(x.count, dx, out.grad!, dx) { $0 + $1 }
        }
    }

    /// Swaps the last two axes (a matrix transpose, batched over any leading axes).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed needs at least 2 axes, got \(shape)")
        let rows = shape[rank - 2], cols = shape[rank - 1]
        let batch = count / max(rows * cols, 1)
        var outShape = shape
        outShape.swapAt(rank - 2, rank - 1)
        let x = self
        let out = Tensor(uninitialized: outShape)
        for b in 0..<batch { transpose(x.data + b * rows * cols, rows, cols, into: out.data + b * rows * cols) }
        return Tensor.record(out, op: "transpose", inputs: [x]) { out in
            let dx = x.gradAccumulator(), g = out.grad!
            for b in 0..<batch {
                let o = b * rows * cols
                for c in 0..<cols { for r in 0..<rows { dx[o + r * cols + c] += g[o + c * rows + r] } }
            }
        }
    }

    /// Columns `range` of the last axis (e.g. the μ half of a [N, 2L] head).
    public func slice(lastAxis range: Range<Int>) -> Tensor { slice(axis: -1, range) }

    /// Elements `range` of one axis (negative counts from the end), say one gate of an LSTM's
    /// [N, 4H] pre-activations, or one time step of [N, T, D].
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = resolvedAxis(axis, op: "slice")
        let length = shape[a]
        precondition(range.lowerBound >= 0 && range.upperBound <= length,
                     "slice: \(range) is outside axis \(a) of a tensor of shape \(shape)")
        let (outer, inner) = blocks(around: a)
        var outShape = shape
        outShape[a] = range.count
        // Each outer index holds one contiguous block to copy: range.count·inner floats.
        let block = range.count * inner, stride = length * inner, start = range.lowerBound * inner
        let x = self
        let out = Tensor(uninitialized: outShape)
        for o in 0..<outer { (out.data + o * block).update(from: x.data + o * stride + start, count: block) }
        return Tensor.record(out, op: "slice", inputs: [x]) { out in
            let dx = x.gradAccumulator(), g = out.grad!
            for o in 0..<outer {
                let d = dx + o * stride + start
                mapVectors(block, d, g + o * block, d) { $0 + $1 }
            }
        }
    }

    /// Rows `range` of the first axis, copied (for batching a tensor that is already in memory).
    public func rows(_ range: Range<Int>) -> Tensor {
        let rowSize = count / max(shape[0], 1)
        var outShape = shape
        outShape[0] = range.count
        let x = self
        let out = Tensor(uninitialized: outShape)
        out.data.update(from: x.data + range.lowerBound * rowSize, count: range.count * rowSize)
        return Tensor.record(out, op: "rows", inputs: [x]) { out in
            let d = x.gradAccumulator() + range.lowerBound * rowSize
            mapVectors(out.count, d, out.grad!, d) { $0 + $1 }
        }
    }

    /// Joins tensors along the last axis; all other axes must agree.
    public static func concatenate(lastAxis parts: [Tensor]) -> Tensor { concatenate(parts, axis: -1) }

    /// Joins tensors along an existing axis (negative counts from the end); all other axes must
    /// agree (a Bidirectional layer's two directions, say).
    public static func concatenate(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concatenate needs at least one tensor")
        let first = parts[0]
        let a = first.resolvedAxis(axis, op: "concatenate")
        precondition(parts.allSatisfy { $0.rank == first.rank && $0.shape[..<a] == first.shape[..<a] && $0.shape[(a + 1)...] == first.shape[(a + 1)...] },
                     "concatenate: shapes \(parts.map(\.shape)) differ outside axis \(a)")
        var outShape = first.shape
        outShape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        let (outer, inner) = first.blocks(around: a)
        return interleave(parts, blocks: parts.map { $0.shape[a] * inner }, outer: outer, shape: outShape, op: "concatenate")
    }

    /// Joins tensors of one shape along a new axis at `axis` (0…rank; negative counts from the
    /// end): T steps of [N, H] stacked at 1 give [N, T, H].
    public static func stack(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "stack needs at least one tensor")
        let shape = parts[0].shape
        precondition(parts.allSatisfy { $0.shape == shape }, "stack: shapes \(parts.map(\.shape)) differ")
        let a = axis < 0 ? shape.count + 1 + axis : axis
        precondition(a >= 0 && a <= shape.count, "stack: axis \(axis) for tensors of shape \(shape)")
        var outShape = shape
        outShape.insert(parts.count, at: a)
        let outer = shape[..<a].reduce(1, *), block = shape[a...].reduce(1, *)
        return interleave(parts, blocks: Array(repeating: block, count: parts.count), outer: outer, shape: outShape, op: "stack")
    }

    /// The result of joining `parts` block by block: for each of `outer` output blocks, part k
    /// contributes its next `blocks[k]` contiguous floats, in order.
    private static func interleave(_ parts: [Tensor], blocks: [Int], outer: Int, shape: [Int], op: String) -> Tensor {
        let total = blocks.reduce(0, +)
        let out = Tensor(uninitialized: shape)
        for o in 0..<outer {
            var offset = o * total
            for (part, b) in zip(parts, blocks) {
                (out.data + offset).update(from: part.data + o * b, count: b)
                offset += b
            }
        }
        return record(out, op: op, inputs: parts) { out in
            let g = out.grad!
            var offset = 0
            for (part, b) in zip(parts, blocks) {
                if part.requiresGrad {
                    let dx = part.gradAccumulator()
                    for o in 0..<outer { mapVectors(b, dx + o * b, g + o * total + offset, dx + o * b) { $0 + $1 } }
                }
                offset += b
            }
        }
    }

    /// The elements in reverse order along one axis (negative counts from the end): Keras's
    /// `go_backwards`, and the backward half of a Bidirectional layer.
    public func reversed(axis: Int) -> Tensor {
        let a = resolvedAxis(axis, op: "reversed")
        let length = shape[a]
        let (outer, inner) = blocks(around: a)
        let x = self
        let out = Tensor(uninitialized: shape)
        reverse(x.data, outer: outer, length: length, inner: inner, into: out.data, accumulate: false)
        return Tensor.record(out, op: "reverse", inputs: [x]) { out in
            reverse(out.grad!, outer: outer, length: length, inner: inner, into: x.gradAccumulator(), accumulate: true)
        }
    }

    /// `axis` counted from the front (negative counts from the end), checked against the rank.
    func resolvedAxis(_ axis: Int, op: String) -> Int {
        let a = axis < 0 ? rank + axis : axis
        precondition(a >= 0 && a < rank, "\(op): axis \(axis) of a tensor of shape \(shape)")
        return a
    }

    /// The number of elements before axis `a` (outer) and after it (inner), row-major.
    func blocks(around a: Int) -> (outer: Int, inner: Int) {
        (shape[..<a].reduce(1, *), shape[(a + 1)...].reduce(1, *))
    }
}

/// y[o, l, i] = x[o, length − 1 − l, i] (or +=), in runs of `inner` contiguous floats.
private func reverse(_ x: UnsafePointer<Float>, outer: Int, length: Int, inner: Int,
                     into y: UnsafeMutablePointer<Float>, accumulate: Bool) {
    for o in 0..<outer {
        let src = x + o * length * inner, dst = y + o * length * inner
        for l in 0..<length {
            let s = src + (length - 1 - l) * inner, d = dst + l * inner
            if inner == 1 {
                d.pointee = accumulate ? d.pointee + s.pointee : s.pointee
            } else if accumulate {
                mapVectors(inner, d, s, d) { $0 + $1 }
            } else {
                d.update(from: s, count: inner)
            }
        }
    }
}

/// Cache-blocked out-of-place transpose of a rows×cols matrix.
func transpose(_ src: UnsafePointer<Float>, _ rows: Int, _ cols: Int, into dst: UnsafeMutablePointer<Float>) {
    let tile = 32
    for r0 in stride(from: 0, to: rows, by: tile) {
        for c0 in stride(from: 0, to: cols, by: tile) {
            for r in r0..<min(r0 + tile, rows) {
                for c in c0..<min(c0 + tile, cols) { dst[c * rows + r] = src[r * cols + c] }
            }
        }
    }
}
