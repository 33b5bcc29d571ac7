import Tensors

/// A layer as data: what a model file holds and what `Sequential` builds from. Every layer's
/// `spec` gives back the spec that builds it again, so a saved model is rebuilt from its specs.
public indirect enum LayerSpec: Equatable, Sendable {
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
    /// A VAE encoder's two heads, μ and log σ², side by side as one row of 2·latent.
    case gaussianHeads(mean: LayerSpec, logVariance: LayerSpec, latent: Int)
    /// Token ids [T] to rows of an [inputDim, outputDim] table; with `maskZero` id 0 is padding;
    /// a table that is not `trainable` holds given word vectors.
    case embedding(inputDim: Int, outputDim: Int, maskZero: Bool, trainable: Bool)
    /// [T, D] → [T, units] (returning sequences) or [units].
    case lstm(units: Int, returnSequences: Bool, goBackwards: Bool, dropout: Float, recurrentDropout: Float)
    /// An LSTM that reads forwards, beside a copy that reads backwards, merged.
    case bidirectional(layer: LayerSpec, merge: MergeMode)
    /// [F] → [n, F].
    case repeatVector(Int)

    /// Keras's class name, shown in `summary` and written to model files ("Dense", "Conv2D"…).
    public var kerasName: String {
        switch self {
        case .dense: return "Dense"
        case .activation: return "Activation"
        case .dropout: return "Dropout"
        case .conv2D: return "Conv2D"
        case .maxPooling2D: return "MaxPooling2D"
        case .upSampling2D: return "UpSampling2D"
        case .conv2DTranspose: return "Conv2DTranspose"
        case .flatten: return "Flatten"
        case .reshape: return "Reshape"
        case .l1Activity: return "ActivityRegularization"
        case .gaussianHeads: return "GaussianHeads"
        case .embedding: return "Embedding"
        case .lstm: return "LSTM"
        case .bidirectional: return "Bidirectional"
        case .repeatVector: return "RepeatVector"
        }
    }

    /// Keras's automatic layer name: the class name in snake_case ("conv2d_transpose", "lstm").
    public var baseName: String {
        var out = ""
        let name = Array(kerasName.replacingOccurrences(of: "2D", with: "2d"))
        for (i, c) in name.enumerated() {
            // A capital starts a word unless it follows another (LSTM stays one word).
            if c.isUppercase, i > 0, !name[i - 1].isUppercase { out += "_" }
            out += c.lowercased()
        }
        return out
    }

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
            guard size >= 1, size <= 1024 else { throw ShapeError("\(name): upsampling size must be between 1 and 1024, not \(size)") }
            return UpSampling2D(name: name, size: size)
        case .flatten:
            return Flatten(name: name)
        case let .reshape(target):
            return Reshape(name: name, target: target)
        case let .l1Activity(l1):
            guard l1 >= 0, l1.isFinite else { throw ShapeError("\(name): the L1 factor must be a finite number ≥ 0, not \(l1)") }
            return ActivityRegularization(name: name, l1: l1)
        case let .gaussianHeads(mean, logVariance, latent):
            guard latent > 0 else { throw ShapeError("\(name): latent must be at least 1, not \(latent)") }
            let base = name.split(separator: "/").dropLast().joined(separator: "/")
            let prefix = base.isEmpty ? "" : base + "/"
            return try GaussianHeads(name: name,
                                     mean: mean.make(name: prefix + "z_mean", inputShape: inputShape, weights: weights, random: &random),
                                     logVariance: logVariance.make(name: prefix + "z_log_var", inputShape: inputShape, weights: weights, random: &random),
                                     latent: latent)
        case let .embedding(inputDim, outputDim, maskZero, trainable):
            guard inputDim >= 1, outputDim >= 1 else {
                throw ShapeError("\(name): an Embedding needs at least one id and one dimension, not \(inputDim)×\(outputDim)")
            }
            guard inputShape.count == 1 else { throw ShapeError("\(name): an Embedding takes a sequence of token ids [steps], not \(inputShape)") }
            return Embedding(name: name, inputDim: inputDim, outputDim: outputDim, maskZero: maskZero, trainable: trainable,
                             weights: weights, random: &random)
        case let .lstm(units, returnSequences, goBackwards, dropout, recurrentDropout):
            try checkLSTM(name, units: units, dropout: dropout, recurrentDropout: recurrentDropout, input: inputShape)
            return LSTM(name: name, inputs: inputShape[1], units: units, returnSequences: returnSequences, goBackwards: goBackwards,
                        dropout: dropout, recurrentDropout: recurrentDropout, weights: weights, random: &random)
        case let .bidirectional(layer, merge):
            guard case let .lstm(units, returnSequences, false, dropout, recurrentDropout) = layer else {
                throw ShapeError("\(name): Bidirectional wraps an LSTM that reads forwards (go_backwards no)")
            }
            try checkLSTM(name, units: units, dropout: dropout, recurrentDropout: recurrentDropout, input: inputShape)
            func direction(_ backwards: Bool) -> LSTM {
                LSTM(name: name + (backwards ? "/backward_lstm" : "/forward_lstm"), inputs: inputShape[1], units: units,
                     returnSequences: returnSequences, goBackwards: backwards, dropout: dropout, recurrentDropout: recurrentDropout,
                     weights: weights, random: &random)
            }
            let forward = direction(false)
            return Bidirectional(name: name, forward: forward, backward: direction(true), merge: merge)
        case let .repeatVector(n):
            guard n >= 1, n <= 65536 else { throw ShapeError("\(name): RepeatVector repeats 1 to 65,536 times, not \(n)") }
            guard inputShape.count == 1 else { throw ShapeError("\(name): RepeatVector repeats a vector, not a tensor of shape \(inputShape)") }
            return RepeatVector(name: name, n: n)
        }
    }

    /// How many weights the layer will have for inputs of `inputShape`, computed before anything
    /// is allocated (nil when a size overflows), so a model too large for memory is refused.
    func parameterCount(inputShape: [Int]) -> Int? {
        func product(_ values: Int...) -> Int? {
            values.reduce(Optional(1)) { acc, v in acc.flatMap { a in
                let (r, overflow) = a.multipliedReportingOverflow(by: v)
                return overflow ? nil : r
            } }
        }
        func sum(_ a: Int?, _ b: Int?) -> Int? {
            guard let a, let b else { return nil }
            let (r, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : r
        }
        switch self {
        case let .dense(units, _):
            return sum(product(inputShape.last ?? 0, units), units)
        case let .conv2D(filters, kernel, _, _, _), let .conv2DTranspose(filters, kernel, _, _, _):
            let channels = inputShape.count == 3 ? inputShape[2] : 0
            return sum(product(kernel, kernel, channels, filters), filters)
        case let .gaussianHeads(mean, logVariance, _):
            return sum(mean.parameterCount(inputShape: inputShape), logVariance.parameterCount(inputShape: inputShape))
        case let .embedding(inputDim, outputDim, _, _):
            return product(inputDim, outputDim)
        case let .lstm(units, _, _, _, _):
            // kernel, recurrent kernel and bias: 4·units·(inputs + units + 1).
            return sum(product(4, units, inputShape.last ?? 0), product(4, units, units + 1))
        case let .bidirectional(layer, _):
            return layer.parameterCount(inputShape: inputShape).flatMap { product($0, 2) }
        case .activation, .dropout, .maxPooling2D, .upSampling2D, .flatten, .reshape, .l1Activity, .repeatVector:
            return 0
        }
    }
}

private func checkLSTM(_ name: String, units: Int, dropout: Float, recurrentDropout: Float, input: [Int]) throws {
    guard units >= 1, units <= 65536 else { throw ShapeError("\(name): an LSTM needs 1 to 65,536 units, not \(units)") }
    guard dropout >= 0, dropout < 1, recurrentDropout >= 0, recurrentDropout < 1 else {
        throw ShapeError("\(name): dropout rates must be in [0, 1), not \(dropout) and \(recurrentDropout)")
    }
    guard input.count == 2, input[0] >= 1, input[1] >= 1 else {
        throw ShapeError("\(name): an LSTM takes a sequence [steps, features], not \(input)")
    }
}

private func checkWindow(_ name: String, _ type: String, filters: Int, kernel: Int, stride: Int) throws {
    guard filters > 0 else { throw ShapeError("\(name): a \(type) layer needs at least one filter, not \(filters)") }
    guard kernel > 0, kernel <= 1024 else { throw ShapeError("\(name): kernel size must be between 1 and 1024, not \(kernel)") }
    guard stride > 0, stride <= 1024 else { throw ShapeError("\(name): stride must be between 1 and 1024, not \(stride)") }
}

import Foundation
