import CKernels

/// The activations Keras users know by name. Every op that takes one applies it elementwise,
/// except softmax, which normalises over the last axis.
public enum Activation: String, Codable, CaseIterable, Sendable {
    case linear, relu, sigmoid, tanh, softmax

    /// Parses a name as written in a notebook (`relu`, `sigmoid`…, `none` for linear).
    public init?(name: String) {
        if name == "none" || name == "identity" { self = .linear; return }
        self.init(rawValue: name)
    }
}

extension Tensor {
    /// Applies an activation as its own op.
    public func activated(_ activation: Activation) -> Tensor {
        switch activation {
        case .linear: return self
        case .relu: return relu()
        case .sigmoid: return sigmoid()
        case .tanh: return tanh()
        case .softmax: return softmax()
        }
    }

    public func relu() -> Tensor {
        let x = self
        let out = Tensor(uninitialized: shape)
        mapVectors(count, x.data, out.data) { vmax($0, Vec(repeating: 0)) }
        return Tensor.record(out, op: "relu", inputs: [x]) { out in
            reluBackward(count: out.count, output: out.data, gradOut: out.grad!, into: x.gradAccumulator())
        }
    }

    public func sigmoid() -> Tensor {
        let x = self
        let out = Tensor(uninitialized: shape)
        Parallel.chunks(count, minimum: Parallel.elementwiseMinimum) { r in
            aelab_sigmoid(x.data + r.lowerBound, out.data + r.lowerBound, r.count)
        }
        return Tensor.record(out, op: "sigmoid", inputs: [x]) { out in
            accumulateVectors(out.count, out.data, out.grad!, into: x.gradAccumulator()) { y, g in g * y * (1 - y) }
        }
    }

    public func tanh() -> Tensor {
        let x = self
        let out = Tensor(uninitialized: shape)
        mapVectors(count, x.data, out.data, vtanh)
        return Tensor.record(out, op: "tanh", inputs: [x]) { out in
            accumulateVectors(out.count, out.data, out.grad!, into: x.gradAccumulator()) { y, g in g * (1 - y * y) }
        }
    }

    /// Softmax over the last axis (max-subtracted, so large logits do not overflow).
    public func softmax() -> Tensor {
        let x = self
        let width = shape.last ?? 1
        let rows = width == 0 ? 0 : count / width
        let out = Tensor(uninitialized: shape)
        for r in 0..<rows { softmaxRow(x.data + r * width, out.data + r * width, width) }
        return Tensor.record(out, op: "softmax", inputs: [x]) { out in
            let dx = x.gradAccumulator(), g = out.grad!, y = out.data
            for r in 0..<rows {
                // dx = y ⊙ (g − ⟨g, y⟩), row by row.
                let o = r * width
                let dot = sumVectors(width, g + o, y + o) { $0 * $1 }
                for j in 0..<width { dx[o + j] += y[o + j] * (g[o + j] - dot) }
            }
        }
    }
}

@inline(__always)
func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    var maximum = -Float.infinity
    for j in 0..<n { maximum = max(maximum, x[j]) }
    let shift = Vec(repeating: maximum)
    mapVectors(n, x, y) { vexp($0 - shift) }
    let total = sumVectors(n, y)
    let scale = Vec(repeating: 1 / total)
    mapVectors(n, y, y) { $0 * scale }
}

/// dx += g where the ReLU's output is positive.
@inline(__always)
func reluBackward(count: Int, output: UnsafePointer<Float>, gradOut: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
    accumulateVectors(count, output, gradOut, into: dx) { y, g in
        var r = g
        r.replace(with: 0, where: y .<= 0)
        return r
    }
}
