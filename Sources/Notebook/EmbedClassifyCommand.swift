import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Tensors

/// `embedclassify dim=8 epochs=50`: seed 001's word-embedding classifier on the loaded texts'
/// labels, Embedding → Flatten → Dense(1, sigmoid), trained with Adam on binary
/// cross-entropy. It reports what the seed's `model.evaluate` does (accuracy on the texts it
/// trained on), the test set's beside it, a classification report, and the vector each word
/// (or bucket of hashed words) learned.
struct EmbedClassifyCommand: NotebookCommand {
    static let name = "embedclassify"
    static let summary = "learn a vector for every word while classifying the texts: Embedding → Flatten → Dense sigmoid (seed 001); accuracy, a classification report and the word vectors"

    @Option(name: "dim", help: "width of each word's vector", in: 1...1024) var dimensions = 8
    @Option(help: "training epochs", in: 1...100_000) var epochs = 50
    @Option(help: "batch size (Keras's fit: 32)", in: 1...1_000_000) var batch = 32
    @Option(name: "lr", help: "Adam learning rate (Keras's default 0.001)", in: 1e-9...10) var learningRate: Float = 0.001
    @Option(help: "seed of the initial vectors and of the shuffling") var seed: UInt64 = 0
    @Option(help: "most rows of the word-vector table to print", in: 1...100_000) var rows = 40

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (split, train, _) = try kernel.requireText(Self.name)
        guard let trainLabels = split.train.labels, let testLabels = split.test.labels else {
            throw NotebookError.needs(command: Self.name, what: "\(split.train.name) has no labels to learn; give each text one (LABEL<tab>text)")
        }
        let classes = max(split.train.classCount, split.test.classCount)
        guard Set(trainLabels).count >= 2 else {
            throw NotebookError.needs(command: Self.name, what: "the training texts all have one label; a classifier needs two or more")
        }
        let ids = train.vocabulary.count
        let x = split.train.all(), xTest = split.test.all()
        let classifier: EmbeddingClassifier
        do {
            classifier = try EmbeddingClassifier(inputs: x, ids: ids, labels: trainLabels, classes: classes, dimensions: dimensions, seed: seed)
        } catch { throw NotebookError.failed("\(Self.name): \(error)") }
        let output = classes == 2 ? "Dense(1, sigmoid), binary cross-entropy" : "Dense(\(classes), softmax), categorical cross-entropy"
        cell.print("Embedding(\(ids), \(dimensions)) → Flatten → \(output); Adam \(String(format: "%g", learningRate)), \(epochs) epochs on the \(split.train.count) training texts")
        cell.print(Summary.table(title: "classifier", rows: classifier.model.summaryRows))

        let outcome = Trainer.fit(classifier, examples: split.train.count, optimizer: Adam(learningRate: learningRate),
                                  options: TrainingOptions(epochs: epochs, batchSize: batch, seed: seed), control: kernel.newRun(),
                                  observer: { event in
            cell.emit(.training(event))
            if case .epochEnded(let r) = event, r.epoch == 1 || r.epoch == r.epochs || r.epoch % max(1, r.epochs / 5) == 0 {
                cell.print(epochLine(r, total: r.epochs))
            }
        })
        switch outcome {
        case .completed, .stoppedEarly: break
        case .cancelled: throw NotebookError.failed("\(Self.name): cancelled")
        case .diverged: throw NotebookError.failed("\(Self.name): " + outcome.summary)
        }

        // The seed's figure: model.evaluate on the texts it trained on.
        let predicted = classifier.predict(x)
        let report = ClassificationReport(predicted: predicted, actual: trainLabels, classNames: split.train.classNames)
        let loss = classifier.meanLoss(x, labels: trainLabels)
        cell.print("accuracy \(fmt(report.accuracy)) and loss \(fmt(loss)) on the \(split.train.count) training texts (the seed's model.evaluate)")
        cell.metrics["accuracy"] = report.accuracy
        cell.metrics["loss"] = loss
        cell.metrics["macro_f1"] = report.macroF1
        for (c, row) in report.rows.enumerated() {
            cell.metrics["precision_\(c)"] = row.precision
            cell.metrics["recall_\(c)"] = row.recall
            cell.metrics["f1_\(c)"] = row.f1
        }
        let testReport = ClassificationReport(predicted: classifier.predict(xTest), actual: testLabels, classNames: split.test.classNames)
        cell.metrics["test_accuracy"] = testReport.accuracy
        let sameTexts = split.test.checksum == split.train.checksum
        cell.print(sameTexts ? "the test set is the training set (testfile= the same file), as the seed evaluates"
                             : "test accuracy \(fmt(testReport.accuracy)) on \(split.test.count) texts held out")
        cell.print("training texts:")
        cell.print(report.table)
        if !sameTexts {
            cell.print("test texts:")
            cell.print(testReport.table)
        }
        printPredictions(classifier, x: x, split.train, predicted: predicted, cell)
        printVectors(classifier.vectors, train, cell)
    }

    /// Each training text with its label and what the model gives it (the first 20).
    private func printPredictions(_ classifier: EmbeddingClassifier, x: Tensor, _ set: Dataset, predicted: [Int], _ cell: Cell) {
        guard let text = set.text else { return }
        let probabilities = classifier.model.predict(x)
        let width = probabilities.shape[1]
        cell.print("text".padding(32) + "label".padding(12) + (width == 1 ? "p(\(set.classNames.last ?? "1"))  " : "") + "predicted")
        for i in 0..<min(set.count, 20) {
            let shown = text.texts[i].count > 30 ? String(text.texts[i].prefix(29)) + "…" : text.texts[i]
            let p = width == 1 ? String(format: "%.3f", probabilities.data[i]).padding(11) : ""
            let mark = predicted[i] == set.labels?[i] ? "" : "  ✗"
            cell.print(shown.padding(32) + (set.className(i) ?? "").padding(12) + p + (set.classNames.indices.contains(predicted[i]) ? set.classNames[predicted[i]] : String(predicted[i])) + mark)
        }
        if set.count > 20 { cell.print("… and \(set.count - 20) more texts") }
    }

    /// The table the Embedding learned: each id that a training word reaches (and padding), its
    /// words, and its vector. Hashed ids list every word that shares them.
    private func printVectors(_ table: Tensor, _ text: TextData, _ cell: Cell) {
        let tokens = text.texts.map(text.tokenizer.tokens)
        let members: [[String]]
        if let hashing = text.hashing {
            members = hashing.members(of: tokens)
        } else {
            var seen = [[String]](repeating: [], count: table.shape[0])
            for word in Set(tokens.joined()) where text.vocabulary.contains(word) { seen[Int(text.vocabulary.id(word))] = [word] }
            seen[Int(Vocabulary.unknown)] = Set(tokens.joined()).contains { !text.vocabulary.contains($0) } ? [Vocabulary.unknownWord] : []
            members = seen
        }
        let width = table.shape[1]
        let reached = (0..<table.shape[0]).filter { $0 == Int(Vocabulary.padding) || !members[$0].isEmpty }
        let shared = reached.filter { members[$0].count > 1 }
        cell.print("the learned \(width)-d vectors, one per id the training texts use" + (text.hashing == nil ? "" : " (\(shared.count) bucket\(shared.count == 1 ? "" : "s") shared by several words: one vector for all of them)") + ":")
        let wordsWidth = min(28, max(8, reached.map { members[$0].joined(separator: ", ").count }.max() ?? 0) + 2)
        cell.print("id".padding(6) + "words".padding(wordsWidth) + (0..<width).map { "v\($0 + 1)".leftPadded(7) }.joined(separator: " "))
        for id in reached.prefix(rows) {
            var words = id == Int(Vocabulary.padding) ? Vocabulary.paddingWord : members[id].joined(separator: ", ")
            if words.count > wordsWidth - 2 { words = String(words.prefix(wordsWidth - 3)) + "…" }
            let values = (0..<width).map { String(format: "%+.3f", table.data[id * width + $0]).leftPadded(7) }.joined(separator: " ")
            cell.print(String(id).padding(6) + words.padding(wordsWidth) + values)
        }
        if reached.count > rows { cell.print("… and \(reached.count - rows) more ids (rows=N prints more)") }
        let untouched = table.shape[0] - reached.count
        if untouched > 0 { cell.print("\(untouched) id\(untouched == 1 ? "" : "s") no training word reaches keep their initial vectors (no gradient reaches them)") }
        cell.metrics["vector_dim"] = Double(width)
        cell.metrics["ids_used"] = Double(reached.count)
        cell.metrics["shared_ids"] = Double(shared.count)
    }
}

extension String {
    /// The string after spaces up to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
