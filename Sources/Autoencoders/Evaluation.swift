import Datasets
import Foundation
import Networks
import Tensors

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

    /// Every figure that applies to the model's kind.
    public static func metrics(_ model: Autoencoder, on data: Dataset, prefix: String = "test") -> [String: Double] {
        var sums: [String: Double] = [:]
        var random = Random(seed: 12345)
        let batchSize = 500
        Tensor.withoutGradients {
            for start in stride(from: 0, to: data.count, by: batchSize) {
                let end = min(data.count, start + batchSize)
                let n = Double(end - start)
                let x = data.batch(start..<end)
                var context = ForwardContext.inference
                let code = model.code(x, &context)
                let y = model.decoder(code, &context)
                sums["\(prefix)_bce", default: 0] += Double(y.binaryCrossEntropy(target: x).mean().item) * n
                sums["\(prefix)_mse", default: 0] += Double((y - x).squared().mean().item) * n
                sums["mean_abs_code", default: 0] += Double(code.abs().mean().item) * n
                if model.config.kind.isVariational {
                    var sampling = ForwardContext(training: false, random: random.fork())
                    // The ELBO itself (KL weight 1), whatever weight training used.
                    let terms = model.loss(input: x, target: x, context: &sampling).terms
                    sums["\(prefix)_neg_elbo", default: 0] += terms.reduce(0) { $0 + $1.value } * n
                }
                if model.config.kind == .denoise {
                    let noisy = Corruption.apply(model.config.noise, level: model.config.noiseLevel, to: x, random: &random)
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
        if !model.config.kind.isVariational, let jacobian = jacobianNorm(model, on: data) {
            result["jacobian_frobenius_sq"] = jacobian.value
            result["jacobian_examples"] = Double(jacobian.examples)
        }
        return result
    }

    /// Peak signal-to-noise ratio in dB of a mean squared error on 0…1 pixels.
    public static func psnr(_ mse: Double) -> Double { 10 * log10(1 / max(mse, 1e-12)) }

    /// Mean ‖∂h/∂x‖²_F over the first examples of `data`: all of them when that costs under
    /// about 100 GFLOP, fewer for wide encoders (how many is returned with it).
    public static func jacobianNorm(_ model: Autoencoder, on data: Dataset) -> (value: Double, examples: Int)? {
        // Only for encoders made of Dense layers; the Gram-matrix recurrence assumes them.
        guard data.count > 0, model.encoder.layers.allSatisfy({ $0 is Dense }) else { return nil }
        let widths = model.encoder.layers.compactMap { ($0 as? Dense)?.bias.count }
        let flopsPerExample = zip(widths, widths.dropFirst()).reduce(0.0) { $0 + 2 * Double($1.0 * $1.0 * $1.1 + $1.0 * $1.1 * $1.1) }
        let examples = min(data.count, max(100, Int(100e9 / max(flopsPerExample, 1))))
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
