import Analysis
import Autoencoders
import Foundation
import Networks
@testable import Notebook
import Rendering
import Tensors
import XCTest

/// Retrieval, anomaly detection, semi-supervision and dimensionality reduction: what each
/// refuses, the figures it reports beside its baselines, and the pictures it draws.
final class UsesTests: XCTestCase {
    /// A kernel with `data`, then each of `lines`, and the figures of the last cell.
    private func run(_ lines: [String], figures: inout [Figure]) throws -> CellResult {
        let kernel = Kernel()
        for line in lines.dropLast() { _ = try kernel.execute(line) }
        final class Shown { var figures: [Figure] = [] }
        let shown = Shown()
        let last = try kernel.execute(lines.last!) { event in if let figure = event.figure { shown.figures.append(figure) } }
        figures = shown.figures
        return try XCTUnwrap(last)
    }

    private func error(_ lines: [String]) -> String {
        let kernel = Kernel()
        for line in lines.dropLast() { _ = try? kernel.execute(line) }
        do {
            _ = try kernel.execute(lines.last!)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    // MARK: Refusals, one line each, before any work

    func testEachUseRefusesWhatItCannotDoInOneLine() {
        let mnist = "data mnist train=200 test=100"
        XCTAssertEqual(error([mnist, "retrieve index=0"]),
                       "retrieve: no codes: there is no model to encode with; build and train one first, e.g. 'model ae hidden=512 latent=32' and 'train'")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "retrieve index=100"]), "retrieve: option 'index' is past the 100 test images (0…99)")
        XCTAssertEqual(error(["data swissroll n=100", "model ae hidden=8 latent=2 output=linear loss=mse", "retrieval"]),
                       "retrieval: swissroll is unlabelled; precision by label needs a label for every example")
        XCTAssertEqual(error([mnist, "anomaly holdout=1"]),
                       "anomaly: no model to take the kind from; build one first, e.g. 'model vae hidden=512 latent=16' (anomaly trains its own copies)")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "anomaly"]),
                       "anomaly: say which class to hold out: holdout=K (a class number) or holdout=all")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "anomaly holdout=10"]),
                       "anomaly: option 'holdout' names class 10, but mnist has classes 0…9")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "anomaly holdout=one"]),
                       "anomaly: option 'holdout' must be a class number (0, 1, …) or all, not 'one'")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "anomaly holdout=3 score=elbo"]),
                       "anomaly: option 'score' elbo needs a variational model (model vae); this one is ae")
        XCTAssertEqual(error(["data sphere n=100", "model ae hidden=8 latent=2 output=linear loss=mse", "anomaly holdout=0"]),
                       "anomaly: sphere is unlabelled; anomaly detection needs a label for every example")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "semi labels=15"]),
                       "semi: option 'labels' must be a multiple of the 10 classes (the same number from each), not 15")
        XCTAssertTrue(error([mnist, "model ae hidden=8 latent=4", "semi labels=1000"]).hasPrefix("semi: option 'labels' asks 100 of each class, but class "))
        XCTAssertEqual(error([mnist, "semi labels=100"]),
                       "semi: no codes: there is no model to encode with; build and train one first, e.g. 'model ae hidden=512 latent=32' and 'train'")
        XCTAssertEqual(error([mnist, "model ae hidden=8 latent=4", "reduce"]),
                       "reduce: maps to two dimensions, but the model's code has 4; build one with latent=2, e.g. 'model ae hidden=512,128 latent=2'")
    }

    // MARK: Retrieval

    func testPrecisionCurveCountsSharedLabelsAmongTheFirstJNeighbours() throws {
        // References on a line at 0, 1, 2, 10, 11 labelled 0, 0, 1, 1, 1. The query at 0.2
        // (label 0) finds 0, 1, 2: right, right, wrong; the one at 10.4 (label 1) finds 10, 11, 2.
        let references = Tensor([0, 1, 2, 10, 11], shape: [5, 1])
        let queries = Tensor([0.2, 10.4], shape: [2, 1])
        let neighbours = try Neighbours(queries: queries, references: references, k: 3, metric: .euclidean)
        let curve = RetrievalCommand.precisionCurve(neighbours, queryLabels: [0, 1], referenceLabels: [0, 0, 1, 1, 1])
        XCTAssertEqual(curve, [1, 1, 5.0 / 6])
    }

    func testRetrievalSetsTheCodesBesidePixelsAndPCAOfTheSameWidth() throws {
        var figures: [Figure] = []
        let lines = ["data mnist train=300 test=100", "model ae hidden=16 latent=4 code=linear", "train epochs=1 live=no", "retrieval k=5"]
        let result = try run(lines, figures: &figures)
        let kernel = Kernel()
        _ = try kernel.execute(lines[0])
        let data = kernel.data!
        let raw = try Retrieval.precisionAtK(queries: data.test.all(), queryLabels: data.test.labels!, references: data.train.all(),
                                             referenceLabels: data.train.labels!, k: 5, metric: .cosine)
        XCTAssertEqual(result.metrics["raw_p5"]!, raw, accuracy: 1e-12)
        for name in ["retrieval_p5", "pca_p5"] { XCTAssertTrue((0...1).contains(result.metrics[name]!), name) }
        guard case .chart(let chart) = try XCTUnwrap(figures.first) else { return XCTFail("a chart of precision at j") }
        XCTAssertEqual(chart.series.count, 3)
        XCTAssertEqual(chart.series[1].values.last!, raw, accuracy: 1e-12)
        XCTAssertEqual(chart.series[0].values.count, 5)
    }

    func testRetrieveShowsTheQueryAndItsNeighboursByCodeAndByPixels() throws {
        var figures: [Figure] = []
        let result = try run(["data mnist train=300 test=100", "model ae hidden=16 latent=4", "retrieve index=3 k=4 metric=euclidean"], figures: &figures)
        XCTAssertEqual(figures.count, 2)
        guard case .images(let grid) = figures[0] else { return XCTFail("a grid") }
        XCTAssertEqual(grid.count, 5)
        XCTAssertTrue(grid.columnCaptions![0].hasPrefix("query "))
        XCTAssertTrue((0...4).contains(result.metrics["hits"]!))
        XCTAssertTrue((0...4).contains(result.metrics["raw_hits"]!))
        // The first image is the query itself: test image 3.
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=300 test=100")
        let query = kernel.data!.test.example(3).map { UInt8(($0 * 255).rounded()) }
        XCTAssertEqual([UInt8](grid.pixels.prefix(784)), query)
    }

    // MARK: Anomalies

    func testRelativeErrorDividesByTheImagesOwnInk() {
        XCTAssertEqual(AnomalyRun.relative([2, 3, 0.5], [4, 1, 0]), [0.5, 3, 0.5e6])
        let a = Tensor([1, 2, 0, 0], shape: [2, 2]), b = Tensor([0, 2, 1, 1], shape: [2, 2])
        XCTAssertEqual(AnomalyRun.squaredErrors(a, b), [1, 2])
        XCTAssertEqual(AnomalyRun.squaredNorms(a), [5, 0])
    }

    func testAnomalyTrainsAFreshCopyAndReportsItsAUCBesidePCA() throws {
        var figures: [Figure] = []
        let lines = ["data mnist train=300 test=200", "model ae hidden=16 latent=4 code=linear", "anomaly holdout=1 epochs=2"]
        let kernel = Kernel()
        for line in lines.dropLast() { _ = try kernel.execute(line) }
        let before = kernel.model!.parameters.map(\.scalars)
        final class Shown { var figures: [Figure] = [] }
        let shown = Shown()
        let result = try XCTUnwrap(kernel.execute(lines.last!) { if let f = $0.figure { shown.figures.append(f) } })
        figures = shown.figures
        XCTAssertEqual(kernel.model!.parameters.map(\.scalars), before, "the current model is left as it was")
        for name in ["anomaly_auc", "pca_anomaly_auc", "anomaly_error_auc", "pca_same_score_auc"] {
            XCTAssertTrue((0...1).contains(result.metrics[name]!), name)
        }
        // PCA's figure is PCA-4 fitted to the training images that are not 1s, scored by squared error.
        let data = kernel.data!
        let keep = data.train.labels!.indices.filter { data.train.labels![$0] != 1 }
        let pca = try PCA(fitting: data.train.subset(keep).all(), components: 4)
        let test = data.test.all()
        let errors = AnomalyRun.squaredErrors(test, try pca.inverse(pca.transform(test)))
        let auc = try Metrics.rocAUC(scores: errors, positives: data.test.labels!.map { $0 == 1 })
        XCTAssertEqual(result.metrics["pca_anomaly_auc"]!, auc, accuracy: 1e-9)
        guard case .histogram(let histogram) = figures.first(where: { $0.kind == "histogram" }) else { return XCTFail("a histogram by class") }
        XCTAssertEqual(histogram.groups.count, 10)
        XCTAssertEqual(histogram.groups[1].name, "1 (held out)")
        XCTAssertEqual(histogram.groups.map { $0.counts.reduce(0, +) }.reduce(0, +), 200, "every test image in a bin")
        guard case .images(let grid) = figures.first(where: { $0.kind == "images" }) else { return XCTFail("the most anomalous images") }
        XCTAssertEqual(grid.count, 12)
    }

    func testHoldoutAllReportsEachClassAndTheMean() throws {
        var figures: [Figure] = []
        let result = try run(["data mnist train=200 test=100", "model ae hidden=8 latent=2", "anomaly holdout=all epochs=1 score=error"], figures: &figures)
        let each = (0..<10).map { result.metrics["anomaly_auc_\($0)"]! }
        XCTAssertEqual(result.metrics["anomaly_auc"]!, each.reduce(0, +) / 10, accuracy: 1e-12)
        XCTAssertEqual(result.metrics["anomaly_auc"]!, result.metrics["anomaly_error_auc"]!, "score=error is the plain error")
        guard case .chart(let chart) = try XCTUnwrap(figures.last) else { return XCTFail("a chart by class") }
        XCTAssertEqual(chart.series.map(\.values.count), [10, 10])
    }

    func testNegativeELBOAddsTheKLToTheSampledReconstruction() throws {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=100 test=20")
        _ = try kernel.execute("model vae hidden=8 latent=2")
        let model = kernel.model!
        let x = kernel.data!.test.batch(0..<4)
        let scores = AnomalyRun.negativeELBO(model, x, samples: 3, seed: 1)
        XCTAssertEqual(scores.count, 4)
        // Averaged over the batch, it is the training loss's −ELBO with its own draws: close, and
        // at least the KL (which is never negative) above the reconstruction at the mean.
        var context = ForwardContext.inference
        let (mean, logVariance) = model.gaussian(x, &context)
        let kl = Double(Variational.kl(mean: mean, logVariance: logVariance).item)
        XCTAssertGreaterThan(Double(scores.reduce(0, +)) / 4, kl)
        XCTAssertGreaterThan(kl, 0)
    }

    // MARK: Semi-supervised

    func testSpreadingLabelsTwoClustersFromOneLabelEach() throws {
        // Two clusters along a line; one labelled row in each. The test rows sit inside them.
        let train = Tensor([0, 0.1, 0.2, 0.3, 5, 5.1, 5.2, 5.3], shape: [8, 1])
        let test = Tensor([0.15, 5.25, 0.05], shape: [3, 1])
        let solver = SemiSolver(neighbours: 2, alpha: 0.9, metric: .euclidean, c: 1, classes: 2,
                                trainLabels: [0, 0, 0, 0, 1, 1, 1, 1], testLabels: [0, 1, 0])
        let set = SemiSet(name: "line", key: "", train: train, test: test)
        let spread = try solver.spread(set, [0, 7])
        XCTAssertEqual(spread.test, 1)
        XCTAssertEqual(spread.train, 1, "all six unlabelled rows get their cluster's label")
        XCTAssertEqual(try solver.labelledOnly(set, [0, 7]), 1)
    }

    func testSemiReportsEachMethodOnCodesPCAAndPixels() throws {
        var figures: [Figure] = []
        let result = try run(["data mnist train=300 test=100", "model ae hidden=16 latent=4 code=linear", "train epochs=1 live=no",
                              "semi labels=20 neighbours=5"], figures: &figures)
        for key in ["", "pca_", "raw_"] {
            for name in ["semi_\(key)accuracy", "labelled_\(key)accuracy", "spread_\(key)train_accuracy"] {
                XCTAssertTrue((0...1).contains(result.metrics[name]!), name)
            }
        }
        guard case .chart(let chart) = try XCTUnwrap(figures.first) else { return XCTFail("a chart by labels per class") }
        XCTAssertEqual(chart.series.count, 6)
        XCTAssertEqual(chart.series[0].values.count, 2, "1 and 2 labels per class")
        XCTAssertEqual(chart.series[0].values.last!, result.metrics["semi_accuracy"]!, accuracy: 1e-12)
        let labelled = try run(["data mnist train=300 test=100", "model ae hidden=16 latent=4 code=linear", "semi labels=20 method=labelled"], figures: &figures)
        XCTAssertEqual(labelled.metrics["semi_accuracy"], labelled.metrics["labelled_accuracy"])
    }

    // MARK: Dimensionality reduction

    func testReduceOnA3DSetShowsItAndSetsThreeMapsSideBySide() throws {
        var figures: [Figure] = []
        let lines = ["data blobs3d n=200", "model ae hidden=8 latent=2 code=linear output=linear loss=mse", "train epochs=2 live=no",
                     "reduce linear_epochs=2 k=3"]
        let result = try run(lines, figures: &figures)
        guard case .scatter3D(let cloud) = figures.first else { return XCTFail("the data in 3-D first") }
        XCTAssertEqual(cloud.xs.count, 160, "the training points")
        XCTAssertEqual(cloud.classes?.count, 160)
        guard case .panels(let panels) = try XCTUnwrap(figures.last) else { return XCTFail("the maps side by side") }
        XCTAssertEqual(panels.panels.count, 3)
        for name in ["mse_pca", "mse_linear", "mse_nonlinear", "knn2d_pca", "knn2d_linear", "knn2d_ae"] { XCTAssertNotNil(result.metrics[name], name) }
        let kernel = Kernel()
        _ = try kernel.execute(lines[0])
        let pca = try PCA(fitting: kernel.data!.train.all(), components: 2)
        XCTAssertEqual(result.metrics["mse_pca"]!, try pca.reconstructionError(kernel.data!.test.all()), accuracy: 1e-9)
    }

    func testReduceColoursUnlabelledPointsByTheirValue() throws {
        var figures: [Figure] = []
        _ = try run(["data swissroll n=100", "model ae hidden=8 latent=2 code=linear output=linear loss=mse", "reduce linear=no"], figures: &figures)
        guard case .panels(let panels) = try XCTUnwrap(figures.last), case .scatter(let map) = panels.panels[0] else { return XCTFail("maps") }
        XCTAssertEqual(panels.panels.count, 2, "no linear autoencoder when asked not to")
        XCTAssertNil(map.classes)
        XCTAssertEqual(map.values?.count, 20)
    }
}
