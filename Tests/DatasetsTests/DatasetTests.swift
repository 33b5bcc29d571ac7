@testable import Datasets
import Foundation
import XCTest

final class DatasetTests: XCTestCase {
    func testBatchesScaleBytesToUnitRange() {
        let d = Dataset(name: "t", values: .bytes([0, 255, 51, 102]), labels: [0, 1], exampleShape: [2], classNames: ["a", "b"])
        XCTAssertEqual(d.count, 2)
        XCTAssertEqual(d.batch([1, 0]).scalars, [0.2, 0.4, 0, 1])
    }

    func testSampleIsSeededSortedAndWithoutRepeats() {
        let d = Dataset(name: "t", values: .bytes((0..<100).map { UInt8($0) }), labels: Array(0..<100), exampleShape: [1], classNames: [])
        let a = d.sample(10, seed: 3), b = d.sample(10, seed: 3), c = d.sample(10, seed: 4)
        XCTAssertEqual(a.labels, b.labels)
        XCTAssertNotEqual(a.labels, c.labels)
        XCTAssertEqual(a.labels, a.labels?.sorted())
        XCTAssertEqual(Set(a.labels!).count, 10)
        // The values travel with their labels.
        XCTAssertEqual(a.batch(0..<10).scalars, a.labels!.map { Float($0) / 255 })
    }

    func testShippedMNISTLoadsWithBalancedClasses() throws {
        let split = try DataCatalog.load("mnist", train: 1000, test: 300)
        XCTAssertEqual(split.train.count, 1000)
        XCTAssertEqual(split.test.count, 300)
        XCTAssertEqual(split.train.exampleShape, [28, 28])
        var counts = [Int](repeating: 0, count: 10)
        for l in split.train.labels! { counts[l] += 1 }
        // Drawn at random from 500 a class: every class present, none wildly over-represented.
        XCTAssertTrue(counts.allSatisfy { $0 > 60 && $0 < 140 }, "\(counts)")
        // The first test digit of MNIST is a 7.
        XCTAssertEqual(split.test.labels?.first, 7)
        guard case .bytes = split.train.values else { return XCTFail("MNIST stays in bytes") }
        XCTAssertEqual(split.notes.filter { $0.hasPrefix("scaling:") }, ["scaling: pixel bytes divided by 255"])
        XCTAssertTrue(split.notes.contains("train=1000: 1000 of 5000 training examples, drawn under seed 0"), "\(split.notes)")
    }

    func testUnknownNameSaysWhatIsKnown() {
        XCTAssertThrowsError(try DataCatalog.load("mnsit")) { XCTAssertTrue("\($0)".contains("known sets are mnist, fashion")) }
    }

    func testTokenValuesBatchAsExactFloatsAndTravelThroughSubsets() {
        let d = Dataset(name: "t", values: .tokens([2, 3, 0, 16_777_215, 1, 0]), labels: [1, 0], exampleShape: [3], classNames: ["a", "b"])
        XCTAssertEqual(d.count, 2)
        XCTAssertEqual(d.batch([1]).scalars, [16_777_215, 1, 0])
        XCTAssertEqual(d.tokenIDs([1, 0]), [16_777_215, 1, 0, 2, 3, 0])
        let swapped = d.subset([1, 0])
        XCTAssertEqual(swapped.tokenIDs(0..<2), [16_777_215, 1, 0, 2, 3, 0])
        XCTAssertEqual(swapped.labels, [0, 1])
        XCTAssertNotEqual(d.checksum, swapped.checksum)
        XCTAssertNil(Dataset(name: "b", values: .bytes([1]), labels: nil, exampleShape: [1], classNames: []).tokenIDs([0]))
        XCTAssertFalse(d.isUnitRange)
        XCTAssertNil(d.imageSize)
    }

    func testColourValuesTravelThroughSubsets() {
        var d = Dataset(name: "p", values: .floats([0, 0, 1, 1, 2, 2]), labels: nil, exampleShape: [2], classNames: [])
        d.colours = ColourValues(name: "t", values: [10, 11, 12])
        XCTAssertEqual(d.subset([2, 0]).colours?.values, [12, 10])
        XCTAssertEqual(d.sample(2, seed: 1).colours?.values.count, 2)
    }
}
