import Tensors

extension Sequential {
    /// Every layer's output for a batch, in order, without gradients or training behaviour:
    /// what `inspect` measures a layer's activations on.
    public func layerOutputs(_ x: Tensor) -> [Tensor] {
        Tensor.withoutGradients {
            var context = ForwardContext.inference
            var h = viewed(x)
            return layers.map { layer in
                h = layer.forward(h, &context)
                return h
            }
        }
    }

    /// Layers by name with their input shapes, a VAE's two heads listed after the layer that
    /// holds them: what `inspect` can look at.
    public var namedLayers: [(layer: Layer, input: [Int])] {
        var shape = inputShape
        var out: [(layer: Layer, input: [Int])] = []
        for layer in layers {
            out.append((layer, shape))
            if let heads = layer as? GaussianHeads {
                out.append((heads.mean, shape))
                out.append((heads.logVariance, shape))
            }
            shape = (try? layer.outputShape(shape)) ?? shape
        }
        return out
    }
}
