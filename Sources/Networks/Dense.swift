import Tensors

/// Keras's `Dense`: activation(x·W + b), with Glorot-uniform W and zero b (or PyTorch's draw).
/// On a [batch, time, features] input it acts on the last axis of every step, as Keras's Dense
/// (and `TimeDistributed(Dense)`) does.
public final class Dense: ActivatedLayer {
    public let name: String
    public let kernel: Tensor
    public let bias: Tensor
    public let activation: Activation
    public var parameters: [Tensor] { [kernel, bias] }
    public var spec: LayerSpec { .dense(units: bias.count, activation: activation) }

    public init(name: String, inputs: Int, units: Int, activation: Activation, weights: WeightInit = .keras, random: inout Random) {
        self.name = name
        self.activation = activation
        kernel = weights.parameter([inputs, units], name: name + "/kernel", role: .kernel, fanIn: inputs, fanOut: units, random: &random)
        bias = weights.parameter([units], name: name + "/bias", role: .bias, fanIn: inputs, fanOut: units, random: &random)
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        guard input.last == kernel.shape[0] else {
            throw ShapeError("\(name): expects \(kernel.shape[0]) inputs, got shape \(input)")
        }
        return Array(input.dropLast()) + [bias.count]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        forward(x, &context, activation: activation)
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext, activation: Activation) -> Tensor {
        x.dense(weight: kernel, bias: bias, activation: activation)
    }

    public func multiplyAdds(input: [Int]) -> Double { Double(kernel.count) * Double(input.dropLast().reduce(1, *)) }
}

/// An activation as a layer of its own.
public final class ActivationLayer: ActivatedLayer {
    public let name: String
    public let activation: Activation
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .activation(activation) }

    public init(name: String, activation: Activation) {
        self.name = name
        self.activation = activation
    }

    public func outputShape(_ input: [Int]) throws -> [Int] { input }
    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor { x.activated(activation) }
    public func forward(_ x: Tensor, _ context: inout ForwardContext, activation: Activation) -> Tensor { x.activated(activation) }
    public func multiplyAdds(input: [Int]) -> Double { 0 }
}

/// Keras's `Dropout`: zeroes a random `rate` of its inputs while training, nothing at inference.
public final class Dropout: Layer {
    public let name: String
    public let rate: Float
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
    public func multiplyAdds(input: [Int]) -> Double { 0 }
}
