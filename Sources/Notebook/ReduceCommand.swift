import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// `reduce`: the data mapped to two dimensions by PCA, by a linear autoencoder (for 3-D sets)
/// and by the current model, side by side, with the test error of rebuilding the data from
/// each map and, on labelled data, how well each map separates the classes.
struct ReduceCommand: NotebookCommand {
    static let name = "reduce"
    static let summary = "map the data to 2-D with PCA and with the model (and a linear autoencoder for 3-D sets): the maps side by side, each one's reconstruction error, 5-NN accuracy in 2-D"

    @Option(help: "also train a linear autoencoder to 2-D (default: for data of three values, such as swissroll)") var linear: Bool?
    @Option(name: "linear_epochs", help: "epochs of the linear autoencoder", in: 1...100_000) var epochs = 100
    @Option(name: "linear_lr", help: "Adam learning rate of the linear autoencoder", in: 1e-9...10) var learningRate: Float = 0.01
    @Option(help: "batch size of the linear autoencoder", in: 1...1_000_000) var batch = 32
    @Option(help: "seed of the linear autoencoder's weights and shuffling") var seed: UInt64 = 0
    @Option(help: "test points drawn in each map", in: 2...1_000_000) var n = 2000
    @Option(help: "neighbours voting in the k-NN accuracy", in: 1...100) var k = 5

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        guard model.codeWidth == 2 else {
            throw NotebookError.needs(command: Self.name, what: "maps to two dimensions, but the model's code has \(model.codeWidth); build one with latent=2, e.g. 'model ae hidden=512,128 latent=2'")
        }
        guard data.train.count >= 2, data.test.count >= 1, data.train.features >= 2 else {
            throw NotebookError.needs(command: Self.name, what: "needs two or more training examples of two or more values, and a test set")
        }
        if let labels = data.train.labels, k > labels.count {
            throw NotebookError.badOption(command: Self.name, option: "k", reason: "asks \(k) neighbours among \(labels.count) training examples")
        }
        let trainX = data.train.all(), testX = data.test.all()
        let shown = min(n, data.test.count)
        let threeD = data.train.features == 3
        if threeD { cell.show(.scatter3D(threeDScatter(data.train, count: min(n, data.train.count))), name: "data3d") }

        var maps: [ReducedMap] = []
        let pca = try fittedPCA(trainX, components: 2, command: Self.name)
        try maps.append(measuring(Self.name) {
            ReducedMap(name: "PCA", key: "pca", train: try pca.transform(trainX), test: try pca.transform(testX),
                       mse: try pca.reconstructionError(testX))
        })
        if linear ?? threeD {
            var kind = LinearKind()
            kind.latent = 2
            kind.common.seed = seed
            let linearModel: Autoencoder
            do { linearModel = try Autoencoder(kind, for: DataShape(data.train)) } catch { throw NotebookError.failed("reduce: \(error)") }
            try kernel.trainAside(linearModel, on: data.train, AsideTraining(epochs: epochs, batch: batch, learningRate: learningRate, seed: seed),
                                  cell: cell, label: "linear autoencoder")
            maps.append(try ReducedMap(model: linearModel, name: "linear autoencoder", key: "linear", data: data, test: testX))
        }
        maps.append(try ReducedMap(model: model, name: "\(model.kindName) autoencoder", key: "nonlinear", data: data, test: testX))

        let labelled = data.train.labels != nil && data.test.labels != nil
        for (i, map) in maps.enumerated() {
            var line = "\(map.name.padding(24)) test reconstruction MSE \(fmt(map.mse, 5))"
            cell.metrics["mse_\(map.key)"] = map.mse
            if labelled {
                let accuracy = try measuring(Self.name) {
                    try Retrieval.knnAccuracy(queries: map.test, queryLabels: data.test.labels!, references: map.train,
                                              referenceLabels: data.train.labels!, k: k, metric: .euclidean)
                }
                maps[i].knn = accuracy
                line += ", \(k)-NN accuracy in 2-D \(fmt(100 * accuracy, 1))%"
                cell.metrics["knn2d_\(map.key == "nonlinear" ? "ae" : map.key)"] = accuracy
            }
            cell.print(line)
        }
        if let pcaMSE = maps.first?.mse, let last = maps.last, pcaMSE > 0 {
            cell.print("\(last.name) error / PCA's: \(fmt(last.mse / pcaMSE, 3))")
        }
        let panels = maps.map { map -> Figure in
            var scatter = ScatterData(title: map.name + ": MSE " + fmt(map.mse, map.mse < 0.1 ? 4 : 2) + (map.knn.map { ", \(k)-NN \(fmt(100 * $0, 1))%" } ?? ""),
                                      xs: (0..<shown).map { map.test.data[$0 * 2] }, ys: (0..<shown).map { map.test.data[$0 * 2 + 1] },
                                      classes: data.test.labels.map { Array($0.prefix(shown)) }, classNames: data.test.classNames)
            scatter.values = data.test.colours.map { Array($0.values.prefix(shown)) }
            (scatter.xLabel, scatter.yLabel) = map.key == "pca" ? ("PC 1", "PC 2") : ("z₁", "z₂")
            return .scatter(scatter)
        }
        let colouring = data.test.colours.map { "coloured by \($0.name)" } ?? (labelled ? "coloured by class" : "")
        cell.show(.panels(PanelsData(title: "\(shown) test points of \(data.test.name) in two dimensions" + (colouring.isEmpty ? "" : ", \(colouring)"),
                                     panels: panels)), name: Self.name)
    }

    /// The first `count` training points of a 3-value set in 3-D, coloured by their colour
    /// value or class, seen from a little round and above.
    private func threeDScatter(_ set: Dataset, count: Int) -> Scatter3DData {
        let x = set.batch(0..<count)
        let colour = set.colours.map { "coloured by \($0.name)" } ?? (set.labels != nil ? "coloured by class" : "")
        return Scatter3DData(title: "\(count) training points of \(set.name) in 3-D" + (colour.isEmpty ? "" : ", \(colour)"),
                             xs: (0..<count).map { x.data[$0 * 3] }, ys: (0..<count).map { x.data[$0 * 3 + 1] },
                             zs: (0..<count).map { x.data[$0 * 3 + 2] }, classes: set.labels.map { Array($0.prefix(count)) },
                             classNames: set.classNames, values: set.colours.map { Array($0.values.prefix(count)) },
                             azimuth: 20, elevation: 15)
    }
}

/// One way of mapping the data to 2-D: both sets' coordinates and the test error of rebuilding.
struct ReducedMap {
    var name: String
    /// Names its figures: mse_KEY, knn2d_KEY.
    var key: String
    var train: Tensor
    var test: Tensor
    var mse: Double
    var knn: Double?

    init(name: String, key: String, train: Tensor, test: Tensor, mse: Double) {
        self.name = name
        self.key = key
        self.train = train
        self.test = test
        self.mse = mse
    }

    /// The codes of `model` and its test error.
    init(model: Autoencoder, name: String, key: String, data: DataSplit, test: Tensor) throws {
        let rebuilt = model.predict(test)
        let mse = try measuring(ReduceCommand.name) { try Metrics.meanSquaredError(rebuilt.reshaped(test.shape), test) }
        self.init(name: name, key: key, train: model.encode(data.train), test: model.encode(data.test), mse: mse)
    }
}
