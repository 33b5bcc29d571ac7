import CKernels
import Foundation

/// The optimisers' per-parameter updates, run by the C kernels compiled for this CPU's vector
/// width; the optimisers in Networks call them.
public enum OptimizerKernels {
    /// One Adam step in Keras 3's form (the gradient is left as zeros): both bias corrections folded into the step size
    /// (α = η·√(1−β2ᵗ)/(1−β1ᵗ)), and ε added to √v itself.
    public static func adam(parameter: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                            m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count: Int,
                            learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, step: Int) {
        let t = Double(step)
        let correction1 = 1 - Foundation.pow(Double(beta1), t)
        let correction2 = 1 - Foundation.pow(Double(beta2), t)
        let alpha = Float(Double(learningRate) * correction2.squareRoot() / correction1)
        aelab_adam_step(parameter, gradient, m, v, count, alpha, beta1, beta2, epsilon)
    }

    /// One step of SGD with momentum, as Keras does it: v ← μv − ηg; θ ← θ + v (g left as zeros).
    public static func sgd(parameter: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                           velocity: UnsafeMutablePointer<Float>, count: Int, learningRate: Float, momentum: Float) {
        aelab_sgd_step(parameter, gradient, velocity, count, learningRate, momentum)
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
