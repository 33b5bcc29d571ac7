import Analysis
import Tensors
import XCTest

final class AttributeAndSimilarityTests: XCTestCase {
    /// A 28×28 image with ink at the given (column, row from the top) pixels.
    func image(_ pixels: [(Int, Int)]) -> [Float] {
        var values = [Float](repeating: 0, count: 784)
        for (c, r) in pixels { values[r * 28 + c] = 1 }
        return values
    }

    func testInkAndSlantOfStrokesWithKnownGeometry() throws {
        // Upright: a vertical bar. "/": one column right per row up (μ11/μ02 = 1). "\": −1.
        // Half-slant: one column right per two rows up, pixels (10 + k, 20 − 2k): dx = dy/2, so ½.
        let upright = image((5..<15).map { (12, $0) })
        let forward = image((0..<10).map { (8 + $0, 20 - $0) })
        let backward = image((0..<10).map { (8 + $0, 5 + $0) })
        let half = image((0..<6).map { (10 + $0, 20 - 2 * $0) })
        let blank = [Float](repeating: 0, count: 784)
        let images = Tensor(upright + forward + backward + half + blank, shape: [5, 28, 28])
        let slant = try ImageAttributes.slant(images)
        XCTAssertEqual(slant[0], 0, accuracy: 1e-6)
        XCTAssertEqual(slant[1], 1, accuracy: 1e-6)
        XCTAssertEqual(slant[2], -1, accuracy: 1e-6)
        XCTAssertEqual(slant[3], 0.5, accuracy: 1e-6)
        XCTAssertEqual(slant[4], 0, "no ink")
        let ink = try ImageAttributes.ink(images)
        XCTAssertEqual(ink[0], 10.0 / 784, accuracy: 1e-7)
        XCTAssertEqual(ink[4], 0)
        XCTAssertThrowsError(try ImageAttributes.ink(Tensor(zeros: [2, 100]))) { error in
            XCTAssertEqual("\(error)", "100 values an image for 784 pixels of 28×28")
        }
    }

    func testSampledRuleSeparatesItemsWhoseMeansCoincide() throws {
        // Items (S = 2, d = 2): A (1, 0), (0, 1); B (1, 0.01), (0, 1); C (−1, 0), (0, −1);
        // D (1, 1), (1, 1). Labels 0, 0, 1, 1. At t = 0.01 only A and B have close pairs (2 of
        // 4): the sampled rule with N = 2 calls (A, B) and (B, A) similar, both right, of the 4
        // ordered same-label pairs: precision 1, recall ½. The means of A, B and D all point
        // along the diagonal, so the mean rule also calls A–D and B–D similar: precision 2/6.
        let samples = Tensor([1, 0, 0, 1, 1, 0.01, 0, 1, -1, 0, 0, -1, 1, 1, 1, 1], shape: [4, 2, 2])
        let (sampled, mean) = try SampledSimilarity.evaluate(within: samples, labels: [0, 0, 1, 1], threshold: 0.01, minimumPairs: 2)
        XCTAssertEqual(sampled, .init(truePositives: 2, predicted: 2, actual: 4))
        XCTAssertEqual(sampled.precision, 1)
        XCTAssertEqual(sampled.recall, 0.5)
        XCTAssertEqual(mean, .init(truePositives: 2, predicted: 6, actual: 4))
        XCTAssertEqual(mean.precision, 1.0 / 3)
        // Asking for 3 close pairs of 4 calls nothing similar.
        XCTAssertEqual(try SampledSimilarity.evaluate(within: samples, labels: [0, 0, 1, 1], threshold: 0.01, minimumPairs: 3).sampled.predicted, 0)
    }

    func testBlockedCountsAgreeWithBruteForce() throws {
        // 70 query and 2,100 reference items cross both block sizes (64 and 2,048 items).
        var random = Random(seed: 4)
        let nq = 70, nr = 2100, s = 2, d = 3
        let q = Tensor(uninitialized: [nq, s, d]), r = Tensor(uninitialized: [nr, s, d])
        random.fillNormal(q.data, count: q.count)
        random.fillNormal(r.data, count: r.count)
        let ql = (0..<nq).map { $0 % 3 }, rl = (0..<nr).map { $0 % 3 }
        let t: Float = 0.3
        let (sampled, mean) = try SampledSimilarity.evaluate(queries: q, queryLabels: ql, references: r, referenceLabels: rl, threshold: t, minimumPairs: 2)
        func unit(_ v: [Float]) -> [Float] { let n = v.map { $0 * $0 }.reduce(0, +).squareRoot(); return v.map { $0 / n } }
        func codes(_ x: Tensor, _ i: Int) -> [[Float]] { (0..<s).map { u in unit((0..<d).map { x.data[(i * s + u) * d + $0] }) } }
        func meanCode(_ x: Tensor, _ i: Int) -> [Float] { unit((0..<d).map { k in (0..<s).map { x.data[(i * s + $0) * d + k] }.reduce(0, +) }) }
        func distance(_ a: [Float], _ b: [Float]) -> Float { 1 - (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) }
        let qc = (0..<nq).map { codes(q, $0) }, rc = (0..<nr).map { codes(r, $0) }
        let qm = (0..<nq).map { meanCode(q, $0) }, rm = (0..<nr).map { meanCode(r, $0) }
        var expected = SampledSimilarity.Score(truePositives: 0, predicted: 0, actual: 0), expectedMean = expected
        for i in 0..<nq {
            for j in 0..<nr {
                var close = 0
                for u in 0..<s { for v in 0..<s where distance(qc[i][u], rc[j][v]) <= t { close += 1 } }
                let same = ql[i] == rl[j]
                if same { expected.actual += 1; expectedMean.actual += 1 }
                if close >= 2 { expected.predicted += 1; if same { expected.truePositives += 1 } }
                if distance(qm[i], rm[j]) <= t { expectedMean.predicted += 1; if same { expectedMean.truePositives += 1 } }
            }
        }
        XCTAssertEqual(sampled, expected)
        XCTAssertEqual(mean, expectedMean)
        XCTAssertGreaterThan(expected.predicted, 100, "the rule calls enough pairs similar to test something")
    }

    func testWithinOneSetIsTheFullSetLessEachItemWithItself() throws {
        // 2,100 items span two reference blocks. With N = S = 2 an item is always similar to
        // itself (its own codes pair up at distance 0), so scoring the set against itself counts
        // exactly n = 2,100 more pairs of every kind than scoring it within.
        var random = Random(seed: 9)
        let n = 2100
        let x = Tensor(uninitialized: [n, 2, 3])
        random.fillNormal(x.data, count: x.count)
        let labels = (0..<n).map { $0 % 4 }
        let within = try SampledSimilarity.evaluate(within: x, labels: labels, threshold: 0.2, minimumPairs: 2)
        let full = try SampledSimilarity.evaluate(queries: x, queryLabels: labels, references: x, referenceLabels: labels, threshold: 0.2, minimumPairs: 2)
        for (w, f) in [(within.sampled, full.sampled), (within.mean, full.mean)] {
            XCTAssertEqual(w.truePositives, f.truePositives - n)
            XCTAssertEqual(w.predicted, f.predicted - n)
            XCTAssertEqual(w.actual, f.actual - n)
        }
        XCTAssertGreaterThan(within.sampled.predicted, 1000)
    }

    func testRefusesBadSimilarityRequests() {
        let x = Tensor(zeros: [3, 2, 2])
        XCTAssertThrowsError(try SampledSimilarity.evaluate(within: x, labels: [0, 1, 2], threshold: 0.1, minimumPairs: 5)) { error in
            XCTAssertEqual("\(error)", "5 close pairs asked of 2×2 = 4; choose 1…4")
        }
        XCTAssertThrowsError(try SampledSimilarity.evaluate(within: x, labels: [0, 1], threshold: 0.1, minimumPairs: 1))
        XCTAssertThrowsError(try SampledSimilarity.evaluate(within: x, labels: [0, 1, 2], threshold: 3, minimumPairs: 1))
        XCTAssertThrowsError(try SampledSimilarity.evaluate(within: Tensor(zeros: [6, 2]), labels: [0, 1, 2], threshold: 0.1, minimumPairs: 1))
        XCTAssertThrowsError(try SampledSimilarity.evaluate(queries: x, queryLabels: [0, 1, 2], references: Tensor(zeros: [3, 3, 2]),
                                                           referenceLabels: [0, 1, 2], threshold: 0.1, minimumPairs: 1))
    }
}
