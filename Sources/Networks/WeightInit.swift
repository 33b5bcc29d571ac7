import Tensors

/// How a fresh model draws its weights: as Keras does, or as PyTorch does. The two differ most
/// in scale: a Dense 2→784 decoder gets kernel entries up to 0.087 from Keras and up to 0.71
/// from PyTorch, which decides how far Adam's fixed-size steps turn it (see pca-vs-linear.ae).
public enum WeightInit: String, Codable, CaseIterable, Sendable {
    /// Glorot-uniform kernels, orthogonal recurrent kernels, zero biases (a forget-gate bias of 1),
    /// embeddings U(±0.05).
    case keras
    /// Every weight U(±1/√fan_in): `nn.Linear`, `nn.Conv2d` and `nn.LSTM`'s defaults
    /// (kaiming_uniform with a = √5 for kernels; an LSTM passes its units as the fan-in, as
    /// `nn.LSTM` draws every weight from U(±1/√hidden)); embeddings N(0, 1), as `nn.Embedding`.
    case torch

    /// The initialiser this style uses for a weight of `role`.
    public func initializer(for role: WeightRole) -> Initializer {
        switch (self, role) {
        case (.keras, .kernel): return .glorotUniform
        case (.keras, .recurrentKernel): return .orthogonal(gain: 1)
        case (.keras, .bias): return .zeros
        case (.keras, .forgetGateBias): return .constant(1)
        case (.keras, .embedding): return .uniform(limit: 0.05)
        case (.torch, .embedding): return .normal(std: 1)
        case (.torch, _): return .torchUniform
        }
    }

    /// A new trainable tensor named `name`, filled as this style fills a weight of `role`.
    public func parameter(_ shape: [Int], name: String, role: WeightRole, fanIn: Int, fanOut: Int, random: inout Random) -> Tensor {
        let t = Tensor.parameter(shape, name: name) { _, _ in }
        initializer(for: role).fill(t, fanIn: fanIn, fanOut: fanOut, random: &random)
        return t
    }
}
