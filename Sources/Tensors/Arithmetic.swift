/// Elementwise arithmetic with broadcasting, and the unary maths that losses are built from.
extension Tensor {
    /// Combines two tensors elementwise after broadcasting. `forward` maps lanes of (a, b);
    /// `gradientA` and `gradientB` map lanes of (a, b, upstream gradient) to the input's gradient.
    static func binary(_ a: Tensor, _ b: Tensor, op: String,
                       _ forward: (Vec, Vec) -> Vec,
                       _ gradientA: @escaping (Vec, Vec, Vec) -> Vec,
                       _ gradientB: @escaping (Vec, Vec, Vec) -> Vec) -> Tensor {
        guard let outShape = a.shape == b.shape ? a.shape : Broadcast.shape(a.shape, b.shape) else {
            preconditionFailure("\(op): shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let n = outShape.reduce(1, *)
        // Operands stretched to the output's shape (their own storage when already that shape).
        let ea = a.shape == outShape ? a.storage : Broadcast.expand(a.data, from: a.shape, to: outShape)
        let eb = b.shape == outShape ? b.storage : Broadcast.expand(b.data, from: b.shape, to: outShape)
        let out = Tensor(uninitialized: outShape)
        mapVectors(n, ea.pointer, eb.pointer, out.data, forward)
        return record(out, op: op, inputs: [a, b]) { out in
            let g = out.grad!
            for (input, gradient) in [(a, gradientA), (b, gradientB)] where input.requiresGrad {
                if input.shape == outShape {
                    accumulateVectors(n, ea.pointer, eb.pointer, g, into: input.gradAccumulator(), gradient)
                } else {
                    let partial = Storage(zeros: n)
                    accumulateVectors(n, ea.pointer, eb.pointer, g, into: partial.pointer, gradient)
                    Broadcast.reduce(partial.pointer, shape: outShape, into: input.gradAccumulator(), shape: input.shape)
                }
            }
        }
    }

    /// Applies `forward` to every element; `gradient` maps lanes of (x, y, upstream gradient) to ∂x.
    static func unary(_ x: Tensor, op: String, _ forward: (Vec) -> Vec,
                      _ gradient: @escaping (Vec, Vec, Vec) -> Vec) -> Tensor {
        let out = Tensor(uninitialized: x.shape)
        mapVectors(x.count, x.data, out.data, forward)
        return record(out, op: op, inputs: [x]) { out in
            accumulateVectors(out.count, x.data, out.data, out.grad!, into: x.gradAccumulator(), gradient)
        }
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "add", { $0 + $1 }, { _, _, g in g }, { _, _, g in g })
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "subtract", { $0 - $1 }, { _, _, g in g }, { _, _, g in -g })
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "multiply", { $0 * $1 }, { _, b, g in g * b }, { a, _, g in g * a })
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "divide", { $0 / $1 }, { _, b, g in g / b }, { a, b, g in -g * a / (b * b) })
    }

    public static func + (a: Tensor, s: Float) -> Tensor {
        unary(a, op: "add_scalar", { $0 + s }, { _, _, g in g })
    }

    public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }

    public static func - (s: Float, a: Tensor) -> Tensor {
        unary(a, op: "scalar_subtract", { s - $0 }, { _, _, g in -g })
    }

    public static func * (a: Tensor, s: Float) -> Tensor {
        unary(a, op: "scale", { $0 * s }, { _, _, g in g * s })
    }

    public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    public static prefix func - (a: Tensor) -> Tensor { a * -1 }

    public func exp() -> Tensor { Tensor.unary(self, op: "exp", vexp) { _, y, g in g * y } }

    /// Natural logarithm; inputs at or below zero give a large negative number, not NaN.
    public func log() -> Tensor { Tensor.unary(self, op: "log", vlog) { x, _, g in g / x } }

    public func squared() -> Tensor { Tensor.unary(self, op: "square", { $0 * $0 }) { x, _, g in 2 * g * x } }

    public func sqrt() -> Tensor {
        Tensor.unary(self, op: "sqrt", { $0.squareRoot() }) { _, y, g in 0.5 * g / y }
    }

    /// |x|, with gradient sign(x) (0 at 0, like TensorFlow).
    public func abs() -> Tensor {
        Tensor.unary(self, op: "abs", vabs) { x, _, g in
            var s = Vec(repeating: 0)
            s.replace(with: 1, where: x .> 0)
            s.replace(with: -1, where: x .< 0)
            return g * s
        }
    }

    /// log(1 + eˣ), computed without overflow.
    public func softplus() -> Tensor {
        Tensor.unary(self, op: "softplus", vsoftplus) { x, _, g in g * vsigmoid(x) }
    }

    /// Limits every element to [low, high]; the gradient is zero where a limit applied.
    public func clamped(_ low: Float, _ high: Float) -> Tensor {
        Tensor.unary(self, op: "clamp", { vmin(vmax($0, Vec(repeating: low)), Vec(repeating: high)) }) { x, _, g in
            var r = g
            r.replace(with: 0, where: (x .< low) .| (x .> high))
            return r
        }
    }
}

extension Tensor {
    /// Adds `other` (same shape) into this tensor's values in place, outside the graph
    /// (accumulating sums such as an ensemble's probabilities).
    public func add(_ other: Tensor) {
        precondition(shape == other.shape, "add: shapes \(shape) and \(other.shape) differ")
        mapVectors(count, data, other.data, data) { $0 + $1 }
    }
}
