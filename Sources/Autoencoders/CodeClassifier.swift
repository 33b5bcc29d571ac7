import Networks
import Tensors

/// A dense classifier trained on feature rows (an autoencoder's codes), as the seed does to
/// show the codes keep what tells digits apart.
public final class CodeClassifier: Objective {
    public let model: Sequential
    public let classes: Int
    private let inputs: Tensor
    private let targets: Tensor

    /// - Parameters:
    ///   - inputs: [N, features] rows to learn from.
    ///   - dropout: rate of a Dropout after each hidden layer (0: none).
    ///   - labels: their classes, 0..<classes.
    public init(inputs: Tensor, labels: [Int], classes: Int, hidden: [Int], dropout: Float = 0, seed: UInt64) throws {
        guard inputs.shape.count == 2 else { throw ShapeError("classifier inputs must be rows of features, got \(inputs.shape)") }
        guard labels.count == inputs.shape[0] else { throw ShapeError("\(labels.count) labels for \(inputs.shape[0]) rows") }
        if let bad = hidden.first(where: { $0 <= 0 }) { throw ShapeError("hidden layer widths must be at least 1, not \(bad)") }
        self.classes = classes
        self.inputs = inputs
        targets = CodeClassifier.oneHot(labels, classes: classes)
        var random = Random(seed: seed)
        let specs = hidden.flatMap { [LayerSpec.dense(units: $0, activation: .relu)] + (dropout > 0 ? [.dropout(rate: dropout)] : []) }
            + [.dense(units: classes, activation: .softmax)]
        model = try Sequential(name: "classifier", inputShape: [inputs.shape[1]], specs: specs, random: &random)
    }

    public var parameters: [Tensor] { model.parameters }

    public func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue {
        let x = CodeClassifier.gather(inputs, indices)
        let y = CodeClassifier.gather(targets, indices)
        let loss = LossFunction.cce(model(x, &context), y)
        return LossValue(total: loss, terms: [("cross_entropy", Double(loss.item))])
    }

    /// The most probable class of each row.
    public func predict(_ x: Tensor) -> [Int] { CodeClassifier.argmax(model.predict(x)) }

    /// Class probabilities of each row: [N, classes].
    public func probabilities(_ x: Tensor) -> Tensor { model.predict(x) }

    /// The index of the largest value of each row of `p` [N, C].
    public static func argmax(_ p: Tensor) -> [Int] {
        let classes = p.shape[1]
        return (0..<p.shape[0]).map { r in
            let row = p.data + r * classes
            var best = 0
            for c in 1..<classes where row[c] > row[best] { best = c }
            return best
        }
    }

    static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        let t = Tensor(zeros: [labels.count, classes])
        for (i, l) in labels.enumerated() where l >= 0 && l < classes { t.data[i * classes + l] = 1 }
        return t
    }

    /// The rows of `t` at `indices`, copied into a new batch tensor.
    public static func gather(_ t: Tensor, _ indices: ArraySlice<Int>) -> Tensor {
        let width = t.count / max(t.shape[0], 1)
        let out = Tensor(uninitialized: [indices.count, width])
        for (k, i) in indices.enumerated() { (out.data + k * width).update(from: t.data + i * width, count: width) }
        return out
    }
}
