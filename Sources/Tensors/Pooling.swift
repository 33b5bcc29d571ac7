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
                        let best = out.data + o, index = indices.baseAddress! + o
                        var first = true
                        for iy in y0..<y1 {
                            for ix in x0..<x1 {
                                let start = (imageStart + iy * g.width + ix) * c
                                if first {
                                    takeFirst(x.data + start, start: start, best, index, c)
                                    first = false
                                } else {
                                    keepLarger(x.data + start, start: start, best, index, c)
                                }
                            }
                        }
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

/// Where src[k] > best[k], takes src[k] and its flat index `start + k` (channels eight at a time).
@inline(__always)
private func keepLarger(_ src: UnsafePointer<Float>, start: Int, _ best: UnsafeMutablePointer<Float>,
                        _ index: UnsafeMutablePointer<Int32>, _ c: Int) {
    var k = 0
    while k + 8 <= c {
        let v = load(src + k), b = load(best + k)
        let larger = v .> b
        if any(larger) {
            store(b.replacing(with: v, where: larger), best + k)
            let slot = UnsafeMutableRawPointer(index + k)
            var i = slot.loadUnaligned(as: SIMD8<Int32>.self)
            i.replace(with: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: start + k)) &+ laneOffsets, where: larger)
            slot.storeBytes(of: i, as: SIMD8<Int32>.self)
        }
        k += 8
    }
    while k < c {
        if src[k] > best[k] { best[k] = src[k]; index[k] = Int32(truncatingIfNeeded: start + k) }
        k += 1
    }
}

/// Starts a window's maximum at its first pixel.
@inline(__always)
private func takeFirst(_ src: UnsafePointer<Float>, start: Int, _ best: UnsafeMutablePointer<Float>,
                       _ index: UnsafeMutablePointer<Int32>, _ c: Int) {
    var k = 0
    while k + 8 <= c {
        store(load(src + k), best + k)
        UnsafeMutableRawPointer(index + k).storeBytes(of: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: start + k)) &+ laneOffsets, as: SIMD8<Int32>.self)
        k += 8
    }
    while k < c {
        best[k] = src[k]
        index[k] = Int32(truncatingIfNeeded: start + k)
        k += 1
    }
}
