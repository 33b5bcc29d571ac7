import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Tensors

// What the commands that use a trained autoencoder (retrieval, anomalies, semi-supervision,
// dimensionality reduction) share: labels, models trained aside, baselines of the same width.

extension Kernel {
    /// The labels of both sets, or one line saying the data has none.
    func requireLabels(_ command: String, for use: String) throws -> (train: [Int], test: [Int]) {
        let data = try requireData(command)
        guard let train = data.train.labels, let test = data.test.labels else {
            throw NotebookError.needs(command: command, what: "\(data.train.name) is unlabelled; \(use) needs a label for every example")
        }
        return (train, test)
    }

    /// Trains `model` on `set` for a use that needs a model of its own (the current model is
    /// left as it was), with a line every few seconds and at the end.
    func trainAside(_ model: Autoencoder, on set: Dataset, _ schedule: AsideTraining, cell: Cell, label: String) throws {
        var lastLine = Date.distantPast
        let optimizer = Adam(learningRate: schedule.learningRate)
        let outcome = Trainer.fit(ReconstructionObjective(model: model, data: set), examples: set.count, optimizer: optimizer,
                                  options: TrainingOptions(epochs: schedule.epochs, batchSize: schedule.batch, seed: schedule.seed),
                                  control: newRun(), observer: { event in
            cell.emit(.training(event))
            if case .epochEnded(let r) = event, r.epoch == r.epochs || Date().timeIntervalSince(lastLine) > 5 {
                lastLine = Date()
                cell.print("\(label)  " + epochLine(r, total: r.epochs))
            }
        })
        switch outcome {
        case .completed, .stoppedEarly: break
        case .cancelled: throw NotebookError.failed("\(label): cancelled")
        case .diverged: throw NotebookError.failed("\(label): " + outcome.summary + "; try a lower lr")
        }
    }
}

/// How a use trains the models it makes for itself.
struct AsideTraining {
    var epochs: Int
    var batch: Int
    var learningRate: Float
    var seed: UInt64
}

/// PCA fitted to `fit`, or the command's error.
func fittedPCA(_ fit: Tensor, components: Int, command: String) throws -> PCA {
    do { return try PCA(fitting: fit, components: components) } catch { throw NotebookError.failed("\(command): \(error)") }
}

/// Runs an Analysis measurement, turning its error into the command's.
func measuring<T>(_ command: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as NotebookError { throw error } catch { throw NotebookError.failed("\(command): \(error)") }
}

/// The class names of `set`, or the labels as numbers.
func className(_ set: Dataset, _ label: Int) -> String {
    set.classNames.indices.contains(label) ? set.classNames[label] : String(label)
}
