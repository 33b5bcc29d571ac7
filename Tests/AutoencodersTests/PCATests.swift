@testable import Autoencoders
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
        XCTAssertLessThan(pca.reconstructionError(x), 1e-3)
    }

    func testPrincipalAnglesOfKnownSpans() throws {
        let xy: [[Float]] = [[1, 0, 0], [0, 1, 0]]
        XCTAssertEqual(try PCA.principalAngles(xy, [[2, 2, 0], [1, -1, 0]]).max()!, 0, accuracy: 1e-3, "the same plane, other vectors")
        let tilted = try PCA.principalAngles(xy, [[1, 0, 0], [0, 1, 1]])
        XCTAssertEqual(tilted[0], 0, accuracy: 1e-3)
        XCTAssertEqual(tilted[1], 45, accuracy: 1e-3)
        XCTAssertEqual(try PCA.principalAngles([[1, 0, 0]], [[0, 0, 1]])[0], 90, accuracy: 1e-3)
    }
}
