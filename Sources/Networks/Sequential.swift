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

    /// Builds the layers in order, naming them Keras-style ("dense", "dense_1"…) under `name`.
    public init(name: String, inputShape: [Int], specs: [LayerSpec], weights: WeightInit = .keras, random: inout Random) throws {
        self.name = name
        self.inputShape = inputShape
        var counts: [String: Int] = [:]
        var shape = inputShape
        var built: [Layer] = []
        for spec in specs {
            let n = counts[spec.baseName, default: 0]
            counts[spec.baseName] = n + 1
            let layerName = name + "/" + (n == 0 ? spec.baseName : "\(spec.baseName)_\(n)")
            let layer = try spec.make(name: layerName, inputShape: shape, weights: weights, random: &random)
            shape = try layer.outputShape(shape)
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
        outputShape = try layers.reduce(inputShape) { try $1.outputShape($0) }
    }

    public var parameters: [Tensor] { layers.flatMap(\.parameters) }
    public var specs: [LayerSpec] { layers.map(\.spec) }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The forward pass on a batch [N, …inputShape]. A batch of flat rows [N, width] is first
    /// viewed in the input shape (MNIST rows of 784 into a [28, 28, 1] image model).
    public func callAsFunction(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        var input = x
        if !x.shape.dropFirst().elementsEqual(inputShape), x.count == (x.shape.first ?? 0) * inputShape.reduce(1, *) {
            input = x.reshaped([x.shape.first ?? 0] + inputShape)
        }
        return layers.reduce(input) { $1.forward($0, &context) }
    }

    /// Outputs for many examples, without gradients, `batchSize` at a time.
    public func predict(_ x: Tensor, batchSize: Int = 256) -> Tensor {
        Sequential.predict(x, batchSize: batchSize, outputWidth: outputShape.reduce(1, *)) { batch in
            var context = ForwardContext.inference
            return self(batch, &context)
        }
    }

    /// Runs `body` over row blocks of `x` and stacks the results: [N, outputWidth].
    public static func predict(_ x: Tensor, batchSize: Int, outputWidth: Int, _ body: (Tensor) -> Tensor) -> Tensor {
        let rows = x.shape.first ?? 0
        let out = Tensor(uninitialized: [rows, outputWidth])
        Tensor.withoutGradients {
            var start = 0
            while start < rows {
                let end = min(rows, start + batchSize)
                let y = body(x.rows(start..<end))
                (out.data + start * outputWidth).update(from: y.data, count: y.count)
                start = end
            }
        }
        return out
    }

    /// One row of a Keras-style summary per layer.
    public var summaryRows: [SummaryRow] {
        var shape = inputShape
        return layers.map { layer in
            shape = (try? layer.outputShape(shape)) ?? shape
            let short = layer.name.split(separator: "/").last.map(String.init) ?? layer.name
            return SummaryRow(layer: "\(short) (\(layer.typeName))", outputShape: shape, parameters: layer.parameters.reduce(0) { $0 + $1.count })
        }
    }
}
