import Networks
import Tensors

extension Autoencoder {
    /// Floating-point operations of one training step per example, counting the products
    /// (dense and convolutional) that dominate: the forward pass, the weight gradients, and the
    /// input gradients of every layer but the first, which the data does not need.
    public var trainingFLOPsPerExample: Double {
        var total = 0.0
        var firstLayer: Double?
        for model in [encoder, decoder] {
            var shape = model.inputShape
            for layer in model.layers {
                let work = Autoencoder.multiplyAdds(layer, input: shape)
                if firstLayer == nil, work > 0 { firstLayer = work }
                total += work
                shape = (try? layer.outputShape(shape)) ?? shape
            }
        }
        return 2 * (3 * total - (firstLayer ?? 0))
    }

    /// Multiply-adds of one example through `layer` with an input of `input` shape.
    static func multiplyAdds(_ layer: Layer, input: [Int]) -> Double {
        switch layer {
        case let dense as Dense:
            return Double(dense.kernel.count) * Double(input.dropLast().reduce(1, *))
        case let conv as Conv2D:
            guard let out = try? conv.outputShape(input), out.count == 3 else { return 0 }
            return Double(out[0] * out[1]) * Double(conv.kernel.count)
        case let transposed as Conv2DTranspose:
            return Double(input.prefix(2).reduce(1, *)) * Double(transposed.kernel.count)
        case let heads as GaussianHeads:
            return multiplyAdds(heads.mean, input: input) + multiplyAdds(heads.logVariance, input: input)
        default:
            return 0
        }
    }
}
