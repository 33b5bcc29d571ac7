import Tensors

/// What a forward pass may need besides its input: whether it is training (dropout, noise and
/// sampling behave differently), a generator for anything random, somewhere for layers to
/// leave extra loss terms, and the mask of padded steps.
public struct ForwardContext {
    public var training: Bool
    public var random: Random
    /// Loss terms that layers add during the forward pass (an `ActivityRegularization`'s L1
    /// penalty, say), named after the layer. Whatever computes the loss adds them to it, taking
    /// them with `takePenalties()` so that the next batch starts from none.
    public var penalties: [(name: String, value: Tensor)] = []
    /// Which steps of a batch of sequences are real (1) and which are padding (0), as Keras
    /// passes `mask` from layer to layer: an `Embedding` with `mask_zero` sets it, recurrent
    /// layers skip masked steps, and layers that end the time axis clear it.
    public var mask: SequenceMask?
    /// How far training has come, in epochs counted from 0 (2.5: halfway through the third),
    /// set by the trainer before each batch; nil outside training. A loss that changes as
    /// training goes on (a KL weight annealed up from 0) reads it.
    public var epochProgress: Double?

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

/// Real (1) and padded (0) steps of a batch of sequences, [batch, time] row-major.
public struct SequenceMask: Sendable, Equatable {
    public var batch: Int
    public var time: Int
    public var values: [Float]

    public init(batch: Int, time: Int, values: [Float]) {
        precondition(values.count == batch * time, "a mask of \(values.count) values for \(batch)×\(time) steps")
        self.batch = batch
        self.time = time
        self.values = values
    }

    /// Real steps of example `b`.
    public func length(_ b: Int) -> Int { values[(b * time)..<((b + 1) * time)].reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}

/// A building block of a model, with Keras's vocabulary: parameters, a forward pass, and the
/// spec it is built from. Shapes are per example (no batch axis).
public protocol Layer: AnyObject {
    var name: String { get }
    /// Trainable tensors, each named "model/layer/role".
    var parameters: [Tensor] { get }
    /// Weights the layer keeps fixed (an Embedding of given word vectors): saved with the model,
    /// never trained. Most layers have none.
    var frozen: [Tensor] { get }
    /// How to build this layer again (saved as the model's architecture); complete, so that
    /// a model is rebuilt from its specs alone.
    var spec: LayerSpec { get }
    /// The output shape for an input of `input` shape, or an error saying why it does not fit.
    func outputShape(_ input: [Int]) throws -> [Int]
    func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor
    /// Multiply-adds of one example's forward pass with an input of `input` shape (what
    /// `aelab bench` turns into FLOP/s). Every layer says; a layer without products says 0.
    func multiplyAdds(input: [Int]) -> Double
    /// The layer's rows in a Keras-style summary (one, unless it holds several layers).
    func summaryRows(input: [Int]) -> [SummaryRow]
}

extension Layer {
    public var frozen: [Tensor] { [] }

    /// Keras's class name ("Dense", "Conv2D"…), from the spec: named in one place.
    public var typeName: String { spec.kerasName }

    public func summaryRows(input: [Int]) -> [SummaryRow] {
        let short = name.split(separator: "/").last.map(String.init) ?? name
        return [SummaryRow(layer: "\(short) (\(typeName))", outputShape: (try? outputShape(input)) ?? input,
                           parameters: parameters.reduce(0) { $0 + $1.count })]
    }
}

/// A layer that ends in an activation it can leave off: the last one of a decoder gives its
/// logits this way, so that cross-entropy is computed from them (see `Sequential.logits`).
public protocol ActivatedLayer: Layer {
    var activation: Activation { get }
    /// The forward pass with `activation` in place of the layer's own.
    func forward(_ x: Tensor, _ context: inout ForwardContext, activation: Activation) -> Tensor
}

/// A layer that can read one vector at every step of a sequence without the copies a
/// `RepeatVector` would make: an LSTM then projects its input once, not once a step.
/// `Sequential` hands such a layer the vector when a RepeatVector comes right before it.
public protocol RepeatedInputLayer: Layer {
    /// The same result as `forward` on x [N, F] repeated at `steps` steps.
    func forward(repeating x: Tensor, steps: Int, _ context: inout ForwardContext) -> Tensor
    /// Multiply-adds of one example when it reads a vector of `input` shape at `steps` steps.
    func multiplyAdds(repeating input: [Int], steps: Int) -> Double
}

/// A layer that only rearranges values (Flatten, Reshape), so it commutes with an
/// elementwise activation before it.
public protocol ShapeOnlyLayer: Layer {}

/// A layer that cannot take the shape it is given.
public struct ShapeError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
