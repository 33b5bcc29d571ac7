import Tensors

/// The reconstruction and classification losses a notebook names, reduced as Keras reduces
/// them: the mean over every element (over rows for categorical cross-entropy).
///
/// Losses take the model's output as logits and the activation that turns them into outputs:
/// binary cross-entropy after a sigmoid, and categorical cross-entropy after a softmax, are
/// computed from the logits (exact where a probability has rounded to 0 or 1, as Keras does
/// with `from_logits`); after any other activation they clamp probabilities at ε = 1e-7.
public enum LossFunction: String, Codable, CaseIterable, Sendable {
    case bce, mse, cce

    public init?(name: String) {
        switch name {
        case "bce", "binary_crossentropy": self = .bce
        case "mse", "mean_squared_error": self = .mse
        case "cce", "categorical_crossentropy": self = .cce
        default: return nil
        }
    }

    public var displayName: String {
        switch self {
        case .bce: return "binary_crossentropy"
        case .mse: return "mean_squared_error"
        case .cce: return "categorical_crossentropy"
        }
    }

    /// The loss of each value (each row, for categorical cross-entropy).
    public func elementwise(logits: Tensor, activation: Activation, target: Tensor) -> Tensor {
        switch (self, activation) {
        case (.bce, .sigmoid): return Tensor.binaryCrossEntropy(logits: logits, target: target)
        case (.bce, _): return Tensor.binaryCrossEntropy(probabilities: logits.activated(activation), target: target)
        case (.mse, _): return (logits.activated(activation) - target).squared()
        case (.cce, .softmax): return Tensor.categoricalCrossEntropy(logits: logits, target: target)
        case (.cce, _): return Tensor.categoricalCrossEntropy(probabilities: logits.activated(activation), target: target)
        }
    }

    /// The mean loss of outputs given as `logits` and their `activation`, against `target`.
    public func mean(logits: Tensor, activation: Activation, target: Tensor) -> Tensor {
        elementwise(logits: logits, activation: activation, target: target).mean()
    }

    /// The mean loss of finished outputs (probabilities) against `target` (same shape).
    public func callAsFunction(_ output: Tensor, _ target: Tensor) -> Tensor {
        mean(logits: output, activation: .linear, target: target)
    }
}
