@testable import Datasets
import Foundation
import Options
import XCTest

final class SyntheticSetsTests: XCTestCase {
    private func load(_ name: String, _ settings: [(String, String)] = []) throws -> DataSplit {
        try DataCatalog.load(name, options: DataOptions.parse(options: settings.map { (key: $0.0, value: $0.1) }, command: "data"))
    }

    func testSwissRollPointsLieOnTheRollAndCarryTheirPosition() throws {
        let split = try load("swissroll")
        XCTAssertEqual([split.train.count, split.test.count], [1600, 400])
        XCTAssertEqual(split.train.features, 3)
        let t = try XCTUnwrap(split.train.colours?.values)
        XCTAssertEqual(t.count, 1600)
        for i in [0, 777, 1599] {
            let p = split.train.example(i)
            // Without noise: x = t cos t, z = t sin t, 0 ≤ y < 21, and 1.5π ≤ t < 4.5π.
            XCTAssertEqual(p[0], t[i] * cos(t[i]), accuracy: 1e-4)
            XCTAssertEqual(p[2], t[i] * sin(t[i]), accuracy: 1e-4)
            XCTAssertTrue((0..<21).contains(p[1]))
            XCTAssertTrue((1.5 * Float.pi ..< 4.5 * Float.pi).contains(t[i]), "\(t[i])")
        }
        XCTAssertNil(split.train.labels)
        XCTAssertTrue(split.notes.contains { $0.hasPrefix("colour: position along the roll (t), ") }, "\(split.notes)")
        XCTAssertTrue(split.notes.contains { $0.contains("not within 0…1, so binary cross-entropy does not apply") })
    }

    func testTheSeedDecidesThePoints() throws {
        XCTAssertEqual(try load("swissroll", [("seed", "5")]).train.checksum, try load("swissroll", [("seed", "5")]).train.checksum)
        XCTAssertNotEqual(try load("swissroll", [("seed", "5")]).train.checksum, try load("swissroll", [("seed", "6")]).train.checksum)
    }

    func testSpherePointsHaveNormOneAndHeightAsColour() throws {
        let split = try load("sphere", [("n", "50")])
        XCTAssertEqual([split.train.count, split.test.count], [40, 10])
        let heights = try XCTUnwrap(split.test.colours?.values)
        for i in 0..<10 {
            let p = split.test.example(i)
            XCTAssertEqual((p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).squareRoot(), 1, accuracy: 1e-5)
            XCTAssertEqual(heights[i], p[2])
        }
        // With noise 0.5 the points leave the sphere.
        let noisy = try load("sphere", [("n", "50"), ("noise", "0.5")])
        let norms = (0..<40).map { i -> Float in let p = noisy.train.example(i); return (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).squareRoot() }
        XCTAssertGreaterThan(norms.map { abs($0 - 1) }.max()!, 0.1)
    }

    func testBlobsAreLabelledByBlob() throws {
        // Noise 0: every point sits on its blob's centre, inside [−10, 10]³.
        let split = try load("blobs3d", [("n", "100"), ("noise", "0"), ("centers", "3")])
        let labels = try XCTUnwrap(split.train.labels)
        XCTAssertEqual(split.train.classNames, ["blob 0", "blob 1", "blob 2"])
        XCTAssertEqual(Set(labels), [0, 1, 2])
        var centres = [Int: [Float]]()
        for (i, l) in labels.enumerated() {
            let p = split.train.example(i)
            XCTAssertTrue(p.allSatisfy { (-10 ... 10).contains($0) })
            if let c = centres[l] { XCTAssertEqual(c, p) } else { centres[l] = p }
        }
        XCTAssertEqual(Set(centres.values.map { $0.description }).count, 3)
    }

    func testOptionsAreCheckedAndTrainAndTestKeepTheColours() throws {
        let split = try load("swissroll", [("n", "100"), ("train", "10"), ("test", "5")])
        XCTAssertEqual([split.train.count, split.test.count], [10, 5])
        XCTAssertEqual(split.train.colours?.values.count, 10)
        XCTAssertEqual(split.test.colours?.values.count, 5)
        XCTAssertThrowsError(try load("sphere", [("n", "4")])) { XCTAssertEqual("\($0)", "data: option 'n' must be between 5 and 1000000, not 4") }
        XCTAssertThrowsError(try load("sphere", [("noise", "-1")])) { XCTAssertEqual("\($0)", "data: option 'noise' must be between 0 and 100, not -1") }
        XCTAssertThrowsError(try load("sphere", [("noise", "nan")])) { XCTAssertEqual("\($0)", "data: option 'noise' must be a number, not 'nan'") }
    }
}
