import Foundation

/// Tick positions and compact labels for chart axes.
enum NiceNumbers {
    /// A step of 1, 2 or 5 × 10^k near `rough`.
    static func step(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(rough)))
        let f = rough / magnitude
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * magnitude
    }

    /// About `count` evenly spaced ticks at multiples of a nice step, covering `lo...hi` (the
    /// first tick at or below `lo`, the last at or above `hi`).
    static func ticks(lo: Double, hi: Double, count: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return lo.isFinite ? [lo] : [] }
        let s = step((hi - lo) / Double(max(1, count - 1)))
        let first = floor(lo / s + 1e-9), last = ceil(hi / s - 1e-9)
        guard last - first < 1000 else { return [lo, hi] }
        return stride(from: first, through: last, by: 1).map { $0 * s == 0 ? 0 : $0 * s }
    }

    /// Powers of ten covering `lo...hi` (log10 units), thinned to about `count`.
    static func logTicks(lo: Double, hi: Double, count: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi >= lo else { return [] }
        let first = floor(lo), last = max(ceil(hi), first + 1)
        let every = Double(max(1, Int(ceil((last - first) / Double(max(1, count - 1))))))
        let end = first + ceil((last - first) / every) * every
        return stride(from: first, through: end, by: every).map { $0 }
    }

    /// A short label: "0", "0.12", "15", "1.2k", "3M", "3e-4".
    static func format(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let a = abs(v), sign = v < 0 ? "-" : ""
        if a >= 1e3 && a < 1e12 {
            let (value, suffix) = a >= 1e9 ? (a / 1e9, "G") : a >= 1e6 ? (a / 1e6, "M") : (a / 1e3, "k")
            return sign + trimmed(value, digits: 3) + suffix
        }
        if a >= 0.01 && a < 1e3 { return sign + trimmed(a, digits: 3) }
        var e = Int(floor(log10(a)))
        var m = a / pow(10, Double(e))
        if (m * 10).rounded() >= 100 { m /= 10; e += 1 }
        return sign + trimmed(m, digits: 2) + "e\(e)"
    }

    /// `v` with at most `digits` significant digits and no trailing zeros.
    static func trimmed(_ v: Double, digits: Int) -> String {
        let decimals = max(0, digits - 1 - Int(floor(log10(max(v, 1e-300)))))
        var s = String(format: "%.\(min(decimals, 12))f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
