@testable import Datasets
import Foundation
import XCTest

/// Labels that are not small non-negative integers: numbered as classes, or refused in one line.
final class LabelTests: XCTestCase {
    /// An images file of `n` one-byte examples beside a labels file of `labels` (raw IDX bytes).
    private func idxPair(_ dir: TemporaryFolder, labels: [UInt8], n: Int) throws -> String {
        try dir.write("labels-idx1", labels)
        return try dir.write("images-idx3", IDXArray.encode(shape: [n, 1], bytes: (0..<n).map { UInt8($0 * 50) }))
    }

    func testSignedIDXLabelsAreNumberedInIncreasingOrder() throws {
        let dir = try TemporaryFolder()
        // Signed bytes (0x09): −1, 1, −1, 1, 1.
        let images = try idxPair(dir, labels: [0, 0, 0x09, 1, 0, 0, 0, 5, 0xFF, 1, 0xFF, 1, 1], n: 5)
        let d = try DataCatalog.file(images)
        XCTAssertEqual(d.labels, [0, 1, 0, 1, 1])
        XCTAssertEqual(d.classNames, ["-1", "1"])
        XCTAssertTrue(d.notes.contains("labels: 2 distinct values numbered as classes 0…1 in increasing order (-1→0, 1→1)"), "\(d.notes)")
    }

    func testASingleHugeLabelIsOneClassNotFiftyMillion() throws {
        let dir = try TemporaryFolder()
        let labels = IDXArray.encode(shape: [2], integers: [50_000_000, 50_000_000])
        let d = try DataCatalog.file(idxPair(dir, labels: labels, n: 2))
        XCTAssertEqual(d.labels, [0, 0])
        XCTAssertEqual(d.classNames, ["50000000"])
        XCTAssertEqual(d.classCount, 1)
    }

    func testFloatLabelsMustBeWholeNumbers() throws {
        let dir = try TemporaryFolder()
        for (value, text) in [(Float.nan, "nan"), (1e30, "1e+30"), (2.5, "2.5")] {
            let images = try idxPair(dir, labels: IDXArray.encode(shape: [2], floats: [1, value]), n: 2)
            XCTAssertThrowsError(try DataCatalog.file(images)) {
                XCTAssertEqual("\($0)", "\(dir.path)/labels-idx1: label \(text) (example 2) is not a whole number that can name a class")
            }
        }
        let fine = try DataCatalog.file(idxPair(dir, labels: IDXArray.encode(shape: [2], floats: [3, 1]), n: 2))
        XCTAssertEqual(fine.labels, [3, 1])
    }

    func testSparseAndExtremeCSVLabelsAreNumbered() throws {
        let d = try CSVReader.parse("999999999,1\n9223372036854775807,2\n-9223372036854775808,3\n999999999,4\n", path: "x.csv")
        XCTAssertEqual(d.labels, [1, 2, 0, 1])
        XCTAssertEqual(d.classNames, ["-9223372036854775808", "999999999", "9223372036854775807"])
    }

    func testSmallLabelsKeepTheirValueAsTheirClass() throws {
        let d = try CSVReader.parse("3,1\n7,2\n", path: "x.csv")
        XCTAssertEqual(d.labels, [3, 7])
        XCTAssertEqual(d.classCount, 8)
        XCTAssertTrue(d.notes.contains("labels: 8 classes, 0…7 (6 of them unused)"), "\(d.notes)")
    }

    func testMoreThanTenThousandDistinctLabelsIsAnIDColumn() {
        let text = (0..<10_001).map { "\($0 * 3),1" }.joined(separator: "\n")
        XCTAssertThrowsError(try CSVReader.parse(text, path: "ids.csv")) {
            XCTAssertEqual("\($0)", "ids.csv: more than 10000 distinct labels; that is not a class column (name the label column, or use a file without one)")
        }
    }

    func testTrainingAndTestFilesShareOneNumbering() throws {
        let dir = try TemporaryFolder()
        let a = try dir.write("a.csv", "-1,1\n1,2\n-1,3\n")
        // Alone, the test file's one label would be class 0; with the training file it is class 1.
        let b = try dir.write("b.csv", "1,4\n")
        let split = try DataCatalog.load(a, testPath: b)
        XCTAssertEqual(split.train.labels, [0, 1, 0])
        XCTAssertEqual(split.test.labels, [1])
        XCTAssertEqual(split.test.classNames, ["-1", "1"])
    }

    func testNamedSetsRefuseLabelsOutsideTheirClasses() {
        let mapping = { try LabelMapping([.numbers([3, 12])], sources: ["l"], classNames: DataCatalog.digitNames) }
        XCTAssertThrowsError(try mapping()) { XCTAssertEqual("\($0)", "l: label 12 (example 2) is not one of the 10 classes 0…9") }
    }
}
