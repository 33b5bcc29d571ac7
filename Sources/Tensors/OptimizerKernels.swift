import Foundation

/// The optimisers' per-parameter updates as vectorised kernels. They live beside the other
/// elementwise code so the SIMD helpers stay internal; the optimisers in Networks call them.
public enum OptimizerKernels {
    /// One Adam step in Keras 3's form: both bias corrections folded into the step size
    /// (α = η·√(1−β2ᵗ)/(1−β1ᵗ)), and ε added to √v itself.
    public static func adam(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                            m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count: Int,
                            learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, step: Int) {
        let t = Double(step)
        let correction1 = 1 - Foundation.pow(Double(beta1), t)
        let correction2 = 1 - Foundation.pow(Double(beta2), t)
        let alpha = Vec(repeating: Float(Double(learningRate) * correction2.squareRoot() / correction1))
        let eps = Vec(repeating: epsilon)
        let b1 = Vec(repeating: beta1), b2 = Vec(repeating: beta2)
        let c1 = Vec(repeating: 1 - beta1), c2 = Vec(repeating: 1 - beta2)
        var i = 0
        while i + 8 <= count {
            let g = load(gradient + i)
            let mi = b1 * load(m + i) + c1 * g
            let vi = b2 * load(v + i) + c2 * g * g
            store(mi, m + i); store(vi, v + i)
            store(load(parameter + i) - alpha * mi / (vi.squareRoot() + eps), parameter + i)
            i += 8
        }
        while i < count {
            let g = gradient[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            parameter[i] -= alpha[0] * m[i] / (v[i].squareRoot() + eps[0])
            i += 1
        }
    }

    /// One step of SGD with momentum, as Keras does it: v ← μv − ηg; θ ← θ + v.
    public static func sgd(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                           velocity: UnsafeMutablePointer<Float>, count: Int, learningRate: Float, momentum: Float) {
        let mu = Vec(repeating: momentum), eta = Vec(repeating: learningRate)
        var i = 0
        while i + 8 <= count {
            let vi = mu * load(velocity + i) - eta * load(gradient + i)
            store(vi, velocity + i)
            store(load(parameter + i) + vi, parameter + i)
            i += 8
        }
        while i < count {
            velocity[i] = momentum * velocity[i] - learningRate * gradient[i]
            parameter[i] += velocity[i]
            i += 1
        }
    }

    /// Whether every value is finite (the training loop's divergence check).
    public static func allFinite(_ p: UnsafePointer<Float>, count: Int) -> Bool {
        var bad = SIMD8<Int32>(repeating: 0)
        var i = 0
        let exponentMask = SIMD8<UInt32>(repeating: 0x7F80_0000)
        while i + 8 <= count {
            let bits = unsafeBitCast(load(p + i), to: SIMD8<UInt32>.self) & exponentMask
            bad |= unsafeBitCast(bits .== exponentMask, to: SIMD8<Int32>.self) & 1
            i += 8
        }
        if bad != .zero { return false }
        while i < count { if !p[i].isFinite { return false }; i += 1 }
        return true
    }
}
