import Autoencoders
import Datasets
import Foundation
import Networks
import Tensors

/// `aelab bench`: the BLAS kernel in use, its sgemm speed, and seconds an epoch for the seed's
/// dense autoencoder. Medians of several runs, since the machine is shared.
public enum Benchmark {
    public struct Row: Codable, Sendable {
        public var model: String
        public var batch: Int
        public var epoch_seconds: Double
        public var samples_per_second: Double
        public var gflops: Double
    }

    /// The terminal interface's costs, filled in by the executable (TerminalUI sits above Notebook).
    public struct InterfaceRow: Codable, Sendable {
        public var frame_ms: Double
        public var key_ms: Double
        public var draw_share_at_10fps: Double
        public var grid_ansi_ms: Double

        public init(frame_ms: Double, key_ms: Double, draw_share_at_10fps: Double, grid_ansi_ms: Double) {
            self.frame_ms = frame_ms
            self.key_ms = key_ms
            self.draw_share_at_10fps = draw_share_at_10fps
            self.grid_ansi_ms = grid_ansi_ms
        }
    }

    public struct Report: Codable, Sendable {
        public var blas_core: String
        public var threads: Int
        public var sgemm_gflops: Double
        public var results: [Row]
        public var interface: InterfaceRow?
    }

    /// Median GFLOP/s of a 1024³ sgemm.
    public static func sgemmGFLOPS(size: Int = 1024, repeats: Int = 7) -> Double {
        var random = Random(seed: 1)
        let a = Tensor(uninitialized: [size, size]), b = Tensor(uninitialized: [size, size])
        random.fillUniform(a.data, count: a.count, low: -1, high: 1)
        random.fillUniform(b.data, count: b.count, low: -1, high: 1)
        _ = a.matmul(b)
        let times = (0..<repeats).map { _ in time { _ = a.matmul(b) } }
        return 2 * pow(Double(size), 3) / median(times) / 1e9
    }

    /// Trains the seed's 784→512→256→512→784 autoencoder on `data` and returns the median
    /// epoch time over `epochs` timed epochs (after one warm-up epoch).
    public static func denseAutoencoder(data: Dataset, batch: Int, epochs: Int) throws -> Row {
        let model = try Autoencoder(ModelConfig(kind: .ae, inputShape: [data.features], hidden: [512], latent: 256))
        let objective = ReconstructionObjective(model: model, data: data)
        var times: [Double] = []
        Trainer.fit(objective, examples: data.count, optimizer: Adam(learningRate: 0.0005),
                    options: TrainingOptions(epochs: epochs + 1, batchSize: batch), observer: { event in
            if case .epochEnded(let r) = event, r.epoch > 1 { times.append(r.epochSeconds) }
        })
        let seconds = median(times)
        // GEMM work of a training step: forward, the weight gradients, and the input gradients
        // of every layer but the first (the data needs none).
        let widths = [data.features, 512, 256, 512, data.features]
        let products = zip(widths, widths.dropFirst()).map { Double($0 * $1) }
        let flopsPerExample = 2 * (3 * products.reduce(0, +) - products[0])
        return Row(model: "dense-ae", batch: batch, epoch_seconds: seconds, samples_per_second: Double(data.count) / seconds,
                   gflops: flopsPerExample * Double(data.count) / seconds / 1e9)
    }

    public static func run(epochs: Int = 5, progress: (String) -> Void = { _ in }) throws -> Report {
        let blas = try BLASLibrary.shared()
        let gflops = sgemmGFLOPS()
        progress(String(format: "OpenBLAS core %@, %d threads: sgemm 1024³ %.1f GFLOP/s", blas.coreName, blas.threads, gflops))
        let data = try DataCatalog.load("mnist").train
        var rows: [Row] = []
        for batch in [32, 256] {
            let row = try denseAutoencoder(data: data, batch: batch, epochs: epochs)
            progress(String(format: "dense-ae batch %3d: %.3f s/epoch, %.0f samples/s, %.1f GFLOP/s (%.0f%% of sgemm)",
                            batch, row.epoch_seconds, row.samples_per_second, row.gflops, 100 * row.gflops / gflops))
            rows.append(row)
        }
        return Report(blas_core: blas.coreName, threads: blas.threads, sgemm_gflops: gflops, results: rows)
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
