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
}
