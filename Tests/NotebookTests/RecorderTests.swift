import Files
import Foundation
@testable import Notebook
import XCTest

/// A recording never destroys work: it refuses the notebook being run and any file that is not
/// a session, and every write error is reported and fails the run.
final class RecorderTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "aelab-recorder-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func refusal(_ path: String, inputs: [String] = []) -> String {
        do { _ = try SessionRecorder(path: path, source: "x", inputs: inputs); return "" } catch { return "\(error)" }
    }

    func testRecordingOverTheNotebookBeingRunIsRefusedAndTheNotebookKept() throws {
        let notebook = dir + "/x.ae"
        try "data mnist train=100 test=20\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        XCTAssertEqual(refusal(notebook, inputs: [notebook]),
                       "record: \(notebook) is the notebook being run; record to another file, such as \(dir)/x.aesession")
        // The same file by another name (a hard link).
        XCTAssertEqual(link(notebook, dir + "/y.ae"), 0)
        XCTAssertEqual(refusal(dir + "/y.ae", inputs: [notebook]),
                       "record: \(dir)/y.ae is the same file as \(notebook), the notebook being run; record to another file, such as \(dir)/x.aesession")
        XCTAssertEqual(try String(contentsOfFile: notebook, encoding: .utf8), "data mnist train=100 test=20\n", "the notebook is untouched")
    }

    func testOnlyNewFilesEmptyFilesAndOldRecordingsAreRecordedOver() throws {
        let text = dir + "/notes.txt"
        try "my notes\n".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertEqual(refusal(text), "record: \(text) exists and is not an aelab session; aelab records only to a new file or over an old recording")
        XCTAssertEqual(try String(contentsOfFile: text, encoding: .utf8), "my notes\n")
        XCTAssertEqual(refusal(dir), "record: \(dir): is a folder, not a file")
        XCTAssertEqual(refusal("/dev/null"), "record: /dev/null is not a regular file; record to a new file")

        let old = dir + "/old.aesession"
        try SessionRecorder(path: old, source: "a").close()
        XCTAssertEqual(refusal(old), "", "an old recording may be replaced")
        let empty = dir + "/empty.aesession"
        FileManager.default.createFile(atPath: empty, contents: Data())
        XCTAssertEqual(refusal(empty), "")
        XCTAssertEqual(refusal(dir + "/new/folder/s.aesession"), "", "missing folders are created")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/new/folder/s.aesession"))
    }

    func testAFullDiskAtTheStartIsAnError() {
        XCTAssertThrowsError(try SessionRecorder(file: try AppendOnlyFile(appendingTo: "/dev/full"), source: "x")) {
            XCTAssertEqual("\($0)", "record: /dev/full: the disk is full")
        }
    }

    /// The disk fills after the header: the recorder stops, keeps the error, and `run` reports
    /// it and exits 2 without running the rest of the notebook.
    func testAFullDiskDuringARunIsReportedAndFailsTheRun() throws {
        let notebook = dir + "/n.ae"
        try "data mnist train=100 test=20\nmodel ae hidden=8 latent=2\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let path = dir + "/n.aesession"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        let recorder = try SessionRecorder(file: AppendOnlyFile(descriptor: fd, path: path), source: notebook)
        // From now on every write to the recording's descriptor goes to /dev/full.
        let full = open("/dev/full", O_WRONLY)
        XCTAssertEqual(dup2(full, fd), fd)
        close(full)

        var runner = NotebookRunner(path: notebook, format: .text)
        var out: [String] = [], err: [String] = []
        runner.write = { out.append($0) }
        runner.writeError = { err.append($0) }
        runner.recorder = recorder
        XCTAssertEqual(runner.run(), 2)
        XCTAssertEqual(err, ["aelab: recording stopped at cell 1: \(path): the disk is full; the rest of the notebook was not run"])
        XCTAssertFalse(out.contains { $0.hasPrefix("[2]") })
        XCTAssertEqual(recorder.close()?.reason, "the disk is full")
        XCTAssertEqual(try Session.read(path).entries.count, 0, "only the header reached the file")
    }
}
