import Tensors

/// Keras's `LSTM` (tanh, sigmoid gates in the order i, f, c, o): [T, D] → [T, units] with
/// `returnSequences`, else [units] (the state after the last step read). With `goBackwards` it
/// reads from the last step and, as Keras does, returns its sequence in the order it read it.
///
/// Weights as Keras draws them (Glorot-uniform kernel, orthogonal recurrent kernel, zero bias
/// but 1 for the forget gate: `unit_forget_bias`) or as PyTorch's `nn.LSTM` does (every weight
/// U(±1/√units)). `dropout` and `recurrentDropout` zero inputs and previous states with one mask
/// per sequence, the same at every step, while training. Steps the mask marks as padding keep
/// the state; the mask ends here unless the layer returns sequences.
public final class LSTM: RepeatedInputLayer {
    public let name: String
    public let units: Int
    /// [inputs, 4·units].
    public let kernel: Tensor
    /// [units, 4·units].
    public let recurrentKernel: Tensor
    /// [4·units].
    public let bias: Tensor
    public let returnSequences: Bool
    public let goBackwards: Bool
    public let dropout: Float
    public let recurrentDropout: Float
    public var parameters: [Tensor] { [kernel, recurrentKernel, bias] }
    public var spec: LayerSpec {
        .lstm(units: units, returnSequences: returnSequences, goBackwards: goBackwards, dropout: dropout, recurrentDropout: recurrentDropout)
    }

    public init(name: String, inputs: Int, units: Int, returnSequences: Bool = false, goBackwards: Bool = false,
                dropout: Float = 0, recurrentDropout: Float = 0, weights: WeightInit = .keras, random: inout Random) {
        self.name = name
        self.units = units
        self.returnSequences = returnSequences
        self.goBackwards = goBackwards
        self.dropout = dropout
        self.recurrentDropout = recurrentDropout
        // nn.LSTM draws every weight from U(±1/√hidden); Keras's fans come from each shape.
        let fanIn = weights == .torch ? units : inputs
        kernel = weights.parameter([inputs, 4 * units], name: name + "/kernel", role: .kernel, fanIn: fanIn, fanOut: 4 * units, random: &random)
        recurrentKernel = weights.parameter([units, 4 * units], name: name + "/recurrent_kernel", role: .recurrentKernel,
                                            fanIn: units, fanOut: 4 * units, random: &random)
        bias = weights.parameter([4 * units], name: name + "/bias", role: .bias, fanIn: fanIn, fanOut: 4 * units, random: &random)
        let forget = Tensor(zeros: [units])
        weights.initializer(for: .forgetGateBias).fill(forget, fanIn: fanIn, fanOut: 4 * units, random: &random)
        (bias.data + units).update(from: forget.data, count: units)
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        guard input.count == 2, input[1] == kernel.shape[0] else {
            throw ShapeError("\(name): an LSTM takes [steps, \(kernel.shape[0])] inputs, not \(input)")
        }
        return returnSequences ? [input[0], units] : [units]
    }

    /// This layer's direction for a batch of `batch`, with fresh dropout masks while training.
    func direction(batch: Int, _ context: inout ForwardContext, goBackwards: Bool) -> LSTMDirection {
        var direction = LSTMDirection(kernel: kernel, recurrentKernel: recurrentKernel, bias: bias, goBackwards: goBackwards)
        if context.training {
            direction.inputMask = dropoutMask(batch * kernel.shape[0], rate: dropout, &context.random)
            direction.recurrentMask = dropoutMask(batch * units, rate: recurrentDropout, &context.random)
        }
        return direction
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        run(x, steps: nil, mask: context.sequenceMask(for: x, layer: name), &context)
    }

    public func forward(repeating x: Tensor, steps: Int, _ context: inout ForwardContext) -> Tensor {
        run(x, steps: steps, mask: nil, &context)
    }

    private func run(_ x: Tensor, steps: Int?, mask: [Float]?, _ context: inout ForwardContext) -> Tensor {
        var y = Tensor.lstm(x, directions: [direction(batch: x.shape[0], &context, goBackwards: goBackwards)],
                            mask: mask, returnSequences: returnSequences, repeating: steps)
        if goBackwards && returnSequences { y = y.reversed(axis: 1) }
        if !returnSequences { context.mask = nil }
        return y
    }

    public func multiplyAdds(input: [Int]) -> Double {
        guard input.count == 2 else { return 0 }
        return Double(input[0]) * Double(4 * units) * Double(input[1] + units)
    }

    /// The input projected once, the recurrent product at every step.
    public func multiplyAdds(repeating input: [Int], steps: Int) -> Double {
        guard input.count == 1 else { return 0 }
        return Double(4 * units) * (Double(input[0]) + Double(steps) * Double(units))
    }
}

/// How Keras's `Bidirectional` joins its two directions' outputs.
public enum MergeMode: String, Codable, CaseIterable, Sendable {
    /// Side by side (Keras's default): twice the units.
    case concat
    case sum
    /// The mean of the two.
    case ave
    /// The product of the two.
    case mul
}

/// Keras's `Bidirectional(LSTM(…))`: the LSTM reading forwards and a copy reading backwards
/// (its sequence flipped back, so that step t of both belongs to input step t), merged. The two
/// directions run at once, one a core. Returning sequences, padded steps give zeros, as Keras
/// forces for a Bidirectional layer.
public final class Bidirectional: RepeatedInputLayer {
    public let name: String
    public let forwardLayer: LSTM
    public let backwardLayer: LSTM
    public let merge: MergeMode
    public var parameters: [Tensor] { forwardLayer.parameters + backwardLayer.parameters }
    public var spec: LayerSpec { .bidirectional(layer: forwardLayer.spec, merge: merge) }

    public init(name: String, forward: LSTM, backward: LSTM, merge: MergeMode) {
        precondition(!forward.goBackwards && backward.goBackwards && forward.units == backward.units)
        self.name = name
        forwardLayer = forward
        backwardLayer = backward
        self.merge = merge
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        var shape = try forwardLayer.outputShape(input)
        if merge == .concat { shape[shape.count - 1] *= 2 }
        return shape
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        run(x, steps: nil, mask: context.sequenceMask(for: x, layer: name), &context)
    }

    public func forward(repeating x: Tensor, steps: Int, _ context: inout ForwardContext) -> Tensor {
        run(x, steps: steps, mask: nil, &context)
    }

    private func run(_ x: Tensor, steps: Int?, mask: [Float]?, _ context: inout ForwardContext) -> Tensor {
        let sequences = forwardLayer.returnSequences
        let n = x.shape[0], units = forwardLayer.units
        let directions = [forwardLayer.direction(batch: n, &context, goBackwards: false),
                          backwardLayer.direction(batch: n, &context, goBackwards: true)]
        let both = Tensor.lstm(x, directions: directions, mask: mask, returnSequences: sequences, zeroMaskedOutputs: sequences,
                               repeating: steps)
        if !sequences { context.mask = nil }
        guard merge != .concat else { return both }
        let (a, b) = (both.slice(lastAxis: 0..<units), both.slice(lastAxis: units..<(2 * units)))
        switch merge {
        case .concat: return both
        case .sum: return a + b
        case .ave: return (a + b) * 0.5
        case .mul: return a * b
        }
    }

    public func multiplyAdds(input: [Int]) -> Double { 2 * forwardLayer.multiplyAdds(input: input) }

    public func multiplyAdds(repeating input: [Int], steps: Int) -> Double { 2 * forwardLayer.multiplyAdds(repeating: input, steps: steps) }
}

extension ForwardContext {
    /// The mask's values for a batch x [N, T, …], or nil without one.
    func sequenceMask(for x: Tensor, layer: String) -> [Float]? {
        guard let mask else { return nil }
        precondition(mask.batch == x.shape[0] && mask.time == x.shape[1],
                     "\(layer): a mask of \(mask.batch)×\(mask.time) steps for an input of shape \(x.shape)")
        return mask.values
    }
}

/// Inverted-dropout multipliers: 0 with probability `rate`, else 1/(1 − rate); nil for rate 0.
func dropoutMask(_ count: Int, rate: Float, _ random: inout Random) -> [Float]? {
    guard rate > 0 else { return nil }
    let keep = 1 / (1 - rate)
    return (0..<count).map { _ in random.uniform() < rate ? 0 : keep }
}
