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
    }

    func testUnknownNameSaysWhatIsKnown() {
        XCTAssertThrowsError(try DataCatalog.load("mnsit")) { XCTAssertTrue("\($0)".contains("known sets are mnist, fashion")) }
    }

    func testCSVWithHeaderUsesTheLabelColumnAndKeepsBytes() throws {
        let d = try CSVReader.parse("a,label,b\n0,1,255\n51,0,0\n", path: "x.csv")
        XCTAssertEqual(d.labels, [1, 0])
        XCTAssertEqual(d.batch(0..<2).scalars, [0, 1, 0.2, 0])
        guard case .bytes = d.values else { return XCTFail("whole numbers 0…255 should be kept as bytes") }
    }

    func testCSVWithFractionsKeepsFloats() throws {
        let d = try CSVReader.parse("2,0.5,-1\n", path: "x.csv")
        XCTAssertEqual(d.labels, [2])
        XCTAssertEqual(d.batch(0..<1).scalars, [0.5, -1])
    }

    func testCSVErrorsNameTheLine() {
        XCTAssertThrowsError(try CSVReader.parse("1,2,3\n4,5\n", path: "x.csv")) {
            XCTAssertEqual("\($0)", "x.csv:2: 2 fields where the first line has 3")
        }
        XCTAssertThrowsError(try CSVReader.parse("1,2\nq,5\n", path: "x.csv")) {
            XCTAssertEqual("\($0)", "x.csv:2: label 'q' is not a class number ≥ 0")
        }
        XCTAssertThrowsError(try CSVReader.parse("1,nan\n", path: "x.csv")) { XCTAssertTrue("\($0)".contains("not a finite number")) }
        XCTAssertThrowsError(try CSVReader.parse("", path: "x.csv")) { XCTAssertEqual("\($0)", "x.csv:1: the file is empty") }
    }
}
