import Files
import Foundation
import XCTest

final class FilesTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "aelab-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testAtomicWriteReplacesTheFileAndLeavesNoTemporary() throws {
        let path = folder + "/a.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([9], to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data([9]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["a.bin"])
    }

    func testAtomicWriteCreatesMissingFoldersAndSaysWhich() throws {
        let path = folder + "/out/deeper/x.txt"
        let created = try AtomicFile.write("hello", to: path)
        XCTAssertEqual(created, folder + "/out")
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("hello".utf8))
        XCTAssertNil(try AtomicFile.write("again", to: path), "nothing to create the second time")
    }

    func testALegal255ByteNameStillWrites() throws {
        let name = String(repeating: "n", count: 251) + ".png"
        XCTAssertEqual(name.utf8.count, 255)
        try AtomicFile.write([0], to: folder + "/" + name)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/" + name))
    }

    func testWritingOverAFolderSaysSoInWords() {
        XCTAssertThrowsError(try AtomicFile.write([0], to: folder)) { error in
            XCTAssertEqual("\(error)", "\(folder): is a folder, not a file")
        }
    }

    func testAParentThatIsAFileIsRefused() throws {
        try AtomicFile.write([0], to: folder + "/plain")
        XCTAssertThrowsError(try AtomicFile.write([0], to: folder + "/plain/x")) { error in
            XCTAssertEqual("\(error)", "\(folder)/plain: is a file, not a folder")
        }
    }

    func testTemporariesOfDeadProcessesAreCleanedUp() throws {
        // PID 2^22 + 1 is above Linux's pid_max ceiling, so no process has it.
        let stale = folder + "/.aelab-tmp-4194305-abcdef"
        FileManager.default.createFile(atPath: stale, contents: Data([1]))
        try AtomicFile.write([0], to: folder + "/fresh")
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
    }

    func testBoundedReadStopsAtItsLimit() throws {
        XCTAssertThrowsError(try BoundedRead.bytes("/dev/zero", limit: 1 << 20, what: "a notebook")) { error in
            XCTAssertEqual("\(error)", "/dev/zero: is larger than 1 MB, too large for a notebook")
        }
        let path = folder + "/small"
        try AtomicFile.write([1, 2], to: path)
        XCTAssertEqual(try BoundedRead.bytes(path, limit: 2), [1, 2])
    }

    func testBoundedReadRefusesFoldersAndNonUTF8Text() throws {
        XCTAssertThrowsError(try BoundedRead.bytes(folder, limit: 10, what: "a notebook"))
        let path = folder + "/latin1"
        try AtomicFile.write([0x63, 0x61, 0x66, 0xE9], to: path)
        XCTAssertThrowsError(try BoundedRead.text(path, limit: 100, what: "a notebook")) { error in
            XCTAssertEqual("\(error)", "\(path): is not UTF-8 text, so it cannot be a notebook")
        }
    }

    func testEveryLineEndingSplitsLines() {
        XCTAssertEqual("a\nb\r\nc\rd".lines, ["a", "b", "c", "d"])
        XCTAssertEqual("one\r\n".lines, ["one", ""])
    }
}
