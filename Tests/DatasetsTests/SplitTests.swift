@testable import Datasets
import Foundation
import Rendering
import Options
import XCTest

/// What `DataCatalog.load` refuses at load rather than letting later commands trap.
final class SplitTests: XCTestCase {
    func testFourExamplesCannotMakeATestSet() throws {
        let dir = try TemporaryFolder()
        let csv = try dir.write("four.csv", "0,1,2\n1,3,4\n0,5,6\n1,7,8\n")
        XCTAssertThrowsError(try DataCatalog.load(csv)) {
            XCTAssertEqual("\($0)", "\(csv): 4 examples; holding out every fifth as the test set needs at least 5 (or name a test file with testfile=)")
        }
        let idx = try dir.write("x-images", IDXArray.encode(shape: [1, 4], bytes: [1, 2, 3, 4]))
        XCTAssertThrowsError(try DataCatalog.load(idx)) { XCTAssertTrue("\($0)".hasSuffix("1 example; holding out every fifth as the test set needs at least 5 (or name a test file with testfile=)"), "\($0)") }
        // Five make 4 + 1.
        try dir.write("five.csv", "0,1\n1,3\n0,5\n1,7\n0,9\n")
        let split = try DataCatalog.load(dir.path + "/five.csv")
        XCTAssertEqual([split.train.count, split.test.count], [4, 1])
        XCTAssertTrue(split.notes.contains("test: every fifth example held out, 1 of 5; 4 left to train on"), "\(split.notes)")
        // With a test file, one example each is enough.
        let one = try dir.write("one.csv", "1,2\n")
        XCTAssertEqual(try DataCatalog.load(one, testPath: one).test.count, 1)
    }

    func testAFolderOfFoldersWithFewImagesIsRefused() throws {
        // `data /` found 24 subfolders and one stray PNG among them: 1 training example, 0 test.
        let dir = try TemporaryFolder()
        for name in ["bin", "etc", "usr"] { try FileManager.default.createDirectory(atPath: dir.path + "/" + name, withIntermediateDirectories: true) }
        try PNGFile.write(Raster(width: 2, height: 2, channels: 1, fill: 1), to: dir.path + "/etc/x.png")
        try dir.write("etc/passwd", "root:x:0:0")
        XCTAssertThrowsError(try DataCatalog.load(dir.path)) { XCTAssertTrue("\($0)".hasSuffix(": 1 example; holding out every fifth as the test set needs at least 5 (or name a test file with testfile=)"), "\($0)") }
        XCTAssertThrowsError(try DataCatalog.load(dir.path + "/bin")) { XCTAssertTrue("\($0)".contains("no .png files in it or in its subfolders"), "\($0)") }
    }

    /// `data pics` beside a folder `pics` said "unknown data set 'pics'": a bare name that exists is a path.
    func testABareNameThatExistsIsReadAsAPath() throws {
        let dir = try TemporaryFolder()
        try dir.write("digits-images", IDXArray.encode(shape: [5, 2], bytes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
        let here = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(here) }
        XCTAssertEqual(try DataCatalog.load("digits-images").train.count, 4)
        XCTAssertThrowsError(try DataCatalog.load("absent")) { XCTAssertTrue("\($0)".hasPrefix("unknown data set 'absent'"), "\($0)") }
    }

    func testATestFileOfADifferentWidthIsRefused() throws {
        let dir = try TemporaryFolder()
        let a = try dir.write("a.csv", "0,1,2\n1,3,4\n")
        let b = try dir.write("b.csv", "0,1,2,3\n1,3,4,5\n")
        XCTAssertThrowsError(try DataCatalog.load(a, testPath: b)) {
            XCTAssertEqual("\($0)", "\(b): 3 values an example, but the training data \(a) has 2; the test file must match it")
        }
    }

    func testNaNAndInfinityInIDXFloatImagesAreRefused() throws {
        let dir = try TemporaryFolder()
        for (value, text) in [(Float.infinity, "inf"), (.nan, "nan")] {
            let path = try dir.write("f-images", IDXArray.encode(shape: [5, 2], floats: [0.5, 0.25, value, 1] + [Float](repeating: 0, count: 6)))
            XCTAssertThrowsError(try DataCatalog.load(path)) {
                XCTAssertEqual("\($0)", "\(path): example 2, value 1 is \(text); images must be finite numbers")
            }
        }
    }

    func testTheScaleIsDecidedOverBothFiles() throws {
        let dir = try TemporaryFolder()
        // The test file alone is 0/1, but beside a 0…255 training file it is pixels too.
        let a = try dir.write("a.csv", "0,0,255\n1,255,0\n")
        let b = try dir.write("b.csv", "0,0,1\n")
        let split = try DataCatalog.load(a, testPath: b)
        XCTAssertEqual(split.test.batch(0..<1).scalars, [0, 1 / 255])
        XCTAssertEqual(split.notes, ["train: no header line; labels in column 1", "test: no header line; labels in column 1",
                                     "scaling: whole numbers 0…255, divided by 255 (scale=255; scale=none keeps them)", "labels: 2 classes, 0…1"])
    }

    func testOptionsAreCheckedAndParsedFromText() throws {
        var options = try DataOptions.parse(options: [("train", "1_000"), ("scale", "none")], command: "data")
        XCTAssertEqual(options.train, 1000)
        XCTAssertEqual(options.scale, Scaling.none)
        XCTAssertThrowsError(try DataOptions.parse(options: [("scale", "256")], command: "data")) { XCTAssertEqual("\($0)", "data: option 'scale' must be one of auto, 255, 1, none, not '256'; did you mean '255'?") }
        XCTAssertThrowsError(try DataOptions.parse(options: [("train", "0")], command: "data")) { XCTAssertEqual("\($0)", "data: option 'train' must be between 1 and 2147483647, not 0") }
        XCTAssertThrowsError(try DataOptions.parse(options: [("tarin", "3")], command: "data")) { XCTAssertEqual("\($0)", "data: unknown option 'tarin'; did you mean 'train'?") }
        options.imageSize = 0
        XCTAssertThrowsError(try DataCatalog.load("mnist", options: options)) { XCTAssertEqual("\($0)", "data: option 'size' must be between 1 and 512, not 0") }
    }
}
