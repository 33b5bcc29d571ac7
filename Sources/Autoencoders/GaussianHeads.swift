import Networks
import Tensors

/// The VAE encoder's two heads side by side: Dense `z_mean` and Dense `z_log_var`, each of
/// `latent` units, giving [μ, log σ²] as one row of 2·latent.
final class GaussianHeads: Layer {
    let name: String
    let mean: Dense
    let logVariance: Dense
    var typeName: String { "Dense ×2 (z_mean, z_log_var)" }
    var parameters: [Tensor] { mean.parameters + logVariance.parameters }
    var spec: LayerSpec { .dense(units: 2 * mean.bias.count, activation: .linear) }
    var latent: Int { mean.bias.count }

    init(name: String, inputs: Int, latent: Int, random: inout Random) {
        self.name = name
        mean = Dense(name: name + "/z_mean", inputs: inputs, units: latent, activation: .linear, random: &random)
        logVariance = Dense(name: name + "/z_log_var", inputs: inputs, units: latent, activation: .linear, random: &random)
    }

    func outputShape(_ input: [Int]) throws -> [Int] {
        _ = try mean.outputShape(input)
        return [2 * latent]
    }

    func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        Tensor.concatenate(lastAxis: [mean.forward(x, &context), logVariance.forward(x, &context)])
    }
}
