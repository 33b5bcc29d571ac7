import Tensors

/// What a forward pass may need besides its input: whether it is training (dropout, noise and
/// sampling behave differently), a generator for anything random, and somewhere for layers to
/// leave extra loss terms.
public struct ForwardContext {
    public var training: Bool
    public var random: Random
    /// Loss terms that layers add during the forward pass (an `ActivityRegularization`'s L1
    /// penalty, say), named after the layer. Whatever computes the loss adds them to it, taking
    /// them with `takePenalties()` so that the next batch starts from none.
    public var penalties: [(name: String, value: Tensor)] = []

    public init(training: Bool, random: Random = Random(seed: 0)) {
        self.training = training
        self.random = random
    }

    /// For inference: no training behaviour, randomness fixed.
    public static var inference: ForwardContext { ForwardContext(training: false) }

    /// The penalties recorded since the last call, leaving none.
    public mutating func takePenalties() -> [(name: String, value: Tensor)] {
        defer { penalties = [] }
        return penalties
    }
}

/// A building block of a model, with Keras's vocabulary: a type name, parameters, and a
/// forward pass. Shapes are per example (no batch axis).
public protocol Layer: AnyObject {
    var name: String { get }
    /// Keras's class name, shown in `summary` ("Dense", "Conv2D"…).
    var typeName: String { get }
    /// Trainable tensors, each named "model/layer/role".
    var parameters: [Tensor] { get }
    /// How to build this layer again (saved as the model's architecture).
    var spec: LayerSpec { get }
    /// The output shape for an input of `input` shape, or an error saying why it does not fit.
    func outputShape(_ input: [Int]) throws -> [Int]
    func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor
}

/// A layer that cannot take the shape it is given.
public struct ShapeError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
