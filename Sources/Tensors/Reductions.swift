extension Tensor {
    /// The sum of every element, as a one-element tensor of shape [].
    public func sum() -> Tensor {
        let x = self
        let out = Tensor(uninitialized: [])
        out.data[0] = sumVectors(count, data)
        return Tensor.record(out, op: "sum", inputs: [x]) { out in
            let g = Vec(repeating: out.grad![0])
            let dx = x.gradAccumulator()
            mapVectors(x.count, dx, dx) { $0 + g }
        }
    }

    /// The mean of every element, shape [].
    public func mean() -> Tensor { sum() * (1 / Float(max(count, 1))) }

    /// Sums along one axis (negative counts from the end), removing it.
    public func sum(axis: Int) -> Tensor {
        let axis = axis < 0 ? rank + axis : axis
        precondition(axis >= 0 && axis < rank, "sum: axis \(axis) of a tensor of shape \(shape)")
        let outer = shape[..<axis].reduce(1, *)
        let length = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        var outShape = shape
        outShape.remove(at: axis)
        let x = self
        let out = Tensor(zeros: outShape)
        for o in 0..<outer {
            let dst = out.data + o * inner
            for l in 0..<length {
                let src = x.data + (o * length + l) * inner
                if inner == 1 { dst.pointee += src.pointee } else { mapVectors(inner, dst, src, dst) { $0 + $1 } }
            }
        }
        if inner == 1 {
            // Summing a row: use the vectorised reduction instead of the element loop above.
            for o in 0..<outer { out.data[o] = sumVectors(length, x.data + o * length) }
        }
        return Tensor.record(out, op: "sum_axis", inputs: [x]) { out in
            let g = out.grad!, dx = x.gradAccumulator()
            for o in 0..<outer {
                for l in 0..<length {
                    let d = dx + (o * length + l) * inner
                    mapVectors(inner, d, g + o * inner, d) { $0 + $1 }
                }
            }
        }
    }

    /// Means along one axis, removing it.
    public func mean(axis: Int) -> Tensor {
        let a = axis < 0 ? rank + axis : axis
        return sum(axis: a) * (1 / Float(max(shape[a], 1)))
    }
}
