@testable import Datasets
import Foundation
import Rendering
import XCTest

final class PNGFolderTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-png-\(getpid())-\(name.hashValue)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testSubfoldersAreClassesAndImagesBecomeGreyAtTheGivenSize() throws {
        for name in ["cats", "dogs"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        // A white 4×4 grey image, and a pure red 2×2 RGB one (luminance 0.299).
        try PNGFile.write(Raster(width: 4, height: 4, channels: 1, fill: 1), to: dir.appendingPathComponent("cats/a.png").path)
        try PNGFile.write(Raster(width: 2, height: 2, channels: 3, pixels: [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0])!,
                          to: dir.appendingPathComponent("dogs/b.png").path)
        try "not an image".write(to: dir.appendingPathComponent("dogs/readme.txt"), atomically: true, encoding: .utf8)
        let data = try DataCatalog.file(dir.path)
        XCTAssertEqual(data.classNames, ["cats", "dogs"])
        XCTAssertEqual(data.labels, [0, 1])
        XCTAssertEqual(data.exampleShape, [28, 28])
        let rows = data.batch(0..<2).scalars
        XCTAssertTrue(rows[0..<784].allSatisfy { $0 == 1 })
        XCTAssertTrue(rows[784...].allSatisfy { abs($0 - 76.0 / 255) < 1e-6 }, "\(rows[784])")
    }

    func testACorruptImageIsNamed() throws {
        let bad = dir.appendingPathComponent("x.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).write(to: bad)
        XCTAssertThrowsError(try PNGFolder.read(dir.path)) { XCTAssertTrue("\($0)".hasPrefix(bad.path + ": cannot read"), "\($0)") }
    }

    func testAnEmptyFolderSaysSo() {
        XCTAssertThrowsError(try PNGFolder.read(dir.path)) { XCTAssertTrue("\($0)".contains("no .png files"), "\($0)") }
    }

    func testFilesThatAreNotPNGAreCountedInTheNotes() throws {
        for name in ["a.png", "b.png"] {
            try PNGFile.write(Raster(width: 2, height: 2, channels: 1, fill: 0.5), to: dir.appendingPathComponent(name).path)
        }
        for name in ["c.jpg", "d.JPEG", "e.jpg", "notes.txt"] {
            try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let data = try PNGFolder.read(dir.path)
        XCTAssertEqual(data.count, 2)
        XCTAssertNil(data.labels)
        XCTAssertTrue(data.notes.contains("skipped 4 files that are not PNG (2 .jpg, 1 .jpeg, 1 .txt); only PNG images are read"), "\(data.notes)")
        // Pixels are bytes / 255 whatever their range: 0.5 is stored as 128 (rounded), read as 128/255.
        XCTAssertEqual(data.example(0)[0], 128.0 / 255, accuracy: 1e-6)
    }

    /// A folder full of other files (`data /`) names the three commonest kinds, not all of them.
    func testManyKindsOfOtherFilesAreSummedUp() throws {
        try PNGFile.write(Raster(width: 2, height: 2, channels: 1, fill: 0.5), to: dir.appendingPathComponent("a.png").path)
        for name in ["b.txt", "c.txt", "d.txt", "e.py", "f.py", "g.o", "h.sh", "i.log"] {
            try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let data = try PNGFolder.read(dir.path)
        XCTAssertTrue(data.notes.contains("skipped 8 files that are not PNG (3 .txt, 2 .py, 1 .log, 2 other kinds); only PNG images are read"), "\(data.notes)")
    }

    func testClassFoldersWithoutImagesAndFilesBesideThemAreSaid() throws {
        for name in ["cats", "dogs", "empty", "cats/deeper"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        for name in ["cats/a.png", "dogs/b.png", "stray.png"] {
            try PNGFile.write(Raster(width: 2, height: 2, channels: 1, fill: 1), to: dir.appendingPathComponent(name).path)
        }
        let data = try PNGFolder.read(dir.path)
        XCTAssertEqual(data.classNames, ["cats", "dogs"])
        XCTAssertEqual(data.notes, ["read: 2 PNG images in 2 class folders, grey at 28×28",
                                    "skipped 1 file beside the class folders; images must be inside one",
                                    "skipped 1 folder inside class folders; only one level is read",
                                    "skipped 1 subfolder with no PNG images (not classes)",
                                    "scaling: pixel bytes divided by 255", "labels: 2 classes (cats, dogs)"])
    }
}
