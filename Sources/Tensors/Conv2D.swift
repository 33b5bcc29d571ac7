extension Tensor {
    /// Keras's `Conv2D` op, fused: activation(conv(x, W) + b), as one GEMM over the im2col matrix.
    ///
    /// `self` is [N, H, W, C], `kernel` [kh, kw, C, out] (HWIO), `bias` [out]; the result is
    /// [N, H', W', out] with H' and W' as `padding` gives them. Sigmoid and softmax are built as
    /// separate ops on the logits, as in `dense`, so that cross-entropy can use them.
    public func conv2d(kernel: Tensor, bias: Tensor?, stride: Int = 1, padding: Padding = .valid,
                       activation: Activation = .linear) -> Tensor {
        switch activation {
        case .sigmoid: return conv2d(kernel: kernel, bias: bias, stride: stride, padding: padding).sigmoid()
        case .softmax: return conv2d(kernel: kernel, bias: bias, stride: stride, padding: padding).softmax()
        case .linear, .relu, .tanh: break
        }
        precondition(rank == 4, "conv2d needs NHWC input, got \(shape)")
        precondition(kernel.rank == 4 && kernel.shape[2] == shape[3],
                     "conv2d: kernel of shape \(kernel.shape) does not fit input of shape \(shape)")
        let filters = kernel.shape[3]
        if let bias { precondition(bias.count == filters, "conv2d: bias of \(bias.count) for \(filters) filters") }
        let g = ConvGeometry(input: shape, kernelHeight: kernel.shape[0], kernelWidth: kernel.shape[1], stride: stride, padding: padding)
        precondition(g.outHeight > 0 && g.outWidth > 0, "conv2d: a \(kernel.shape[0])×\(kernel.shape[1]) kernel does not fit input \(shape) with \(padding) padding")
        if filters == 1 && !g.isPointwise {
            return singleFilterConv2d(g, kernel: kernel, bias: bias, activation: activation)
        }
        if g.channels == 1 && g.stride == 1 && !g.isPointwise {
            return singleChannelConv2d(g, kernel: kernel, bias: bias, activation: activation)
        }
        let x = self
        // The column matrix stays alive with the graph for the kernel's gradient.
        let cols: Storage? = g.isPointwise ? nil : Storage(capacity: g.rows * g.patch)
        if let cols { g.im2col(x.data, into: cols.pointer) }
        let colsPointer = cols?.pointer ?? x.data
        let out = Tensor(uninitialized: [g.batch, g.outHeight, g.outWidth, filters])
        if let bias { fillRows(out.data, rows: g.rows, width: filters, with: bias.data) }
        BLAS.gemm(false, false, m: g.rows, n: filters, k: g.patch, colsPointer, kernel.data, beta: bias == nil ? 0 : 1, out.data)
        activateInPlace(activation, out.data, count: out.count)
        var inputs = [x, kernel]
        if let bias { inputs.append(bias) }
        return Tensor.record(out, op: "conv2d", inputs: inputs) { out in
            let dz = out.grad!
            activationGradientInPlace(activation, output: out.data, dz, count: out.count)
            let colsPointer = cols?.pointer ?? x.data
            if kernel.requiresGrad {
                // dW = colsᵀ · dZ
                let (dw, beta) = kernel.gradForGEMM()
                BLAS.gemm(true, false, m: g.patch, n: filters, k: g.rows, colsPointer, dz, beta: beta, dw)
            }
            if let bias, bias.requiresGrad {
                addColumnSums(dz, rows: g.rows, width: filters, into: bias.gradAccumulator())
            }
            if x.requiresGrad {
                // dX = col2im(dZ · Wᵀ)
                if g.isPointwise {
                    let (dx, beta) = x.gradForGEMM()
                    BLAS.gemm(false, true, m: g.rows, n: g.patch, k: filters, dz, kernel.data, beta: beta, dx)
                } else {
                    let dcols = Storage(capacity: g.rows * g.patch)
                    withExtendedLifetime(dcols) {
                        BLAS.gemm(false, true, m: g.rows, n: g.patch, k: filters, dz, kernel.data, beta: 0, dcols.pointer)
                        g.col2im(dcols.pointer, addingInto: x.gradAccumulator())
                    }
                }
            }
        }
    }

    /// `conv2d` with one filter: each output is a dot product of a window with the kernel, so the
    /// windows are read in place instead of copied into a column matrix (kh·kw times the input).
    private func singleFilterConv2d(_ g: ConvGeometry, kernel: Tensor, bias: Tensor?, activation: Activation) -> Tensor {
        if g.stride == 1 { return singleFilterConv2dStride1(g, kernel: kernel, bias: bias, activation: activation) }
        let x = self
        let out = Tensor(repeating: bias?.data[0] ?? 0, shape: [g.batch, g.outHeight, g.outWidth, 1])
        let y = out.data, image = x.data, w = kernel.data
        g.forEachRun { row, patchOffset, imageOffset, count in
            y[row] += dotFloats(image + imageOffset, w + patchOffset, count)
        }
        activateInPlace(activation, y, count: out.count)
        var inputs = [x, kernel]
        if let bias { inputs.append(bias) }
        return Tensor.record(out, op: "conv2d", inputs: inputs) { out in
            let dz = out.grad!
            activationGradientInPlace(activation, output: out.data, dz, count: out.count)
            if let bias, bias.requiresGrad { bias.gradAccumulator()[0] += sumVectors(out.count, dz) }
            // Both gradients walk the same windows, so they share one pass when both are wanted.
            switch (kernel.requiresGrad, x.requiresGrad) {
            case (true, true):
                let dw = kernel.gradAccumulator(), dx = x.gradAccumulator()
                g.forEachRun { row, patchOffset, imageOffset, count in
                    addScaledFloats(dw + patchOffset, dz[row], image + imageOffset, count)
                    addScaledFloats(dx + imageOffset, dz[row], w + patchOffset, count)
                }
            case (true, false):
                let dw = kernel.gradAccumulator()
                g.forEachRun { row, patchOffset, imageOffset, count in
                    addScaledFloats(dw + patchOffset, dz[row], image + imageOffset, count)
                }
            case (false, true):
                let dx = x.gradAccumulator()
                g.forEachRun { row, patchOffset, imageOffset, count in
                    addScaledFloats(dx + imageOffset, dz[row], w + patchOffset, count)
                }
            case (false, false):
                break
            }
        }
    }

    /// `conv2d` with one filter at stride 1, in the C kernels: every output is a window of the
    /// input dotted with the kernel (the form of `OneChannelConv` as it stands).
    private func singleFilterConv2dStride1(_ g: ConvGeometry, kernel: Tensor, bias: Tensor?, activation: Activation) -> Tensor {
        OneChannelConv(singleOutput: g, channels: g.channels).opToSingle(self, kernel: kernel, flipped: false, bias: bias, activation: activation, op: "conv2d")
    }

    /// `conv2d` of a one-channel input at stride 1, in the C kernels: each input value scales the
    /// (flipped) kernel into its window of the output, so no column matrix is built.
    private func singleChannelConv2d(_ g: ConvGeometry, kernel: Tensor, bias: Tensor?, activation: Activation) -> Tensor {
        OneChannelConv(singleInput: g, channels: kernel.shape[3]).opFromSingle(self, kernel: kernel, flipped: true, bias: bias, activation: activation, op: "conv2d")
    }
}
