import Analysis
import Autoencoders
import Datasets
import Foundation
import Options
import Rendering
import Tensors

/// How `semi` turns a few labels and many unlabelled codes into a classifier.
enum SemiMethod: String, ChoiceValue {
    /// Label spreading over the k-nearest-neighbour graph of all training rows (Zhou et al.
    /// 2004); a test row takes the spread scores of its k nearest training rows.
    case spread
    /// Logistic regression on the labelled rows alone: what codes add without the unlabelled data.
    case labelled
}

/// `semi labels=100`: a classifier from a few labelled training images and many unlabelled
/// ones, on the model's codes, beside the same on raw pixels and on PCA of the same width.
struct SemiCommand: NotebookCommand {
    static let name = "semi"
    static let summary = "semi-supervised: a few labels and the unlabelled rest; methods: spread (label spreading over the k-NN graph of the training codes, test images voted by their nearest), labelled (logistic regression on the labelled codes alone); beside raw pixels and PCA"

    @Option(help: "how many training images keep their label (the same number from each class)", in: 1...10_000_000) var labels = 100
    @Option(help: "spread: label spreading over the k-NN graph of the training images (Zhou et al. 2004), each test image scored by its k nearest; labelled: logistic regression on the labelled images alone")
    var method = SemiMethod.spread
    @Option(help: "spread: neighbours each image links to in the graph", in: 1...1000) var neighbours = 10
    @Option(help: "spread: how far labels travel, 0 < α < 1 (Zhou's α)", in: 0.01...0.9999) var alpha = 0.99
    @Option(help: "spread: the graph's distance") var metric = DistanceChoice.cosine
    @Option(name: "c", help: "labelled: inverse strength of the L2 penalty, as scikit-learn's C", in: 1e-6...1e6) var inverseRegularization = 1.0
    @Option(help: "seed for choosing the labelled images") var seed: UInt64 = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        let known = try kernel.requireLabels(Self.name, for: "semi-supervised learning")
        let codes = try kernel.requireCodes(Self.name)
        let classes = max(data.train.classCount, data.test.classCount)
        guard classes >= 2 else { throw NotebookError.needs(command: Self.name, what: "\(data.train.name) has one class; a classifier needs two or more") }
        guard labels % classes == 0 else {
            throw NotebookError.badOption(command: Self.name, option: "labels", reason: "must be a multiple of the \(classes) classes (the same number from each), not \(labels)")
        }
        let perClass = labels / classes
        var byClass = [[Int]](repeating: [], count: classes)
        for (i, label) in known.train.enumerated() { byClass[label].append(i) }
        if let thin = byClass.indices.first(where: { byClass[$0].count < perClass }) {
            throw NotebookError.badOption(command: Self.name, option: "labels", reason: "asks \(perClass) of each class, but class \(className(data.train, thin)) has \(byClass[thin].count) training images")
        }
        guard labels < data.train.count else {
            throw NotebookError.badOption(command: Self.name, option: "labels", reason: "leaves no unlabelled training image (there are \(data.train.count))")
        }
        let width = codes.train.shape[1]
        guard width <= min(data.train.features, data.train.count) else {
            throw NotebookError.needs(command: Self.name, what: "codes of \(width) values are wider than PCA can be on \(data.train.count) examples of \(data.train.features) values")
        }
        // Each class's images in an order drawn under the seed; the first j of each are labelled.
        var random = Random(seed: seed)
        for c in 0..<classes { random.shuffle(&byClass[c]) }
        let trainX = data.train.all(), testX = data.test.all()
        let pca = try fittedPCA(trainX, components: width, command: Self.name)
        let (pcaTrain, pcaTest) = try measuring(Self.name) { (try pca.transform(trainX), try pca.transform(testX)) }
        let kind = kernel.model?.kindName ?? "model"
        let sets: [SemiSet] = [
            SemiSet(name: "\(kind) codes (\(width)-d)", key: "", train: codes.train, test: codes.test),
            SemiSet(name: "PCA-\(width)", key: "pca_", train: pcaTrain, test: pcaTest),
            SemiSet(name: "raw pixels", key: "raw_", train: trainX, test: testX),
        ]
        let solver = SemiSolver(neighbours: neighbours, alpha: alpha, metric: metric.metric, c: inverseRegularization, classes: classes,
                                trainLabels: known.train, testLabels: known.test)
        let chosen = (0..<classes).flatMap { byClass[$0].prefix(perClass) }
        cell.print("\(labels) labelled training images (\(perClass) of each class, drawn under seed \(seed)); the other \(data.train.count - labels) are used without their labels")
        cell.print("test accuracy on \(data.test.count) images:".padding(35) + "labelled alone   spread (k=\(neighbours), α=\(alpha.optionText), \(metric.rawValue))")
        var results: [String: (labelled: Double, spread: Double)] = [:]
        for set in sets {
            let labelled = try solver.labelledOnly(set, chosen)
            let spread = try solver.spread(set, chosen)
            results[set.key] = (labelled, spread.test)
            cell.print("  \(set.name.padding(32)) " + (fmt(100 * labelled, 1) + "%").padding(17) + (fmt(100 * spread.test, 1) + "%").padding(8)
                       + "(the spread labels are right on \(fmt(100 * spread.train, 1))% of the unlabelled training images)")
            cell.metrics["labelled_\(set.key)accuracy"] = labelled
            cell.metrics["spread_\(set.key)train_accuracy"] = spread.train
            cell.metrics["semi_\(set.key)accuracy"] = method == .spread ? spread.test : labelled
        }
        let mine = results[""]!, pixels = results["raw_"]!, linear = results["pca_"]!
        let pick: ((labelled: Double, spread: Double)) -> Double = { method == .spread ? $0.spread : $0.labelled }
        cell.print("\(method.rawValue): \(kind) codes \(fmt(100 * pick(mine), 1))%, PCA-\(width) \(fmt(100 * pick(linear), 1))%, raw pixels \(fmt(100 * pick(pixels), 1))%")
        try chart(sets, solver: solver, byClass: byClass, perClass: perClass, cell: cell)
    }

    /// Test accuracy against labels per class, each method on each representation: how much
    /// the unlabelled images help, and from how few labels.
    private func chart(_ sets: [SemiSet], solver: SemiSolver, byClass: [[Int]], perClass: Int, cell: Cell) throws {
        let step = max(1, (perClass + 9) / 10)
        let counts = Array(stride(from: step, through: perClass, by: step))
        var spread = [[Double]](repeating: [], count: sets.count), alone = [[Double]](repeating: [], count: sets.count)
        for j in counts {
            let chosen = byClass.flatMap { $0.prefix(j) }
            for (s, set) in sets.enumerated() {
                spread[s].append(try solver.spread(set, chosen).test)
                alone[s].append(try solver.labelledOnly(set, chosen))
            }
        }
        var series: [ChartData.Series] = []
        for (s, set) in sets.enumerated() {
            series.append(.init(name: "\(set.name), spread", values: spread[s], firstX: 1))
            series.append(.init(name: "\(set.name), labelled alone", values: alone[s], firstX: 1))
        }
        var chart = ChartData(title: "test accuracy from a few labels per class", xLabel: step == 1 ? "labelled images per class" : "labelled images per class ÷ \(step)", series: series)
        chart.yLabel = "test accuracy"
        cell.show(.chart(chart), name: Self.name)
    }
}

/// One representation of both sets: the codes, PCA's, or the pixels themselves.
struct SemiSet {
    var name: String
    /// Prefix of its figures' names ("pca_").
    var key: String
    var train: Tensor
    var test: Tensor
}

/// The two methods, on any representation.
struct SemiSolver {
    let neighbours: Int
    let alpha: Double
    let metric: Metric
    let c: Double
    let classes: Int
    let trainLabels: [Int]
    let testLabels: [Int]

    /// Test accuracy of logistic regression on the rows `chosen` alone.
    func labelledOnly(_ set: SemiSet, _ chosen: [Int]) throws -> Double {
        try measuring(SemiCommand.name) {
            let x = Tensor.withoutGradients { set.train.gathered(chosen) }
            let classifier = try LogisticRegression(fitting: x, labels: chosen.map { trainLabels[$0] }, classes: classes, c: c)
            return try Metrics.accuracy(predicted: classifier.predict(set.test), labels: testLabels)
        }
    }

    /// Labels spread from the rows `chosen` over the graph of all training rows; each test
    /// row then takes the class its k nearest training rows' spread scores, as shares, sum
    /// highest for (the graph's rule extended to a new row: Delalleau, Bengio and Le Roux 2005). Returns the
    /// test accuracy and the share of unlabelled training rows whose spread label is right.
    func spread(_ set: SemiSet, _ chosen: [Int]) throws -> (test: Double, train: Double) {
        try measuring(SemiCommand.name) {
            var given = [Int?](repeating: nil, count: trainLabels.count)
            for i in chosen { given[i] = trainLabels[i] }
            let spreading = try LabelSpreading(codes: set.train, labels: given, neighbours: neighbours, alpha: alpha, metric: metric)
            let unlabelled = Set(0..<trainLabels.count).subtracting(chosen)
            let right = unlabelled.filter { spreading.predictions[$0] == trainLabels[$0] }.count
            let near = try Neighbours(queries: set.test, references: set.train, k: neighbours, metric: metric)
            let c = spreading.classes
            let predicted = (0..<near.queryCount).map { q -> Int in
                var sums = [Double](repeating: 0, count: c)
                for r in near.of(q) {
                    // Each neighbour votes with its spread scores as shares, however far the
                    // labels travelled to reach it.
                    let row = spreading.scores[(r * c)..<((r + 1) * c)], total = row.reduce(0, +)
                    guard total > 0 else { continue }
                    for t in 0..<c { sums[t] += row[r * c + t] / total }
                }
                var best = 0
                for t in 1..<c where sums[t] > sums[best] { best = t }
                return best
            }
            let test = try Metrics.accuracy(predicted: predicted, labels: testLabels)
            return (test, Double(right) / Double(max(unlabelled.count, 1)))
        }
    }
}

extension Tensor {
    /// Rows `indices` of a [N, d] tensor, in that order, as a new [indices.count, d] tensor.
    func gathered(_ indices: [Int]) -> Tensor {
        let d = shape[1]
        let out = Tensor(uninitialized: [indices.count, d])
        for (r, i) in indices.enumerated() { (out.data + r * d).update(from: data + i * d, count: d) }
        return out
    }
}
