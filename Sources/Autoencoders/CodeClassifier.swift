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
        targets = Tensor.oneHot(labels, classes: classes)
        var random = Random(seed: seed)
        let specs = hidden.flatMap { [LayerSpec.dense(units: $0, activation: .relu)] + (dropout > 0 ? [.dropout(rate: dropout)] : []) }
            + [.dense(units: classes, activation: .softmax)]
        model = try Sequential(name: "classifier", inputShape: [inputs.shape[1]], specs: specs, random: &random)
    }

    public var parameters: [Tensor] { model.parameters }

    public func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue {
        let rows = indices.map { Int32($0) }
        let x = inputs.gather(rows: rows, shape: [rows.count])
        let y = targets.gather(rows: rows, shape: [rows.count])
        let (logits, activation) = model.logits(x, &context)
        let loss = LossFunction.cce.mean(logits: logits, activation: activation, target: y)
        return LossValue(total: loss, terms: [("cross_entropy", Double(loss.item))])
    }

    /// The most probable class of each row.
    public func predict(_ x: Tensor) -> [Int] { model.predict(x).argmax() }

    /// Class probabilities of each row: [N, classes].
    public func probabilities(_ x: Tensor) -> Tensor { model.predict(x) }
}
