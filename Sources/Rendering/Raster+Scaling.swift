// Resampling: area average when shrinking, nearest neighbour when growing.

extension Raster {
    /// This raster resampled to `newWidth × newHeight`, each axis on its own: area-averaged
    /// when it shrinks, nearest-neighbour when it grows. Non-positive sizes give an empty raster.
    public func resized(width newWidth: Int, height newHeight: Int) -> Raster {
        guard newWidth > 0, newHeight > 0, !isEmpty else {
            return Raster(width: 0, height: 0, channels: channels)
        }
        if newWidth == width && newHeight == height { return self }
        let xw = resampleWeights(from: width, to: newWidth)
        let yw = resampleWeights(from: height, to: newHeight)
        let ch = channels
        // Horizontal pass: height × newWidth.
        var tmp = [Float](repeating: 0, count: height * newWidth * ch)
        for y in 0..<height {
            let src = y * width * ch, dst = y * newWidth * ch
            for x in 0..<newWidth {
                for (s, w) in xw[x] {
                    for c in 0..<ch { tmp[dst + x * ch + c] += w * pixels[src + s * ch + c] }
                }
            }
        }
        // Vertical pass.
        var out = Raster(width: newWidth, height: newHeight, channels: ch)
        let rowLength = newWidth * ch
        for y in 0..<newHeight {
            let dst = y * rowLength
            for (s, w) in yw[y] {
                let src = s * rowLength
                for i in 0..<rowLength { out.pixels[dst + i] += w * tmp[src + i] }
            }
        }
        return out
    }

    /// The size that fits inside `maxWidth × maxHeight` keeping the aspect ratio (at least 1×1
    /// when the box is not empty).
    public func fittedSize(maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard maxWidth > 0, maxHeight > 0, !isEmpty else { return (0, 0) }
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        return (max(1, min(maxWidth, Int((Double(width) * scale).rounded()))),
                max(1, min(maxHeight, Int((Double(height) * scale).rounded()))))
    }

    /// This raster scaled to fit `maxWidth × maxHeight` pixels, aspect ratio kept.
    public func fitted(maxWidth: Int, maxHeight: Int) -> Raster {
        let size = fittedSize(maxWidth: maxWidth, maxHeight: maxHeight)
        return resized(width: size.width, height: size.height)
    }

    /// This raster enlarged by an integer factor with each pixel repeated.
    public func upscaled(by factor: Int) -> Raster {
        factor <= 1 ? self : resized(width: width * factor, height: height * factor)
    }
}

/// For each destination index, the source indices and weights that make it.
func resampleWeights(from n: Int, to m: Int) -> [[(Int, Float)]] {
    if m >= n {
        return (0..<m).map { i in [(min(n - 1, (2 * i + 1) * n / (2 * m)), 1)] }
    }
    let scale = Double(n) / Double(m)
    return (0..<m).map { i in
        let lo = Double(i) * scale, hi = Double(i + 1) * scale
        var taps: [(Int, Float)] = []
        var s = Int(lo)
        while Double(s) < hi && s < n {
            let overlap = min(hi, Double(s + 1)) - max(lo, Double(s))
            if overlap > 1e-9 { taps.append((s, Float(overlap / scale))) }
            s += 1
        }
        return taps
    }
}
