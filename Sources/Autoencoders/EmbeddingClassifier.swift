import Networks
import Tensors

/// A classifier of token sequences that learns a vector for every id: Keras's
///
///     model = Sequential([Embedding(vocab_size, 8, input_length=4), Flatten(), Dense(1, activation='sigmoid')])
///     model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
///
/// Two classes get one sigmoid unit and binary cross-entropy, as there; more get a softmax over
/// them and categorical cross-entropy. Padding (id 0) has a vector too: without `mask_zero`,
/// Keras's Flatten sees every step, padded or not.
public final class EmbeddingClassifier: Objective {
    public let model: Sequential
    public let classes: Int
    private let inputs: Tensor
    private let targets: Tensor

    /// - Parameters:
    ///   - inputs: [N, length] token ids, as a token data set's batch gives them.
    ///   - ids: the size of the id space (the Embedding's input_dim), padding included.
    ///   - labels: the class of each row, 0..<classes.
    ///   - dimensions: the width of each id's vector.
    public init(inputs: Tensor, ids: Int, labels: [Int], classes: Int, dimensions: Int, seed: UInt64) throws {
        guard inputs.shape.count == 2, inputs.shape[1] >= 1 else { throw ShapeError("the classifier reads rows of token ids [N, length], got \(inputs.shape)") }
        guard labels.count == inputs.shape[0] else { throw ShapeError("\(labels.count) labels for \(inputs.shape[0]) rows") }
        guard classes >= 2 else { throw ShapeError("a classifier needs at least 2 classes, not \(classes)") }
        if let bad = labels.first(where: { !(0..<classes).contains($0) }) { throw ShapeError("label \(bad) is not one of the \(classes) classes") }
        self.classes = classes
        self.inputs = inputs
        targets = classes == 2 ? Tensor(labels.map { Float($0) }, shape: [labels.count, 1]) : Tensor.oneHot(labels, classes: classes)
        var random = Random(seed: seed)
        let output: LayerSpec = classes == 2 ? .dense(units: 1, activation: .sigmoid) : .dense(units: classes, activation: .softmax)
        model = try Sequential(name: "classifier", inputShape: [inputs.shape[1]],
                               specs: [.embedding(inputDim: ids, outputDim: dimensions, maskZero: false, trainable: true), .flatten, output],
                               random: &random)
    }

    public var parameters: [Tensor] { model.parameters }

    /// The learned table: row i is id i's vector, [ids, dimensions].
    public var vectors: Tensor { (model.layers[0] as! Embedding).table }

    private var loss: LossFunction { classes == 2 ? .bce : .cce }

    public func loss(indices: ArraySlice<Int>, context: inout ForwardContext) -> LossValue {
        let rows = indices.map { Int32($0) }
        let x = inputs.gather(rows: rows, shape: [rows.count])
        let y = targets.gather(rows: rows, shape: [rows.count])
        let (logits, activation) = model.logits(x, &context)
        let value = loss.mean(logits: logits, activation: activation, target: y)
        return LossValue(total: value, terms: [(loss.displayName, Double(value.item))])
    }

    /// The mean loss over every row of `x` against `labels`, as Keras's `evaluate` reports it.
    public func meanLoss(_ x: Tensor, labels: [Int]) -> Double {
        let target = classes == 2 ? Tensor(labels.map { Float($0) }, shape: [labels.count, 1]) : Tensor.oneHot(labels, classes: classes)
        return Tensor.withoutGradients {
            var context = ForwardContext.inference
            let (logits, activation) = model.logits(x, &context)
            return Double(loss.mean(logits: logits, activation: activation, target: target).item)
        }
    }

    /// The class of each row: a sigmoid above 0.5 is class 1 (Keras's binary accuracy rounds
    /// at 0.5), a softmax's most probable class otherwise.
    public func predict(_ x: Tensor) -> [Int] {
        let p = model.predict(x)
        return classes == 2 ? p.scalars.map { $0 > 0.5 ? 1 : 0 } : p.argmax()
    }
}
