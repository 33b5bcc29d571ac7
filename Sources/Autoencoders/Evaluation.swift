import Datasets
import Foundation
import Networks
import Tensors

/// How `eval` measures: how many draws of z, and whether to compute the Jacobian figure.
public struct EvaluationOptions: Sendable {
    /// Sampled z per example for `test_neg_elbo` (the mean over them is reported).
    public var samples = 1
    /// Importance samples per example for `test_nll` (Burda et al. 2016); 0 skips it.
    public var importanceSamples = 100
    /// Whether to compute ‖∂h/∂x‖²_F; nil: when the kind's figures include it.
    public var jacobian: Bool?
    /// Multiply-adds the Jacobian figure may spend; fewer examples are used past it.
    public var jacobianBudget = 20e9

    public init(samples: Int = 1, importanceSamples: Int = 100, jacobian: Bool? = nil) {
        self.samples = samples
        self.importanceSamples = importanceSamples
        self.jacobian = jacobian
    }
}

/// Figures that say how well an autoencoder does on a data set, named as `--json` prints them.
public enum Evaluation {
    /// The model's training loss, averaged over `data` (a validation loss). Random parts (VAE
    /// sampling, denoising noise) draw from a fixed seed, so the figure is repeatable.
    public static func loss(_ model: Autoencoder, on data: Dataset, batchSize: Int = 500) -> Double {
        let objective = ReconstructionObjective(model: model, data: data)
        var context = ForwardContext(training: false, random: Random(seed: 12345))
        var total = 0.0
        Tensor.withoutGradients {
            for start in stride(from: 0, to: data.count, by: batchSize) {
                let end = min(data.count, start + batchSize)
                total += Double(objective.loss(indices: Array(start..<end)[...], context: &context).total.item) * Double(end - start)
            }
        }
        return total / Double(max(data.count, 1))
    }

    /// Every figure the model's kind reports (see `AutoencoderKind.figures`).
    public static func metrics(_ model: Autoencoder, on data: Dataset, prefix: String = "test",
                               options: EvaluationOptions = EvaluationOptions()) -> [String: Double] {
        let figures = type(of: model.kind).figures
        var sums: [String: Double] = [:]
        var random = Random(seed: 12345)
        // Importance samples draw from a stream of their own, so that asking for them leaves
        // the sampled −ELBO's draws (and earlier recordings of it) as they were.
        var importance = Random(seed: 271_828)
        let batchSize = 500
        let variational = model.kind as? any VariationalKind
        let denoiser = figures.contains(.denoising) ? model.kind as? DenoiseKind : nil
        Tensor.withoutGradients {
            for start in stride(from: 0, to: data.count, by: batchSize) {
                let end = min(data.count, start + batchSize)
                let n = Double(end - start)
                let x = data.batch(start..<end)
                var context = ForwardContext.inference
                let code = model.code(x, &context)
                if figures.contains(.reconstruction) {
                    // BCE from the logits after a sigmoid output, clamped otherwise (a linear model's).
                    let (logits, activation) = model.decodeLogits(code, &context)
                    let target = x.reshaped(logits.shape)
                    sums["\(prefix)_bce", default: 0] += Double(LossFunction.bce.mean(logits: logits, activation: activation, target: target).item) * n
                    sums["\(prefix)_mse", default: 0] += Double(LossFunction.mse.mean(logits: logits, activation: activation, target: target).item) * n
                }
                if figures.contains(.code) { sums["mean_abs_code", default: 0] += Double(code.abs().mean().item) * n }
                if figures.contains(.elbo), let variational {
                    let elbo = elboFigures(model, x, epsilonStd: variational.epsilonStd, options: options, random: &random, importance: &importance)
                    for (name, value) in elbo { sums["\(prefix)_\(name)", default: 0] += value * n }
                }
                if let denoiser {
                    let noisy = denoiser.corrupt(x, random: &random)
                    var clean = ForwardContext.inference
                    let denoised = model(noisy, &clean)
                    sums["noisy_squared_error", default: 0] += Double((noisy - x).squared().mean().item) * n
                    sums["denoised_squared_error", default: 0] += Double((denoised - x).squared().mean().item) * n
                }
            }
        }
        let count = Double(max(data.count, 1))
        var result = sums.mapValues { $0 / count }
        if let noisy = result.removeValue(forKey: "noisy_squared_error"), let denoised = result.removeValue(forKey: "denoised_squared_error") {
            result["psnr_noisy_db"] = psnr(noisy)
            result["psnr_denoised_db"] = psnr(denoised)
        }
        if figures.contains(.tokens) {
            result.merge(TextReconstruction.figures(model, on: data, prefix: prefix)) { $1 }
        }
        if options.jacobian ?? figures.contains(.jacobian), let jacobian = jacobianNorm(model, on: data, budget: options.jacobianBudget) {
            result["jacobian_frobenius_sq"] = jacobian.value
            result["jacobian_examples"] = Double(jacobian.examples)
        }
        return result
    }

    /// A VAE's figures on one batch, each a mean per example: `neg_elbo` with sampled z (the
    /// mean over `options.samples` draws, KL weight 1 whatever training used), `rec_at_mean`
    /// (the reconstruction term decoding μ) and `neg_elbo_at_mean` (it plus the KL: what a Keras
    /// flow that decodes μ reports), `kl`, and `nll`, the importance-weighted estimate of −log p(x).
    static func elboFigures(_ model: Autoencoder, _ x: Tensor, epsilonStd: Float, options: EvaluationOptions,
                            random: inout Random, importance: inout Random) -> [String: Double] {
        var negElbo = 0.0, kl = 0.0
        for _ in 0..<max(1, options.samples) {
            var sampling = ForwardContext(training: false, random: random.fork())
            let terms = Variational.terms(model, input: x, target: x, epsilonStd: epsilonStd, context: &sampling)
            negElbo += Double(terms.reconstruction.item + terms.kl.item)
            kl += Double(terms.kl.item)
        }
        let draws = Double(max(1, options.samples))
        var context = ForwardContext.inference
        let (mean, logVariance) = model.gaussian(x, &context)
        let atMean = model.reconstructionSum(model.decodeLogits(mean, &context), target: x)
        // The KL does not depend on z, so the −ELBO with z = μ is the reconstruction at μ plus it:
        // the figure Keras's flow reports when its decoder is given the mean.
        var figures = ["neg_elbo": negElbo / draws, "kl": kl / draws, "rec_at_mean": Double(atMean.item),
                       "neg_elbo_at_mean": Double(atMean.item) + kl / draws]
        if options.importanceSamples > 0 {
            figures["nll"] = importanceWeightedNLL(model, x, mean: mean, logVariance: logVariance, epsilonStd: epsilonStd,
                                                   samples: options.importanceSamples, random: &importance)
        }
        return figures
    }

    /// −log p(x) estimated with K importance samples from the encoder's q(z|x) (with σ scaled by
    /// ε's spread, the distribution training samples from): −log (1/K Σₖ p(x|zₖ) p(zₖ) / q(zₖ|x)),
    /// averaged over the batch. It is never above the −ELBO's expectation, and tighter as K grows.
    static func importanceWeightedNLL(_ model: Autoencoder, _ x: Tensor, mean: Tensor, logVariance: Tensor, epsilonStd: Float,
                                      samples k: Int, random: inout Random) -> Double {
        let n = x.shape[0], latent = mean.shape[1]
        // A chunk of draws goes through the decoder at once: n·chunk rows, about 64k at most.
        let chunk = max(1, min(k, 65536 / max(n, 1)))
        var logWeights = [[Double]](repeating: [], count: n)
        let logTwoPi = Foundation.log(2 * Double.pi)
        var done = 0
        while done < k {
            let m = min(chunk, k - done)
            let z = Tensor(uninitialized: [n * m, latent])
            var logQ = [Double](repeating: 0, count: n * m), logPrior = logQ
            for i in 0..<n {
                for s in 0..<m {
                    let row = (i * m + s) * latent
                    var lq = 0.0, lp = 0.0
                    for j in 0..<latent {
                        let sigma = Double(Foundation.exp(0.5 * logVariance.data[i * latent + j])) * Double(epsilonStd)
                        let e = Double(random.normal())
                        let value = Double(mean.data[i * latent + j]) + sigma * e
                        z.data[row + j] = Float(value)
                        lq += -0.5 * (e * e + logTwoPi) - Foundation.log(max(sigma, 1e-30))
                        lp += -0.5 * (value * value + logTwoPi)
                    }
                    logQ[i * m + s] = lq
                    logPrior[i * m + s] = lp
                }
            }
            var context = ForwardContext.inference
            let output = model.decodeLogits(z, &context)
            let targets = Tensor(uninitialized: [n * m, x.shape[1]])
            for i in 0..<n { for s in 0..<m { (targets.data + (i * m + s) * x.shape[1]).update(from: x.data + i * x.shape[1], count: x.shape[1]) } }
            let perValue = model.reconstruction.function.elementwise(logits: output.logits, activation: output.activation,
                                                                     target: targets.reshaped(output.logits.shape))
            let width = perValue.count / (n * m)
            for i in 0..<n {
                for s in 0..<m {
                    let r = i * m + s
                    let logLikelihood = -Double(sumOf(perValue.data + r * width, width))
                    logWeights[i].append(logLikelihood + logPrior[r] - logQ[r])
                }
            }
            done += m
        }
        var total = 0.0
        for weights in logWeights {
            let top = weights.max() ?? 0
            total += -(top + Foundation.log(weights.reduce(0) { $0 + Foundation.exp($1 - top) } / Double(weights.count)))
        }
        return total / Double(max(n, 1))
    }

    private static func sumOf(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var s: Float = 0
        for i in 0..<n { s += p[i] }
        return s
    }

    /// Peak signal-to-noise ratio in dB of a mean squared error on 0…1 pixels.
    public static func psnr(_ mse: Double) -> Double { 10 * log10(1 / max(mse, 1e-12)) }

    /// Mean ‖∂h/∂x‖²_F over the first examples of `data`: as many as `budget` multiply-adds
    /// allow (all of them for the seed's models), at least one. How many is returned with it.
    public static func jacobianNorm(_ model: Autoencoder, on data: Dataset, budget: Double = 20e9) -> (value: Double, examples: Int)? {
        // Only for encoders made of Dense layers; the Gram-matrix recurrence assumes them.
        guard data.count > 0, model.encoder.layers.allSatisfy({ $0 is Dense }) else { return nil }
        let widths = model.encoder.layers.compactMap { ($0 as? Dense)?.bias.count }
        let flopsPerExample = zip(widths, widths.dropFirst()).reduce(0.0) { $0 + 2 * Double($1.0 * $1.0 * $1.1 + $1.0 * $1.1 * $1.1) }
        let examples = max(1, min(data.count, Int(min(budget / max(flopsPerExample, 1), Double(data.count)))))
        // A batch of S matrices stays near 2M floats (8 MB): wide encoders go a few at a time.
        let batch = max(1, min(100, Int(2e6 / Double(widths.max()! * widths.max()!))))
        var total = 0.0
        Tensor.withoutGradients {
            for start in stride(from: 0, to: examples, by: batch) {
                let end = min(examples, start + batch)
                var context = ForwardContext.inference
                let (_, norm) = Contractive.codeAndJacobianNorm(model.encoder, data.batch(start..<end), &context)
                total += Double(norm.item) * Double(end - start)
            }
        }
        return (total / Double(examples), examples)
    }
}
