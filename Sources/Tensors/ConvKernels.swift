import CKernels

/// A stride-1 convolution between a one-channel map (`single`, [N, ho, wo]) and a C-channel map
/// (`multi`, [N, h, w, C]) through a kernel [kh, kw, C]: single position (oy, ox) meets multi
/// position (oy + ky − pt, ox + kx − pl) at tap (ky, kx). Its three directions (`dot`, `spread`,
/// `outer`) run as the C kernels in CKernels, compiled for this CPU's vector width.
///
/// A convolution with one filter is this form as it stands; one with one input channel (plain,
/// or transposed with one output channel) is it with the kernel flipped and the padding
/// mirrored (`flipped`).
struct OneChannelConv {
    var batch, height, width, channels: Int
    var singleHeight, singleWidth: Int
    var kernelHeight, kernelWidth: Int
    var padTop, padLeft: Int

    /// The same pairing seen from the other side: single position p meets multi position
    /// p − k' + (kh − 1 − pt) in the form above, with k' the mirrored tap.
    func mirrored() -> OneChannelConv {
        var m = self
        m.padTop = kernelHeight - 1 - padTop
        m.padLeft = kernelWidth - 1 - padLeft
        return m
    }

    /// single = initial + Σ multi·K (or single += Σ multi·K when accumulating).
    func dot(into single: UnsafeMutablePointer<Float>, multi: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
             initial: Float = 0, accumulate: Bool = false) {
        splitBatch { r in
            aelab_conv1_dot(single + r.lowerBound * singleSize, multi + r.lowerBound * multiSize, kernel, r.count, height,
                            width, channels, singleHeight, singleWidth, kernelHeight, kernelWidth, padTop, padLeft,
                            initial, accumulate ? 1 : 0)
        }
    }

    /// multi = bias + Σ single·K (or multi += Σ single·K when accumulating).
    func spread(into multi: UnsafeMutablePointer<Float>, single: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                bias: UnsafePointer<Float>? = nil, accumulate: Bool = false) {
        splitBatch { r in
            aelab_conv1_spread(multi + r.lowerBound * multiSize, single + r.lowerBound * singleSize, kernel, bias, r.count,
                               height, width, channels, singleHeight, singleWidth, kernelHeight, kernelWidth, padTop,
                               padLeft, accumulate ? 1 : 0)
        }
    }

    /// dK += Σ single·multi at every tap. Split between cores, each part sums into a kernel of
    /// its own, and those are added in part order, so the result does not depend on timing.
    func outer(into dk: UnsafeMutablePointer<Float>, single: UnsafePointer<Float>, multi: UnsafePointer<Float>) {
        let parts = Parallel.parts(batch, work: work)
        guard parts > 1 else {
            aelab_conv1_outer(dk, single, multi, batch, height, width, channels, singleHeight, singleWidth,
                              kernelHeight, kernelWidth, padTop, padLeft)
            return
        }
        let size = kernelHeight * kernelWidth * channels
        var partial = [Float](repeating: 0, count: parts * size)
        partial.withUnsafeMutableBufferPointer { partial in
            let base = partial.baseAddress!
            Parallel.run(parts: parts) { k in
                let r = Parallel.range(k, of: batch, parts: parts, alignment: 1)
                aelab_conv1_outer(base + k * size, single + r.lowerBound * singleSize, multi + r.lowerBound * multiSize,
                                  r.count, height, width, channels, singleHeight, singleWidth, kernelHeight, kernelWidth,
                                  padTop, padLeft)
            }
        }
        for k in 0..<parts {
            for i in 0..<size { dk[i] += partial[k * size + i] }
        }
    }

    private var singleSize: Int { singleHeight * singleWidth }
    private var multiSize: Int { height * width * channels }

    /// Multiply-adds of one pass in any of the three directions.
    private var work: Int { batch * singleSize * kernelHeight * kernelWidth * channels }

    /// Runs `body` over parts of the batch, on several cores when there is enough work.
    private func splitBatch(_ body: (Range<Int>) -> Void) { Parallel.split(batch, work: work, body) }

    /// The kernel [kh, kw, C] turned by 180°: tap (ky, kx) ↔ (kh − 1 − ky, kw − 1 − kx).
    func flip(_ k: UnsafePointer<Float>) -> [Float] {
        let taps = kernelHeight * kernelWidth, c = channels
        var out = [Float](repeating: 0, count: taps * c)
        for t in 0..<taps {
            let s = taps - 1 - t
            for i in 0..<c { out[t * c + i] = k[s * c + i] }
        }
        return out
    }

    /// Adds a flipped kernel's gradient to the unflipped kernel's.
    func addFlipped(_ dkFlipped: [Float], into dk: UnsafeMutablePointer<Float>) {
        let taps = kernelHeight * kernelWidth, c = channels
        for t in 0..<taps {
            let s = taps - 1 - t
            for i in 0..<c { dk[s * c + i] += dkFlipped[t * c + i] }
        }
    }
}

/// The ops built on the form: whichever side of a stride-1 convolution has one channel, the op
/// runs one direction of the form forwards and the other two backwards. A transposed
/// convolution's kernel, or a convolution's that reads from its one-channel input, enters the
/// form turned by 180° (`flipped`), and its gradient is turned back.
extension OneChannelConv {
    /// The form of `g` (stride 1) with g's output as the one-channel side; g's input has `channels`.
    init(singleOutput g: ConvGeometry, channels: Int) {
        self.init(batch: g.batch, height: g.height, width: g.width, channels: channels,
                  singleHeight: g.outHeight, singleWidth: g.outWidth,
                  kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth, padTop: g.padTop, padLeft: g.padLeft)
    }

    /// The form of `g` seen from the other side: g's input is the one-channel side and g's output
    /// has `channels` (output pixel o meets input pixel o + k − pad).
    init(singleInput g: ConvGeometry, channels: Int) {
        self = OneChannelConv(batch: g.batch, height: g.outHeight, width: g.outWidth, channels: channels,
                              singleHeight: g.height, singleWidth: g.width,
                              kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth, padTop: g.padTop, padLeft: g.padLeft).mirrored()
    }

    /// The op whose output is the one-channel side: single = bias + Σ multi·K, with `x` as multi.
    func opToSingle(_ x: Tensor, kernel: Tensor, flipped: Bool, bias: Tensor?, activation: Activation, op: String) -> Tensor {
        let k = FormKernel(kernel, flipped: flipped, form: self)
        let out = Tensor(uninitialized: [batch, singleHeight, singleWidth, 1])
        k.withPointer { dot(into: out.data, multi: x.data, kernel: $0, initial: bias?.data[0] ?? 0) }
        activateInPlace(activation, out.data, count: out.count)
        return Tensor.record(out, op: op, inputs: [x, kernel] + (bias.map { [$0] } ?? [])) { out in
            let dz = out.grad!
            activationGradientInPlace(activation, output: out.data, dz, count: out.count)
            if let bias, bias.requiresGrad { bias.gradAccumulator()[0] += sumVectors(out.count, dz) }
            if kernel.requiresGrad { k.addGradient(to: kernel) { outer(into: $0, single: dz, multi: x.data) } }
            if x.requiresGrad {
                let (dx, beta) = x.gradForGEMM()
                k.withPointer { spread(into: dx, single: dz, kernel: $0, accumulate: beta != 0) }
            }
        }
    }

    /// The op whose input is the one-channel side: multi = bias + Σ single·K, with `x` as single.
    func opFromSingle(_ x: Tensor, kernel: Tensor, flipped: Bool, bias: Tensor?, activation: Activation, op: String) -> Tensor {
        let k = FormKernel(kernel, flipped: flipped, form: self)
        let out = Tensor(uninitialized: [batch, height, width, channels])
        k.withPointer { spread(into: out.data, single: x.data, kernel: $0, bias: bias?.data) }
        activateInPlace(activation, out.data, count: out.count)
        return Tensor.record(out, op: op, inputs: [x, kernel] + (bias.map { [$0] } ?? [])) { out in
            let dz = out.grad!
            activationGradientInPlace(activation, output: out.data, dz, count: out.count)
            if let bias, bias.requiresGrad {
                addColumnSums(dz, rows: out.count / channels, width: channels, into: bias.gradAccumulator())
            }
            if kernel.requiresGrad { k.addGradient(to: kernel) { outer(into: $0, single: x.data, multi: dz) } }
            if x.requiresGrad {
                let (dx, beta) = x.gradForGEMM()
                k.withPointer { dot(into: dx, multi: dz, kernel: $0, accumulate: beta != 0) }
            }
        }
    }
}

/// A kernel as the form reads it: the parameter itself, or a copy turned by 180°.
private struct FormKernel {
    let kernel: Tensor
    let flippedCopy: [Float]?
    let form: OneChannelConv

    init(_ kernel: Tensor, flipped: Bool, form: OneChannelConv) {
        self.kernel = kernel
        self.flippedCopy = flipped ? form.flip(kernel.data) : nil
        self.form = form
    }

    func withPointer(_ body: (UnsafePointer<Float>) -> Void) {
        if let flippedCopy { flippedCopy.withUnsafeBufferPointer { body($0.baseAddress!) } } else { body(kernel.data) }
    }

    /// Lets `compute` add the form's kernel gradient, and adds it to `kernel`'s own gradient.
    func addGradient(to kernel: Tensor, _ compute: (UnsafeMutablePointer<Float>) -> Void) {
        guard let flippedCopy else { return compute(kernel.gradAccumulator()) }
        var dk = [Float](repeating: 0, count: flippedCopy.count)
        dk.withUnsafeMutableBufferPointer { compute($0.baseAddress!) }
        form.addFlipped(dk, into: kernel.gradAccumulator())
    }
}
