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
    /// Within one kernel row the window's kw·C values are contiguous in the image, so each
    /// (output pixel, ky) is one run copy, clipped at the borders.
    func im2col(_ image: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>) {
        let run = kernelWidth * channels
        var row = cols
        for n in 0..<batch {
            let base = image + n * height * width * channels
            for oy in 0..<outHeight {
                let iy0 = oy * stride - padTop
                for ox in 0..<outWidth {
                    let ix0 = ox * stride - padLeft
                    let lo = max(0, -ix0), hi = min(kernelWidth, width - ix0)
                    for ky in 0..<kernelHeight {
                        let dst = row + ky * run
                        let iy = iy0 + ky
                        guard iy >= 0, iy < height, hi > lo else { zeroFloats(dst, run); continue }
                        if lo > 0 { zeroFloats(dst, lo * channels) }
                        copyFloats(dst + lo * channels, base + (iy * width + ix0 + lo) * channels, (hi - lo) * channels)
                        if hi < kernelWidth { zeroFloats(dst + hi * channels, (kernelWidth - hi) * channels) }
                    }
                    row += patch
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds every column-matrix row back onto the pixels of its window.
    func col2im(_ cols: UnsafePointer<Float>, addingInto image: UnsafeMutablePointer<Float>) {
        let run = kernelWidth * channels
        var row = cols
        for n in 0..<batch {
            let base = image + n * height * width * channels
            for oy in 0..<outHeight {
                let iy0 = oy * stride - padTop
                for ox in 0..<outWidth {
                    let ix0 = ox * stride - padLeft
                    let lo = max(0, -ix0), hi = min(kernelWidth, width - ix0)
                    if hi > lo {
                        for ky in 0..<kernelHeight {
                            let iy = iy0 + ky
                            guard iy >= 0, iy < height else { continue }
                            addFloats(base + (iy * width + ix0 + lo) * channels, row + ky * run + lo * channels, (hi - lo) * channels)
                        }
                    }
                    row += patch
                }
            }
        }
    }
}

// Short runs (a few channels) are common here; a plain loop beats a call to memmove for them.

@inline(__always) func copyFloats(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
    if n < 16 { for i in 0..<n { dst[i] = src[i] } } else { dst.update(from: src, count: n) }
}

@inline(__always) func zeroFloats(_ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    if n < 16 { for i in 0..<n { dst[i] = 0 } } else { dst.update(repeating: 0, count: n) }
}

/// dst += src over `n` floats.
@inline(__always) func addFloats(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
    if n < 8 { for i in 0..<n { dst[i] += src[i] } } else { mapVectors(n, dst, src, dst) { $0 + $1 } }
}

/// Writes `bias` [width] into every row of `y` [rows, width].
func fillRows(_ y: UnsafeMutablePointer<Float>, rows: Int, width: Int, with bias: UnsafePointer<Float>) {
    if width == 1 { y.update(repeating: bias[0], count: rows); return }
    for r in 0..<rows { copyFloats(y + r * width, bias, width) }
}

/// db += the column sums of `g` [rows, width] (a bias's gradient).
func addColumnSums(_ g: UnsafePointer<Float>, rows: Int, width: Int, into db: UnsafeMutablePointer<Float>) {
    if width == 1 { db[0] += sumVectors(rows, g); return }
    for r in 0..<rows { addFloats(db, g + r * width, width) }
}

/// Applies a fusable activation (linear, ReLU, tanh) in place.
func activateInPlace(_ activation: Activation, _ y: UnsafeMutablePointer<Float>, count: Int) {
    switch activation {
    case .relu: mapVectors(count, y, y) { vmax($0, Vec(repeating: 0)) }
    case .tanh: mapVectors(count, y, y, vtanh)
    case .linear: break
    case .sigmoid, .softmax: preconditionFailure("\(activation) is applied as its own op")
    }
}

/// Turns the gradient of a fused activation's output into the gradient of its input, in place,
/// from the output `y`.
func activationGradientInPlace(_ activation: Activation, output y: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, count: Int) {
    switch activation {
    case .relu:
        mapVectors(count, y, g, g) { y, g in
            var r = g
            r.replace(with: 0, where: y .<= 0)
            return r
        }
    case .tanh: mapVectors(count, y, g, g) { y, g in g * (1 - y * y) }
    default: break
    }
}
