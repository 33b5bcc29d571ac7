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
        var argmax = [Int32](repeating: 0, count: out.count)
        precondition(count <= Int(Int32.max), "maxPool2d: input too large for 32-bit indices")
        argmax.withUnsafeMutableBufferPointer { indices in
            var o = 0
            for n in 0..<g.batch {
                let imageStart = n * g.height * g.width
                for oy in 0..<g.outHeight {
                    let y0 = max(0, oy * g.stride - g.padTop), y1 = min(g.height, oy * g.stride - g.padTop + pool)
                    for ox in 0..<g.outWidth {
                        let x0 = max(0, ox * g.stride - g.padLeft), x1 = min(g.width, ox * g.stride - g.padLeft + pool)
                        let window = PoolWindow(rows: y0..<y1, columns: x0..<x1, rowStart: imageStart, width: g.width, channels: c)
                        window.maximum(of: x.data, into: out.data + o, indices: indices.baseAddress! + o)
                        o += c
                    }
                }
            }
        }
        return Tensor.record(out, op: "max_pool2d", inputs: [x]) { out in
            let dx = x.gradAccumulator(), gradient = out.grad!
            argmax.withUnsafeBufferPointer { indices in
                for i in 0..<indices.count { dx[Int(indices[i])] += gradient[i] }
            }
        }
    }

    /// Keras's `UpSampling2D` op (nearest): every pixel of [N, H, W, C] repeated into a
    /// size×size block, giving [N, H·size, W·size, C].
    public func upsample2d(size: Int = 2) -> Tensor {
        precondition(rank == 4, "upsample2d needs NHWC input, got \(shape)")
        precondition(size >= 1, "upsampling size must be at least 1, not \(size)")
        let (batch, height, width, c) = (shape[0], shape[1], shape[2], shape[3])
        let outWidth = width * size, outRow = outWidth * c
        let x = self
        let out = Tensor(uninitialized: [batch, height * size, outWidth, c])
        for n in 0..<batch {
            for iy in 0..<height {
                let src = x.data + (n * height + iy) * width * c
                let dst = out.data + (n * height + iy) * size * outRow
                for ix in 0..<width {
                    for r in 0..<size { copyFloats(dst + (ix * size + r) * c, src + ix * c, c) }
                }
                for r in 1..<size { (dst + r * outRow).update(from: dst, count: outRow) }
            }
        }
        return Tensor.record(out, op: "upsample2d", inputs: [x]) { out in
            let dx = x.gradAccumulator(), gradient = out.grad!
            for n in 0..<batch {
                for iy in 0..<height {
                    let d = dx + (n * height + iy) * width * c
                    let rowsStart = gradient + (n * height + iy) * size * outRow
                    for r in 0..<size {
                        let gRow = rowsStart + r * outRow
                        for ix in 0..<width {
                            for s in 0..<size { addFloats(d + ix * c, gRow + (ix * size + s) * c, c) }
                        }
                    }
                }
            }
        }
    }
}

private let laneOffsets = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)

/// One pooling window: its pixel rows and columns within image `rowStart / height`.
private struct PoolWindow {
    var rows: Range<Int>, columns: Range<Int>
    var rowStart: Int, width: Int, channels: Int

    /// Writes the maximum of every channel over the window and its flat index (the first one
    /// on ties), eight channels at a time held in registers across the window.
    @inline(__always)
    func maximum(of x: UnsafePointer<Float>, into best: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let first = (rowStart + rows.lowerBound * width + columns.lowerBound) * channels
        var k = 0
        while k + 8 <= channels {
            var top = load(x + first + k)
            var where_ = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: first + k)) &+ laneOffsets
            for iy in rows {
                for ix in columns {
                    let start = (rowStart + iy * width + ix) * channels + k
                    let v = load(x + start)
                    let larger = v .> top
                    top.replace(with: v, where: larger)
                    where_.replace(with: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: start)) &+ laneOffsets, where: larger)
                }
            }
            store(top, best + k)
            UnsafeMutableRawPointer(indices + k).storeBytes(of: where_, as: SIMD8<Int32>.self)
            k += 8
        }
        while k < channels {
            var top = x[first + k], at = first + k
            for iy in rows {
                for ix in columns {
                    let start = (rowStart + iy * width + ix) * channels + k
                    if x[start] > top { top = x[start]; at = start }
                }
            }
            best[k] = top
            indices[k] = Int32(truncatingIfNeeded: at)
            k += 1
        }
    }
}
