import XCTest
@testable import Tensors

final class RandomTests: XCTestCase {
    func testTheSameSeedGivesTheSameSequence() {
        var a = Random(seed: 42), b = Random(seed: 42), c = Random(seed: 43)
        let sa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(sa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(sa, (0..<100).map { _ in c.next() })
    }

    func testUniformAndNormalMoments() {
        var rng = Random(seed: 7)
        let n = 200_000
        let u = (0..<n).map { _ in Double(rng.uniform()) }
        XCTAssertEqual(u.reduce(0, +) / Double(n), 0.5, accuracy: 0.005)
        XCTAssertTrue(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let z = (0..<n).map { _ in Double(rng.normal()) }
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
    }

    func testShuffleIsAPermutationAndRepeatable() {
        var a = Random(seed: 5), b = Random(seed: 5)
        var x = Array(0..<1000), y = Array(0..<1000)
        a.shuffle(&x)
        b.shuffle(&y)
        XCTAssertEqual(x, y)
        XCTAssertNotEqual(x, Array(0..<1000))
        XCTAssertEqual(x.sorted(), Array(0..<1000))
    }
}
