import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// `augment class=K keep=20 make=480`: seed 002's four steps of data augmentation with a VAE,
/// each baseline trained in the same run.
///
/// 1. Cut class K in the training set down to `keep` examples, drawn under the seed.
/// 2. Train a VAE (784→512→latent→512→784) on the whole cut set, labels unused: the decoder
///    learns strokes from every class, and the few K's place K in its latent space.
/// 3. Make `make` new K's: each on the line between the codes μ of two kept K's, at a uniform
///    point, moved `spread` times their σ along a random direction, and decoded.
/// 4. Train the same classifier (784→128→10, Adam) on the cut set as it is, with the kept K's
///    repeated up to `keep + make`, and with the made K's added; test each on the real test
///    set only. `runs` classifiers per set, their figures averaged.
struct AugmentCommand: NotebookCommand {
    static let name = "augment"
    static let summary = "augmentation with a VAE: cut a class to a few examples, train a VAE here on the cut set, make more of the class from the kept ones' codes, and compare a classifier's recall of it trained imbalanced, duplicated and augmented"

    @Option(name: "class", help: "the class to cut down (its label)", in: 0...Int(Int32.max)) var target: Int?
    @Option(help: "training examples of the class kept, drawn under seed", in: 1...Int(Int32.max)) var keep = 20
    @Option(help: "examples of the class the VAE makes", in: 1...1_000_000) var make = 480
    @Option(help: "VAE: epochs on the cut training set (every class, labels unused)", in: 1...10_000) var epochs = 30
    @Option(help: "VAE: width of the code", in: 1...1024) var latent = 16
    @Option(help: "how far a made code is moved off the line between two kept codes, in units of their σ", in: 0...10) var spread: Float = 1
    @Option(name: "classifier_epochs", help: "epochs of each classifier, 784→128→10 on the pixels", in: 1...10_000) var classifierEpochs = 15
    @Option(help: "classifiers trained on each set (seeds seed, seed+1, …), their figures averaged", in: 1...20) var runs = 3
    @Option(help: "seed for the examples kept, the VAE, the made codes and the classifiers") var seed: UInt64 = 0

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let data = try kernel.requireData(Self.name)
        let (h, w) = try kernel.imageSize(Self.name)
        guard let trainLabels = data.train.labels, let testLabels = data.test.labels else {
            throw NotebookError.needs(command: Self.name, what: "\(data.train.name) is unlabelled; augmenting a class needs labels")
        }
        guard data.train.isUnitRange else {
            throw NotebookError.needs(command: Self.name, what: "the VAE's cross-entropy needs values within 0…1; load the data with scale=255 or scale=1")
        }
        let classes = max(data.train.classCount, data.test.classCount)
        guard let target else { throw NotebookError.badOption(command: Self.name, option: "class", reason: "is needed: which class to cut down, e.g. class=3") }
        guard target < classes else {
            throw NotebookError.badOption(command: Self.name, option: "class", reason: "is \(target), but \(data.train.name) has classes 0…\(classes - 1)")
        }
        let members = trainLabels.indices.filter { trainLabels[$0] == target }
        let name = data.train.classNames.indices.contains(target) ? data.train.classNames[target] : String(target)
        guard keep <= members.count else {
            throw NotebookError.badOption(command: Self.name, option: "keep", reason: "is \(keep), but the training set has only \(members.count) of class \(name)")
        }
        let testMembers = testLabels.filter { $0 == target }.count
        guard testMembers > 0 else { throw NotebookError.needs(command: Self.name, what: "the test set has no examples of class \(name) to measure recall on") }

        // 1. The cut training set.
        var random = Random(seed: seed)
        var order = members
        random.shuffle(&order)
        let kept = Array(order.prefix(keep)).sorted()
        let cut = data.train.subset(trainLabels.indices.filter { trainLabels[$0] != target } + kept)
        let cutLabels = cut.labels!
        cell.print("class \(name): \(keep) of its \(members.count) training examples kept, \(cut.count) training examples in all; \(testMembers) of it in the \(data.test.count) test examples")

        // 2. The VAE, on every image of the cut set.
        var vaeKind = VAEKind()
        vaeKind.stack.hidden = [512]
        vaeKind.stack.latent = latent
        vaeKind.common.seed = seed
        let vae: Autoencoder
        do { vae = try Autoencoder(vaeKind, for: DataShape(cut)) } catch { throw NotebookError.failed("augment: \(error)") }
        try train(ReconstructionObjective(model: vae, data: cut), examples: cut.count, epochs: epochs, seed: seed, kernel: kernel, cell: cell, label: "VAE \(vae.shapeLine)")

        // 3. New examples of the class from the kept ones' codes.
        let made = generate(vae, from: data.train.batch(kept), random: &random)

        // 4. The same classifier on three training sets, tested on the real test set.
        let p = h * w
        let cutImages = cut.all()
        let copies = Tensor(uninitialized: [make, p])
        let keptImages = data.train.batch(kept)
        for i in 0..<make { (copies.data + i * p).update(from: keptImages.data + (i % keep) * p, count: p) }
        let sets: [(String, Tensor, [Int])] = [
            ("imbalanced", cutImages, cutLabels),
            ("duplicated", stacked(cutImages, copies), cutLabels + [Int](repeating: target, count: make)),
            ("augmented", stacked(cutImages, made), cutLabels + [Int](repeating: target, count: make)),
        ]
        let testImages = data.test.all()
        for (setName, inputs, labels) in sets {
            var recalls: [Double] = [], accuracies: [Double] = []
            for r in 0..<runs {
                let classifier = try CodeClassifier(inputs: inputs, labels: labels, classes: classes, hidden: [128], seed: seed &+ UInt64(r))
                try train(classifier, examples: labels.count, epochs: classifierEpochs, seed: seed &+ UInt64(r), kernel: kernel, cell: cell, label: nil)
                let predicted = classifier.predict(testImages)
                let hits = zip(predicted, testLabels).filter { $0 == $1 }
                recalls.append(Double(hits.filter { $0.1 == target }.count) / Double(testMembers))
                accuracies.append(Double(hits.count) / Double(testLabels.count))
            }
            let recall = meanOf(recalls.map(Float.init)), accuracy = meanOf(accuracies.map(Float.init))
            let spreadText = runs > 1 ? " (\(recalls.map { fmt($0, 3) }.joined(separator: ", ")))" : ""
            cell.print("\(setName.padding(11)) \(labels.filter { $0 == target }.count) of class \(name): recall of \(name) \(fmt(recall, 3))\(spreadText), accuracy \(fmt(accuracy, 4))")
            cell.metrics["recall_k_\(setName)"] = recall
            cell.metrics["accuracy_\(setName)"] = accuracy
        }

        let shownKept = min(keep, 10), shownMade = min(make, 90)
        let grid = Tensor(uninitialized: [10 + shownMade, p])
        grid.data.update(repeating: 0, count: grid.count)
        grid.data.update(from: keptImages.data, count: shownKept * p)
        (grid.data + 10 * p).update(from: made.data, count: shownMade * p)
        let rows = 1 + (shownMade + 9) / 10
        cell.show(.images(ImageGridData(title: "class \(name): \(shownKept) of the \(keep) kept examples, over \(shownMade) of the \(make) the VAE made", columns: 10,
                                        width: w, height: h, rows: grid.data, count: 10 + shownMade,
                                        rowCaptions: ["kept", "made"] + [String](repeating: "", count: max(0, rows - 2)))), name: Self.name)
    }

    /// `make` decoded codes, each on the line between two kept examples' μ (a uniform point),
    /// moved `spread` × σ (blended as the μ are) along a standard normal draw.
    func generate(_ vae: Autoencoder, from x: Tensor, random: inout Random) -> Tensor {
        let (mean, logVariance) = Tensor.withoutGradients { () -> (Tensor, Tensor) in
            var context = ForwardContext.inference
            return vae.gaussian(x, &context)
        }
        let d = vae.codeWidth, n = x.shape[0]
        let z = Tensor(uninitialized: [make, d])
        for m in 0..<make {
            let i = random.below(n)
            let j = n > 1 ? (i + 1 + random.below(n - 1)) % n : i
            let t = random.uniform()
            for k in 0..<d {
                let mu = (1 - t) * mean.data[i * d + k] + t * mean.data[j * d + k]
                let sigma = (1 - t) * Foundation.exp(0.5 * logVariance.data[i * d + k]) + t * Foundation.exp(0.5 * logVariance.data[j * d + k])
                z.data[m * d + k] = mu + spread * sigma * random.normal()
            }
        }
        return vae.decode(z)
    }

    /// Trains `objective` with Adam (lr 0.001, batch 32), a line every few seconds when `label` is given.
    func train(_ objective: Objective, examples: Int, epochs: Int, seed: UInt64, kernel: Kernel, cell: Cell, label: String?) throws {
        var lastLine = Date.distantPast
        let outcome = Trainer.fit(objective, examples: examples, optimizer: Adam(learningRate: 0.001),
                                  options: TrainingOptions(epochs: epochs, batchSize: 32, seed: seed), control: kernel.newRun(),
                                  observer: { event in
            guard let label else { return }
            cell.emit(.training(event))
            guard case .epochEnded(let r) = event, r.epoch == r.epochs || Date().timeIntervalSince(lastLine) > 5 else { return }
            lastLine = Date()
            cell.print("\(label)  " + epochLine(r, total: r.epochs))
        })
        switch outcome {
        case .completed, .stoppedEarly: break
        case .cancelled: throw NotebookError.failed("augment: cancelled")
        case .diverged: throw NotebookError.failed("augment: " + outcome.summary)
        }
    }
}

/// The rows of `a` followed by the rows of `b` (same width).
func stacked(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = Tensor(uninitialized: [a.shape[0] + b.shape[0], a.shape[1]])
    out.data.update(from: a.data, count: a.count)
    (out.data + a.count).update(from: b.data, count: b.count)
    return out
}
