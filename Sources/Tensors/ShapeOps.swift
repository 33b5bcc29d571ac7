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
    public func slice(lastAxis range: Range<Int>) -> Tensor {
        let width = shape.last ?? 0
        precondition(range.lowerBound >= 0 && range.upperBound <= width, "slice \(range) of a last axis of \(width)")
        let rows = width == 0 ? 0 : count / width
        let w = range.count
        var outShape = shape
        outShape[rank - 1] = w
        let x = self
        let out = Tensor(uninitialized: outShape)
        for r in 0..<rows { (out.data + r * w).update(from: x.data + r * width + range.lowerBound, count: w) }
        return Tensor.record(out, op: "slice", inputs: [x]) { out in
            let dx = x.gradAccumulator(), g = out.grad!
            for r in 0..<rows {
                let d = dx + r * width + range.lowerBound
                mapVectors(w, d, g + r * w, d) { $0 + $1 }
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
    public static func concatenate(lastAxis parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatenate needs at least one tensor")
        let lead = Array(parts[0].shape.dropLast())
        precondition(parts.allSatisfy { Array($0.shape.dropLast()) == lead }, "concatenate: leading axes differ in \(parts.map(\.shape))")
        let widths = parts.map { $0.shape.last ?? 1 }
        let total = widths.reduce(0, +)
        let rows = lead.reduce(1, *)
        let out = Tensor(uninitialized: lead + [total])
        var offset = 0
        for (part, w) in zip(parts, widths) {
            for r in 0..<rows { (out.data + r * total + offset).update(from: part.data + r * w, count: w) }
            offset += w
        }
        return record(out, op: "concatenate", inputs: parts) { out in
            let g = out.grad!
            var offset = 0
            for (part, w) in zip(parts, widths) {
                if part.requiresGrad {
                    let dx = part.gradAccumulator()
                    for r in 0..<rows { mapVectors(w, dx + r * w, g + r * total + offset, dx + r * w) { $0 + $1 } }
                }
                offset += w
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
