extension Tensor {
    /// Keras's `Conv2DTranspose` op, fused: activation(convᵀ(x, W) + b).
    ///
    /// `self` is [N, H, W, in], `kernel` [kh, kw, out, in] (Keras's layout), `bias` [out]. It is
    /// the gradient of a convolution with this kernel: one GEMM gives every input pixel's
    /// contribution to a kh×kw window, and col2im adds the windows up at `stride` apart. The
    /// output is [N, H', W', out] with H' = H·stride for 'same' (the border is cropped, the extra
    /// row or column from the bottom/right as TensorFlow does) and H·stride + max(kh − stride, 0)
    /// for 'valid'.
    public func conv2dTranspose(kernel: Tensor, bias: Tensor?, stride: Int = 1, padding: Padding = .valid,
                                activation: Activation = .linear) -> Tensor {
        switch activation {
        case .sigmoid: return conv2dTranspose(kernel: kernel, bias: bias, stride: stride, padding: padding).sigmoid()
        case .softmax: return conv2dTranspose(kernel: kernel, bias: bias, stride: stride, padding: padding).softmax()
        case .linear, .relu, .tanh: break
        }
        precondition(rank == 4, "conv2dTranspose needs NHWC input, got \(shape)")
        precondition(kernel.rank == 4 && kernel.shape[3] == shape[3],
                     "conv2dTranspose: kernel of shape \(kernel.shape) does not fit input of shape \(shape)")
        let (kh, kw, filters, inputs) = (kernel.shape[0], kernel.shape[1], kernel.shape[2], kernel.shape[3])
        if let bias { precondition(bias.count == filters, "conv2dTranspose: bias of \(bias.count) for \(filters) filters") }
        let outHeight = padding.transposedOutputLength(input: shape[1], kernel: kh, stride: stride)
        let outWidth = padding.transposedOutputLength(input: shape[2], kernel: kw, stride: stride)
        // The convolution this op is the gradient of: from the output back to the input.
        let g = ConvGeometry(input: [shape[0], outHeight, outWidth, filters], kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
        precondition(g.outHeight == shape[1] && g.outWidth == shape[2], "conv2dTranspose: geometry mismatch for \(shape)")
        if inputs == 1 && !g.isPointwise {
            return singleChannelConv2dTranspose(g, kernel: kernel, bias: bias, activation: activation)
        }
        if filters == 1 && stride == 1 && !g.isPointwise {
            return singleFilterConv2dTranspose(g, kernel: kernel, bias: bias, activation: activation)
        }
        let x = self
        let pixels = g.batch * outHeight * outWidth
        let out = Tensor(uninitialized: [g.batch, outHeight, outWidth, filters])
        if let bias { fillRows(out.data, rows: pixels, width: filters, with: bias.data) } else { out.data.update(repeating: 0, count: out.count) }
        if g.isPointwise {
            BLAS.gemm(false, true, m: g.rows, n: filters, k: inputs, x.data, kernel.data, beta: 1, out.data)
        } else {
            // cols [N·H·W, kh·kw·out] = X · Wᵀ, with W seen as [kh·kw·out, in].
            let cols = Storage(capacity: g.rows * g.patch)
            withExtendedLifetime(cols) {
                BLAS.gemm(false, true, m: g.rows, n: g.patch, k: inputs, x.data, kernel.data, beta: 0, cols.pointer)
                g.col2im(cols.pointer, addingInto: out.data)
            }
        }
        activateInPlace(activation, out.data, count: out.count)
        var inputList = [x, kernel]
        if let bias { inputList.append(bias) }
        return Tensor.record(out, op: "conv2d_transpose", inputs: inputList) { out in
            let dz = out.grad!
            activationGradientInPlace(activation, output: out.data, dz, count: out.count)
            if let bias, bias.requiresGrad {
                addColumnSums(dz, rows: pixels, width: filters, into: bias.gradAccumulator())
            }
            guard kernel.requiresGrad || x.requiresGrad else { return }
            // The windows of dZ, laid out as the forward pass's column matrix.
            var dcols: Storage?
            if !g.isPointwise {
                dcols = Storage(capacity: g.rows * g.patch)
                g.im2col(dz, into: dcols!.pointer)
            }
            let dcolsPointer = dcols?.pointer ?? dz
            if kernel.requiresGrad {
                // dW [kh·kw·out, in] = colsᵀ · X
                let (dw, beta) = kernel.gradForGEMM()
                BLAS.gemm(true, false, m: g.patch, n: inputs, k: g.rows, dcolsPointer, x.data, beta: beta, dw)
            }
            if x.requiresGrad {
                // dX [N·H·W, in] = cols · W
                let (dx, beta) = x.gradForGEMM()
                BLAS.gemm(false, false, m: g.rows, n: inputs, k: g.patch, dcolsPointer, kernel.data, beta: beta, dx)
            }
            withExtendedLifetime(dcols) {}
        }
    }

    /// `conv2dTranspose` of a one-channel input: each input value scales the kernel into its
    /// window of the output, so no column matrix is built (nor, backwards, copied out of dZ).
    private func singleChannelConv2dTranspose(_ g: ConvGeometry, kernel: Tensor, bias: Tensor?, activation: Activation) -> Tensor {
        if g.stride == 1 { return singleChannelConv2dTransposeStride1(g, kernel: kernel, bias: bias, activation: activation) }
        let x = self
        let filters = g.channels
        let pixels = g.batch * g.height * g.width
        let out = Tensor(uninitialized: [g.batch, g.height, g.width, filters])
        if let bias { fillRows(out.data, rows: pixels, width: filters, with: bias.data) } else { out.data.update(repeating: 0, count: out.count) }
        let y = out.data, v = x.data, w = kernel.data
        g.forEachRun { row, patchOffset, imageOffset, count in
            addScaledFloats(y + imageOffset, v[row], w + patchOffset, count)
        }
        activateInPlace(activation, y, count: out.count)
        var inputList = [x, kernel]
        if let bias { inputList.append(bias) }
        return Tensor.record(out, op: "conv2d_transpose", inputs: inputList) { out in
            let dz = out.grad!
            activationGradientInPlace(activation, output: out.data, dz, count: out.count)
            if let bias, bias.requiresGrad {
                addColumnSums(dz, rows: pixels, width: filters, into: bias.gradAccumulator())
            }
            // Both gradients walk the same windows, so they share one pass when both are wanted.
            switch (kernel.requiresGrad, x.requiresGrad) {
            case (true, true):
                let dw = kernel.gradAccumulator(), dx = x.gradAccumulator()
                g.forEachRun { row, patchOffset, imageOffset, count in
                    addScaledFloats(dw + patchOffset, v[row], dz + imageOffset, count)
                    dx[row] += dotFloats(dz + imageOffset, w + patchOffset, count)
                }
            case (true, false):
                let dw = kernel.gradAccumulator()
                g.forEachRun { row, patchOffset, imageOffset, count in
                    addScaledFloats(dw + patchOffset, v[row], dz + imageOffset, count)
                }
            case (false, true):
                let dx = x.gradAccumulator()
                g.forEachRun { row, patchOffset, imageOffset, count in
                    dx[row] += dotFloats(dz + imageOffset, w + patchOffset, count)
                }
            case (false, false):
                break
            }
        }
    }

    /// `singleChannelConv2dTranspose` at stride 1, in the C kernels: the adjoint of a convolution
    /// with one filter, so `OneChannelConv`'s form as it stands with the directions swapped.
    private func singleChannelConv2dTransposeStride1(_ g: ConvGeometry, kernel: Tensor, bias: Tensor?, activation: Activation) -> Tensor {
        OneChannelConv(singleOutput: g, channels: g.channels).opFromSingle(self, kernel: kernel, flipped: false, bias: bias, activation: activation, op: "conv2d_transpose")
    }

    /// `conv2dTranspose` to one output channel at stride 1, in the C kernels: the adjoint of a
    /// convolution of a one-channel image, so `OneChannelConv`'s form with the kernel flipped.
    private func singleFilterConv2dTranspose(_ g: ConvGeometry, kernel: Tensor, bias: Tensor?, activation: Activation) -> Tensor {
        // The convolution this op is the gradient of runs from the one-channel output (g's
        // input) to the C-channel input (g's output).
        OneChannelConv(singleInput: g, channels: kernel.shape[3]).opToSingle(self, kernel: kernel, flipped: true, bias: bias, activation: activation, op: "conv2d_transpose")
    }
}
