import Tensors

/// Keras's `Dense`: activation(x·W + b), with Glorot-uniform W and zero b (or PyTorch's draw).
public final class Dense: Layer {
    public let name: String
    public let kernel: Tensor
    public let bias: Tensor
    public let activation: Activation
    public var typeName: String { "Dense" }
    public var parameters: [Tensor] { [kernel, bias] }
    public var spec: LayerSpec { .dense(units: bias.count, activation: activation) }

    public init(name: String, inputs: Int, units: Int, activation: Activation, weights: WeightInit = .keras, random: inout Random) {
        self.name = name
        self.activation = activation
        kernel = Tensor.parameter([inputs, units], name: name + "/kernel", initializer: weights.kernel(fanIn: inputs, fanOut: units, random: &random))
        bias = Tensor.parameter([units], name: name + "/bias", initializer: weights.bias(fanIn: inputs, random: &random))
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        guard input.last == kernel.shape[0] else {
            throw ShapeError("\(name): expects \(kernel.shape[0]) inputs, got shape \(input)")
        }
        return Array(input.dropLast()) + [bias.count]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        x.dense(weight: kernel, bias: bias, activation: activation)
    }
}

/// An activation as a layer of its own.
public final class ActivationLayer: Layer {
    public let name: String
    public let activation: Activation
    public var typeName: String { "Activation" }
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .activation(activation) }

    public init(name: String, activation: Activation) {
        self.name = name
        self.activation = activation
    }

    public func outputShape(_ input: [Int]) throws -> [Int] { input }
    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor { x.activated(activation) }
}

/// Keras's `Dropout`: zeroes a random `rate` of its inputs while training, nothing at inference.
public final class Dropout: Layer {
    public let name: String
    public let rate: Float
    public var typeName: String { "Dropout" }
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .dropout(rate: rate) }

    public init(name: String, rate: Float) {
        self.name = name
        self.rate = rate
    }

    public func outputShape(_ input: [Int]) throws -> [Int] { input }
    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        context.training && rate > 0 ? x.dropout(rate: rate, random: &context.random) : x
    }
}
