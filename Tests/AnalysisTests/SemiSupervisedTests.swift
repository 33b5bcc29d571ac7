import Analysis
import Tensors
import XCTest

final class SemiSupervisedTests: XCTestCase {
    /// Nine points in three groups of three.
    let x = Tensor([0, 0, 1, 0, 0, 1, 3, 3, 4, 3, 3, 4, 0, 4, 1, 5, -1, 4.5], shape: [9, 2])
    let y = [0, 0, 0, 1, 1, 1, 2, 2, 2]

    func testLogisticRegressionMatchesScikitLearn() throws {
        // sklearn LogisticRegression(C=1.0, tol=1e-10) on these rows: coef_ and intercept_ below.
        let model = try LogisticRegression(fitting: x, labels: y)
        let coef: [Float] = [-0.30887231, -0.8233721, 0.89253923, 0.10721455, -0.58366693, 0.71615755]
        for (a, b) in zip(model.weights, coef) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        for (a, b) in zip(model.biases, [2.56265413, -1.35619104, -1.20646309] as [Float]) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        let p = try model.probabilities(Tensor([2, 2, 0, 3], shape: [2, 2]))
        for (a, b) in zip(p.scalars, [0.37013872, 0.52271117, 0.1071501, 0.27304594, 0.08846038, 0.63849368] as [Float]) {
            XCTAssertEqual(a, b, accuracy: 1e-4)
        }
        XCTAssertEqual(try model.predict(x), y)
        // A stronger penalty (C = 0.1) shrinks the weights, again as sklearn finds.
        let shrunk = try LogisticRegression(fitting: x, labels: y, c: 0.1)
        XCTAssertEqual(shrunk.weights[0], -0.12871097, accuracy: 1e-4)
        XCTAssertEqual(shrunk.biases[0], 1.07987997, accuracy: 1e-4)
    }

    func testLogisticRegressionRefusesBadLabels() {
        XCTAssertThrowsError(try LogisticRegression(fitting: x, labels: [0, 1]))
        XCTAssertThrowsError(try LogisticRegression(fitting: x, labels: [0, 0, 0, 0, 0, 0, 0, 0, 0]))
        XCTAssertThrowsError(try LogisticRegression(fitting: x, labels: y, classes: 2)) { error in
            XCTAssertEqual("\(error)", "logistic regression: label 2 is outside the classes 0..<2")
        }
        XCTAssertThrowsError(try LogisticRegression(fitting: x, labels: y).predict(Tensor(zeros: [1, 3])))
    }

    func testLabelsSpreadAlongAChainMeetInTheMiddle() throws {
        // Points 0…9 on a line, 1 neighbour each: the graph is the chain 0–1–…–9. Label 0 at
        // the left end and 1 at the right: by symmetry 0…4 take 0 and 5…9 take 1.
        let line = Tensor((0..<10).map(Float.init), shape: [10, 1])
        var labels = [Int?](repeating: nil, count: 10)
        labels[0] = 0
        labels[9] = 1
        let spread = try LabelSpreading(codes: line, labels: labels, neighbours: 1)
        XCTAssertEqual(spread.predictions, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    }

    func testLabelSpreadingAgreesWithZhousIterationAndLeavesUnreachedRowsUnlabelled() throws {
        // Five points 1 apart (1 neighbour each, ties to the lower index: the chain 0–1–2–3–4)
        // and two far away; the ends of the chain are labelled 0 and 1. The far pair is reached
        // by no label and gets none.
        let points = Tensor([0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 100, 100, 100.5, 100], shape: [7, 2])
        let spread = try LabelSpreading(codes: points, labels: [0, nil, nil, nil, 1, nil, nil], neighbours: 1)
        XCTAssertEqual(spread.predictions[0], 0)
        XCTAssertEqual(spread.predictions[1], 0)
        XCTAssertEqual(spread.predictions[3], 1)
        XCTAssertEqual(spread.predictions[4], 1)
        XCTAssertNil(spread.predictions[5])
        XCTAssertNil(spread.predictions[6])
        // Zhou's iteration F ← 0.99·S·F + 0.01·Y run to its limit on the chain 0–1–2–3–4
        // (degrees 1, 2, 2, 2, 1, so S holds 1/√2 next to the ends and ½ inside) gives F* itself.
        let r = 1 / 2.0.squareRoot()
        let s: [[Double]] = [[0, r, 0, 0, 0], [r, 0, 0.5, 0, 0], [0, 0.5, 0, 0.5, 0], [0, 0, 0.5, 0, r], [0, 0, 0, r, 0]]
        let target: [[Double]] = [[1, 0], [0, 0], [0, 0], [0, 0], [0, 1]]
        var f = [[Double]](repeating: [0, 0], count: 5)
        for _ in 0..<5000 {
            var next = f
            for i in 0..<5 {
                for c in 0..<2 {
                    var sum = 0.0
                    for j in 0..<5 { sum += s[i][j] * f[j][c] }
                    next[i][c] = 0.99 * sum + 0.01 * target[i][c]
                }
            }
            f = next
        }
        for i in 0..<5 {
            for c in 0..<2 { XCTAssertEqual(spread.scores[i * 2 + c], f[i][c], accuracy: 1e-7, "F*[\(i), \(c)]") }
        }
        XCTAssertEqual(spread.scores[5 * 2], 0, "no label reaches the far group")
        XCTAssertThrowsError(try LabelSpreading(codes: points, labels: [Int?](repeating: nil, count: 7)))
        XCTAssertThrowsError(try LabelSpreading(codes: points, labels: [0, 1]))
        XCTAssertThrowsError(try LabelSpreading(codes: points, labels: [0, nil, nil, nil, 1, nil, nil], alpha: 1))
    }
}
