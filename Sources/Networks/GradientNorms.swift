import Tensors

/// L2 norms of parameter gradients and Keras's `clipnorm`, eight lanes at a time: fast enough
/// to run on every batch of a dense autoencoder (a million gradients in a few tens of µs).
enum GradientNorms {
    /// √(Σ gᵢ²) over `count` values, summed in double per lane so long gradients lose nothing.
    static func norm(_ g: UnsafePointer<Float>, count: Int) -> Double {
        var sum = SIMD8<Float>(repeating: 0)
        var total = 0.0
        var i = 0
        // Partial sums in Float over blocks of 4096 values, then in Double.
        while i + 8 <= count {
            let end = min(count - count % 8, i + 4096)
            while i < end {
                let v = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
                // Not addProduct: without FMA in the Swift targets' baseline it calls fmaf per lane.
                sum += v * v
                i += 8
            }
            total += Double(sum.sum())
            sum = .zero
        }
        while i < count { total += Double(g[i]) * Double(g[i]); i += 1 }
        return total.squareRoot()
    }

    /// Scales `count` values by `factor` in place.
    static func scale(_ g: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self) * factor
            UnsafeMutableRawPointer(g + i).storeBytes(of: v, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { g[i] *= factor; i += 1 }
    }
}
