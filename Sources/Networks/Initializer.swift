import Tensors

/// How one weight tensor is filled when a layer is made, chosen per weight: an LSTM needs a
/// Glorot input kernel, an orthogonal recurrent kernel and a forget-gate bias of 1.
public enum Initializer: Equatable, Sendable {
    /// U(±√(6 / (fan_in + fan_out))): Keras's default kernel.
    case glorotUniform
    /// U(±1/√fan_in): PyTorch's `nn.Linear`, `nn.Conv2d` and `nn.LSTM` default for every weight.
    case torchUniform
    /// A matrix with orthonormal rows or columns (Keras's `Orthogonal`), times `gain`.
    case orthogonal(gain: Float)
    case constant(Float)
    /// U(±limit) whatever the fans: Keras's `RandomUniform` (an Embedding's default, ±0.05).
    case uniform(limit: Float)
    /// N(0, std²): PyTorch's `nn.Embedding` default (std 1).
    case normal(std: Float)
    /// Zeros; draws nothing from the generator.
    case zeros

    /// Fills `tensor` (row-major, its last axis the fan-out) for a layer with `fanIn` inputs and
    /// `fanOut` outputs. Drawing initialisers take a generator forked from `random`, so adding
    /// a draw in one layer leaves the next layer's numbers alone.
    public func fill(_ tensor: Tensor, fanIn: Int, fanOut: Int, random: inout Random) {
        let p = tensor.data, n = tensor.count
        switch self {
        case .zeros:
            p.update(repeating: 0, count: n)
        case .constant(let v):
            p.update(repeating: v, count: n)
        case .glorotUniform:
            let limit = Float(6.0 / Double(max(fanIn + fanOut, 1))).squareRoot()
            var generator = random.fork()
            generator.fillUniform(p, count: n, low: -limit, high: limit)
        case .torchUniform:
            let limit = 1 / Float(max(fanIn, 1)).squareRoot()
            var generator = random.fork()
            generator.fillUniform(p, count: n, low: -limit, high: limit)
        case .uniform(let limit):
            var generator = random.fork()
            generator.fillUniform(p, count: n, low: -limit, high: limit)
        case .normal(let std):
            var generator = random.fork()
            generator.fillNormal(p, count: n, std: std)
        case .orthogonal(let gain):
            var generator = random.fork()
            Initializer.fillOrthogonal(tensor, gain: gain, random: &generator)
        }
    }

    /// The rows × columns view (columns = the last axis) filled with orthonormal rows when
    /// rows ≤ columns, else orthonormal columns: the right singular vectors of a Gaussian matrix.
    static func fillOrthogonal(_ tensor: Tensor, gain: Float, random: inout Random) {
        let columns = tensor.shape.last ?? 1
        let rows = tensor.count / max(columns, 1)
        guard rows > 0, columns > 0 else { return }
        let wide = rows <= columns
        let (m, n) = wide ? (rows, columns) : (columns, rows)
        var gaussian = [Float](repeating: 0, count: m * n)
        gaussian.withUnsafeMutableBufferPointer { random.fillNormal($0.baseAddress!, count: m * n) }
        // m ≤ n: the m right singular vectors are orthonormal rows of length n.
        guard let svd = try? gaussian.withUnsafeBufferPointer({ try SVD(rows: m, columns: n, data: $0.baseAddress!) }) else {
            // LAPACK did not converge (it does not happen for Gaussian matrices): fall back to the draw itself.
            for i in 0..<(m * n) { tensor.data[wide ? i : (i % n) * m + i / n] = gaussian[i] * gain / Float(n).squareRoot() }
            return
        }
        for i in 0..<m {
            for j in 0..<n {
                let v = svd.rightVectors[i][j] * gain
                if wide { tensor.data[i * n + j] = v } else { tensor.data[j * m + i] = v }
            }
        }
    }
}

/// Which role a weight plays in its layer, so that a drawing style can pick its initialiser.
public enum WeightRole: Sendable {
    case kernel, bias, recurrentKernel, forgetGateBias
    /// An Embedding's table of word vectors.
    case embedding
}
