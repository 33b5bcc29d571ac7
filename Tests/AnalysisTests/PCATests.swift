import Analysis
import Tensors
import XCTest

final class PCATests: XCTestCase {
    func testFindsTheDirectionOfPointsOnALine() throws {
        // Points along (3, 4)/5 plus a little noise across it.
        var random = Random(seed: 2)
        let n = 200
        let x = Tensor(uninitialized: [n, 2])
        for i in 0..<n {
            let t = random.uniform(-5, 5), s = random.uniform(-0.05, 0.05)
            x.data[2 * i] = 1 + 0.6 * t - 0.8 * s
            x.data[2 * i + 1] = 2 + 0.8 * t + 0.6 * s
        }
        let pca = try PCA(fitting: x, components: 1)
        XCTAssertEqual(abs(pca.components[0][0]), 0.6, accuracy: 1e-3)
        XCTAssertEqual(abs(pca.components[0][1]), 0.8, accuracy: 1e-3)
        XCTAssertGreaterThan(pca.explainedRatio[0], 0.999)
        XCTAssertEqual(pca.mean[0], 1, accuracy: 0.2)
        XCTAssertLessThan(try pca.reconstructionError(x), 1e-3)
    }

    func testPrincipalAnglesOfKnownSpans() throws {
        let xy: [[Float]] = [[1, 0, 0], [0, 1, 0]]
        XCTAssertEqual(try PCA.principalAngles(xy, [[2, 2, 0], [1, -1, 0]]).max()!, 0, accuracy: 1e-3, "the same plane, other vectors")
        let tilted = try PCA.principalAngles(xy, [[1, 0, 0], [0, 1, 1]])
        XCTAssertEqual(tilted[0], 0, accuracy: 1e-3)
        XCTAssertEqual(tilted[1], 45, accuracy: 1e-3)
        XCTAssertEqual(try PCA.principalAngles([[1, 0, 0]], [[0, 0, 1]])[0], 90, accuracy: 1e-3)
    }

    /// Compares components up to sign, which SVD leaves free.
    func assertSameDirection(_ a: [Float], _ b: [Float], file: StaticString = #filePath, line: UInt = #line) {
        let sign: Float = zip(a, b).map { $0 * $1 }.reduce(0, +) < 0 ? -1 : 1
        for (x, y) in zip(a, b) { XCTAssertEqual(sign * x, y, accuracy: 1e-4, file: file, line: line) }
    }

    func testMoreRowsThanColumnsAgreesWithScikitLearn() throws {
        // sklearn.decomposition.PCA(2) on these rows: mean (2, 1, 1.5); the second component is
        // (3, 1, 0)/√10 with variance 2 (20/10 over n − 1 = 5), the first has variance 2.3262087.
        let x = Tensor([2, 0, 1, 0, 1, 3, 4, 2, 2, 1, 1, 0, 3, -1, 1, 2, 3, 2], shape: [6, 3])
        let pca = try PCA(fitting: x, components: 2)
        XCTAssertEqual(pca.mean, [2, 1, 1.5])
        assertSameDirection(pca.components[0], [-0.281046345, 0.843139036, 0.458398864])
        assertSameDirection(pca.components[1], [3 / Float(10).squareRoot(), 1 / Float(10).squareRoot(), 0])
        XCTAssertEqual(pca.explainedVariance[0], 2.32620873, accuracy: 1e-4)
        XCTAssertEqual(pca.explainedVariance[1], 2, accuracy: 1e-4)
        XCTAssertEqual(pca.explainedRatio[1], 0.39215686, accuracy: 1e-5, "2 of a total variance of 5.1")
        // The first row, (2, 0, 1) − mean = (0, −1, −0.5), on (3, 1, 0)/√10: −1/√10 = −0.316228.
        let z = try pca.transform(x)
        XCTAssertEqual(abs(z.data[1]), 0.31622777, accuracy: 1e-5)
        XCTAssertEqual(abs(z.data[0]), 1.07233847, accuracy: 1e-5)
    }

    func testFewerRowsThanColumnsAgreesWithScikitLearn() throws {
        // Three rows of five: only two directions have variance; sklearn gives 6.3333 and 2
        // (ratios 0.76 and 0.24), the second along (2, 1, −1, −1, −1)/√8.
        let x = Tensor([1, 2, 0, 4, 1, 0, 1, 3, 1, 2, 2, 2, 2, 0, 1], shape: [3, 5])
        let pca = try PCA(fitting: x, components: 2)
        XCTAssertEqual(pca.explainedVariance[0], 19.0 / 3, accuracy: 1e-4)
        XCTAssertEqual(pca.explainedVariance[1], 2, accuracy: 1e-4)
        XCTAssertEqual(pca.explainedRatio[0], 0.76, accuracy: 1e-5)
        assertSameDirection(pca.components[1], [2, 1, -1, -1, -1].map { $0 / Float(8).squareRoot() })
        assertSameDirection(pca.components[0], [0, 0.11470787, -0.57353933, 0.80295507, -0.11470787])
        // Two components span the three centred rows, so they are rebuilt exactly.
        XCTAssertEqual(try pca.reconstructionError(x), 0, accuracy: 1e-9)
    }

    func testInverseOfTransformKeepsTheMeanAndTheComponentPart() throws {
        let x = Tensor([2, 0, 1, 0, 1, 3, 4, 2, 2, 1, 1, 0, 3, -1, 1, 2, 3, 2], shape: [6, 3])
        let pca = try PCA(fitting: x, components: 1)
        // The mean itself has coordinate 0 and comes back unchanged.
        let back = try pca.inverse(pca.transform(Tensor(pca.mean, shape: [1, 3])))
        for j in 0..<3 { XCTAssertEqual(back.data[j], pca.mean[j], accuracy: 1e-5) }
    }

    func testRefusesEmptyInputAndTooManyComponents() {
        XCTAssertThrowsError(try PCA(fitting: Tensor(zeros: [0, 3]), components: 1)) { error in
            XCTAssertEqual(error as? AnalysisError, .empty("PCA input holds no rows"))
        }
        let x = Tensor([1, 2, 3, 4], shape: [2, 2])
        XCTAssertThrowsError(try PCA(fitting: x, components: 3))
        XCTAssertThrowsError(try PCA(fitting: x, components: 0))
        XCTAssertThrowsError(try PCA(fitting: Tensor([1, .nan, 3, 4], shape: [2, 2]), components: 1))
        let pca = try! PCA(fitting: x, components: 1)
        XCTAssertThrowsError(try pca.transform(Tensor(zeros: [2, 3]))) { error in
            XCTAssertEqual("\(error)", "3 columns for 2 the PCA was fitted to")
        }
        XCTAssertThrowsError(try PCA.principalAngles([], [[1]]))
        XCTAssertThrowsError(try PCA.principalAngles([[1, 0]], [[1, 0, 0]]))
    }
}
