import Tensors

/// A layer as data: what the architecture JSON holds and what `Sequential` builds from.
public enum LayerSpec: Codable, Equatable, Sendable {
    case dense(units: Int, activation: Activation)
    case activation(Activation)
    case dropout(rate: Float)
    /// Square `kernel`×`kernel` windows over [H, W, C] inputs.
    case conv2D(filters: Int, kernel: Int, stride: Int, padding: Padding, activation: Activation)
    /// pool×pool windows, `pool` apart, 'valid' (Keras's defaults).
    case maxPooling2D(pool: Int)
    /// Nearest-neighbour upsampling by `size` in both directions.
    case upSampling2D(size: Int)
    case conv2DTranspose(filters: Int, kernel: Int, stride: Int, padding: Padding, activation: Activation)
    case flatten
    /// The per-example shape to take (one entry may be -1).
    case reshape([Int])
    /// An `ActivityRegularization` layer: an L1 penalty on the previous layer's output.
    case l1Activity(Float)

    /// Builds the layer for inputs of `inputShape`, drawing initial weights from `random`.
    func make(name: String, inputShape: [Int], weights: WeightInit, random: inout Random) throws -> Layer {
        switch self {
        case let .dense(units, activation):
            guard units > 0 else { throw ShapeError("\(name): a Dense layer needs at least one unit, not \(units)") }
            guard let inputs = inputShape.last, inputs > 0 else { throw ShapeError("\(name): Dense needs a non-empty input, got \(inputShape)") }
            return Dense(name: name, inputs: inputs, units: units, activation: activation, weights: weights, random: &random)
        case let .activation(activation):
            return ActivationLayer(name: name, activation: activation)
        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw ShapeError("\(name): dropout rate must be in [0, 1), not \(rate)") }
            return Dropout(name: name, rate: rate)
        case let .conv2D(filters, kernel, stride, padding, activation):
            try checkWindow(name, "Conv2D", filters: filters, kernel: kernel, stride: stride)
            _ = try imageSize(inputShape, layer: name, type: "Conv2D")
            return Conv2D(name: name, inputChannels: inputShape[2], filters: filters, kernel: kernel, stride: stride,
                          padding: padding, activation: activation, weights: weights, random: &random)
        case let .conv2DTranspose(filters, kernel, stride, padding, activation):
            try checkWindow(name, "Conv2DTranspose", filters: filters, kernel: kernel, stride: stride)
            _ = try imageSize(inputShape, layer: name, type: "Conv2DTranspose")
            return Conv2DTranspose(name: name, inputChannels: inputShape[2], filters: filters, kernel: kernel, stride: stride,
                                   padding: padding, activation: activation, weights: weights, random: &random)
        case let .maxPooling2D(pool):
            guard pool >= 1 else { throw ShapeError("\(name): pool size must be at least 1, not \(pool)") }
            return MaxPooling2D(name: name, pool: pool)
        case let .upSampling2D(size):
            guard size >= 1 else { throw ShapeError("\(name): upsampling size must be at least 1, not \(size)") }
            return UpSampling2D(name: name, size: size)
        case .flatten:
            return Flatten(name: name)
        case let .reshape(target):
            return Reshape(name: name, target: target)
        case let .l1Activity(l1):
            guard l1 >= 0, l1.isFinite else { throw ShapeError("\(name): the L1 factor must be a finite number ≥ 0, not \(l1)") }
            return ActivityRegularization(name: name, l1: l1)
        }
    }

    /// The Keras-style base name for auto-naming ("dense", "dense_1"…).
    var baseName: String {
        switch self {
        case .dense: return "dense"
        case .activation: return "activation"
        case .dropout: return "dropout"
        case .conv2D: return "conv2d"
        case .maxPooling2D: return "max_pooling2d"
        case .upSampling2D: return "up_sampling2d"
        case .conv2DTranspose: return "conv2d_transpose"
        case .flatten: return "flatten"
        case .reshape: return "reshape"
        case .l1Activity: return "activity_regularization"
        }
    }
}

private func checkWindow(_ name: String, _ type: String, filters: Int, kernel: Int, stride: Int) throws {
    guard filters > 0 else { throw ShapeError("\(name): a \(type) layer needs at least one filter, not \(filters)") }
    guard kernel > 0 else { throw ShapeError("\(name): kernel size must be at least 1, not \(kernel)") }
    guard stride > 0 else { throw ShapeError("\(name): stride must be at least 1, not \(stride)") }
}
