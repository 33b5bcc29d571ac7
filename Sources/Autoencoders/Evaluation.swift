import Datasets
import Foundation
import Networks
import Tensors

/// Figures that say how well an autoencoder reconstructs a data set, named as `--json` prints them.
public enum Evaluation {
    /// The model's training loss, averaged over `data` (a validation loss).
    public static func loss(_ model: Autoencoder, on data: Dataset, batchSize: Int = 500) -> Double {
        var total = 0.0
        Tensor.withoutGradients {
            var start = 0
            while start < data.count {
                let end = min(data.count, start + batchSize)
                let x = data.batch(start..<end)
                var context = ForwardContext.inference
                total += Double(model.loss(model(x, &context), x).item) * Double(end - start)
                start = end
            }
        }
        return total / Double(max(data.count, 1))
    }

    /// Mean binary cross-entropy and mean squared error of the reconstructions (per pixel,
    /// as Keras reports them), and the mean absolute code activation.
    public static func reconstructionMetrics(_ model: Autoencoder, on data: Dataset, prefix: String = "test") -> [String: Double] {
        var bce = 0.0, mse = 0.0, absCode = 0.0
        let batch = 500
        Tensor.withoutGradients {
            var start = 0
            while start < data.count {
                let end = min(data.count, start + batch)
                let x = data.batch(start..<end)
                var context = ForwardContext.inference
                let code = model.encoder(x, &context)
                let y = model.decoder(code, &context)
                let n = Double(end - start)
                bce += Double(y.binaryCrossEntropy(target: x).mean().item) * n
                mse += Double((y - x).squared().mean().item) * n
                absCode += Double(code.abs().mean().item) * n
                start = end
            }
        }
        let n = Double(max(data.count, 1))
        return ["\(prefix)_bce": bce / n, "\(prefix)_mse": mse / n, "mean_abs_code": absCode / n]
    }
}
