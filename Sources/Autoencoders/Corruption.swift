import Tensors

/// The corruptions a denoising autoencoder learns to undo.
public enum Corruption {
    /// A corrupted copy of `x` (values in 0…1).
    public static func apply(_ noise: Noise, level: Float, to x: Tensor, random: inout Random) -> Tensor {
        let out = Tensor(uninitialized: x.shape)
        let p = x.data, q = out.data
        switch noise {
        case .gaussian:
            for i in 0..<x.count { q[i] = min(max(p[i] + level * random.normal(), 0), 1) }
        case .saltpepper:
            for i in 0..<x.count {
                q[i] = random.uniform() < level ? (random.uniform() < 0.5 ? 0 : 1) : p[i]
            }
        case .mask:
            for i in 0..<x.count { q[i] = random.uniform() < level ? 0 : p[i] }
        }
        return out
    }
}
