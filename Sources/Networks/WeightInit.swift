import Tensors

/// How a fresh layer draws its weights: as Keras does, or as PyTorch does. The two differ most
/// in scale: a Dense 2→784 decoder gets kernel entries up to 0.087 from Keras and up to 0.71
/// from PyTorch, which decides how far Adam's fixed-size steps turn it (see pca-vs-linear.ae).
public enum WeightInit: String, Codable, CaseIterable, Sendable {
    /// Glorot-uniform kernels, U(±√(6 / (fan_in + fan_out))), and zero biases.
    case keras
    /// Kernels and biases U(±1/√fan_in): `nn.Linear` and `nn.Conv2d`'s defaults
    /// (kaiming_uniform with a = √5).
    case torch

    /// Fills a kernel whose fans (Keras's reading of its shape) are `fanIn` and `fanOut`.
    func kernel(fanIn: Int, fanOut: Int, random: inout Random) -> (UnsafeMutablePointer<Float>, Int) -> Void {
        let limit: Float
        switch self {
        case .keras: limit = Float(6.0 / Double(fanIn + fanOut)).squareRoot()
        case .torch: limit = 1 / Float(max(fanIn, 1)).squareRoot()
        }
        var generator = random.fork()
        return { p, n in generator.fillUniform(p, count: n, low: -limit, high: limit) }
    }

    /// Fills a bias for a layer with `fanIn` inputs (drawing nothing for Keras's zeros, so that
    /// Keras-style models are drawn exactly as before this choice existed).
    func bias(fanIn: Int, random: inout Random) -> (UnsafeMutablePointer<Float>, Int) -> Void {
        switch self {
        case .keras:
            return { p, n in p.update(repeating: 0, count: n) }
        case .torch:
            let limit = 1 / Float(max(fanIn, 1)).squareRoot()
            var generator = random.fork()
            return { p, n in generator.fillUniform(p, count: n, low: -limit, high: limit) }
        }
    }
}
