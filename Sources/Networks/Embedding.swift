import Tensors

/// Keras's `Embedding`: each token id picks a row of an [inputDim, outputDim] table, so [T] ids
/// give [T, outputDim]. The ids arrive as floats (a batch [N, T] of a token data set).
///
/// With `maskZero`, id 0 is padding: the layer sets `ForwardContext.mask`, and recurrent layers
/// after it keep their state over padded steps. With `trainable` false the table is fixed (word
/// vectors learned elsewhere, copied in with `setTable`): saved with the model, never trained.
public final class Embedding: Layer {
    public let name: String
    /// [inputDim, outputDim].
    public let table: Tensor
    public let maskZero: Bool
    public let trainable: Bool
    public var parameters: [Tensor] { trainable ? [table] : [] }
    public var frozen: [Tensor] { trainable ? [] : [table] }
    public var spec: LayerSpec { .embedding(inputDim: inputDim, outputDim: outputDim, maskZero: maskZero, trainable: trainable) }
    public var inputDim: Int { table.shape[0] }
    public var outputDim: Int { table.shape[1] }

    public init(name: String, inputDim: Int, outputDim: Int, maskZero: Bool, trainable: Bool = true,
                weights: WeightInit = .keras, random: inout Random) {
        self.name = name
        self.maskZero = maskZero
        self.trainable = trainable
        let tableName = name + "/embeddings"
        if trainable {
            table = weights.parameter([inputDim, outputDim], name: tableName, role: .embedding, fanIn: inputDim, fanOut: outputDim, random: &random)
        } else {
            // Drawn all the same, so that the layers after it get the numbers they would get anyway.
            table = Tensor(zeros: [inputDim, outputDim], name: tableName)
            weights.initializer(for: .embedding).fill(table, fanIn: inputDim, fanOut: outputDim, random: &random)
        }
    }

    /// Copies `values` (row-major [inputDim, outputDim]) into the table.
    public func setTable(_ values: [Float]) throws {
        guard values.count == table.count else {
            throw ShapeError("\(name): \(values.count) values for a table of \(inputDim)×\(outputDim)")
        }
        values.withUnsafeBufferPointer { table.data.update(from: $0.baseAddress!, count: table.count) }
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        guard input.count == 1 else { throw ShapeError("\(name): an Embedding takes a sequence of token ids [steps], not \(input)") }
        return input + [outputDim]
    }

    /// The ids of a batch [N, T] as the table reads them. Every id is checked against the
    /// vocabulary before data reaches a model (see `Autoencoder.fitProblem`); one outside the
    /// table all the same reads as 1, `<unk>`, rather than reading past the table's end.
    public func ids(_ x: Tensor) -> [Int32] {
        let rows = Float(inputDim)
        return (0..<x.count).map { i in
            let v = x.data[i]
            return v >= 0 && v < rows ? Int32(v) : Int32(min(1, inputDim - 1))
        }
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        precondition(x.rank == 2, "\(name): expects a batch of token ids [batch, steps], got \(x.shape)")
        let ids = ids(x)
        if maskZero {
            context.mask = SequenceMask(batch: x.shape[0], time: x.shape[1], values: ids.map { $0 == 0 ? 0 : 1 })
        }
        return table.gather(rows: ids, shape: x.shape)
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }

    /// Keras counts a fixed table among the parameters (as non-trainable ones).
    public func summaryRows(input: [Int]) -> [SummaryRow] {
        [SummaryRow(layer: "\(name.split(separator: "/").last ?? "") (Embedding)", outputShape: (try? outputShape(input)) ?? input, parameters: table.count)]
    }
}

/// Keras's `RepeatVector`: [F] → [n, F], the same vector at every step (a sequence decoder's
/// input, from one code). It ends any mask: its steps are all real.
public final class RepeatVector: Layer {
    public let name: String
    public let n: Int
    public var parameters: [Tensor] { [] }
    public var spec: LayerSpec { .repeatVector(n) }

    public init(name: String, n: Int) {
        self.name = name
        self.n = n
    }

    public func outputShape(_ input: [Int]) throws -> [Int] {
        guard input.count == 1 else { throw ShapeError("\(name): RepeatVector repeats a vector, not a tensor of shape \(input)") }
        return [n] + input
    }

    public func forward(_ x: Tensor, _ context: inout ForwardContext) -> Tensor {
        context.mask = nil
        return Tensor.stack(Array(repeating: x, count: n), axis: 1)
    }

    public func multiplyAdds(input: [Int]) -> Double { 0 }
}
