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
        /// For the dense autoencoder: seconds its matrix products alone take an epoch.
        public var products_seconds: Double?
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

    /// Trains `config`'s model on `data` and returns the median epoch time over `epochs` timed
    /// epochs (after one warm-up epoch), named `name` in the report.
    public static func training(_ name: String, _ config: ModelConfig, data: Dataset, batch: Int, epochs: Int) throws -> Row {
        let model = try Autoencoder(config)
        let objective = ReconstructionObjective(model: model, data: data)
        var times: [Double] = []
        Trainer.fit(objective, examples: data.count, optimizer: Adam(learningRate: 0.0005),
                    options: TrainingOptions(epochs: epochs + 1, batchSize: batch), observer: { event in
            if case .epochEnded(let r) = event, r.epoch > 1 { times.append(r.epochSeconds) }
        })
        let seconds = median(times)
        return Row(model: name, batch: batch, epoch_seconds: seconds, samples_per_second: Double(data.count) / seconds,
                   gflops: model.trainingFLOPsPerExample * Double(data.count) / seconds / 1e9)
    }

    public static func run(epochs: Int = 5, progress: (String) -> Void = { _ in }) throws -> Report {
        let blas = try BLASLibrary.shared()
        let gflops = sgemmGFLOPS()
        progress(String(format: "OpenBLAS core %@, products split over %d cores: sgemm 1024³ %.1f GFLOP/s", blas.coreName, Parallel.cores, gflops))
        let data = try DataCatalog.load("mnist").train
        let image = [28, 28, 1]
        let runs: [(String, ModelConfig, Int)] = [
            ("dense-ae", ModelConfig(kind: .ae, inputShape: [data.features], hidden: [512], latent: 256), 32),
            ("dense-ae", ModelConfig(kind: .ae, inputShape: [data.features], hidden: [512], latent: 256), 256),
            ("dense-vae", ModelConfig.defaults(.vae, inputShape: [data.features]), 32),
            ("conv-vae", ModelConfig.defaults(.convvae, inputShape: image), 32),
        ]
        var rows: [Row] = []
        for (name, config, batch) in runs {
            var row = try training(name, config, data: data, batch: batch, epochs: epochs)
            var line = String(format: "%@ batch %3d: %.3f s/epoch, %.0f samples/s, %.1f GFLOP/s (%.0f%% of sgemm)",
                              name, batch, row.epoch_seconds, row.samples_per_second, row.gflops, 100 * row.gflops / gflops)
            if config.kind == .ae {
                // The floor under the epoch: the same products with nothing between them.
                let widths = [config.inputWidth] + config.hidden + [config.latent] + config.hidden.reversed() + [config.inputWidth]
                let products = ProductTiming.denseEpoch(widths: widths, batch: batch, examples: data.count, repeats: epochs)
                row.products_seconds = products
                line += String(format: "; its matrix products alone %.3f s", products)
            }
            progress(line)
            rows.append(row)
        }
        return Report(blas_core: blas.coreName, threads: Parallel.cores, sgemm_gflops: gflops, results: rows)
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
