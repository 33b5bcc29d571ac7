@testable import Datasets
import Foundation
import XCTest

final class CSVTests: XCTestCase {
    func testCSVWithHeaderUsesTheLabelColumnAndKeepsBytes() throws {
        let d = try CSVReader.parse("a,label,b\n0,1,255\n51,0,0\n", path: "x.csv")
        XCTAssertEqual(d.labels, [1, 0])
        XCTAssertEqual(d.batch(0..<2).scalars, [0, 1, 0.2, 0])
        guard case .bytes = d.values else { return XCTFail("whole numbers 0…255 should be kept as bytes") }
        XCTAssertTrue(d.notes.contains("read: a header line; labels in column 2, 'label'"), "\(d.notes)")
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
            XCTAssertEqual("\($0)", "x.csv:2: label 'q' is not a whole number")
        }
        XCTAssertThrowsError(try CSVReader.parse("1,2\n2.5,5\n", path: "x.csv")) { XCTAssertEqual("\($0)", "x.csv:2: label '2.5' is not a whole number") }
        XCTAssertThrowsError(try CSVReader.parse("1,nan\n", path: "x.csv")) { XCTAssertTrue("\($0)".contains("not a finite number")) }
        XCTAssertThrowsError(try CSVReader.parse("", path: "x.csv")) { XCTAssertEqual("\($0)", "x.csv:1: the file is empty") }
        XCTAssertThrowsError(try CSVReader.parse("label,a\n", path: "x.csv")) { XCTAssertEqual("\($0)", "x.csv:2: no rows of data") }
    }

    // Scaling is decided by the whole file's range.

    func testOneValueOf256MakesTheFileUnscaledAndSaysBCEDoesNotApply() throws {
        let d = try CSVReader.parse("0,0,255\n1,256,128\n", path: "s.csv")
        XCTAssertEqual(d.batch(0..<2).scalars, [0, 255, 256, 128])
        XCTAssertFalse(d.isUnitRange)
        XCTAssertTrue(d.notes.contains("scaling: values 0…256 used as they are; they are not within 0…1, so binary cross-entropy does not apply (use mse); scale=255 divides by 255"), "\(d.notes)")
    }

    func testZeroOneValuesAreUsedAsTheyAre() throws {
        // Divided by 255, a 0/1 image would look black: 1/255 = 0.0039.
        let d = try CSVReader.parse("0,0,1\n1,1,0\n", path: "b.csv")
        XCTAssertEqual(d.batch(0..<2).scalars, [0, 1, 1, 0])
        XCTAssertTrue(d.notes.contains("scaling: values 0…1, within 0…1, used as they are"), "\(d.notes)")
    }

    func testScaleCanBeForced() throws {
        // scale=255 on the file with a 256: 256/255 = 1.0039, and the note says it is past 1.
        let by255 = try CSVReader.parse("0,0,255\n1,256,51\n", path: "s.csv", scale: .by255)
        XCTAssertEqual(by255.batch(0..<2).scalars, [0, 1, 256 / 255, 0.2])
        XCTAssertTrue(by255.notes.contains { $0.hasPrefix("scaling: divided by 255 (scale=255); the results, 0…1.00392, are not within 0…1") }, "\(by255.notes)")
        let none = try CSVReader.parse("0,0,255\n1,3,51\n", path: "s.csv", scale: .none)
        XCTAssertEqual(none.batch(0..<2).scalars, [0, 255, 3, 51])
        XCTAssertThrowsError(try CSVReader.parse("0,0,255\n", path: "s.csv", scale: .unit)) {
            XCTAssertEqual("\($0)", "s.csv: scale=1 says the values are within 0…1, but they run 0…255; use scale=255 or scale=none")
        }
        XCTAssertEqual(try CSVReader.parse("0,0.5,1\n", path: "u.csv", scale: .unit).batch(0..<1).scalars, [0.5, 1])
    }

    func testAHeaderWithoutALabelColumnMeansUnlabelled() throws {
        // Kaggle's digit-recognizer test.csv: pixel0…pixel783 and no label.
        let d = try CSVReader.parse("pixel0,pixel1\n7,0\n3,255\n", path: "test.csv")
        XCTAssertNil(d.labels)
        XCTAssertEqual(d.features, 2)
        XCTAssertEqual(d.batch(0..<2).scalars, [7 / 255, 0, 3 / 255, 1])
        XCTAssertTrue(d.notes.contains("read: a header line with no label, class or y column, so the examples are unlabelled"), "\(d.notes)")
        XCTAssertTrue(d.notes.contains("labels: none (unlabelled examples)"))
    }

    func testWindowsAndOldMacLineEndingsReadTheSame() throws {
        let unix = try CSVReader.parse("label,a,b\n0,1,2\n1,3,4\n", path: "u.csv")
        for text in ["label,a,b\r\n0,1,2\r\n1,3,4\r\n", "label,a,b\r0,1,2\r1,3,4\r", "label,a,b\r\n0,1,2\r1,3,4"] {
            let d = try CSVReader.parse(text, path: "e.csv")
            XCTAssertEqual(d.labels, unix.labels)
            XCTAssertEqual(d.batch(0..<2).scalars, unix.batch(0..<2).scalars)
        }
        // A blank line (here "\r\n\r\n") is skipped, and said to be.
        let blank = try CSVReader.parse("0,1\r\n\r\n1,2\r\n", path: "b.csv")
        XCTAssertEqual(blank.labels, [0, 1])
        XCTAssertTrue(blank.notes.contains("skipped 1 blank line"), "\(blank.notes)")
    }

    func testNotUTF8IsSaid() {
        XCTAssertThrowsError(try CSVReader.raw([0x31, 0x2C, 0xFF, 0x0A], path: "x.csv", labelColumn: nil)) {
            XCTAssertEqual("\($0)", "x.csv: cannot read (not UTF-8 text at byte 2)")
        }
    }
}
