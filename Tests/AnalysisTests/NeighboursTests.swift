import Analysis
import Tensors
import XCTest

final class NeighboursTests: XCTestCase {
    func testEuclideanNeighboursOnALineExcludeTheRowItself() throws {
        // Points 0, 1, 3, 7: from 3 the nearest others are 1 (at 2) and 0 (at 3).
        let x = Tensor([0, 1, 3, 7], shape: [4, 1])
        let nn = try Neighbours(within: x, k: 2, metric: .euclidean)
        XCTAssertEqual(nn.indices, [1, 2, 0, 2, 1, 0, 2, 1])
        XCTAssertEqual(nn.distances, [1, 3, 1, 2, 2, 3, 4, 6])
    }

    func testCosineNeighboursOfQueriesAmongReferences() throws {
        // (1, 0), (1, 1), (0, 1), (−1, 0): (2, 0.1) is nearly along (1, 0), at 1 − cos 45° from (1, 1).
        let references = Tensor([1, 0, 1, 1, 0, 1, -1, 0], shape: [4, 2])
        let queries = Tensor([2, 0.1, 0, -3], shape: [2, 2])
        let nn = try Neighbours(queries: queries, references: references, k: 3, metric: .cosine)
        XCTAssertEqual(Array(nn.of(0)), [0, 1, 2])
        XCTAssertEqual(nn.distances[0], 1 - 2 / Float(4.01).squareRoot(), accuracy: 1e-6)
        // (0, −3) is at 90° from (1, 0) and (−1, 0) (a tie kept in index order) and 180° from (0, 1).
        XCTAssertEqual(Array(nn.of(1)), [0, 3, 1])
        XCTAssertEqual(nn.distances[3], 1, accuracy: 1e-6)
        XCTAssertEqual(nn.distances[5], 1 + 1 / Float(2).squareRoot(), accuracy: 1e-6)
    }

    func testBlockedSearchAgreesWithBruteForceAcrossBlockEdges() throws {
        // 600 queries and 9,000 references cross both block sizes (256 and 8,192).
        var random = Random(seed: 7)
        let n = 600, m = 9000, d = 5
        let q = Tensor(uninitialized: [n, d]), r = Tensor(uninitialized: [m, d])
        random.fillNormal(q.data, count: n * d)
        random.fillNormal(r.data, count: m * d)
        for metric in Metric.allCases {
            let nn = try Neighbours(queries: q, references: r, k: 3, metric: metric)
            for i in stride(from: 0, to: n, by: 37) {
                let distances = (0..<m).map { j -> Double in
                    var dot = 0.0, qq = 0.0, rr = 0.0, dd = 0.0
                    for t in 0..<d {
                        let a = Double(q.data[i * d + t]), b = Double(r.data[j * d + t])
                        dot += a * b; qq += a * a; rr += b * b; dd += (a - b) * (a - b)
                    }
                    return metric == .cosine ? 1 - dot / (qq * rr).squareRoot() : dd.squareRoot()
                }
                let expected = Array((0..<m).sorted { distances[$0] < distances[$1] }.prefix(3))
                XCTAssertEqual(Array(nn.of(i)), expected, "query \(i), \(metric)")
                XCTAssertEqual(Double(nn.distances[i * 3]), distances[expected[0]], accuracy: 1e-4)
            }
        }
    }

    func testPrecisionAtKCountsNeighboursWithTheQuerysLabel() throws {
        // Points 0, 1, 3, 7 labelled a, a, b, b; 2 nearest others: 0→{1, 3}: 1 of 2 share a;
        // 1→{0, 3}: 1; 3→{1, 0}: 0; 7→{3, 1}: 1. Precision@2 = 3/8.
        let x = Tensor([0, 1, 3, 7], shape: [4, 1])
        XCTAssertEqual(try Retrieval.precisionAtK(x, labels: [0, 0, 1, 1], k: 2, metric: .euclidean), 3.0 / 8)
    }

    func testMajorityVoteBreaksTiesTowardTheSmallestLabel() throws {
        // The query at 2.4 has neighbours 2 (label 1), 3 (label 0), 1 (label 1), 4 (label 0).
        let references = Tensor([1, 2, 3, 4], shape: [4, 1])
        let labels = [1, 1, 0, 0]
        let nn = try Neighbours(queries: Tensor([2.4], shape: [1, 1]), references: references, k: 4, metric: .euclidean)
        XCTAssertEqual(try nn.majorityLabels(referenceLabels: labels), [0], "two votes each: the smaller label")
        let three = try Neighbours(queries: Tensor([2.4], shape: [1, 1]), references: references, k: 3, metric: .euclidean)
        XCTAssertEqual(try three.majorityLabels(referenceLabels: labels), [1])
        // Leave-one-out 1-NN on 1, 2, 3, 4 labelled 1, 1, 0, 0: 1→2 right, 2→1 right, 3→2 wrong
        // (2 and 4 tie at 1; the lower index wins), 4→3 right: 3/4.
        XCTAssertEqual(try Retrieval.knnAccuracy(references, labels: labels, k: 1), 0.75)
    }

    func testRefusesImpossibleSearches() {
        let x = Tensor([0, 1, 3], shape: [3, 1])
        XCTAssertThrowsError(try Neighbours(within: x, k: 3, metric: .cosine)) { error in
            XCTAssertEqual("\(error)", "3 nearest neighbours asked among the 2 other rows; choose 1…2")
        }
        XCTAssertThrowsError(try Neighbours(queries: x, references: x, k: 4, metric: .cosine))
        XCTAssertThrowsError(try Neighbours(queries: Tensor(zeros: [2, 2]), references: x, k: 1, metric: .cosine)) { error in
            XCTAssertEqual(error as? AnalysisError, .mismatch("1 columns in the references for 2 in the queries"))
        }
        XCTAssertThrowsError(try Neighbours(queries: Tensor(zeros: [0, 1]), references: x, k: 1, metric: .cosine))
        XCTAssertThrowsError(try Retrieval.precisionAtK(x, labels: [0, 1], k: 1))
        XCTAssertThrowsError(try Retrieval.knnAccuracy(x, labels: [0, -1, 1], k: 1))
    }
}
