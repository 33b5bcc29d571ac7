import XCTest
@testable import Tensors

/// The one-channel convolutions split a big batch between cores; each direction must give what
/// the examples give one at a time (the unsplit path).
final class ConvSplitTests: XCTestCase {
    func testSplitBatchMatchesExampleByExample() {
        let whole = OneChannelConv(batch: 8, height: 14, width: 14, channels: 32, singleHeight: 14, singleWidth: 14,
                                   kernelHeight: 3, kernelWidth: 3, padTop: 1, padLeft: 1)
        XCTAssertGreaterThan(Parallel.parts(whole.batch, work: 8 * 196 * 9 * 32), Parallel.cores > 1 ? 1 : 0)
        var one = whole
        one.batch = 1
        var random = Random(seed: 3)
        func noise(_ n: Int) -> [Float] { (0..<n).map { _ in random.normal() } }
        let single = noise(8 * 196), multi = noise(8 * 196 * 32), kernel = noise(9 * 32)

        var dot = [Float](repeating: 0, count: 8 * 196), dotEach = dot
        whole.dot(into: &dot, multi: multi, kernel: kernel, initial: 0.5)
        var spread = [Float](repeating: 0, count: 8 * 196 * 32), spreadEach = spread
        whole.spread(into: &spread, single: single, kernel: kernel)
        var outer = [Float](repeating: 1, count: 9 * 32), outerEach = outer
        whole.outer(into: &outer, single: single, multi: multi)

        single.withUnsafeBufferPointer { single in
            multi.withUnsafeBufferPointer { multi in
                let s = single.baseAddress!, m = multi.baseAddress!
                for n in 0..<8 {
                    dotEach.withUnsafeMutableBufferPointer { d in
                        one.dot(into: d.baseAddress! + n * 196, multi: m + n * 196 * 32, kernel: kernel, initial: 0.5)
                    }
                    spreadEach.withUnsafeMutableBufferPointer { d in
                        one.spread(into: d.baseAddress! + n * 196 * 32, single: s + n * 196, kernel: kernel)
                    }
                    one.outer(into: &outerEach, single: s + n * 196, multi: m + n * 196 * 32)
                }
            }
        }
        XCTAssertEqual(dot, dotEach)
        XCTAssertEqual(spread, spreadEach)
        for i in outer.indices { XCTAssertEqual(outer[i], outerEach[i], accuracy: 1e-3 * max(1, abs(outer[i]))) }
    }

    func testSplitMaxPoolingMatchesExampleByExample() {
        // 16 examples of 28×28×32: enough work to be split between cores.
        var random = Random(seed: 5)
        let x = Tensor.parameter([16, 28, 28, 32], name: "x") { p, n in random.fillNormal(p, count: n) }
        let weights = Tensor((0..<(16 * 14 * 14 * 32)).map { Float($0 % 7) - 3 }, shape: [16, 14, 14, 32])
        let pooled = x.maxPool2d()
        (pooled * weights).sum().backward()
        let whole = pooled.scalars, gradient = x.gradScalars!
        for n in [0, 9, 15] {
            let example = Tensor.parameter([1, 28, 28, 32], name: "e") { p, count in
                p.update(from: x.data + n * count, count: count)
            }
            let one = example.maxPool2d()
            let w = Tensor(Array(weights.scalars[(n * 6272)..<((n + 1) * 6272)]), shape: [1, 14, 14, 32])
            (one * w).sum().backward()
            XCTAssertEqual(one.scalars, Array(whole[(n * 6272)..<((n + 1) * 6272)]), "example \(n)")
            XCTAssertEqual(example.gradScalars!, Array(gradient[(n * 25088)..<((n + 1) * 25088)]), "example \(n)")
        }
    }
}
