import XCTest
@testable import Tensors

/// Compares the autodiff gradient of a scalar function with central finite differences.
///
/// Float32 limits how small the step can be, so the step is 1e-2 (scaled by the value) and the
/// tolerance a couple of percent; a wrong gradient (a missing factor, a sign, a transpose) misses
/// by far more than that.
func checkGradients(_ inputs: [Tensor], step: Float = 1e-2, tolerance: Float = 2e-2,
                    file: StaticString = #filePath, line: UInt = #line,
                    _ function: ([Tensor]) -> Tensor) {
    let loss = function(inputs)
    XCTAssertEqual(loss.count, 1, "gradient check needs a scalar function", file: file, line: line)
    for t in inputs { t.zeroGrad() }
    loss.backward()
    for (which, t) in inputs.enumerated() {
        guard let analytic = t.gradScalars else {
            XCTFail("input \(which) received no gradient", file: file, line: line)
            continue
        }
        for i in 0..<t.count {
            let original = t.data[i]
            let h = step * max(1, Swift.abs(original))
            t.data[i] = original + h
            let plus = Tensor.withoutGradients { function(inputs).item }
            t.data[i] = original - h
            let minus = Tensor.withoutGradients { function(inputs).item }
            t.data[i] = original
            let numeric = (plus - minus) / (2 * h)
            let scale = max(1, Swift.abs(numeric), Swift.abs(analytic[i]))
            XCTAssertEqual(analytic[i], numeric, accuracy: tolerance * scale,
                           "input \(which) element \(i): autodiff \(analytic[i]), finite differences \(numeric)",
                           file: file, line: line)
        }
    }
}

/// A parameter-like tensor (it takes gradients) with reproducible values in [low, high).
func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var rng = Random(seed: seed)
    return Tensor.parameter(shape, name: "x") { p, n in rng.fillUniform(p, count: n, low: low, high: high) }
}

/// A constant tensor (no gradient).
func constant(_ shape: [Int], seed: UInt64, low: Float = 0, high: Float = 1) -> Tensor {
    var rng = Random(seed: seed)
    let t = Tensor(uninitialized: shape)
    rng.fillUniform(t.data, count: t.count, low: low, high: high)
    return t
}
