extension Tensor {
    /// A draw from N(μ, σ²) by the reparameterisation trick, μ + exp(½·log σ²)·ε with
    /// ε ~ N(0, epsilonStd²), so that gradients reach `mean` and `logVariance`: the VAE's
    /// sampling layer, and its one reparameterisation.
    ///
    /// ε is drawn by one `random.fillNormal(_:count:std:)` over the whole tensor, in element
    /// order — the very numbers that call writes into a fresh tensor of the mean's shape — and the
    /// result is computed as mean + (exp(0.5·logVariance)·ε), in that order, so that it equals the
    /// composed ops `mean + (logVariance * 0.5).exp() * ε` bit for bit. Keep both so: runs are
    /// reproduced from their seed.
    public static func gaussianSample(mean: Tensor, logVariance: Tensor, epsilonStd: Float = 1, random: inout Random) -> Tensor {
        precondition(mean.shape == logVariance.shape, "gaussianSample: mean \(mean.shape) and log-variance \(logVariance.shape) differ")
        let n = mean.count
        let noise = Storage(capacity: n)
        random.fillNormal(noise.pointer, count: n, std: epsilonStd)
        // σ·ε, kept for the gradient: ∂out/∂logσ² = ½·σ·ε.
        let scaledNoise = Storage(capacity: n)
        withExtendedLifetime(noise) {
            mapVectors(n, logVariance.data, noise.pointer, scaledNoise.pointer) { vexp(0.5 * $0) * $1 }
        }
        let out = Tensor(uninitialized: mean.shape)
        mapVectors(n, mean.data, scaledNoise.pointer, out.data) { $0 + $1 }
        return record(out, op: "gaussian_sample", inputs: [mean, logVariance]) { out in
            let g = out.grad!
            if mean.requiresGrad {
                let dm = mean.gradAccumulator()
                mapVectors(n, dm, g, dm) { $0 + $1 }
            }
            if logVariance.requiresGrad {
                accumulateVectors(n, scaledNoise.pointer, g, into: logVariance.gradAccumulator()) { s, g in 0.5 * s * g }
            }
        }
    }
}
