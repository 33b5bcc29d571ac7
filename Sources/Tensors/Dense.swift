extension Tensor {
    /// The dense layer's op, fused: activation(x·W + b) in one pass over the output.
    ///
    /// `self` is [N, in] (leading axes are flattened), `weight` [in, out], `bias` [out].
    /// Sigmoid and softmax outputs are built as a separate op on the logits (losses take the
    /// logits themselves: see `Sequential.logits`).
    public func dense(weight: Tensor, bias: Tensor?, activation: Activation = .linear) -> Tensor {
        switch activation {
        case .sigmoid: return dense(weight: weight, bias: bias, activation: .linear).sigmoid()
        case .softmax: return dense(weight: weight, bias: bias, activation: .linear).softmax()
        case .linear, .relu, .tanh: break
        }
        let inputs = weight.shape[0], outputs = weight.shape[1]
        precondition(shape.last == inputs, "dense: input of shape \(shape) does not fit a kernel of shape \(weight.shape)")
        if let bias { precondition(bias.count == outputs, "dense: bias of \(bias.count) for \(outputs) units") }
        let rows = count / max(inputs, 1)
        let x = self
        let outShape = Array(shape.dropLast()) + [outputs]
        let out = Tensor(uninitialized: outShape)
        let y = out.data
        if let bias {
            for r in 0..<rows { (y + r * outputs).update(from: bias.data, count: outputs) }
        }
        BLAS.gemm(false, false, m: rows, n: outputs, k: inputs, x.data, weight.data, beta: bias == nil ? 0 : 1, y)
        switch activation {
        case .relu: mapVectors(out.count, y, y) { vmax($0, Vec(repeating: 0)) }
        case .tanh: mapVectors(out.count, y, y, vtanh)
        default: break
        }
        var inputsList = [x, weight]
        if let bias { inputsList.append(bias) }
        return Tensor.record(out, op: "dense", inputs: inputsList) { out in
            // The output's gradient is spent after this closure, so it becomes dZ in place.
            let dz = out.grad!
            switch activation {
            case .relu:
                mapVectors(out.count, out.data, dz, dz) { y, g in
                    var r = g
                    r.replace(with: 0, where: y .<= 0)
                    return r
                }
            case .tanh:
                mapVectors(out.count, out.data, dz, dz) { y, g in g * (1 - y * y) }
            default: break
            }
            if weight.requiresGrad {
                let (dw, beta) = weight.gradForGEMM()
                BLAS.gemm(true, false, m: inputs, n: outputs, k: rows, x.data, dz, beta: beta, dw)
            }
            if let bias, bias.requiresGrad {
                let db = bias.gradAccumulator()
                for r in 0..<rows { mapVectors(outputs, db, dz + r * outputs, db) { $0 + $1 } }
            }
            if x.requiresGrad {
                let (dx, beta) = x.gradForGEMM()
                BLAS.gemm(false, true, m: rows, n: inputs, k: outputs, dz, weight.data, beta: beta, dx)
            }
        }
    }
}
