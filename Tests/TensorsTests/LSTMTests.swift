import XCTest
@testable import Tensors
import TestSupport

/// The fused LSTM op against a plain step-by-step reference written from the equations, against
/// hand-computed values, and against finite differences, with masks, both directions and dropout.
final class LSTMTests: XCTestCase {
    /// The textbook LSTM in Double, one row and one step at a time (Keras's gate order i, f, c, o),
    /// keeping the state at masked steps: outputs by input step t, the state after reading it.
    private func reference(_ x: Tensor, _ d: LSTMDirection, mask: [Float]?) -> (sequence: [[[Double]]], last: [[Double]]) {
        let (n, t, inputs, h) = (x.shape[0], x.shape[1], x.shape[2], d.units)
        let w = d.kernel.scalars.map(Double.init), u = d.recurrentKernel.scalars.map(Double.init), b = d.bias.scalars.map(Double.init)
        func sigmoid(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
        var sequence = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: h), count: t), count: n)
        var last = [[Double]]()
        for row in 0..<n {
            var hState = [Double](repeating: 0, count: h), cState = hState
            for s in 0..<t {
                let step = d.goBackwards ? t - 1 - s : s
                if let mask, mask[row * t + step] == 0 {
                    sequence[row][step] = hState
                    continue
                }
                let input = (0..<inputs).map { Double(x.data[(row * t + step) * inputs + $0]) * Double(d.inputMask?[row * inputs + $0] ?? 1) }
                let previous = (0..<h).map { hState[$0] * Double(d.recurrentMask?[row * h + $0] ?? 1) }
                var z = b
                for k in 0..<(4 * h) {
                    for j in 0..<inputs { z[k] += input[j] * w[j * 4 * h + k] }
                    for j in 0..<h { z[k] += previous[j] * u[j * 4 * h + k] }
                }
                for j in 0..<h {
                    let i = sigmoid(z[j]), f = sigmoid(z[h + j]), g = Foundation.tanh(z[2 * h + j]), o = sigmoid(z[3 * h + j])
                    cState[j] = f * cState[j] + i * g
                    hState[j] = o * Foundation.tanh(cState[j])
                }
                sequence[row][step] = hState
            }
            last.append(hState)
        }
        return (sequence, last)
    }

    private func direction(inputs: Int, units: Int, seed: UInt64, backwards: Bool = false) -> LSTMDirection {
        LSTMDirection(kernel: randomTensor([inputs, 4 * units], seed: seed, low: -0.8, high: 0.8),
                      recurrentKernel: randomTensor([units, 4 * units], seed: seed + 1, low: -0.8, high: 0.8),
                      bias: randomTensor([4 * units], seed: seed + 2, low: -0.5, high: 0.5), goBackwards: backwards)
    }

    /// Rows of 4, 2, 0 and 3 real steps of 4 (padding at the end), so that the longest-first
    /// order differs from the batch's and one row never reads anything.
    private let mask: [Float] = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0]

    func testOneStepFollowsTheGateOrderIFCO() {
        // Zero weights leave the biases: i = σ(1), f = σ(−1), g = tanh(0.5), o = σ(2) on one unit;
        // from c₀ = 0: c₁ = i·g = 0.7311·0.4621 = 0.3378, h₁ = o·tanh(c₁) = 0.8808·0.3256 = 0.2868.
        let d = LSTMDirection(kernel: Tensor(zeros: [1, 4]), recurrentKernel: Tensor(zeros: [1, 4]), bias: Tensor([1, -1, 0.5, 2], shape: [4]))
        let h = Tensor.lstm(Tensor([0], shape: [1, 1, 1]), directions: [d], returnSequences: false)
        XCTAssertEqual(h.item, 0.2868, accuracy: 1e-4)
        // A second step adds f·c₁ = 0.2689·0.3378: c₂ = 0.4287, h₂ = 0.8808·tanh(0.4287) = 0.3560.
        let h2 = Tensor.lstm(Tensor([0, 0], shape: [1, 2, 1]), directions: [d], returnSequences: true)
        XCTAssertEqual(h2.scalars[0], 0.2868, accuracy: 1e-4)
        XCTAssertEqual(h2.scalars[1], 0.3560, accuracy: 1e-4)
    }

    func testMatchesTheStepByStepReferenceWithMasksBothWays() {
        let x = constant([4, 4, 3], seed: 5, low: -1, high: 1)
        for backwards in [false, true] {
            for mask in [nil, mask] {
                let d = direction(inputs: 3, units: 5, seed: 10, backwards: backwards)
                let expected = reference(x, d, mask: mask)
                let sequence = Tensor.lstm(x, directions: [d], mask: mask, returnSequences: true)
                let last = Tensor.lstm(x, directions: [d], mask: mask, returnSequences: false)
                XCTAssertEqual(sequence.shape, [4, 4, 5])
                XCTAssertEqual(last.shape, [4, 5])
                for (got, want) in zip(sequence.scalars, expected.sequence.flatMap { $0.flatMap { $0 } }) { XCTAssertEqual(Double(got), want, accuracy: 1e-5) }
                for (got, want) in zip(last.scalars, expected.last.flatMap { $0 }) { XCTAssertEqual(Double(got), want, accuracy: 1e-5) }
            }
        }
    }

    func testTwoDirectionsSitSideBySideAndMaskedOutputsCanBeZero() {
        let x = constant([4, 4, 3], seed: 6, low: -1, high: 1)
        let forward = direction(inputs: 3, units: 2, seed: 20), backward = direction(inputs: 3, units: 3, seed: 30, backwards: true)
        let both = Tensor.lstm(x, directions: [forward, backward], mask: mask, returnSequences: true, zeroMaskedOutputs: true)
        XCTAssertEqual(both.shape, [4, 4, 5])
        let f = reference(x, forward, mask: mask).sequence, b = reference(x, backward, mask: mask).sequence
        for row in 0..<4 {
            for t in 0..<4 {
                let real = mask[row * 4 + t] != 0
                let want = real ? f[row][t] + b[row][t] : [Double](repeating: 0, count: 5)
                for j in 0..<5 { XCTAssertEqual(Double(both.data[(row * 4 + t) * 5 + j]), want[j], accuracy: 1e-5) }
            }
        }
        // Row 2 has no real step: both states stay at zero.
        let last = Tensor.lstm(x, directions: [forward, backward], mask: mask, returnSequences: false)
        XCTAssertEqual(Array(last.scalars[10..<15]), [0, 0, 0, 0, 0])
    }

    func testDropoutMasksMultiplyInputsAndPreviousStates() {
        let x = constant([2, 3, 3], seed: 7, low: -1, high: 1)
        var d = direction(inputs: 3, units: 2, seed: 40)
        d.inputMask = [0, 1.25, 1.25, 1.25, 0, 1.25]
        d.recurrentMask = [1.25, 0, 0, 1.25]
        let got = Tensor.lstm(x, directions: [d], returnSequences: true).scalars
        let want = reference(x, d, mask: nil).sequence.flatMap { $0.flatMap { $0 } }
        for (g, w) in zip(got, want) { XCTAssertEqual(Double(g), w, accuracy: 1e-5) }
    }

    func testGradientsMatchFiniteDifferences() {
        let x = randomTensor([4, 4, 3], seed: 8)
        for (sequences, backwards) in [(true, false), (false, false), (true, true), (false, true)] {
            let d = direction(inputs: 3, units: 3, seed: 50, backwards: backwards)
            checkGradients([x, d.kernel, d.recurrentKernel, d.bias]) { t in
                let run = LSTMDirection(kernel: t[1], recurrentKernel: t[2], bias: t[3], goBackwards: backwards)
                return weightedSum(Tensor.lstm(t[0], directions: [run], mask: mask, returnSequences: sequences))
            }
        }
    }

    func testGradientsOfTwoDirectionsWithDropoutMatchFiniteDifferences() {
        let x = randomTensor([4, 4, 3], seed: 9)
        let f = direction(inputs: 3, units: 2, seed: 60), b = direction(inputs: 3, units: 2, seed: 70, backwards: true)
        let inputMask: [Float] = (0..<12).map { $0 % 5 == 0 ? 0 : 1.25 }, recurrentMask: [Float] = (0..<8).map { $0 % 3 == 0 ? 0 : 1.25 }
        for sequences in [true, false] {
            checkGradients([x, f.kernel, f.recurrentKernel, f.bias, b.kernel, b.recurrentKernel, b.bias]) { t in
                let forward = LSTMDirection(kernel: t[1], recurrentKernel: t[2], bias: t[3], inputMask: inputMask, recurrentMask: recurrentMask)
                let backward = LSTMDirection(kernel: t[4], recurrentKernel: t[5], bias: t[6], goBackwards: true, recurrentMask: recurrentMask)
                return weightedSum(Tensor.lstm(t[0], directions: [forward, backward], mask: self.mask,
                                               returnSequences: sequences, zeroMaskedOutputs: sequences))
            }
        }
    }

    func testPackedRecurrentProductsGiveTheSameGradients() {
        // 32 units: the recurrent products run on packed panels where the CPU has AVX-512.
        let x = randomTensor([4, 4, 3], seed: 12)
        let d = direction(inputs: 3, units: 32, seed: 90)
        let expected = reference(x, d, mask: mask).sequence.flatMap { $0.flatMap { $0 } }
        let got = Tensor.lstm(x, directions: [d], mask: mask, returnSequences: true).scalars
        for (g, w) in zip(got, expected) { XCTAssertEqual(Double(g), w, accuracy: 1e-5) }
        checkGradients([x, d.bias]) { t in
            let run = LSTMDirection(kernel: d.kernel, recurrentKernel: d.recurrentKernel, bias: t[1], goBackwards: true)
            return weightedSum(Tensor.lstm(t[0], directions: [run], mask: self.mask, returnSequences: true))
        }
    }

    func testARepeatedInputGivesWhatItsCopiesGiveWithTheSameGradients() {
        // x [3, 4] read at 5 steps, against the copies [3, 5, 4]: outputs and every gradient, with
        // input and recurrent dropout, one and two directions, sequences or the last state.
        let inputMask: [Float] = (0..<12).map { $0 % 5 == 0 ? 0 : 1.25 }, recurrentMask: [Float] = (0..<9).map { $0 % 4 == 0 ? 0 : 1.25 }
        for (sequences, twoWays) in [(true, false), (false, false), (true, true), (false, true)] {
            let x = randomTensor([3, 4], seed: 13)
            let f = direction(inputs: 4, units: 3, seed: 100), b = direction(inputs: 4, units: 3, seed: 110, backwards: true)
            func run(_ t: [Tensor], repeated: Bool) -> Tensor {
                var directions = [LSTMDirection(kernel: t[1], recurrentKernel: t[2], bias: t[3], inputMask: inputMask, recurrentMask: recurrentMask)]
                if twoWays { directions.append(LSTMDirection(kernel: t[4], recurrentKernel: t[5], bias: t[6], goBackwards: true, inputMask: inputMask)) }
                let input = repeated ? t[0] : Tensor.stack(Array(repeating: t[0], count: 5), axis: 1)
                return Tensor.lstm(input, directions: directions, returnSequences: sequences, repeating: repeated ? 5 : nil)
            }
            let inputs = [x, f.kernel, f.recurrentKernel, f.bias, b.kernel, b.recurrentKernel, b.bias]
            var gradients: [[[Float]]] = []
            var outputs: [[Float]] = []
            for repeated in [false, true] {
                for t in inputs { t.zeroGrad() }
                let y = run(inputs, repeated: repeated)
                XCTAssertEqual(y.shape, sequences ? [3, 5, twoWays ? 6 : 3] : [3, twoWays ? 6 : 3])
                outputs.append(y.scalars)
                weightedSum(y).backward()
                gradients.append(inputs.prefix(twoWays ? 7 : 4).map { $0.gradScalars ?? [] })
            }
            for (got, want) in zip(outputs[1], outputs[0]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
            for (gotTensor, wantTensor) in zip(gradients[1], gradients[0]) {
                XCTAssertEqual(gotTensor.count, wantTensor.count)
                for (got, want) in zip(gotTensor, wantTensor) { XCTAssertEqual(got, want, accuracy: 1e-5 * max(1, abs(want))) }
            }
            checkGradients(Array(inputs.prefix(twoWays ? 7 : 4))) { t in weightedSum(run(t + inputs.suffix(from: t.count), repeated: true)) }
        }
    }

    func testLargeBatchesSplitAcrossCoresGiveTheSameNumbers() {
        // 64 rows of 64 units make each step's gate work large enough to be split.
        let x = constant([64, 3, 8], seed: 11, low: -1, high: 1)
        let d = direction(inputs: 8, units: 64, seed: 80)
        let got = Tensor.lstm(x, directions: [d], returnSequences: false).scalars
        let want = reference(x, d, mask: nil).last.flatMap { $0 }
        for (g, w) in zip(got, want) { XCTAssertEqual(Double(g), w, accuracy: 1e-4) }
    }
}
