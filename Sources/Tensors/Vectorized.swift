/// SIMD building blocks for elementwise work: loads, stores, and exp/log/sigmoid/tanh accurate to
/// a few ulp (Cephes' polynomials), about twenty times faster than calling libm per element.
typealias Vec = SIMD8<Float>

@inline(__always) func load(_ p: UnsafePointer<Float>) -> Vec {
    UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
}

@inline(__always) func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
}

@inline(__always) func vmax(_ a: Vec, _ b: Vec) -> Vec {
    var r = a
    r.replace(with: b, where: b .> a)
    return r
}

@inline(__always) func vmin(_ a: Vec, _ b: Vec) -> Vec {
    var r = a
    r.replace(with: b, where: b .< a)
    return r
}

@inline(__always) func vabs(_ a: Vec) -> Vec {
    unsafeBitCast(unsafeBitCast(a, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: Vec.self)
}

/// e^x, saturating at the ends of Float's range.
@inline(__always) func vexp(_ x0: Vec) -> Vec {
    let x = vmin(vmax(x0, Vec(repeating: -87.33654)), Vec(repeating: 88.72283))
    // n = round(x / ln 2) by the 1.5·2²³ trick, which also leaves n in the low mantissa bits.
    let magic = Vec(repeating: 12_582_912)
    let t = x * 1.442_695_04 + magic
    let n = t - magic
    var r = x - n * 0.693_359_375
    r = r + n * 2.121_944_4e-4
    var p = Vec(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * r * r + r + 1
    let ni = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000
    // 2^n built in two halves so that n = 128 (x near the top of the range) does not overflow.
    let half = ni &>> 1
    let scale1 = unsafeBitCast((half &+ 127) &<< 23, to: Vec.self)
    let scale2 = unsafeBitCast((ni &- half &+ 127) &<< 23, to: Vec.self)
    return p * scale1 * scale2
}

/// Natural logarithm for positive x (x ≤ 0 gives a large negative number, not NaN).
@inline(__always) func vlog(_ x0: Vec) -> Vec {
    let x1 = vmax(x0, Vec(repeating: Float.leastNormalMagnitude))
    let bits = unsafeBitCast(x1, to: SIMD8<Int32>.self)
    var e = Vec((bits &>> 23) &- 126)
    // Mantissa in [0.5, 1).
    var m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F00_0000, to: Vec.self)
    let small = m .< 0.707_106_78
    e.replace(with: e - 1, where: small)
    var mAdjusted = m - 1
    mAdjusted.replace(with: m + m - 1, where: small)
    m = mAdjusted
    let z = m * m
    var y = Vec(repeating: 7.037_683_629_2e-2)
    y = y * m - 1.151_461_031_0e-1
    y = y * m + 1.167_699_874_0e-1
    y = y * m - 1.242_014_084_6e-1
    y = y * m + 1.424_932_278_7e-1
    y = y * m - 1.666_805_766_5e-1
    y = y * m + 2.000_071_476_5e-1
    y = y * m - 2.499_999_399_3e-1
    y = y * m + 3.333_333_117_4e-1
    y = y * m * z
    y = y - 2.121_944_40e-4 * e
    y = y - 0.5 * z
    return m + y + 0.693_359_375 * e
}

@inline(__always) func vsigmoid(_ x: Vec) -> Vec { 1 / (1 + vexp(-x)) }

/// tanh via e^{-2|x|}, which keeps full relative precision near zero from the series below.
@inline(__always) func vtanh(_ x: Vec) -> Vec {
    let ax = vabs(x)
    let e = vexp(-2 * ax)
    var r = (1 - e) / (1 + e)
    // For |x| < 0.0625 the odd series is more accurate than the quotient.
    let x2 = x * x
    var series = x2 * Vec(repeating: -17.0 / 315) + Vec(repeating: 2.0 / 15)
    series = x2 * series + Vec(repeating: -1.0 / 3)
    series = ax * (x2 * series + Vec(repeating: 1))
    r.replace(with: series, where: ax .< 0.0625)
    // Restore the sign.
    let sign = unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x8000_0000
    return unsafeBitCast(unsafeBitCast(r, to: SIMD8<UInt32>.self) | sign, to: Vec.self)
}

/// log(1 + e^x) without overflow: max(x, 0) + log(1 + e^{-|x|}).
@inline(__always) func vsoftplus(_ x: Vec) -> Vec {
    vmax(x, Vec(repeating: 0)) + vlog(1 + vexp(-vabs(x)))
}

/// Applies `f` eight lanes at a time; the tail goes through one padded vector.
@inline(__always)
func mapVectors(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ f: (Vec) -> Vec) {
    var i = 0
    while i + 8 <= n {
        store(f(load(x + i)), y + i)
        i += 8
    }
    if i < n {
        var tail = Vec(repeating: 0)
        for j in 0..<(n - i) { tail[j] = x[i + j] }
        let r = f(tail)
        for j in 0..<(n - i) { y[i + j] = r[j] }
    }
}

/// Applies a binary `f` eight lanes at a time.
@inline(__always)
func mapVectors(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                _ f: (Vec, Vec) -> Vec) {
    var i = 0
    while i + 8 <= n {
        store(f(load(a + i), load(b + i)), y + i)
        i += 8
    }
    if i < n {
        var ta = Vec(repeating: 0), tb = Vec(repeating: 0)
        for j in 0..<(n - i) { ta[j] = a[i + j]; tb[j] = b[i + j] }
        let r = f(ta, tb)
        for j in 0..<(n - i) { y[i + j] = r[j] }
    }
}

/// Applies a ternary `f` eight lanes at a time.
@inline(__always)
func mapVectors(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
                _ y: UnsafeMutablePointer<Float>, _ f: (Vec, Vec, Vec) -> Vec) {
    var i = 0
    while i + 8 <= n {
        store(f(load(a + i), load(b + i), load(c + i)), y + i)
        i += 8
    }
    if i < n {
        var ta = Vec(repeating: 0), tb = Vec(repeating: 0), tc = Vec(repeating: 0)
        for j in 0..<(n - i) { ta[j] = a[i + j]; tb[j] = b[i + j]; tc[j] = c[i + j] }
        let r = f(ta, tb, tc)
        for j in 0..<(n - i) { y[i + j] = r[j] }
    }
}

/// Sum of `n` floats in a fixed order (eight partial sums), so results repeat exactly.
@inline(__always)
func sumVectors(_ n: Int, _ x: UnsafePointer<Float>) -> Float {
    sumVectors(n, x) { $0 }
}

/// The largest of `n` floats (−∞ when n is 0; NaNs are passed over), eight lanes at a time.
@inline(__always)
func maxVectors(_ n: Int, _ x: UnsafePointer<Float>) -> Float {
    var acc = Vec(repeating: -.infinity)
    var i = 0
    while i + 8 <= n {
        acc = vmax(acc, load(x + i))
        i += 8
    }
    var m = acc.max()
    while i < n {
        if x[i] > m { m = x[i] }
        i += 1
    }
    return m
}

/// Sum over i of `f(x[i])`, eight lanes at a time; tail lanes are evaluated padded and dropped.
@inline(__always)
func sumVectors(_ n: Int, _ x: UnsafePointer<Float>, _ f: (Vec) -> Vec) -> Float {
    var acc = Vec(repeating: 0)
    var i = 0
    while i + 8 <= n {
        acc += f(load(x + i))
        i += 8
    }
    var total = acc.sum()
    if i < n {
        var tail = Vec(repeating: 0)
        for j in 0..<(n - i) { tail[j] = x[i + j] }
        let r = f(tail)
        for j in 0..<(n - i) { total += r[j] }
    }
    return total
}

/// Sum over i of `f(a[i], b[i])`, eight lanes at a time.
@inline(__always)
func sumVectors(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ f: (Vec, Vec) -> Vec) -> Float {
    var acc = Vec(repeating: 0)
    var i = 0
    while i + 8 <= n {
        acc += f(load(a + i), load(b + i))
        i += 8
    }
    var total = acc.sum()
    if i < n {
        var ta = Vec(repeating: 0), tb = Vec(repeating: 0)
        for j in 0..<(n - i) { ta[j] = a[i + j]; tb[j] = b[i + j] }
        let r = f(ta, tb)
        for j in 0..<(n - i) { total += r[j] }
    }
    return total
}

/// dx += f(a, b, c), eight lanes at a time (the shape of most backward passes).
@inline(__always)
func accumulateVectors(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
                       into dx: UnsafeMutablePointer<Float>, _ f: (Vec, Vec, Vec) -> Vec) {
    var i = 0
    while i + 8 <= n {
        store(load(dx + i) + f(load(a + i), load(b + i), load(c + i)), dx + i)
        i += 8
    }
    if i < n {
        var ta = Vec(repeating: 0), tb = Vec(repeating: 0), tc = Vec(repeating: 0)
        for j in 0..<(n - i) { ta[j] = a[i + j]; tb[j] = b[i + j]; tc[j] = c[i + j] }
        let r = f(ta, tb, tc)
        for j in 0..<(n - i) { dx[i + j] += r[j] }
    }
}

/// dx += f(a, b), eight lanes at a time.
@inline(__always)
func accumulateVectors(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                       into dx: UnsafeMutablePointer<Float>, _ f: (Vec, Vec) -> Vec) {
    var i = 0
    while i + 8 <= n {
        store(load(dx + i) + f(load(a + i), load(b + i)), dx + i)
        i += 8
    }
    if i < n {
        var ta = Vec(repeating: 0), tb = Vec(repeating: 0)
        for j in 0..<(n - i) { ta[j] = a[i + j]; tb[j] = b[i + j] }
        let r = f(ta, tb)
        for j in 0..<(n - i) { dx[i + j] += r[j] }
    }
}
