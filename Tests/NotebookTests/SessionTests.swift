import Foundation
@testable import Notebook
import XCTest

final class SessionTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("aelab-session-\(getpid())-\(name.hashValue)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// The recordings shipped in sessions/ all replay headless, cell by cell, without a problem.
    func testEveryShippedRecordingReplaysHeadless() throws {
        let sessions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".aesession") }
        XCTAssertFalse(files.isEmpty, "no recordings in \(sessions.path)")
        for file in files {
            let contents = try Session.read(sessions.appendingPathComponent(file).path)
            XCTAssertNil(contents.problem, file)
            var player = SessionPlayer(contents: contents)
            var lines: [String] = []
            player.write = { lines.append($0) }
            player.printAll()
            XCTAssertFalse(player.cells.isEmpty, file)
            XCTAssertTrue(player.cells.allSatisfy(\.ok), file)
            XCTAssertEqual(lines.filter { $0.hasPrefix("[") }.count, player.cells.count, file)
        }
    }

    func testRecordingThenReplayGivesTheSameCellsAndVerifies() throws {
        let notebook = dir.appendingPathComponent("n.ae").path
        try "data mnist train=200 test=50\nmodel ae hidden=16 latent=2\ntrain epochs=2 live=no\neval\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("n.aesession").path
        var runner = NotebookRunner(path: notebook, format: .text)
        var printed: [String] = []
        runner.write = { printed.append($0) }
        runner.recorder = try SessionRecorder(path: path, source: notebook)
        XCTAssertEqual(runner.run(), 0)
        runner.recorder?.close()

        let contents = try Session.read(path)
        XCTAssertEqual(contents.header.source, notebook)
        var player = SessionPlayer(contents: contents)
        var replayed: [String] = []
        player.write = { replayed.append($0) }
        player.printAll()
        XCTAssertEqual(replayed, printed, "a headless replay prints what the run printed")
        let result = player.verify()
        XCTAssertTrue(result.ok, result.lines.joined(separator: "\n") + "\n" + result.summary)
        XCTAssertEqual(result.lines.count, 4)
        // data reports 4 figures (classes, features, test and train examples), model 1 (parameters),
        // train 3 (epochs, loss, val_loss; timings are not compared), eval 3 (test_bce, test_mse, mean_abs_code).
        XCTAssertEqual(result.summary, "verified: 4 cells, 11 figures and 1 data checksum match the recording")
    }

    func testVerifyReportsAChangedFigure() throws {
        let path = dir.appendingPathComponent("v.aesession").path
        let recorder = try SessionRecorder(path: path, source: "test")
        recorder.record(.cellStarted(cell: 1, command: "data mnist train=100 test=10"))
        recorder.record(.cellFinished(CellSummary(cell: 1, command: "data mnist train=100 test=10", ok: true, seconds: 0.1,
                                                  metrics: ["train_examples": 99, "epoch_seconds_median": 5], error: nil)))
        recorder.close()
        let result = SessionPlayer(contents: try Session.read(path)).verify()
        XCTAssertFalse(result.ok)
        XCTAssertTrue(result.lines[0].contains("train_examples 99.0 → 100.0"), result.lines[0])
        XCTAssertFalse(result.lines[0].contains("epoch_seconds"), "timings are not compared")
        XCTAssertEqual(result.summary, "the replay differs from the recording in 1 of 1 cells (compared 1 cell, 1 figure)")
    }

    func testTruncatedAndNewerFilesReplayWhatTheyCanAndSayWhere() throws {
        let path = dir.appendingPathComponent("t.aesession").path
        let recorder = try SessionRecorder(path: path, source: "test")
        recorder.record(.cellStarted(cell: 1, command: "help"))
        recorder.record(.text("line"))
        // Not closed: the process was killed, so the file has no end line.
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.append(Data("{\"t\": 1, \"event\": {\"te".utf8))
        try data.write(to: URL(fileURLWithPath: path))
        let contents = try Session.read(path)
        XCTAssertEqual(contents.entries.count, 2)
        XCTAssertTrue(contents.problem?.contains(":4: the last line is cut short") == true, contents.problem ?? "")

        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"version\":2", with: "\"version\":9")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(try Session.read(path).problem?.contains("newer aelab") == true)

        try "garbage\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Session.read(path)) { XCTAssertTrue("\($0)".contains("not an aelab session")) }
    }
}
