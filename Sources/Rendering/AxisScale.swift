import Foundation

/// A linear or log10 axis: its range widened to nice tick values, and the ticks.
struct AxisScale {
    var lo: Double
    var hi: Double
    /// Tick positions in axis units (log10 units on a log axis).
    var ticks: [Double]
    var isLog: Bool

    /// `v` in axis units: log10 on a log axis (NaN for non-positive values).
    static func transform(_ v: Double, log: Bool) -> Double {
        log ? (v > 0 ? log10(v) : .nan) : v
    }

    /// The finite range of the values after `transform`, or nil if none are finite.
    static func range<C: Collection>(of values: C, log: Bool) -> (Double, Double)? where C.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values {
            let t = transform(v, log: log)
            if t.isFinite { lo = min(lo, t); hi = max(hi, t) }
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// A scale over `range` (axis units) with about `tickCount` ticks; a degenerate range is
    /// widened so the single value sits in the middle.
    init(range: (Double, Double), log: Bool, tickCount: Int) {
        var (lo, hi) = range
        if hi - lo <= max(abs(lo), abs(hi)) * 1e-12 {
            let pad = log ? 0.5 : max(abs(lo) * 0.1, 0.5)
            lo -= pad; hi += pad
        }
        isLog = log
        ticks = log ? NiceNumbers.logTicks(lo: lo, hi: hi, count: 2 * tickCount)
                    : NiceNumbers.ticks(lo: lo, hi: hi, count: tickCount)
        self.lo = min(lo, ticks.first ?? lo)
        self.hi = max(hi, ticks.last ?? hi)
    }

    /// An index axis from `lo` to `hi` exactly (no widening to ticks), for x.
    init(exact range: (Double, Double), tickCount: Int) {
        var (lo, hi) = range
        if hi <= lo { hi = lo + 1 }
        self.lo = lo
        self.hi = hi
        isLog = false
        ticks = NiceNumbers.ticks(lo: lo, hi: hi, count: tickCount).filter { $0 >= lo - 1e-9 * (hi - lo) && $0 <= hi + 1e-9 * (hi - lo) }
        // A whole first x is worth a label (epoch 1, or where `from` starts) when the first
        // nice tick is well past it.
        if lo == lo.rounded(), let first = ticks.first, ticks.count >= 2, first - lo > 0.4 * (ticks[1] - first) {
            ticks.insert(lo, at: 0)
        }
    }

    /// Where `t` (axis units) falls between lo (0) and hi (1).
    func fraction(_ t: Double) -> Double { (t - lo) / (hi - lo) }

    func label(_ tick: Double) -> String {
        NiceNumbers.format(isLog ? pow(10, tick) : tick)
    }
}
