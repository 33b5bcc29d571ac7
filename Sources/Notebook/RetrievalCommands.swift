import Analysis
import Autoencoders
import Datasets
import Foundation
import Options
import Rendering
import Tensors

/// How retrieval measures nearness (Analysis's `Metric`, as an option value).
enum DistanceChoice: String, ChoiceValue {
    case cosine, euclidean

    var metric: Metric { self == .cosine ? .cosine : .euclidean }
}

/// `retrieve index=I k=8`: one test image and its nearest training images by code, and by raw
/// pixels beside them.
struct RetrieveCommand: NotebookCommand {
    static let name = "retrieve"
    static let summary = "a test image and its k nearest training images by code, beside the nearest by raw pixels"

    @Option(help: "which test image is the query", in: 0...Int(Int32.max)) var index = 0
    @Option(help: "how many neighbours", in: 1...50) var k = 8
    @Option(help: "cosine or euclidean distance") var metric = DistanceChoice.cosine

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        guard index < data.test.count else {
            throw NotebookError.badOption(command: Self.name, option: "index", reason: "is past the \(data.test.count) test images (0…\(data.test.count - 1))")
        }
        guard k <= data.train.count else {
            throw NotebookError.badOption(command: Self.name, option: "k", reason: "asks for \(k) neighbours among \(data.train.count) training examples")
        }
        let codes = try kernel.requireCodes(Self.name)
        let query = index..<(index + 1)
        let byCode = try measuring(Self.name) {
            try Neighbours(queries: Tensor.withoutGradients { codes.test.rows(query) }, references: codes.train, k: k, metric: metric.metric)
        }
        let byPixels = try measuring(Self.name) {
            try Neighbours(queries: data.test.batch(query), references: data.train.all(), k: k, metric: metric.metric)
        }
        let queryLabel = data.test.labels?[index]
        func caption(_ label: Int?) -> String { label.map { className(data.train, $0) } ?? "" }
        for (what, neighbours, name) in [("code", byCode, "retrieve"), ("raw pixels", byPixels, "retrieve-pixels")] {
            let found = Array(neighbours.of(0))
            // Captions stay as narrow as an image; the distances go in the text.
            var captions = ["query " + caption(queryLabel)]
            for r in found {
                let label = data.train.labels?[r]
                captions.append(caption(label) + (queryLabel != nil && label == queryLabel ? "✓" : ""))
            }
            cell.print("nearest by \(what) (\(metric.rawValue) distance): "
                       + zip(found, neighbours.distances).map { "#\($0) \(fmt(Double($1), 3))" }.joined(separator: ", "))
            if let size = data.test.imageSize {
                let images = Tensor(uninitialized: [k + 1, data.train.features])
                data.test.fill(images.data, indices: query)
                data.train.fill(images.data + data.train.features, indices: found)
                cell.show(.images(ImageGridData(title: "test image \(index) and its \(k) nearest training images by \(what) (\(metric.rawValue) distance)",
                                                columns: k + 1, width: size.width, height: size.height, rows: images.data, count: k + 1,
                                                columnCaptions: captions)), name: name)
            } else {
                cell.print("their labels: " + captions.dropFirst().joined(separator: " "))
            }
            if let queryLabel, let labels = data.train.labels {
                let hits = found.filter { labels[$0] == queryLabel }.count
                cell.print("by \(what): \(hits) of \(k) share the query's label (\(caption(queryLabel)))")
                cell.metrics[name == "retrieve" ? "hits" : "raw_hits"] = Double(hits)
            }
        }
    }
}

/// `retrieval k=10`: precision at k by label over the test set, for the codes, raw pixels and
/// PCA of the same width.
struct RetrievalCommand: NotebookCommand {
    static let name = "retrieval"
    static let summary = "precision at k of the nearest training images to each test image by code, beside raw pixels and PCA of the same width"

    @Option(help: "neighbours per query", in: 1...1000) var k = 10
    @Option(help: "cosine or euclidean distance") var metric = DistanceChoice.cosine

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        let labels = try kernel.requireLabels(Self.name, for: "precision by label")
        let codes = try kernel.requireCodes(Self.name)
        guard k <= data.train.count else {
            throw NotebookError.badOption(command: Self.name, option: "k", reason: "asks for \(k) neighbours among \(data.train.count) training examples")
        }
        let width = codes.train.shape[1]
        guard width <= min(data.train.features, data.train.count) else {
            throw NotebookError.needs(command: Self.name, what: "codes of \(width) values are wider than PCA can be on \(data.train.count) examples of \(data.train.features) values")
        }
        let trainX = data.train.all(), testX = data.test.all()
        let pca = try fittedPCA(trainX, components: width, command: Self.name)
        let (pcaTrain, pcaTest) = try measuring(Self.name) { (try pca.transform(trainX), try pca.transform(testX)) }
        let kind = kernel.model?.kindName ?? "model"
        let sets: [(name: String, metric: String, queries: Tensor, references: Tensor)] = [
            ("\(kind) codes (\(width)-d)", "retrieval_p\(k)", codes.test, codes.train),
            ("raw pixels (\(data.train.features)-d)", "raw_p\(k)", testX, trainX),
            ("PCA-\(width)", "pca_p\(k)", pcaTest, pcaTrain),
        ]
        var series: [ChartData.Series] = []
        cell.print("precision at \(k) (\(metric.rawValue)): the share of each test image's \(k) nearest training images that carry its label, over \(data.test.count) test images")
        for set in sets {
            let neighbours = try measuring(Self.name) { try Neighbours(queries: set.queries, references: set.references, k: k, metric: metric.metric) }
            let curve = Self.precisionCurve(neighbours, queryLabels: labels.test, referenceLabels: labels.train)
            cell.print("  \(set.name.padding(26)) \(fmt(curve.last ?? 0, 4))")
            cell.metrics[set.metric] = curve.last ?? 0
            series.append(.init(name: set.name, values: curve, firstX: 1))
        }
        var chart = ChartData(title: "precision at j of the nearest training images, by label (\(metric.rawValue))", xLabel: "neighbours j", series: series)
        chart.yLabel = "precision"
        cell.show(.chart(chart), name: Self.name)
    }

    /// Precision at j for j = 1…k: the share of the first j neighbours of each query that carry
    /// its label, averaged over the queries.
    static func precisionCurve(_ neighbours: Neighbours, queryLabels: [Int], referenceLabels: [Int]) -> [Double] {
        var hits = [Int](repeating: 0, count: neighbours.k)
        for q in 0..<neighbours.queryCount {
            var running = 0
            for (j, r) in neighbours.of(q).enumerated() {
                if referenceLabels[r] == queryLabels[q] { running += 1 }
                hits[j] += running
            }
        }
        return hits.enumerated().map { Double($1) / Double(($0 + 1) * max(neighbours.queryCount, 1)) }
    }
}

extension Kernel {
    /// The model's codes of both sets, or one line saying there is no model to make them.
    func requireCodes(_ command: String) throws -> (train: Tensor, test: Tensor) {
        guard model != nil else {
            throw NotebookError.needs(command: command, what: "no codes: there is no model to encode with; build and train one first, e.g. 'model ae hidden=512 latent=32' and 'train'")
        }
        return try encodeAll(command)
    }
}
