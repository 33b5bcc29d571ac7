import Foundation
import Tensors

/// Layers applied one after another, as Keras's `Sequential`: the encoder, the decoder and the
/// classifier are each one of these, and the autoencoder composes two.
public final class Sequential {
    public let name: String
    /// Shape of one input example.
    public let inputShape: [Int]
    public let layers: [Layer]
    /// Shape of one output example.
    public let outputShape: [Int]

    /// The most weights a model may have: with their gradients and Adam's two moments they take
    /// 16 bytes each, so 2²⁸ of them are 4 GB.
    public static let maxParameters = 1 << 28
    /// The most values one example may have after any layer (a 1024× upsampling of a digit
    /// would otherwise ask for gigabytes per batch).
    public static let maxValuesPerExample = 1 << 24

    /// Builds the layers in order, naming them Keras-style ("dense", "dense_1"…) under `name`.
    /// Sizes are checked before anything is allocated.
    public init(name: String, inputShape: [Int], specs: [LayerSpec], weights: WeightInit = .keras, random: inout Random) throws {
        self.name = name
        self.inputShape = inputShape
        try Sequential.checkInput(inputShape, name: name)
        var counts: [String: Int] = [:]
        var shape = inputShape
        var built: [Layer] = []
        var total = 0
        for spec in specs {
            let n = counts[spec.baseName, default: 0]
            counts[spec.baseName] = n + 1
            let layerName = name + "/" + (n == 0 ? spec.baseName : "\(spec.baseName)_\(n)")
            guard let count = spec.parameterCount(inputShape: shape), case let (sum, false) = total.addingReportingOverflow(count),
                  sum <= Sequential.maxParameters else {
                throw ShapeError(Sequential.tooLarge(layerName, spec: spec, input: shape, before: total))
            }
            total = sum
            let layer = try spec.make(name: layerName, inputShape: shape, weights: weights, random: &random)
            shape = try layer.outputShape(shape)
            guard shape.allSatisfy({ $0 >= 0 }), let values = checkedProduct(shape), values <= Sequential.maxValuesPerExample else {
                throw ShapeError("\(layerName): its output of \(shape.map(String.init).joined(separator: "×")) values per example is too large (at most \(Sequential.maxValuesPerExample))")
            }
            built.append(layer)
        }
        layers = built
        outputShape = shape
    }

    /// Wraps layers that are already built (custom ones among them), checking that they chain.
    public init(name: String, inputShape: [Int], layers: [Layer]) throws {
        self.name = name
        self.inputShape = inputShape
        self.layers = layers
        try Sequential.checkInput(inputShape, name: name)
        outputShape = try layers.reduce(inputShape) { try $1.outputShape($0) }
    }

    public var parameters: [Tensor] { layers.flatMap(\.parameters) }
    /// Fixed weights (see `Layer.frozen`): saved with the model, never trained.
    public var frozen: [Tensor] { layers.flatMap(\.frozen) }
    public var specs: [LayerSpec] { layers.map(\.spec) }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The forward pass on a batch [N, …inputShape]. A batch of flat rows [N, width] is first
    /// viewed in the input shape (MNIST rows of 784 into a [28, 28, 1] image model).
    public func callAsFunction(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        Sequential.forward(layers[...], viewed(x), &context)
    }

    /// Runs `layers` in order on x. A RepeatVector right before a `RepeatedInputLayer` hands it
    /// the vector instead of its copies: the same result, with the input's products done once.
    public static func forward(_ layers: ArraySlice<Layer>, _ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        var h = x
        var i = layers.startIndex
        while i < layers.endIndex {
            if let repeater = layers[i] as? RepeatVector, i + 1 < layers.endIndex, let reader = layers[i + 1] as? RepeatedInputLayer {
                context.mask = nil
                h = reader.forward(repeating: h, steps: repeater.n, &context)
                i += 2
            } else {
                h = layers[i].forward(h, &context)
                i += 1
            }
        }
        return h
    }

    /// The forward pass without the last activation, and that activation: a decoder's logits,
    /// from which cross-entropy is computed exactly. The last layer with an activation leaves
    /// it off, and any Flatten or Reshape after it works on the logits (they commute).
    public func logits(_ x: Tensor, _ context: inout ForwardContext) -> (logits: Tensor, activation: Activation) {
        guard let last = layers.lastIndex(where: { $0 is ActivatedLayer }),
              layers[(last + 1)...].allSatisfy({ $0 is ShapeOnlyLayer }), let activated = layers[last] as? ActivatedLayer else {
            return (self(x, &context), .linear)
        }
        var h = Sequential.forward(layers[..<last], viewed(x), &context)
        h = activated.forward(h, &context, activation: .linear)
        h = Sequential.forward(layers[(last + 1)...], h, &context)
        return (h, activated.activation)
    }

    /// The activation of the last layer that has one (what `logits` leaves off).
    public var outputActivation: Activation {
        guard let last = layers.lastIndex(where: { $0 is ActivatedLayer }), layers[(last + 1)...].allSatisfy({ $0 is ShapeOnlyLayer }) else { return .linear }
        return (layers[last] as? ActivatedLayer)?.activation ?? .linear
    }

    func viewed(_ x: Tensor) -> Tensor {
        if !x.shape.dropFirst().elementsEqual(inputShape), x.count == (x.shape.first ?? 0) * inputShape.reduce(1, *) {
            return x.reshaped([x.shape.first ?? 0] + inputShape)
        }
        return x
    }

    /// Outputs for many examples, without gradients, `batchSize` at a time: [N, output values].
    public func predict(_ x: Tensor, batchSize: Int = 256) -> Tensor {
        Sequential.predict(x, batchSize: batchSize, outputWidth: outputShape.reduce(1, *)) { batch in
            var context = ForwardContext.inference
            return self(batch, &context)
        }
    }

    /// Runs `body` over row blocks of `x` and stacks the results: [N, outputWidth]. Each block's
    /// result must hold exactly `outputWidth` values a row.
    public static func predict(_ x: Tensor, batchSize: Int, outputWidth: Int, _ body: (Tensor) -> Tensor) -> Tensor {
        let rows = x.shape.first ?? 0
        let out = Tensor(uninitialized: [rows, outputWidth])
        Tensor.withoutGradients {
            var start = 0
            while start < rows {
                let end = min(rows, start + batchSize)
                let y = body(x.rows(start..<end))
                precondition(y.count == (end - start) * outputWidth, "predict: \(y.shape) does not give \(outputWidth) values a row")
                (out.data + start * outputWidth).update(from: y.data, count: y.count)
                start = end
            }
        }
        return out
    }

    /// Multiply-adds of one example's forward pass through every layer, as `forward` does them.
    public var multiplyAdds: Double {
        var shape = inputShape
        var total = 0.0
        for (i, layer) in layers.enumerated() {
            if i > 0, let repeater = layers[i - 1] as? RepeatVector, let reader = layer as? RepeatedInputLayer, shape.count > 1 {
                total += reader.multiplyAdds(repeating: Array(shape.dropFirst()), steps: repeater.n)
            } else {
                total += layer.multiplyAdds(input: shape)
            }
            shape = (try? layer.outputShape(shape)) ?? shape
        }
        return total
    }

    /// The rows of a Keras-style summary, one a layer (two for a VAE's heads).
    public var summaryRows: [SummaryRow] {
        var shape = inputShape
        return layers.flatMap { layer in
            defer { shape = (try? layer.outputShape(shape)) ?? shape }
            return layer.summaryRows(input: shape)
        }
    }

    /// The example's shape after each layer that changes it ("28×28×32", "512"), skipping the
    /// ones that only rearrange values: the model's shape in one line.
    public var shapeTrail: [String] { shapeTrail(layers: layers.count) }

    /// The shape trail through the first `count` layers only (an encoder without its VAE heads).
    public func shapeTrail(layers count: Int) -> [String] {
        var shape = inputShape
        var trail: [String] = []
        for layer in layers.prefix(count) {
            let next = (try? layer.outputShape(shape)) ?? shape
            if next != shape, !(layer is ShapeOnlyLayer) { trail.append(next.map(String.init).joined(separator: "×")) }
            shape = next
        }
        return trail
    }

    /// Refuses an input shape with a size below 1 or more values than `maxValuesPerExample`
    /// (a saved architecture can say anything), before any layer multiplies its sizes.
    static func checkInput(_ shape: [Int], name: String) throws {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw ShapeError("\(name): its input shape \(shape) needs one or more sizes, each at least 1")
        }
        guard let values = checkedProduct(shape), values <= maxValuesPerExample else {
            throw ShapeError("\(name): its input of \(shape.map(String.init).joined(separator: "×")) values per example is too large (at most \(maxValuesPerExample.formatted()))")
        }
    }

    /// What a model too large to build would need, in weights and in memory (each weight takes
    /// 16 bytes with its gradient and Adam's two moments).
    static func tooLarge(_ name: String, spec: LayerSpec, input: [Int], before: Int) -> String {
        let limit = "a model may have at most \(maxParameters.formatted()) weights (\(memory(maxParameters)))"
        guard let count = spec.parameterCount(inputShape: input), case let (total, false) = before.addingReportingOverflow(count) else {
            return "\(name): the layer's weights are too many to count; \(limit); make it smaller"
        }
        let layer = "this layer has \(count.formatted()) weights"
        let whole = before == 0 ? "" : ", the model up to it \(total.formatted())"
        return "\(name): \(layer)\(whole), which would need \(memory(total)) with their gradients and Adam's moments; \(limit); make it smaller"
    }

    /// The memory `weights` weights take while training: 16 bytes each, in GB or MB.
    static func memory(_ weights: Int) -> String {
        let bytes = Double(weights) * 16
        return bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }
}

/// The product of `values`, or nil if it overflows.
public func checkedProduct(_ values: [Int]) -> Int? {
    var p = 1
    for v in values {
        let (r, overflow) = p.multipliedReportingOverflow(by: v)
        if overflow { return nil }
        p = r
    }
    return p
}
