import Foundation

/// How long the matrix products of training alone take, with nothing between them: the floor
/// under an epoch's time that `aelab bench` sets beside the measured epoch.
public enum ProductTiming {
    /// Median seconds, over `repeats` runs, of the products one epoch of `examples` asks of BLAS
    /// when a dense stack of `widths` (784, 512, 256, 512, 784, say) trains at `batch`: for each
    /// batch, every layer's forward product, its weight gradient (added into a cleared buffer,
    /// as training does) and, past the first layer, its input gradient.
    public static func denseEpoch(widths: [Int], batch: Int, examples: Int, repeats: Int = 5) -> Double {
        precondition(widths.count >= 2 && batch > 0 && examples > 0)
        var random = Random(seed: 2)
        func filled(_ count: Int) -> Storage {
            let s = Storage(capacity: count)
            random.fillUniform(s.pointer, count: count, low: -0.1, high: 0.1)
            return s
        }
        let layers = widths.count - 1
        let weights = (0..<layers).map { filled(widths[$0] * widths[$0 + 1]) }
        let gradients = (0..<layers).map { filled(widths[$0] * widths[$0 + 1]) }
        let activations = widths.map { filled(batch * $0) }
        let deltas = widths.map { filled(batch * $0) }
        let batches = (0..<((examples + batch - 1) / batch)).map { min(batch, examples - $0 * batch) }
        func epoch() {
            for rows in batches {
                for l in 0..<layers {
                    BLAS.gemm(false, false, m: rows, n: widths[l + 1], k: widths[l], activations[l].pointer,
                              weights[l].pointer, beta: 0, activations[l + 1].pointer)
                }
                for l in stride(from: layers - 1, through: 0, by: -1) {
                    BLAS.gemm(true, false, m: widths[l], n: widths[l + 1], k: rows, activations[l].pointer,
                              deltas[l + 1].pointer, beta: 1, gradients[l].pointer)
                    if l > 0 {
                        BLAS.gemm(false, true, m: rows, n: widths[l], k: widths[l + 1], deltas[l + 1].pointer,
                                  weights[l].pointer, beta: 0, deltas[l].pointer)
                    }
                }
            }
        }
        epoch()  // warm-up
        let times = (0..<max(1, repeats)).map { _ -> Double in
            let start = DispatchTime.now().uptimeNanoseconds
            epoch()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        return times.sorted()[times.count / 2]
    }
}
