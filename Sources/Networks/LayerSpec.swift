import Tensors

/// A layer as data: what the architecture JSON holds and what `Sequential` builds from.
public enum LayerSpec: Codable, Equatable, Sendable {
    case dense(units: Int, activation: Activation)
    case activation(Activation)
    case dropout(rate: Float)

    /// Builds the layer for inputs of `inputShape`, drawing initial weights from `random`.
    func make(name: String, inputShape: [Int], random: inout Random) throws -> Layer {
        switch self {
        case let .dense(units, activation):
            guard units > 0 else { throw ShapeError("\(name): a Dense layer needs at least one unit, not \(units)") }
            guard let inputs = inputShape.last, inputs > 0 else { throw ShapeError("\(name): Dense needs a non-empty input, got \(inputShape)") }
            return Dense(name: name, inputs: inputs, units: units, activation: activation, random: &random)
        case let .activation(activation):
            return ActivationLayer(name: name, activation: activation)
        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw ShapeError("\(name): dropout rate must be in [0, 1), not \(rate)") }
            return Dropout(name: name, rate: rate)
        }
    }

    /// The Keras-style base name for auto-naming ("dense", "dense_1"…).
    var baseName: String {
        switch self {
        case .dense: return "dense"
        case .activation: return "activation"
        case .dropout: return "dropout"
        }
    }
}
