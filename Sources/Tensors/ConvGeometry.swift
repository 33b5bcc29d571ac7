import CKernels

/// The shapes of a 2-D convolution over NHWC images, and the patch (im2col) layout its GEMM uses.
///
/// One column-matrix row per output pixel (n, y, x), holding the kh·kw·C input values under the
/// window in (ky, kx, c) order: the order of an HWIO kernel flattened to [kh·kw·C, out], so that
/// the convolution is one GEMM. Positions in the padding are zeros.
struct ConvGeometry {
    var batch, height, width, channels: Int
    var outHeight, outWidth: Int
    var kernelHeight, kernelWidth: Int
    var stride: Int
    var padTop, padLeft: Int

    /// The geometry of a window of kh×kw sliding over `input` [N, H, W, C].
    init(input: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Padding) {
        precondition(input.count == 4, "2-D convolution and pooling need NHWC input, got \(input)")
        precondition(stride >= 1, "stride must be at least 1, not \(stride)")
        batch = input[0]; height = input[1]; width = input[2]; channels = input[3]
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        outHeight = padding.outputLength(input: height, kernel: kernelHeight, stride: stride)
        outWidth = padding.outputLength(input: width, kernel: kernelWidth, stride: stride)
        padTop = padding.leadingPad(input: height, kernel: kernelHeight, stride: stride)
        padLeft = padding.leadingPad(input: width, kernel: kernelWidth, stride: stride)
    }

    /// Output pixels over the batch: the column matrix's rows.
    var rows: Int { batch * outHeight * outWidth }
    /// Values under one window: the column matrix's width.
    var patch: Int { kernelHeight * kernelWidth * channels }
    /// A 1×1 window at stride 1 without padding: the input is already its own column matrix.
    var isPointwise: Bool { kernelHeight == 1 && kernelWidth == 1 && stride == 1 && padTop == 0 && padLeft == 0 }

    /// Copies every window of `image` [N, H, W, C] into `cols` [rows, patch].
    ///
    /// The loops run over kernel positions outside and output columns inside, so that with few
    /// channels (a grey image: one float per position) the inner loop is long and simple; the
    /// border is handled once per kernel position by the range of columns it reaches.
    func im2col(_ image: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>) {
        let c = channels, rowStride = patch
        for n in 0..<batch {
            let base = image + n * height * width * c
            for oy in 0..<outHeight {
                let rowStart = cols + (n * outHeight + oy) * outWidth * rowStride
                for ky in 0..<kernelHeight {
                    let iy = oy * stride - padTop + ky
                    let inside = iy >= 0 && iy < height
                    let line = base + (inside ? iy * width * c : 0)
                    for kx in 0..<kernelWidth {
                        let dst = rowStart + (ky * kernelWidth + kx) * c
                        let (lo, hi) = inside ? columns(reachedBy: kx) : (0, 0)
                        for ox in 0..<lo { zeroFloats(dst + ox * rowStride, c) }
                        let shift = kx - padLeft
                        if c == 1 {
                            for ox in lo..<hi { dst[ox * rowStride] = line[ox * stride + shift] }
                        } else {
                            for ox in lo..<hi { copyFloats(dst + ox * rowStride, line + (ox * stride + shift) * c, c) }
                        }
                        for ox in hi..<outWidth { zeroFloats(dst + ox * rowStride, c) }
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds every column-matrix row back onto the pixels of its window.
    func col2im(_ cols: UnsafePointer<Float>, addingInto image: UnsafeMutablePointer<Float>) {
        let c = channels, rowStride = patch
        for n in 0..<batch {
            let base = image + n * height * width * c
            for oy in 0..<outHeight {
                let rowStart = cols + (n * outHeight + oy) * outWidth * rowStride
                for ky in 0..<kernelHeight {
                    let iy = oy * stride - padTop + ky
                    guard iy >= 0, iy < height else { continue }
                    let line = base + iy * width * c
                    for kx in 0..<kernelWidth {
                        let src = rowStart + (ky * kernelWidth + kx) * c
                        let (lo, hi) = columns(reachedBy: kx)
                        let shift = kx - padLeft
                        if c == 1 {
                            for ox in lo..<hi { line[ox * stride + shift] += src[ox * rowStride] }
                        } else {
                            for ox in lo..<hi { addFloats(line + (ox * stride + shift) * c, src + ox * rowStride, c) }
                        }
                    }
                }
            }
        }
    }

    /// The output columns whose window puts kernel column `kx` inside the image.
    @inline(__always)
    private func columns(reachedBy kx: Int) -> (Int, Int) {
        // Input column ox·stride − padLeft + kx must lie in 0..<width.
        let first = padLeft - kx
        let lo = first <= 0 ? 0 : (first + stride - 1) / stride
        let last = width - 1 + padLeft - kx
        let hi = last < 0 ? 0 : min(outWidth, last / stride + 1)
        return (min(lo, hi), hi)
    }

    /// Calls `body(row, patchOffset, imageOffset, count)` for every stretch of a window that lies
    /// inside the image: column-matrix row `row` holds image[imageOffset ..< +count] at
    /// patchOffset. This lets a convolution with one filter (or a transposed one with one input
    /// channel), whose GEMM is a matrix times a vector, skip building the column matrix at all.
    @inline(__always)
    func forEachRun(_ body: (_ row: Int, _ patchOffset: Int, _ imageOffset: Int, _ count: Int) -> Void) {
        let run = kernelWidth * channels
        var row = 0
        for n in 0..<batch {
            for oy in 0..<outHeight {
                let iy0 = oy * stride - padTop
                for ox in 0..<outWidth {
                    let ix0 = ox * stride - padLeft
                    let lo = max(0, -ix0), hi = min(kernelWidth, width - ix0)
                    if hi > lo {
                        for ky in 0..<kernelHeight {
                            let iy = iy0 + ky
                            guard iy >= 0, iy < height else { continue }
                            body(row, ky * run + lo * channels, ((n * height + iy) * width + ix0 + lo) * channels, (hi - lo) * channels)
                        }
                    }
                    row += 1
                }
            }
        }
    }
}

// Short runs (a few channels) are common here; a plain loop beats a call to memmove for them.

@inline(__always) func copyFloats(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n {
        store(load(src + i), dst + i)
        i += 8
    }
    while i < n {
        dst[i] = src[i]
        i += 1
    }
}

@inline(__always) func zeroFloats(_ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    if n < 16 { for i in 0..<n { dst[i] = 0 } } else { dst.update(repeating: 0, count: n) }
}

/// dst += src over `n` floats.
@inline(__always) func addFloats(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
    var i = 0
    while i + 8 <= n {
        store(load(dst + i) + load(src + i), dst + i)
        i += 8
    }
    while i < n {
        dst[i] += src[i]
        i += 1
    }
}

/// Σ a[i]·b[i] over `n` floats.
@inline(__always) func dotFloats(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = Vec(repeating: 0)
    var i = 0
    while i + 8 <= n {
        acc += load(a + i) * load(b + i)
        i += 8
    }
    var total = acc.sum()
    while i < n {
        total += a[i] * b[i]
        i += 1
    }
    return total
}

/// dst += scale·src over `n` floats.
@inline(__always) func addScaledFloats(_ dst: UnsafeMutablePointer<Float>, _ scale: Float, _ src: UnsafePointer<Float>, _ n: Int) {
    let s = Vec(repeating: scale)
    var i = 0
    while i + 8 <= n {
        store(load(dst + i) + s * load(src + i), dst + i)
        i += 8
    }
    while i < n {
        dst[i] += scale * src[i]
        i += 1
    }
}

/// Writes `bias` [width] into every row of `y` [rows, width].
func fillRows(_ y: UnsafeMutablePointer<Float>, rows: Int, width: Int, with bias: UnsafePointer<Float>) {
    if width == 1 { y.update(repeating: bias[0], count: rows); return }
    for r in 0..<rows { copyFloats(y + r * width, bias, width) }
}

/// db += the column sums of `g` [rows, width] (a bias's gradient).
func addColumnSums(_ g: UnsafePointer<Float>, rows: Int, width: Int, into db: UnsafeMutablePointer<Float>) {
    if width == 1 { db[0] += sumVectors(rows, g); return }
    aelab_add_column_sums(g, rows, width, db)
}

/// Applies a fusable activation (linear, ReLU, tanh) in place, split between cores when large.
func activateInPlace(_ activation: Activation, _ y: UnsafeMutablePointer<Float>, count: Int) {
    switch activation {
    case .relu: Parallel.chunks(count, minimum: Parallel.elementwiseMinimum) { r in mapVectors(r.count, y + r.lowerBound, y + r.lowerBound) { vmax($0, Vec(repeating: 0)) } }
    case .tanh: Parallel.chunks(count, minimum: Parallel.elementwiseMinimum) { r in mapVectors(r.count, y + r.lowerBound, y + r.lowerBound, vtanh) }
    case .linear: break
    case .sigmoid, .softmax: preconditionFailure("\(activation) is applied as its own op")
    }
}

/// Turns the gradient of a fused activation's output into the gradient of its input, in place,
/// from the output `y`.
func activationGradientInPlace(_ activation: Activation, output y: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, count: Int) {
    switch activation {
    case .relu: Parallel.chunks(count, minimum: Parallel.elementwiseMinimum) { r in aelab_relu_backward(y + r.lowerBound, g + r.lowerBound, r.count) }
    case .tanh: mapVectors(count, y, g, g) { y, g in g * (1 - y * y) }
    default: break
    }
}
