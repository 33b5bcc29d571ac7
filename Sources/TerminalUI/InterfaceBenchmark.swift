import Foundation
import Networks
import Notebook
import Rendering
import Tensors

/// What the interface costs, for `aelab bench`: a frame of the notebook at 120×40 while a model
/// trains (loss chart, latent scatter of 500 points, reconstructions), a key press answered with
/// a new frame, and a 10×10 grid of digits drawn as ANSI. Medians of many runs.
public enum InterfaceBenchmark {
    public struct Figures: Sendable {
        /// Milliseconds to draw one frame during training.
        public var frameMilliseconds: Double
        /// Milliseconds from a key press to its redrawn frame.
        public var keyMilliseconds: Double
        /// Share of one core spent drawing at the interface's 10 frames a second.
        public var drawShareAtTenFPS: Double
        /// Milliseconds to turn a 10×10 grid of 28×28 digits into ANSI text (24-bit colour).
        public var gridANSIMilliseconds: Double
        /// Milliseconds from an arrow key in the explorer to the frame with the new decoding
        /// (the seed VAE's decoder, 2 → 512 → 784, over a map of 1,000 codes).
        public var exploreKeyMilliseconds: Double
    }

    public static func run(repeats: Int = 50) -> Figures {
        let model = ScreenModel(history: History(path: nil))
        _ = model.submit("train epochs=30")
        guard let job = model.nextJob() else { preconditionFailure("the screen model did not queue the command") }
        var random = Random(seed: 1)
        let send = { (event: KernelEvent) in model.apply(.kernel(job: job.id, event)) }
        send(.cellStarted(cell: 1, command: job.line))
        send(.training(.started(TrainingPlan(epochs: 30, batchSize: 32, batchesPerEpoch: 157, examples: 5000, optimizer: "Adam"))))
        let digits = (0..<(16 * 784)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for epoch in 1...10 {
            for batch in 1...157 {
                send(.training(.batchEnded(BatchReport(epoch: epoch, batch: batch, batchesPerEpoch: 157, loss: 0.3 / Double(epoch), terms: [:]))))
            }
            send(.training(.epochEnded(EpochReport(epoch: epoch, epochs: 30, loss: 0.3 / Double(epoch), terms: [:], metrics: ["val_loss": 0.31 / Double(epoch)],
                                                   samplesPerSecond: 20_000, epochSeconds: 0.25, elapsedSeconds: 0.25 * Double(epoch), etaSeconds: 5))))
            let xs = (0..<500).map { _ in random.uniform(-3, 3) }, ys = (0..<500).map { _ in random.uniform(-3, 3) }
            send(.scatter(ScatterData(title: "latent space", xs: xs, ys: ys, classes: (0..<500).map { $0 % 10 }, classNames: (0...9).map(String.init))))
            send(.images(ImageGridData(title: "reconstructions", columns: 8, imageWidth: 28, imageHeight: 28, pixels: Data(digits),
                                       rowCaptions: ["original", "decoded"])))
        }
        let frame = median((0..<repeats).map { _ in time { _ = model.render(width: 120, height: 40) } })
        let key = median((0..<repeats).map { i in time {
            _ = model.handle(.character(i % 2 == 0 ? "a" : "b"))
            _ = model.render(width: 120, height: 40)
        } })
        let grid = (0..<100).map { _ in Raster(width: 28, height: 28, channels: 1, bytes: Array(digits[0..<784]))! }
        let ansiGrid = median((0..<(repeats * 10)).map { _ in time {
            _ = ansi(imageGrid(grid, columns: 10, cellWidth: 10), depth: .trueColor)
        } })
        return Figures(frameMilliseconds: frame, keyMilliseconds: key, drawShareAtTenFPS: frame * 10 / 1000, gridANSIMilliseconds: ansiGrid,
                       exploreKeyMilliseconds: exploreKey(repeats: repeats))
    }

    /// An explorer open on 1,000 codes with a dense decoder of its own: each arrow key moves the
    /// crosshair, decodes there and draws the 120×40 frame.
    static func exploreKey(repeats: Int) -> Double {
        var random = Random(seed: 2)
        guard let decoder = try? Sequential(name: "decoder", inputShape: [2], specs: [.dense(units: 512, activation: .relu), .dense(units: 784, activation: .sigmoid)], random: &random),
              let snapshot = try? DecoderSnapshot(copying: decoder) else { return .nan }
        let region = [ScatterOverlay.Point(-4, -4), ScatterOverlay.Point(4, 4)]
        let xs = (0..<1000).map { _ in random.uniform(-3, 3) }, ys = (0..<1000).map { _ in random.uniform(-3, 3) }
        let scatter = ScatterData(title: "latent map", xs: xs, ys: ys, classes: (0..<1000).map { $0 % 10 }, classNames: (0...9).map(String.init),
                                  overlay: ScatterOverlay(bounds: region))
        let map = ExploreMap(scatter: scatter, plane: ExplorePlane(origin: [0, 0], u: [1, 0], v: [0, 1]), start: ScatterOverlay.Point(0, 0), step: 0.125,
                             region: region, planeText: "codes of 2 values as they are",
                             live: ExploreLive(decoder: snapshot, originals: [], labels: [], imageWidth: 28, imageHeight: 28))
        let model = ScreenModel(history: History(path: nil))
        _ = model.submit("explore")
        guard let job = model.nextJob() else { return .nan }
        model.apply(.kernel(job: job.id, .cellStarted(cell: 1, command: job.line)))
        model.apply(.kernel(job: job.id, .explore(.opened(map))))
        guard model.mode == .explore else { return .nan }
        return median((0..<repeats).map { i in time {
            _ = model.handle(i % 2 == 0 ? .right : .left)
            _ = model.render(width: 120, height: 40)
        } })
    }

    private static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

}
