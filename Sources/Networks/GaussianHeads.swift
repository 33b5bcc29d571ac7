import Tensors

/// A VAE encoder's two heads side by side, μ and log σ², each flattened to `latent` values,
/// giving [μ, log σ²] as one row of 2·latent: two Dense layers for the dense VAE and the seed's
/// conv VAE, or two Conv2D layers for the conv VAE with convolutional heads.
public final class GaussianHeads: Layer {
    public let name: String
    public let mean: Layer
    public let logVariance: Layer
    public let latent: Int
    public var parameters: [Tensor] { mean.parameters + logVariance.parameters }
    public var spec: LayerSpec { .gaussianHeads(mean: mean.spec, logVariance: logVariance.spec, latent: latent) }

    public init(name: String, mean: Layer, logVariance: Layer, latent: Int) {
        self.name = name
        self.mean = mean
        self.logVariance = logVariance
        self.latent = latent
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        for head in [mean, logVariance] {
            let shape = try head.outputShape(input)
            guard shape.reduce(1, *) == latent else { throw ShapeError("\(head.name): gives \(shape), not \(latent) values") }
        }
        return [2 * latent]
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        let n = x.shape[0]
        return Tensor.concatenate(lastAxis: [mean.forward(x, &context).reshaped([n, latent]),
                                             logVariance.forward(x, &context).reshaped([n, latent])])
    }

    public func multiplyAdds(input: [Int]) -> Double { mean.multiplyAdds(input: input) + logVariance.multiplyAdds(input: input) }

    /// Two rows, z_mean and z_log_var, as Keras's summary of a VAE encoder shows them.
    public func summaryRows(input: [Int]) -> [SummaryRow] {
        mean.summaryRows(input: input).map { var r = $0; r.outputShape = [latent]; return r }
            + logVariance.summaryRows(input: input).map { var r = $0; r.outputShape = [latent]; return r }
    }
}
