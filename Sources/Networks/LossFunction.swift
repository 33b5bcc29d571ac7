import Tensors

/// The reconstruction and classification losses a notebook names, reduced as Keras reduces
/// them: the mean over every element (over rows for categorical cross-entropy).
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

    /// The mean loss of `output` against `target` (same shape).
    public func callAsFunction(_ output: Tensor, _ target: Tensor) -> Tensor {
        switch self {
        case .bce: return output.binaryCrossEntropy(target: target).mean()
        case .mse: return (output - target).squared().mean()
        case .cce: return output.categoricalCrossEntropy(target: target).mean()
        }
    }
}
