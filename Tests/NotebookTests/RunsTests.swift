import Foundation
import Datasets
import Networks
@testable import Notebook
import Rendering
import Tensors
import XCTest

/// Named models, runs side by side, the training controls and `inspect`, through the kernel.
final class RunsTests: XCTestCase {
    func testTrainingControlsRefuseOptionsThatDoNotFitInOneLine() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=100 test=50")
        _ = try kernel.execute("model ae hidden=8 latent=2")
        let refusals = [
            ("train patience=3 validate=no", "train: option 'patience' watches val_loss, which validate=no turns off; drop one of them"),
            ("train lr_schedule=plateau validate=no", "train: option 'lr_schedule' plateau watches val_loss, which validate=no turns off; drop one of them"),
            ("train lr_step=5", "train: option 'lr_step' applies to lr_schedule=step, not constant"),
            ("train lr_schedule=cosine lr_patience=2", "train: option 'lr_patience' applies to lr_schedule=plateau, not cosine"),
            ("train lr_schedule=cosine lr=0.001 lr_min=0.01", "train: option 'lr_min' must be below lr (0.001), not 0.01"),
            ("train lr_schedule=sometimes", "train: option 'lr_schedule' must be one of constant, step, cosine, plateau, not 'sometimes'"),
            ("train checkpoint=", "train: option 'checkpoint' needs a path, e.g. checkpoint=out/best"),
            ("train clipnorm=0", "train: option 'clipnorm' must be between 1e-06 and 1000000, not 0"),
            ("train patience=-1", "train: option 'patience' must be between 0 and 100000, not -1"),
        ]
        for (line, message) in refusals {
            XCTAssertThrowsError(try kernel.execute(line), line) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testModelsAreNamedListedAndSwitchedBetween() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=100")
        _ = try kernel.execute("model ae hidden=16 latent=2")
        _ = try kernel.execute("model ae hidden=16 latent=2 seed=1")
        _ = try kernel.execute("model vae hidden=16 latent=2 name=v2")
        XCTAssertEqual(kernel.modelNames, ["ae", "ae-2", "v2"])
        _ = try kernel.execute("train epochs=2 batch=50 live=no")
        let listing = try XCTUnwrap(kernel.execute("models")).output
        XCTAssertEqual(listing.count, 4, "\(listing)")
        XCTAssertTrue(listing[3].hasPrefix("*  v2    vae   784→16→2→16→784"), listing[3])
        XCTAssertTrue(listing[1].hasPrefix("   ae  "), listing[1])

        let use = try XCTUnwrap(kernel.execute("use ae"))
        XCTAssertTrue(use.output[0].hasPrefix("using ae: ae: 784→16→2→16→784"), use.output[0])
        XCTAssertEqual(kernel.model?.kindName, "ae")
        XCTAssertTrue(kernel.history.isEmpty)
        XCTAssertEqual(kernel.status.modelNames, ["ae", "ae-2", "v2"])
        XCTAssertTrue(kernel.status.layerNames.contains("encoder/dense"), "\(kernel.status.layerNames)")

        XCTAssertThrowsError(try kernel.execute("use v3")) { XCTAssertEqual("\($0)", "use: no model called 'v3'; did you mean 'v2'? the session has ae, ae-2, v2") }
        XCTAssertThrowsError(try kernel.execute("model ae name=2fast")) { XCTAssertEqual("\($0)", "model: option 'name' must start with a letter, not '2fast'") }
        XCTAssertThrowsError(try kernel.execute("model ae name=a/b")) { XCTAssertEqual("\($0)", "model: option 'name' may hold letters, digits, '-', '_' and '.', not 'a/b'") }
        XCTAssertThrowsError(try Kernel().execute("use ae")) { XCTAssertEqual("\($0)", "use: no model called 'ae'; the session has no models yet") }

        // A name given again replaces that model, with no runs.
        _ = try kernel.execute("model ae hidden=8 latent=2 name=v2")
        XCTAssertEqual(kernel.modelNames, ["ae", "ae-2", "v2"])
        XCTAssertTrue(try XCTUnwrap(kernel.namedModel("v2")).runs.isEmpty)
    }

    func testEachTrainIsARunAndCompareRunsSetsThemSideBySide() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=100")
        _ = try kernel.execute("model ae hidden=16 latent=2 name=a")
        _ = try kernel.execute("train epochs=2 batch=50 live=no")
        _ = try kernel.execute("train epochs=1 batch=50 live=no")
        _ = try kernel.execute("model ae hidden=16 latent=2 name=b seed=4")
        _ = try kernel.execute("train epochs=3 batch=50 live=no")
        XCTAssertEqual(kernel.labelledRuns.map(\.label), ["a@1", "a@2", "b"])
        let runA2 = try XCTUnwrap(kernel.namedModel("a")).runs[1]
        XCTAssertEqual(runA2.command, "train epochs=1 batch=50 live=no")
        XCTAssertEqual(runA2.firstIndex, 2)
        XCTAssertEqual(runA2.epochCount, 1)
        XCTAssertEqual(runA2.outcome, "trained 1 epoch")

        var figures: [Figure] = []
        let all = try XCTUnwrap(kernel.execute("compare runs smooth=0") { if let f = $0.figure { figures.append(f) } })
        XCTAssertEqual(all.metrics["runs"], 3)
        guard case .chart(let chart) = figures.last else { return XCTFail("no chart") }
        // One colour a run: its loss solid, its val_loss dashed, a's second run going on from epoch 3.
        XCTAssertEqual(chart.series.map(\.name), ["a@1", "a@1 val", "a@2", "a@2 val", "b", "b val"])
        XCTAssertEqual(chart.series.map(\.colorIndex), [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(chart.series.map { $0.dashed ?? false }, [false, true, false, true, false, true])
        XCTAssertEqual(chart.series[2].firstX, 3)
        XCTAssertEqual(chart.series[4].values, kernel.namedModel("b")!.history.map(\.loss))
        XCTAssertEqual(chart.smoothing, 0)
        XCTAssertEqual(all.output[0].split(separator: " ", omittingEmptySubsequences: true).first, "run")
        XCTAssertEqual(all.metrics["final_loss_3"], kernel.namedModel("b")!.history.last!.loss)

        let one = try XCTUnwrap(kernel.execute("compare runs b a@2") { if let f = $0.figure { figures.append(f) } })
        XCTAssertEqual(one.metrics["runs"], 2)
        guard case .chart(let smoothed) = figures.last else { return XCTFail("no chart") }
        XCTAssertEqual(smoothed.smoothing, 0.6, "TensorBoard's default weight")
        XCTAssertEqual(smoothed.series.map(\.name), ["b", "b val", "a@2", "a@2 val"])

        XCTAssertThrowsError(try kernel.execute("compare runs c")) { XCTAssertEqual("\($0)", "compare: no model or run called 'c'; did you mean 'b'? the runs are a@1, a@2, b") }
        XCTAssertThrowsError(try kernel.execute("compare pca b")) { XCTAssertEqual("\($0)", "compare: unexpected 'b'; only 'compare runs' takes names") }
        XCTAssertThrowsError(try kernel.execute("compare pca smooth=0.5")) { XCTAssertEqual("\($0)", "compare: option 'smooth' applies to 'compare runs', not 'compare pca'") }
        _ = try kernel.execute("model ae hidden=16 latent=2 name=fresh")
        XCTAssertThrowsError(try kernel.execute("compare runs fresh")) { XCTAssertEqual("\($0)", "compare: model 'fresh' has not been trained; its runs come with 'train'") }
    }

    func testPatienceRestoresTheBestEpochAndTheCheckpointHoldsIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-runs-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=100")
        _ = try kernel.execute("model ae hidden=16 latent=2")
        // lr 0.3 makes Adam overshoot: val_loss stops improving and patience 1 ends the run.
        let result = try XCTUnwrap(kernel.execute("train epochs=30 batch=20 lr=0.3 patience=1 checkpoint=\(dir.path)/best live=no"))
        let history = kernel.history
        let best = try XCTUnwrap(history.min { $0.metrics["val_loss"]! < $1.metrics["val_loss"]! })
        XCTAssertEqual(result.metrics["best_epoch"], Double(best.epoch))
        XCTAssertEqual(result.metrics["best_val_loss"], best.metrics["val_loss"])
        if history.count < 30 {
            XCTAssertEqual(history.count, best.epoch + 1, "patience 1 stops one epoch after the best")
            XCTAssertTrue(result.output.contains { $0.hasPrefix("stopped early after epoch \(history.count): val_loss had not improved for 1 epoch; restored the weights of epoch \(best.epoch)") }, "\(result.output)")
        }
        // The model now holds the best epoch's weights, and so does the checkpoint.
        let now = try XCTUnwrap(kernel.execute("eval iw=0")).metrics["test_bce"]!
        let other = Kernel()
        _ = try other.execute("data mnist train=200 test=100")
        _ = try other.execute("load \(dir.path)/best")
        XCTAssertEqual(try XCTUnwrap(other.execute("eval iw=0")).metrics["test_bce"], now)
        XCTAssertTrue(result.output.contains { $0.contains("(best)") })
    }

    func testInspectShowsWeightsActivationsDeadUnitsAndGradientNorms() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=200 test=100")
        _ = try kernel.execute("model ae hidden=16 latent=2")
        XCTAssertThrowsError(try kernel.execute("inspect encoder/dens")) {
            XCTAssertEqual("\($0)", "inspect: no layer 'encoder/dens' in ae; did you mean 'encoder/dense'? its layers are encoder/dense, encoder/dense_1, decoder/dense, decoder/dense_1")
        }
        let before = try XCTUnwrap(kernel.execute("inspect encoder/dense"))
        XCTAssertTrue(before.output.contains("gradient norms: none recorded yet; 'train' records them each epoch"), "\(before.output)")
        _ = try kernel.execute("train epochs=2 batch=50 live=no")
        var figures: [Figure] = []
        let cell = try XCTUnwrap(kernel.execute("inspect encoder/dense n=100") { if let f = $0.figure { figures.append(f) } })
        XCTAssertEqual(figures.map(\.kind), ["histogram", "histogram", "chart"])
        // The kernel's mean, worked out from its values.
        let kernelWeights = kernel.model!.encoder.layers[0].parameters[0].scalars
        XCTAssertEqual(cell.metrics["kernel_mean"]!, kernelWeights.reduce(0.0) { $0 + Double($1) } / Double(kernelWeights.count), accuracy: 1e-9)
        // Dead units: columns of the first layer's output that are zero on all 100 examples.
        let output = kernel.model!.encoder.layerOutputs(kernel.data!.test.batch(0..<100))[0]
        let dead = (0..<16).filter { j in (0..<100).allSatisfy { output.data[$0 * 16 + j] == 0 } }.count
        XCTAssertEqual(cell.metrics["dead_units"], Double(dead))
        XCTAssertEqual(cell.metrics["dead_share"], Double(dead) / 16)
        // The chart holds the norms training recorded, one value an epoch.
        guard case .chart(let chart) = figures[2] else { return XCTFail("no chart") }
        XCTAssertEqual(chart.series.map(\.name), ["kernel", "bias"])
        XCTAssertEqual(chart.series[0].values, kernel.history.map { $0.gradientNorms!["encoder/dense/kernel"]! })
        guard case .histogram(let weights) = figures[0] else { return XCTFail("no histogram") }
        XCTAssertEqual(weights.groups.map { $0.counts.reduce(0, +) }, [784 * 16, 16])
    }
}
