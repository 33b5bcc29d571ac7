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
        /// Seconds an epoch's Adam steps alone take (every weight, its gradient and both moments
        /// read and written once a batch: memory, not arithmetic).
        public var optimizer_seconds: Double?
        /// The least an epoch of this model could take here: its products at this run's sgemm
        /// speed (or, for the dense autoencoder, timed alone) plus its Adam steps alone. The same
        /// arithmetic and Adam cost any framework the same, so no epoch beats this by much.
        public var floor_seconds: Double?
    }

    /// The terminal interface's costs, filled in by the executable (TerminalUI sits above Notebook).
    public struct InterfaceRow: Codable, Sendable {
        public var frame_ms: Double
        public var key_ms: Double
        public var draw_share_at_10fps: Double
        public var grid_ansi_ms: Double
        /// An arrow key in the explorer to its frame with the new decoding.
        public var explore_key_ms: Double

        public init(frame_ms: Double, key_ms: Double, draw_share_at_10fps: Double, grid_ansi_ms: Double, explore_key_ms: Double) {
            self.frame_ms = frame_ms
            self.key_ms = key_ms
            self.draw_share_at_10fps = draw_share_at_10fps
            self.grid_ansi_ms = grid_ansi_ms
            self.explore_key_ms = explore_key_ms
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

    /// Trains `model` on `data` and returns the median epoch time over `epochs` timed epochs
    /// (after one warm-up epoch), named `name` in the report.
    public static func training(_ name: String, _ model: Autoencoder, data: Dataset, batch: Int, epochs: Int) -> Row {
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

    /// The rows of the benchmark: a name (as `bench/compare.py` names it), the model as a
    /// `model` line would build it, the batch size, and the data it trains on.
    static let rows: [(name: String, model: String, batch: Int, data: String)] = [
        ("dense-ae", "ae hidden=512 latent=256", 32, "mnist"),
        ("dense-ae", "ae hidden=512 latent=256", 256, "mnist"),
        ("dense-vae", "vae", 32, "mnist"),
        ("conv-vae", "convvae", 32, "mnist"),
        ("conv-vae-convheads", "convvae heads=conv", 32, "mnist"),
        ("conv-ae", "conv", 32, "mnist"),
        ("seq2seq", "seq2seq", 32, "trec"),
        ("lstm-ae", "lstm", 32, "trec"),
    ]
    /// Timed epochs of a text row at most: each takes many seconds.
    static let textEpochs = 2

    /// The model a `model` line describes, for data of `shape`.
    static func model(_ line: String, for shape: DataShape) throws -> Autoencoder {
        guard let command = try Command.parse("model " + line), let kind = ModelKinds.named(command.arguments.first ?? "") else {
            throw NotebookError.failed("bench: cannot read the model '\(line)'")
        }
        return try Autoencoder(kind.parse(options: command.options, command: "bench"), for: shape)
    }

    /// Runs the rows named in `only` (all of them when nil) and reports them.
    public static func run(epochs: Int = 5, only: Set<String>? = nil, progress: (String) -> Void = { _ in }) throws -> Report {
        let blas = try BLASLibrary.shared()
        let gflops = sgemmGFLOPS()
        progress(String(format: "OpenBLAS core %@, products split over %d cores: sgemm 1024³ %.1f GFLOP/s", blas.coreName, Parallel.cores, gflops))
        if let only, let unknown = only.first(where: { name in !rows.contains { $0.name == name } }) {
            throw NotebookError.failed("bench: no row '\(unknown)'; rows are " + Set(rows.map(\.name)).sorted().joined(separator: ", "))
        }
        var sets: [String: Dataset] = [:]
        var results: [Row] = []
        for run in rows where only?.contains(run.name) ?? true {
            if sets[run.data] == nil { sets[run.data] = try DataCatalog.load(run.data).train }
            let data = sets[run.data]!
            let model = try model(run.model, for: DataShape(data))
            let text = model.takesTokens
            var row = training(run.name, model, data: data, batch: run.batch, epochs: text ? min(epochs, textEpochs) : epochs)
            var line = String(format: "%@ batch %3d: %.3f s/epoch, %.0f samples/s, %.1f GFLOP/s (%.0f%% of sgemm)",
                              run.name, run.batch, row.epoch_seconds, row.samples_per_second, row.gflops, 100 * row.gflops / gflops)
            let steps = optimizerEpoch(model.parameters, batches: (data.count + run.batch - 1) / run.batch, repeats: text ? 1 : epochs)
            row.optimizer_seconds = steps
            let dense = model.encoder.layers + model.decoder.layers
            let products: Double
            if dense.allSatisfy({ $0 is Dense }), !model.isVariational {
                // The same products with nothing between them, timed.
                let widths = [model.inputWidth] + dense.compactMap { ($0 as? Dense)?.bias.count }
                products = ProductTiming.denseEpoch(widths: widths, batch: run.batch, examples: data.count, repeats: epochs)
                row.products_seconds = products
            } else {
                products = model.trainingFLOPsPerExample * Double(data.count) / (gflops * 1e9)
            }
            line += String(format: "; its %@ %.3f s, its Adam steps alone %.3f s (together %.0f%% of the epoch)",
                           row.products_seconds == nil ? "products at sgemm's speed" : "matrix products alone",
                           products, steps, 100 * (products + steps) / row.epoch_seconds)
            row.floor_seconds = products + steps
            progress(line)
            results.append(row)
        }
        return Report(blas_core: blas.coreName, threads: Parallel.cores, sgemm_gflops: gflops, results: results)
    }

    /// Median seconds, over `repeats` runs, of `batches` Adam steps on `parameters`: the other
    /// floor under a dense epoch. Each step spends a gradient that an untimed backward pass
    /// (of zeros; the benchmark's model is thrown away after) has just written, as in training.
    static func optimizerEpoch(_ parameters: [Tensor], batches: Int, repeats: Int) -> Double {
        let adam = Adam(learningRate: 1e-9)
        func gradients() {
            let terms = parameters.map { ($0 * 0).sum() }
            terms.dropFirst().reduce(terms[0], +).backward()
        }
        gradients()
        adam.step(parameters)  // allocates the moments
        let times = (0..<max(1, repeats)).map { _ in
            (0..<batches).reduce(0.0) { sum, _ in
                gradients()
                return sum + time { adam.step(parameters) }
            }
        }
        return median(times)
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
