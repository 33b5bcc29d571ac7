import CKernels

/// One direction of an LSTM over a batch of sequences: its weights, which way it reads, and the
/// dropout multipliers it applies (drawn by the layer, the same at every step, as Keras draws them).
public struct LSTMDirection {
    /// [inputs, 4·units]: the gates i, f, c, o side by side (Keras's layout).
    public var kernel: Tensor
    /// [units, 4·units].
    public var recurrentKernel: Tensor
    /// [4·units].
    public var bias: Tensor
    /// Reads the sequence from its last step to its first.
    public var goBackwards: Bool
    /// Multipliers of each example's input features, [batch·inputs] (0, or 1/(1 − rate)): `dropout`.
    public var inputMask: [Float]?
    /// Multipliers of each example's previous hidden state, [batch·units]: `recurrent_dropout`.
    public var recurrentMask: [Float]?

    public init(kernel: Tensor, recurrentKernel: Tensor, bias: Tensor, goBackwards: Bool = false,
                inputMask: [Float]? = nil, recurrentMask: [Float]? = nil) {
        self.kernel = kernel
        self.recurrentKernel = recurrentKernel
        self.bias = bias
        self.goBackwards = goBackwards
        self.inputMask = inputMask
        self.recurrentMask = recurrentMask
    }

    public var units: Int { recurrentKernel.shape[0] }
}

extension Tensor {
    /// LSTM directions over x [N, T, D], their outputs side by side on the last axis in the order
    /// given: [N, T, Σ units] with `returnSequences` (a direction's output at step t is its hidden
    /// state after reading step t, aligned with the input whichever way it reads), else [N, Σ units]
    /// (each direction's state after its last step). Two directions run at once, one a core.
    ///
    /// `mask` [N·T] marks real steps (1) and padding (0): at a padded step a direction keeps its
    /// state, and its output there is zero with `zeroMaskedOutputs` (Keras's Bidirectional), else
    /// the kept state (Keras's LSTM). Rows are processed longest first, so that at each step the
    /// products skip the rows that only carry their state.
    ///
    /// With `repeating: T`, x is [N, D] and every one of T steps reads it (Keras's RepeatVector
    /// before the LSTM, without the copies): the input projection is then one product for the
    /// batch, not one a step, and so are its two gradient products.
    ///
    /// Per batch: one product for every step's input projection, one per step for the recurrent
    /// part, fused gate arithmetic in C; backpropagation through time reuses a few buffers and
    /// forms the weight gradients as three products over all steps at once.
    public static func lstm(_ x: Tensor, directions: [LSTMDirection], mask: [Float]? = nil,
                            returnSequences: Bool, zeroMaskedOutputs: Bool = false, repeating steps: Int? = nil) -> Tensor {
        if let steps {
            precondition(x.rank == 2 && steps >= 1, "lstm: a repeated input must be [batch, features] read at 1 or more steps, not \(x.shape) at \(steps)")
        } else {
            precondition(x.rank == 3, "lstm: the input must be [batch, time, features], not \(x.shape)")
        }
        precondition(!directions.isEmpty, "lstm needs at least one direction")
        let (n, t, d) = (x.shape[0], steps ?? x.shape[1], x.shape[x.rank - 1])
        for direction in directions {
            let h = direction.units
            precondition(direction.kernel.shape == [d, 4 * h] && direction.recurrentKernel.shape == [h, 4 * h] && direction.bias.shape == [4 * h],
                         "lstm: weights \(direction.kernel.shape), \(direction.recurrentKernel.shape), \(direction.bias.shape) do not fit \(d) inputs")
            precondition(direction.inputMask.map { $0.count == n * d } ?? true, "lstm: an input dropout mask of the wrong size")
            precondition(direction.recurrentMask.map { $0.count == n * h } ?? true, "lstm: a recurrent dropout mask of the wrong size")
        }
        precondition(mask.map { $0.count == n * t } ?? true, "lstm: a mask of \(mask?.count ?? 0) values for \(n)×\(t) steps")
        let order = LongestFirst(batch: n, time: t, mask: mask)
        let passes = directions.map { LSTMPass($0, batch: n, time: t, inputs: d, repeated: steps != nil, order: order, mask: mask) }
        let total = directions.reduce(0) { $0 + $1.units }
        let offsets = directions.indices.map { k in directions[..<k].reduce(0) { $0 + $1.units } }
        let out = Tensor(uninitialized: returnSequences ? [n, t, total] : [n, total])
        // Two directions take a core each, their products unsplit; one splits its products instead.
        let split = directions.count == 1
        Parallel.run(parts: passes.count) { k in
            passes[k].forward(x.data, split: split)
            passes[k].writeOutput(out.data, offset: offsets[k], width: total, returnSequences: returnSequences, zeroMasked: zeroMaskedOutputs)
        }
        let inputs = [x] + directions.flatMap { [$0.kernel, $0.recurrentKernel, $0.bias] }
        return record(out, op: "lstm", inputs: inputs) { out in
            let g = out.grad!
            var inputGradients = [Storage?](repeating: nil, count: passes.count)
            inputGradients.withUnsafeMutableBufferPointer { slots in
                Parallel.run(parts: passes.count) { k in
                    slots[k] = passes[k].backward(g, offset: offsets[k], width: total, returnSequences: returnSequences,
                                                  zeroMasked: zeroMaskedOutputs, inputGradient: x.requiresGrad, split: split)
                }
            }
            guard x.requiresGrad else { return }
            let dx = x.gradAccumulator()
            for (pass, dxs) in zip(passes, inputGradients) { if let dxs { pass.scatterInputGradient(dxs.pointer, into: dx) } }
        }
    }
}

/// The batch's rows ordered by how many real steps they have, most first (stable), so that the
/// rows still reading at any step are a prefix of the order when padding comes at the end.
struct LongestFirst {
    /// Sorted position → row.
    let rows: [Int]

    init(batch: Int, time: Int, mask: [Float]?) {
        guard let mask else {
            rows = Array(0..<batch)
            return
        }
        let lengths = (0..<batch).map { b in (0..<time).reduce(0) { $0 + (mask[b * time + $1] != 0 ? 1 : 0) } }
        rows = (0..<batch).sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
    }
}

/// One direction's pass over one batch: the buffers its backward pass reads, laid out by
/// processing step and sorted row ([step, row, …]), so that each step's rows are contiguous.
private struct LSTMPass {
    let direction: LSTMDirection
    let batch: Int, time: Int, inputs: Int, units: Int
    let rows: [Int]
    /// Real (1) or padded (0), by processing step and sorted row: [T, N]; nil without a mask.
    let stepMask: Storage?
    /// At processing step s only sorted rows below active[s] can be real.
    let active: [Int]
    /// Whether every step reads the same input x [N, D].
    let repeated: Bool
    /// The inputs as the gates read them (after dropout): [T, N, D], or [1, N, D] when repeated.
    let xs: Storage
    /// Pre-activations, then gates: [T, N, 4H].
    let z: Storage
    /// Hidden and cell states, step s's inputs at s and outputs at s + 1: [T + 1, N, H].
    let hs: Storage, cs: Storage
    /// tanh(c) of each step: [T, N, H].
    let tanhC: Storage
    /// The previous hidden states after recurrent dropout, when there is any: [T, N, H].
    let dropped: Storage?

    init(_ direction: LSTMDirection, batch: Int, time: Int, inputs: Int, repeated: Bool, order: LongestFirst, mask: [Float]?) {
        self.direction = direction
        (self.batch, self.time, self.inputs, units, self.repeated) = (batch, time, inputs, direction.units, repeated)
        rows = order.rows
        let (n, h) = (batch, direction.units)
        if let mask {
            let steps = Storage(zeros: time * n)
            var active = [Int](repeating: 0, count: time)
            for s in 0..<time {
                let t = direction.goBackwards ? time - 1 - s : s
                for r in 0..<n where mask[order.rows[r] * time + t] != 0 {
                    steps.pointer[s * n + r] = 1
                    active[s] = r + 1
                }
            }
            stepMask = steps
            self.active = active
        } else {
            stepMask = nil
            active = [Int](repeating: n, count: time)
        }
        xs = Storage(capacity: (repeated ? 1 : time) * n * inputs)
        z = Storage(capacity: time * n * 4 * h)
        hs = Storage(capacity: (time + 1) * n * h)
        cs = Storage(capacity: (time + 1) * n * h)
        tanhC = Storage(capacity: time * n * h)
        dropped = direction.recurrentMask == nil ? nil : Storage(capacity: time * n * h)
    }

    /// The input step processing step `s` reads.
    func timeOf(_ s: Int) -> Int { direction.goBackwards ? time - 1 - s : s }

    /// How many different inputs the steps read: all of them, or one when repeated.
    var inputSteps: Int { repeated ? 1 : time }

    /// Where step `s` of sorted row `r` reads its input in x ([N, T, D], or [N, D] when repeated).
    func inputOffset(_ s: Int, _ r: Int) -> Int { repeated ? rows[r] * inputs : (rows[r] * time + timeOf(s)) * inputs }

    func forward(_ x: UnsafePointer<Float>, split: Bool) {
        let (n, t, d, h, g) = (batch, time, inputs, units, 4 * units)
        for s in 0..<inputSteps {
            for r in 0..<n {
                let row = rows[r]
                let source = x + inputOffset(s, r), target = xs.pointer + (s * n + r) * d
                if let m = direction.inputMask {
                    for j in 0..<d { target[j] = source[j] * m[row * d + j] }
                } else {
                    target.update(from: source, count: d)
                }
            }
        }
        let zp = z.pointer
        let projected = inputSteps * n
        for i in 0..<projected { (zp + i * g).update(from: direction.bias.data, count: g) }
        BLAS.gemm(false, false, m: projected, n: g, k: d, xs.pointer, direction.kernel.data, beta: 1, zp, split: split)
        // A repeated input's projection is the same at every step: copied, not multiplied again.
        for s in stride(from: projected, to: t * n, by: projected) { (zp + s * g).update(from: zp, count: projected * g) }
        hs.pointer.update(repeating: 0, count: n * h)
        cs.pointer.update(repeating: 0, count: n * h)
        let u = direction.recurrentKernel.data
        let packed = RecurrentProduct(u, rows: h, columns: g, transposed: false)
        for s in 0..<t {
            let m = active[s]
            let zs = zp + s * n * g, hp = hs.pointer + s * n * h, hn = hp + n * h
            let cp = cs.pointer + s * n * h, cn = cp + n * h, tc = tanhC.pointer + s * n * h
            var recurrent = UnsafePointer(hp)
            if let mask = direction.recurrentMask, let dropped {
                // Every row is written: the weight gradient's product reads them all.
                let target = dropped.pointer + s * n * h
                for r in 0..<n {
                    let row = rows[r]
                    for j in 0..<h { target[r * h + j] = hp[r * h + j] * mask[row * h + j] }
                }
                recurrent = UnsafePointer(target)
            }
            if m > 0 {
                packed.add(into: zs, ldc: g, recurrent, lda: h, rows: m, split: split)
                let maskRow = stepMask.map { UnsafePointer($0.pointer + s * n) }
                eachRowBlock(m, split: split) { r in
                    aelab_lstm_step(zs + r.lowerBound * g, cp + r.lowerBound * h, hp + r.lowerBound * h, cn + r.lowerBound * h,
                                    tc + r.lowerBound * h, hn + r.lowerBound * h, maskRow.map { $0 + r.lowerBound }, r.count, h)
                }
            }
            if m < n {
                // Rows past the bound are padding at this step: they carry their state.
                (cn + m * h).update(from: cp + m * h, count: (n - m) * h)
                (hn + m * h).update(from: hp + m * h, count: (n - m) * h)
            }
        }
    }

    /// Runs `body` over row ranges of 0..<m: split across the cores when `split` and the step is large.
    private func eachRowBlock(_ m: Int, split: Bool, _ body: (Range<Int>) -> Void) {
        if split {
            Parallel.split(m, work: m * units * 4, minimumWork: Parallel.elementwiseMinimum * 2, body)
        } else {
            body(0..<m)
        }
    }

    func masked(_ s: Int, _ r: Int) -> Bool { stepMask.map { $0.pointer[s * batch + r] == 0 } ?? false }

    /// Writes this direction's outputs into columns offset..<offset + units of `out` (rows of `width`).
    func writeOutput(_ out: UnsafeMutablePointer<Float>, offset: Int, width: Int, returnSequences: Bool, zeroMasked: Bool) {
        let (n, t, h) = (batch, time, units)
        for r in 0..<n {
            let row = rows[r]
            if returnSequences {
                for s in 0..<t {
                    let target = out + (row * t + timeOf(s)) * width + offset
                    if zeroMasked && masked(s, r) {
                        target.update(repeating: 0, count: h)
                    } else {
                        target.update(from: hs.pointer + ((s + 1) * n + r) * h, count: h)
                    }
                }
            } else {
                (out + row * width + offset).update(from: hs.pointer + (t * n + r) * h, count: h)
            }
        }
    }

    /// Backpropagation through time from the output gradient `g` (laid out as the output):
    /// adds the weights' gradients and returns the gradient of `xs` (before the input dropout)
    /// when `inputGradient`.
    func backward(_ g: UnsafePointer<Float>, offset: Int, width: Int, returnSequences: Bool, zeroMasked: Bool,
                  inputGradient: Bool, split: Bool) -> Storage? {
        let (n, t, d, h, gw) = (batch, time, inputs, units, 4 * units)
        let dz = Storage(capacity: t * n * gw)
        let dh = Storage(zeros: n * h), dc = Storage(zeros: n * h)
        let through = direction.recurrentMask == nil ? nil : Storage(capacity: n * h)
        let u = direction.recurrentKernel.data
        // dh += dz·Uᵀ: Uᵀ is the weight of this product, packed once for every step.
        let packed = RecurrentProduct(u, rows: gw, columns: h, transposed: true)
        if !returnSequences {
            for r in 0..<n { (dh.pointer + r * h).update(from: g + rows[r] * width + offset, count: h) }
        }
        for s in stride(from: t - 1, through: 0, by: -1) {
            if returnSequences {
                let step = timeOf(s)
                for r in 0..<n where !(zeroMasked && masked(s, r)) {
                    let target = dh.pointer + r * h
                    let source = g + (rows[r] * t + step) * width + offset
                    for j in 0..<h { target[j] += source[j] }
                }
            }
            let m = active[s]
            let dzs = dz.pointer + s * n * gw
            if m > 0 {
                let maskRow = stepMask.map { UnsafePointer($0.pointer + s * n) }
                let gates = z.pointer + s * n * gw, cp = cs.pointer + s * n * h, tc = tanhC.pointer + s * n * h
                eachRowBlock(m, split: split) { r in
                    aelab_lstm_step_backward(gates + r.lowerBound * gw, cp + r.lowerBound * h, tc + r.lowerBound * h,
                                             maskRow.map { $0 + r.lowerBound }, dh.pointer + r.lowerBound * h,
                                             dc.pointer + r.lowerBound * h, dzs + r.lowerBound * gw, r.count, h)
                }
                if let mask = direction.recurrentMask, let through {
                    through.pointer.update(repeating: 0, count: m * h)
                    packed.add(into: through.pointer, ldc: h, dzs, lda: gw, rows: m, split: split)
                    for r in 0..<m {
                        let row = rows[r]
                        for j in 0..<h { dh.pointer[r * h + j] += through.pointer[r * h + j] * mask[row * h + j] }
                    }
                } else {
                    packed.add(into: dh.pointer, ldc: h, dzs, lda: gw, rows: m, split: split)
                }
            }
            if m < n { (dzs + m * gw).update(repeating: 0, count: (n - m) * gw) }
        }
        let recurrentInputs = UnsafePointer(dropped?.pointer ?? hs.pointer)
        if direction.recurrentKernel.requiresGrad {
            let (du, beta) = direction.recurrentKernel.gradForGEMM()
            BLAS.gemm(true, false, m: h, n: gw, k: t * n, recurrentInputs, dz.pointer, beta: beta, du, split: split)
        }
        if direction.bias.requiresGrad {
            aelab_add_column_sums(dz.pointer, t * n, gw, direction.bias.gradAccumulator())
        }
        guard direction.kernel.requiresGrad || inputGradient else { return nil }
        // A repeated input met every step's gates: their gradients summed over the steps meet it once.
        let dzInput = repeated ? summedOverSteps(dz.pointer) : dz
        let projected = inputSteps * n
        if direction.kernel.requiresGrad {
            let (dw, beta) = direction.kernel.gradForGEMM()
            BLAS.gemm(true, false, m: d, n: gw, k: projected, xs.pointer, dzInput.pointer, beta: beta, dw, split: split)
        }
        guard inputGradient else { return nil }
        let dxs = Storage(capacity: projected * d)
        BLAS.gemm(false, true, m: projected, n: d, k: gw, dzInput.pointer, direction.kernel.data, beta: 0, dxs.pointer, split: split)
        return dxs
    }

    /// The gates' gradients [T, N, 4H] summed over the steps: [N, 4H].
    private func summedOverSteps(_ dz: UnsafePointer<Float>) -> Storage {
        let count = batch * 4 * units
        let sum = Storage(capacity: count)
        sum.pointer.update(repeating: 0, count: count)
        // Steps are the rows of a [T, N·4H] matrix: the bias gradient's column sums do it.
        aelab_add_column_sums(dz, time, count, sum.pointer)
        return sum
    }

    /// Adds the gradient of `xs` to the input's gradient dx ([N, T, D], or [N, D] when
    /// repeated), through the input dropout.
    func scatterInputGradient(_ dxs: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        let (n, d) = (batch, inputs)
        for s in 0..<inputSteps {
            for r in 0..<n {
                let row = rows[r]
                let source = dxs + (s * n + r) * d, target = dx + inputOffset(s, r)
                if let m = direction.inputMask {
                    for j in 0..<d { target[j] += source[j] * m[row * d + j] }
                } else {
                    for j in 0..<d { target[j] += source[j] }
                }
            }
        }
    }
}

/// The product with an LSTM's recurrent kernel that every step of a batch repeats, C += A·B with
/// B fixed: packed once into 32-column panels for AVX-512 (OpenBLAS packs B again on every call,
/// which for a step's 32 rows cost as much as the product), BLAS elsewhere.
private struct RecurrentProduct {
    /// B as given (row-major): [rows, columns], or its transpose [columns, rows] when `transposed`.
    let source: UnsafePointer<Float>
    /// B's size as the product uses it: k × n.
    let k: Int, n: Int
    let transposed: Bool
    /// The panels, when this machine and shape allow them.
    let packed: Storage?

    static let available = aelab_packed_gemm_available() != 0

    /// B = `source` (`rows` × `columns`), or with `transposed` B = sourceᵀ, `source` being `columns` × `rows`.
    init(_ source: UnsafePointer<Float>, rows k: Int, columns n: Int, transposed: Bool) {
        self.source = source
        (self.k, self.n, self.transposed) = (k, n, transposed)
        if RecurrentProduct.available && n % 32 == 0 && k > 0 {
            let panels = Storage(capacity: k * n)
            aelab_pack_panels(panels.pointer, source, transposed ? k : n, k, n, transposed ? 1 : 0)
            packed = panels
        } else {
            packed = nil
        }
    }

    /// C[rows × n] += A[rows × k]·B, split across the cores by panels when `split` and the
    /// product is large enough.
    func add(into c: UnsafeMutablePointer<Float>, ldc: Int, _ a: UnsafePointer<Float>, lda: Int, rows m: Int, split: Bool) {
        guard m > 0 else { return }
        guard let packed else {
            BLAS.gemm(false, transposed, m: m, n: n, k: k, a, lda: lda, source, ldb: transposed ? k : n, beta: 1, c, ldc: ldc, split: split)
            return
        }
        let panels = n / 32
        let parts = split ? max(1, min(Parallel.cores, panels, 2 * m * n * k / BLAS.parallelWork)) : 1
        guard parts > 1 else {
            aelab_packed_gemm(c, ldc, a, lda, packed.pointer, m, k, 0, panels)
            return
        }
        Parallel.run(parts: parts) { part in
            let r = Parallel.range(part, of: panels, parts: parts, alignment: 1)
            if !r.isEmpty { aelab_packed_gemm(c, ldc, a, lda, packed.pointer, m, k, r.lowerBound, r.count) }
        }
    }
}
