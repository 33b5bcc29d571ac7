import CKernels

extension Tensor {
    /// Keras's `MaxPooling2D` op on [N, H, W, C]: the largest value of each pool×pool window,
    /// windows `stride` apart (default: `pool`, so they tile the image).
    ///
    /// The position of each maximum is kept, and the gradient goes to it alone (the first one,
    /// in row-major window order, when values tie).
    public func maxPool2d(pool: Int = 2, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
        precondition(rank == 4, "maxPool2d needs NHWC input, got \(shape)")
        precondition(pool >= 1, "pool size must be at least 1, not \(pool)")
        let g = ConvGeometry(input: shape, kernelHeight: pool, kernelWidth: pool, stride: stride ?? pool, padding: padding)
        precondition(g.outHeight > 0 && g.outWidth > 0, "maxPool2d: a \(pool)×\(pool) pool does not fit input \(shape)")
        let x = self
        let c = g.channels
        let out = Tensor(uninitialized: [g.batch, g.outHeight, g.outWidth, c])
        precondition(count <= Int(Int32.max), "maxPool2d: input too large for 32-bit indices")
        // Split over the batch: each part's maxima, and so its gradient, stay in its own examples.
        let outputs = g.outHeight * g.outWidth * c
        let argmax = [Int32](unsafeUninitializedCapacity: out.count) { indices, initialized in
            let at = indices.baseAddress!
            Parallel.split(g.batch, work: count) { r in
                aelab_maxpool(out.data + r.lowerBound * outputs, at + r.lowerBound * outputs, x.data, r.lowerBound, r.count,
                              g.height, g.width, c, g.outHeight, g.outWidth, pool, g.stride, g.padTop, g.padLeft)
            }
            initialized = out.count
        }
        return Tensor.record(out, op: "max_pool2d", inputs: [x]) { out in
            let dx = x.gradAccumulator(), gradient = out.grad!
            argmax.withUnsafeBufferPointer { at in
                Parallel.split(g.batch, work: x.count) { r in
                    let o = r.lowerBound * outputs
                    aelab_scatter_add(dx, gradient + o, at.baseAddress! + o, r.count * outputs)
                }
            }
        }
    }

    /// Keras's `UpSampling2D` op (nearest): every pixel of [N, H, W, C] repeated into a
    /// size×size block, giving [N, H·size, W·size, C].
    public func upsample2d(size: Int = 2) -> Tensor {
        precondition(rank == 4, "upsample2d needs NHWC input, got \(shape)")
        precondition(size >= 1, "upsampling size must be at least 1, not \(size)")
        let (batch, height, width, c) = (shape[0], shape[1], shape[2], shape[3])
        let outWidth = width * size
        let x = self
        let out = Tensor(uninitialized: [batch, height * size, outWidth, c])
        let example = height * width * c, work = out.count
        Parallel.split(batch, work: work) { r in
            aelab_upsample2d(out.data + r.lowerBound * example * size * size, x.data + r.lowerBound * example,
                             r.count, height, width, c, size)
        }
        return Tensor.record(out, op: "upsample2d", inputs: [x]) { out in
            let (dx, beta) = x.gradForGEMM()
            let g = out.grad!
            Parallel.split(batch, work: work) { r in
                aelab_upsample2d_backward(dx + r.lowerBound * example, g + r.lowerBound * example * size * size,
                                          r.count, height, width, c, size, beta != 0 ? 1 : 0)
            }
        }
    }
}
