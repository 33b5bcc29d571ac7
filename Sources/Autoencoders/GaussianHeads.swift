import Networks
import Tensors

/// A VAE encoder's two heads side by side, μ and log σ², each flattened to `latent` values,
/// giving [μ, log σ²] as one row of 2·latent: two Dense layers for the dense VAE, two Conv2D
/// layers for the seed's convolutional one.
final class GaussianHeads: Layer {
    let name: String
    let mean: Layer
    let logVariance: Layer
    let latent: Int
    var typeName: String { "\(mean.typeName) ×2 (z_mean, z_log_var)" }
    var parameters: [Tensor] { mean.parameters + logVariance.parameters }
    var spec: LayerSpec { mean.spec }

    init(name: String, mean: Layer, logVariance: Layer, latent: Int) {
        self.name = name
        self.mean = mean
        self.logVariance = logVariance
        self.latent = latent
    }

    func outputShape(_ input: [Int]) throws -> [Int] {
        let shape = try mean.outputShape(input)
        guard shape.reduce(1, *) == latent else { throw ShapeError("\(name): heads give \(shape), not \(latent) values") }
        return [2 * latent]
    }

    func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        let n = x.shape[0]
        return Tensor.concatenate(lastAxis: [mean.forward(x, &context).reshaped([n, latent]),
                                             logVariance.forward(x, &context).reshaped([n, latent])])
    }
}
