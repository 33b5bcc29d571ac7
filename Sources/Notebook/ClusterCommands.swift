import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// The baselines `baseline` measures.
enum BaselineChoice: String, ChoiceValue { case tfidf }

/// `baseline tfidf`: the plain text baselines a text model's codes are set against, measured
/// on the loaded questions in this run.
struct BaselineCommand: NotebookCommand {
    static let name = "baseline"
    static let summary = "TF-IDF baselines on the loaded text: k-means NMI, nearest-neighbour P@1, and P@1 after SVD"

    @Argument(name: "tfidf", help: "which baseline") var which: BaselineChoice?
    @Option(help: "clusters for k-means (default: the number of classes)", in: 1...100_000) var k: Int?
    @Option(help: "compare with the coarse labels (the classes) or TREC's fine ones") var labels = LabelChoice.coarse
    @Option(name: "dims", help: "dimensions truncated SVD keeps", in: 1...10_000) var dimensions = 100
    @Option(help: "seed for k-means and the SVD") var seed: UInt64 = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard which != nil else { throw NotebookError.badArgument(command: Self.name, reason: "name a baseline: tfidf") }
        let (split, train, test) = try kernel.requireText(Self.name)
        let (trainLabels, names) = try kernel.labels(labels, of: split.train, command: Self.name)
        let (testLabels, _) = try kernel.labels(labels, of: split.test, command: Self.name)
        let classes = Set(trainLabels).count
        let k = self.k ?? classes
        guard k <= split.train.count else {
            throw NotebookError.badOption(command: Self.name, option: "k", reason: "is \(k), more than the \(split.train.count) training texts; choose 1…\(split.train.count)")
        }
        let vocabulary = train.vocabulary.count
        guard dimensions <= min(split.train.count, vocabulary) else {
            throw NotebookError.badOption(command: Self.name, option: "dims", reason: "is \(dimensions), but \(split.train.count) texts over \(vocabulary) words allow at most \(min(split.train.count, vocabulary))")
        }
        let start = Date()
        let figures: TextBaselines
        do {
            figures = try TextBaselines(train: train.documents, trainLabels: trainLabels, test: test.documents, testLabels: testLabels,
                                        vocabularySize: vocabulary, clusters: k, dimensions: dimensions, seed: seed)
        } catch { throw NotebookError.failed("baseline: \(error)") }
        kernel.baseline = BaselineFigures(data: kernel.dataIdentity, labels: labels, clusters: k, dimensions: dimensions, figures: figures)
        cell.print("TF-IDF of the \(split.train.count) training texts (whole, \(vocabulary) words; idf from the training texts, rows of unit length), \(names.count) \(labels.rawValue) labels:")
        cell.print("  k-means, k=\(k), 10 restarts: NMI \(fmt(figures.tfidfKMeansNMI))")
        cell.print("  nearest training text of each of the \(split.test.count) test texts by cosine: P@1 \(fmt(figures.tfidfNearestP1))")
        cell.print("  the same after truncated SVD to \(dimensions) dimensions: P@1 \(fmt(figures.svdNearestP1))")
        cell.print("measured in \(duration(Date().timeIntervalSince(start)))")
        cell.metrics["tfidf_cluster_nmi"] = figures.tfidfKMeansNMI
        cell.metrics["tfidf_knn_p1"] = figures.tfidfNearestP1
        cell.metrics["tfidf_svd_knn_p1"] = figures.svdNearestP1
    }
}

/// `cluster k=6`: k-means on the model's codes, scored against the labels.
struct ClusterCommand: NotebookCommand {
    static let name = "cluster"
    static let summary = "k-means on the model's codes: NMI and purity against the labels, nearest-neighbour P@1, the largest clusters"

    @Option(help: "clusters (default: the number of classes)", in: 1...100_000) var k: Int?
    @Option(help: "compare with the coarse labels (the classes) or TREC's fine ones") var labels = LabelChoice.coarse
    @Option(help: "k-means runs from different k-means++ seeds; the one of least inertia is kept", in: 1...1000) var restarts = 10
    @Option(help: "seed for the k-means++ seeding") var seed: UInt64 = 0
    @Option(help: "euclidean (as scikit-learn's KMeans) or cosine (codes scaled to unit length first)") var metric = Metric.euclidean
    @Option(help: "which half of the data to cluster") var split = SplitChoice.train
    @Option(help: "the largest clusters to show", in: 0...100) var show = 3
    @Option(help: "examples shown of each (those nearest its centre)", in: 1...30) var examples = 4

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let set = split.of(data)
        let (truth, names) = try kernel.labels(labels, of: set, command: Self.name)
        let k = self.k ?? Set(truth).count
        guard k <= set.count else {
            throw NotebookError.badOption(command: Self.name, option: "k", reason: "is \(k), more than the \(set.count) \(split.rawValue) examples; choose 1…\(set.count)")
        }
        let all = try kernel.encodeAll(Self.name)
        let codes = split == .train ? all.train : all.test
        let kmeans: KMeans
        do {
            kmeans = try KMeans(fitting: codes, k: k, metric: metric, restarts: restarts, seed: seed)
        } catch { throw NotebookError.failed("cluster: \(error)") }
        let nmi = try ClusterScores.normalizedMutualInformation(labels: truth, clusters: kmeans.assignments)
        let purity = try ClusterScores.purity(labels: truth, clusters: kmeans.assignments)
        let what = set.text == nil ? "examples" : "texts"
        cell.print("k-means, k=\(k), \(restarts) restart\(restarts == 1 ? "" : "s") under seed \(seed), \(metric.rawValue), on the \(model.isVariational ? "means μ" : "codes") of the \(set.count) \(split.rawValue) \(what) (\(codes.shape[1]) dimensions):")
        let against = set.text == nil && labels == .coarse ? "the \(names.count) classes" : "the \(names.count) \(labels.rawValue) labels"
        cell.print("  against \(against): NMI \(fmt(nmi)), purity \(fmt(purity))")
        cell.metrics["cluster_nmi"] = nmi
        cell.metrics["cluster_purity"] = purity
        cell.metrics["clusters"] = Double(k)

        // Nearest training code of each test code: how well the codes retrieve texts of the same label.
        if let testLabels = try? kernel.labels(labels, of: data.test, command: Self.name).labels,
           let trainLabels = try? kernel.labels(labels, of: data.train, command: Self.name).labels {
            let p1 = try Retrieval.precisionAtK(queries: all.test, queryLabels: testLabels, references: all.train,
                                                referenceLabels: trainLabels, k: 1, metric: .cosine)
            cell.print("  nearest training code of each of the \(data.test.count) test codes by cosine: P@1 \(fmt(p1))")
            cell.metrics["knn_p1"] = p1
        }
        if let baseline = kernel.baseline, baseline.data == kernel.dataIdentity, baseline.labels == labels, split == .train {
            let f = baseline.figures
            cell.print("  TF-IDF (baseline tfidf, this run): NMI \(fmt(f.tfidfKMeansNMI)) with k=\(baseline.clusters), P@1 \(fmt(f.tfidfNearestP1)), after SVD to \(baseline.dimensions): P@1 \(fmt(f.svdNearestP1))")
        }
        guard show > 0 else { return }
        let largest = try ClusterScores.largestClusters(kmeans.assignments, count: min(show, k))
        let centred = nearestToCentre(codes, kmeans, largest)
        if let text = set.text {
            var lines: [TextListData.Line] = []
            for (cluster, members) in largest {
                lines.append(TextListData.Line(clusterHeading(cluster, members, truth, names, total: set.count)))
                for i in centred[cluster, default: []].prefix(examples) {
                    lines.append(TextListData.Line([TextListData.Span(labelName(truth[i], names).padding(9), .dim, label: truth[i]),
                                                    TextListData.Span(text.texts[i])], indent: 10))
                }
            }
            cell.show(.textList(TextListData(title: "the \(largest.count) largest of \(k) clusters, with the \(what) nearest each centre", lines: lines)), name: Self.name)
        } else if let (h, w) = set.imageSize {
            let n = examples
            let grid = Tensor(zeros: [largest.count * n, h * w])
            var captions: [String] = []
            for (row, (cluster, members)) in largest.enumerated() {
                for (column, i) in centred[cluster, default: []].prefix(n).enumerated() {
                    set.fill(grid.data + (row * n + column) * h * w, indices: CollectionOfOne(i))
                }
                captions.append("\(cluster): \(members.count)")
            }
            cell.show(.images(ImageGridData(title: "the \(largest.count) largest of \(k) clusters, the examples nearest each centre", columns: n,
                                            width: w, height: h, rows: grid.data, count: largest.count * n, rowCaptions: captions)), name: Self.name)
            for (cluster, members) in largest { cell.print("  " + clusterHeading(cluster, members, truth, names, total: set.count).map(\.text).joined()) }
        } else {
            for (cluster, members) in largest { cell.print("  " + clusterHeading(cluster, members, truth, names, total: set.count).map(\.text).joined()) }
        }
    }

    /// "cluster 3: 1,203 (22%), 41% DESC": its size and its most common label.
    func clusterHeading(_ cluster: Int, _ members: [Int], _ truth: [Int], _ names: [String], total: Int) -> [TextListData.Span] {
        var counts: [Int: Int] = [:]
        for i in members { counts[truth[i], default: 0] += 1 }
        let (top, count) = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!
        let share = Double(count) / Double(members.count)
        return [TextListData.Span("cluster \(cluster): \(Summary.grouped(members.count)) (\(percent(members.count, total)))", .strong),
                TextListData.Span(", most often "),
                TextListData.Span(labelName(top, names), label: top),
                TextListData.Span(String(format: " (%.0f%%)", 100 * share))]
    }

    /// Each shown cluster's members, nearest its centre first.
    func nearestToCentre(_ codes: Tensor, _ kmeans: KMeans, _ clusters: [(cluster: Int, members: [Int])]) -> [Int: [Int]] {
        let d = codes.shape[1]
        var out: [Int: [Int]] = [:]
        for (cluster, members) in clusters {
            let centre = kmeans.centroids[cluster]
            let distances = members.map { i -> Float in
                let row = codes.data + i * d
                var norm: Float = 0
                if kmeans.metric == .cosine { for j in 0..<d { norm += row[j] * row[j] } }
                let scale: Float = kmeans.metric == .cosine ? (norm > 0 ? 1 / norm.squareRoot() : 0) : 1
                var s: Float = 0
                for j in 0..<d { let e = row[j] * scale - centre[j]; s += e * e }
                return s
            }
            out[cluster] = zip(members, distances).sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
        return out
    }
}

/// The name of label `label`, or the number when there are no names.
func labelName(_ label: Int, _ names: [String]) -> String { names.indices.contains(label) ? names[label] : String(label) }

/// "22%"
func percent(_ part: Int, _ whole: Int) -> String { whole == 0 ? "0%" : String(format: "%.0f%%", 100 * Double(part) / Double(whole)) }
