import Options
import Foundation

/// How a file's numbers become the values a model sees.
///
/// `auto` decides from the range of all the values read (training and test files together,
/// so both are scaled alike): whole numbers within 0…255 whose maximum is above 1 are pixel
/// bytes and are divided by 255; values within 0…1 are used as they are; anything else is used
/// as it is, with a note that the values are not within 0…1, so binary cross-entropy does not
/// apply. The other cases force a reading.
public enum Scaling: String, ChoiceValue {
    case auto
    /// Divide by 255 (`scale=255`).
    case by255 = "255"
    /// The values are within 0…1 and are used as they are; anything outside is refused (`scale=1`).
    case unit = "1"
    /// Use the values as they are, whatever their range (`scale=none`).
    case none
}

/// The range of a set of values, and whether they are all whole numbers.
struct ValueStats: Equatable {
    var min: Float = .infinity
    var max: Float = -.infinity
    var allWhole = true
    var isEmpty: Bool { min > max }
    var inUnitRange: Bool { min >= 0 && max <= 1 }

    init() {}

    init(_ values: RawExamples.Values) {
        switch values {
        case .bytes(let b):
            guard !b.isEmpty else { return }
            var lo = UInt8.max, hi = UInt8.min
            b.withUnsafeBufferPointer { p in for v in p { lo = Swift.min(lo, v); hi = Swift.max(hi, v) } }
            (min, max) = (Float(lo), Float(hi))
        case .floats(let f):
            var lo = min, hi = max, whole = true
            f.withUnsafeBufferPointer { p in
                for v in p {
                    lo = Swift.min(lo, v)
                    hi = Swift.max(hi, v)
                    if whole, v != v.rounded() { whole = false }
                }
            }
            (min, max, allWhole) = (lo, hi, whole)
        }
    }

    func merged(with other: ValueStats) -> ValueStats {
        var m = ValueStats()
        m.min = Swift.min(min, other.min)
        m.max = Swift.max(max, other.max)
        m.allWhole = allWhole && other.allWhole
        return m
    }

    var rangeText: String { "\(number(min))…\(number(max))" }
}

extension Scaling {
    /// Whether values with `stats` are divided by 255, and the note that says what was done.
    /// Throws when `scale=1` is asked of values outside 0…1.
    func decide(_ stats: ValueStats, source: String) throws -> (divideBy255: Bool, note: String) {
        let bceWarning = "not within 0…1, so binary cross-entropy does not apply (use mse)"
        switch self {
        case .auto:
            if stats.isEmpty { return (false, "scaling: no values") }
            if stats.allWhole, stats.min >= 0, stats.max <= 255, stats.max > 1 {
                return (true, "scaling: whole numbers \(stats.rangeText), divided by 255 (scale=255; scale=none keeps them)")
            }
            if stats.inUnitRange { return (false, "scaling: values \(stats.rangeText), within 0…1, used as they are") }
            return (false, "scaling: values \(stats.rangeText) used as they are; they are \(bceWarning); scale=255 divides by 255")
        case .by255:
            let scaled = ValueStats.scaled(stats, by: 255)
            let warning = scaled.inUnitRange ? "" : "; the results, \(scaled.rangeText), are \(bceWarning)"
            return (true, "scaling: divided by 255 (scale=255)\(warning)")
        case .unit:
            guard stats.isEmpty || stats.inUnitRange else {
                throw DataError.badValues(source, reason: "scale=1 says the values are within 0…1, but they run \(stats.rangeText); use scale=255 or scale=none")
            }
            return (false, "scaling: values \(stats.rangeText) used as they are (scale=1)")
        case .none:
            return (false, "scaling: values \(stats.rangeText) used as they are (scale=none)\(stats.inUnitRange ? "" : "; they are \(bceWarning)")")
        }
    }
}

extension ValueStats {
    static func scaled(_ s: ValueStats, by d: Float) -> ValueStats {
        var out = s
        out.min = s.min / d
        out.max = s.max / d
        return out
    }
}

/// A number as a person would write it: `255`, `0.5`, `-1e+30`.
func number(_ v: Float) -> String {
    if v == v.rounded(), abs(v) < 1e9 { return String(Int(v)) }
    return String(format: "%g", Double(v))
}
