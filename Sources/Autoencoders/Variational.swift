import Networks
import Tensors

/// What every variational kind shares: ε's spread when sampling z, and the KL weight.
public protocol VariationalKind: AutoencoderKind {
    /// Standard deviation of ε in z = μ + σ·ε (the seed's `epsilon_std`).
    var epsilonStd: Float { get }
    /// Weight of the KL term in the training loss (β of a β-VAE; 1 is the ELBO).
    var klWeight: Float { get }
}

extension VariationalKind {
    public static var figures: [EvaluationFigure] { [.reconstruction, .code, .elbo] }

    public var lossNote: String {
        [epsilonStd != 1 ? "ε std \(epsilonStd.optionText)" : "", klWeight != 1 ? "KL weight β \(klWeight.optionText)" : ""]
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// The negative ELBO of the batch with one sampled z an example, the KL weighted by β:
    /// reconstruction summed over values + KL, both averaged over the batch.
    public func loss(_ model: Autoencoder, input: Tensor, target: Tensor, context: inout ForwardContext) -> LossValue {
        let (reconstruction, kl) = Variational.terms(model, input: input, target: target, epsilonStd: epsilonStd, context: &context)
        let total = klWeight == 1 ? reconstruction + kl : reconstruction + kl * klWeight
        return LossValue(total: total, terms: [("reconstruction", Double(reconstruction.item)), ("kl", Double(kl.item))])
    }
}

import Options

/// The reparameterisation and the two terms of the ELBO, written once.
public enum Variational {
    /// z = μ + σ·ε with ε ~ N(0, epsilonStd²), drawn from `random` in row-major order: the
    /// reparameterisation trick, so that gradients reach μ and log σ².
    public static func sample(mean: Tensor, logVariance: Tensor, epsilonStd: Float, random: inout Random) -> Tensor {
        let epsilon = Tensor(uninitialized: mean.shape)
        random.fillNormal(epsilon.data, count: epsilon.count, std: epsilonStd)
        return mean + (logVariance * 0.5).exp() * epsilon
    }

    /// KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), averaged over the batch.
    public static func kl(mean: Tensor, logVariance: Tensor) -> Tensor {
        ((1 + logVariance - mean.squared() - logVariance.exp()).sum() * -0.5) / Float(mean.shape[0])
    }

    /// −log p(x|z) for one sampled z an example (summed over values) and the KL, batch means.
    public static func terms(_ model: Autoencoder, input: Tensor, target: Tensor, epsilonStd: Float,
                             context: inout ForwardContext) -> (reconstruction: Tensor, kl: Tensor) {
        let (mean, logVariance) = model.gaussian(input, &context)
        let z = sample(mean: mean, logVariance: logVariance, epsilonStd: epsilonStd, random: &context.random)
        let reconstruction = model.reconstructionSum(model.decodeLogits(z, &context), target: target)
        return (reconstruction, kl(mean: mean, logVariance: logVariance))
    }
}
