import Tensors
import XCTest

/// Compares the autodiff gradient of a scalar function with central finite differences, and
/// fails the calling test on every element that differs (see `gradientMismatches`).
public func checkGradients(_ inputs: [Tensor], step: Float = 1e-2,
                           relativeTolerance: Double = 2e-2, absoluteTolerance: Double = 1e-3,
                           file: StaticString = #filePath, line: UInt = #line,
                           _ function: ([Tensor]) -> Tensor) {
    let loss = Tensor.withoutGradients { function(inputs) }
    guard loss.count == 1 else {
        XCTFail("gradient check needs a scalar function, got shape \(loss.shape)", file: file, line: line)
        return
    }
    XCTAssertTrue(loss.item.isFinite, "the function's value is \(loss.item)", file: file, line: line)
    let mismatches = gradientMismatches(inputs, step: step, relativeTolerance: relativeTolerance,
                                        absoluteTolerance: absoluteTolerance, function)
    for mismatch in mismatches.prefix(8) { XCTFail("\(mismatch)", file: file, line: line) }
    if mismatches.count > 8 { XCTFail("\(mismatches.count) elements differ in all", file: file, line: line) }
}

/// An element whose autodiff gradient and finite-difference slope disagree.
public struct GradientMismatch: CustomStringConvertible, Sendable {
    /// Which input, and which element of it (row-major).
    public var input: Int, element: Int
    /// nil when no gradient reached the input at all.
    public var autodiff: Double?
    public var numeric: Double

    public var description: String {
        guard let autodiff else { return "input \(input) received no gradient" }
        return "input \(input) element \(element): autodiff \(autodiff), finite differences \(numeric)"
    }
}

/// The elements of `inputs` where the autodiff gradient of the scalar `function` differs from
/// central finite differences.
///
/// Each element x is moved to x ± h with h = `step`·max(1, |x|), and the slope
/// (f(x + h) − f(x − h)) / ((x + h) − (x − h)) is formed in Double, over the step Float could
/// actually represent. An element agrees when
/// |autodiff − numeric| ≤ `absoluteTolerance` + `relativeTolerance`·max(|autodiff|, |numeric|)
/// (a NaN on either side never agrees).
///
/// Float32 limits how small the step can be (f itself is rounded to about 1e-7 of its size), so
/// the default step is 1e-2 and the tolerance a couple of percent; a wrong gradient (a missing
/// factor, a sign, a transpose, a dropped contribution) misses by far more than that.
public func gradientMismatches(_ inputs: [Tensor], step: Float = 1e-2,
                               relativeTolerance: Double = 2e-2, absoluteTolerance: Double = 1e-3,
                               _ function: ([Tensor]) -> Tensor) -> [GradientMismatch] {
    let loss = function(inputs)
    precondition(loss.count == 1, "gradient check needs a scalar function, got shape \(loss.shape)")
    for t in inputs { t.zeroGrad() }
    loss.backward()
    var mismatches: [GradientMismatch] = []
    for (which, t) in inputs.enumerated() {
        guard let analytic = t.gradScalars else {
            mismatches.append(GradientMismatch(input: which, element: 0, autodiff: nil, numeric: .nan))
            continue
        }
        for i in 0..<t.count {
            let original = t.data[i]
            let h = step * max(1, Swift.abs(original))
            let up = original + h, down = original - h
            t.data[i] = up
            let plus = Tensor.withoutGradients { function(inputs).item }
            t.data[i] = down
            let minus = Tensor.withoutGradients { function(inputs).item }
            t.data[i] = original
            let numeric = (Double(plus) - Double(minus)) / (Double(up) - Double(down))
            let autodiff = Double(analytic[i])
            let allowed = absoluteTolerance + relativeTolerance * max(Swift.abs(autodiff), Swift.abs(numeric))
            if !(Swift.abs(autodiff - numeric) <= allowed) {
                mismatches.append(GradientMismatch(input: which, element: i, autodiff: autodiff, numeric: numeric))
            }
        }
    }
    return mismatches
}

/// A parameter-like tensor (it takes gradients) with reproducible values in [low, high).
public func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var rng = Random(seed: seed)
    return Tensor.parameter(shape, name: "x") { p, n in rng.fillUniform(p, count: n, low: low, high: high) }
}

/// A constant tensor (no gradient) with reproducible values in [low, high).
public func constant(_ shape: [Int], seed: UInt64, low: Float = 0, high: Float = 1) -> Tensor {
    var rng = Random(seed: seed)
    let t = Tensor(uninitialized: shape)
    rng.fillUniform(t.data, count: t.count, low: low, high: high)
    return t
}

/// Σ t ⊙ w for fixed weights w in [−1, 1): a scalar in which every element's gradient matters
/// (a plain sum would hide errors that cancel, such as two swapped elements).
public func weightedSum(_ t: Tensor, seed: UInt64 = 99) -> Tensor {
    (t * constant(t.shape, seed: seed, low: -1, high: 1)).sum()
}
