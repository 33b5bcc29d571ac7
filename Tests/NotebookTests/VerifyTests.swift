import Files
import Foundation
@testable import Notebook
import XCTest

/// `replay --verify` passes only what it compared: a damaged, cut, empty or unfinished
/// recording is a failure with one line, the data checksum is compared, a recorded failure
/// that fails the same way again passes, and a recording begun mid-session rebuilds its state.
final class VerifyTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "aelab-verify-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `notebook` headless with a recording; returns the session's path and the exit status.
    private func record(_ notebook: String, name: String = "s") throws -> (path: String, status: Int32) {
        let source = dir + "/\(name).ae"
        try notebook.write(toFile: source, atomically: true, encoding: .utf8)
        let path = dir + "/\(name).aesession"
        var runner = NotebookRunner(path: source, format: .text)
        runner.write = { _ in }
        runner.writeError = { _ in }
        runner.recorder = try SessionRecorder(path: path, source: source, inputs: [source])
        let status = runner.run()
        XCTAssertNil(runner.recorder?.close())
        return (path, status)
    }

    private func verify(_ path: String) throws -> SessionPlayer.Verification {
        SessionPlayer(contents: try Session.read(path)).verify()
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func testRecordingsThatCannotBeBelievedFailWithOneLine() throws {
        let (path, status) = try record("data mnist train=100 test=20\nmodel ae hidden=8 latent=2\n")
        XCTAssertEqual(status, 0)
        XCTAssertTrue(try verify(path).ok)
        let all = try lines(path)
        // header, cell 1 (started, data_loaded, 7 text lines, finished), cell 2 (started, 2 texts, finished), end.
        XCTAssertEqual(all.first?.hasPrefix(#"{"aelab":"0.1.0""#), true)
        XCTAssertEqual(all.last?.hasPrefix(#"{"cells":2"#), true)

        func verdict(_ lines: [String]) throws -> SessionPlayer.Verification {
            let cut = dir + "/cut.aesession"
            try write(lines, to: cut)
            return try verify(cut)
        }
        let headerOnly = try verdict([all[0]])
        XCTAssertFalse(headerOnly.ok)
        XCTAssertEqual(headerOnly.cells, 0)
        XCTAssertTrue(headerOnly.summary.hasPrefix("cannot verify: the recording has no end line"), headerOnly.summary)

        let closedButEmpty = try verdict([all[0], #"{"cells":0,"t":0.5,"type":"end"}"#])
        XCTAssertEqual(closedButEmpty.summary, "cannot verify: the recording holds no finished cells, so there is nothing to compare")

        // Cut at a line boundary after the first cell: no end line.
        let firstFinished = try XCTUnwrap(all.firstIndex { $0.contains(#""type":"cell_finished""#) })
        let cutAtBoundary = try verdict(Array(all[...firstFinished]))
        XCTAssertFalse(cutAtBoundary.ok)
        XCTAssertTrue(cutAtBoundary.summary.contains("no end line"), cutAtBoundary.summary)

        // Killed inside the second cell.
        let killed = try verdict(Array(all[...(firstFinished + 2)]))
        XCTAssertFalse(killed.ok)
        XCTAssertTrue(killed.summary.contains("no end line"), killed.summary)

        // A garbage line in the middle.
        var garbage = all
        garbage[3] = "{not json"
        let damaged = try verdict(garbage)
        XCTAssertFalse(damaged.ok)
        XCTAssertTrue(damaged.summary.hasPrefix("cannot verify a damaged recording: "), damaged.summary)
        XCTAssertTrue(damaged.summary.contains("cut.aesession:4: unreadable line"), damaged.summary)
        XCTAssertEqual(damaged.lines, [], "nothing is run for a damaged recording")

        // A version-1 recording has no end line: one that stops inside a cell is unfinished.
        let v1 = try verdict([
            #"{"aelab":"0.1.0","columns":0,"format":"aelab-session","rows":0,"source":"x.ae","started":"2026-11-25T13:36:55Z","version":1}"#,
            #"{"event":{"cellStarted":{"cell":1,"command":"data mnist train=100 test=20"}},"t":0.004}"#,
        ])
        XCTAssertEqual(v1.summary, "cannot verify: the recording stops inside cell 1 (data mnist train=100 test=20), so aelab stopped while recording")
    }

    func testTheRecordedDataChecksumIsCompared() throws {
        let (path, _) = try record("data mnist train=100 test=20\n")
        var all = try lines(path)
        let i = try XCTUnwrap(all.firstIndex { $0.contains(#""type":"data_loaded""#) })
        let checksum = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(all[i].utf8)) as? [String: Any])?["checksum"] as? String)
        all[i] = all[i].replacingOccurrences(of: checksum, with: "0000000000000000-0000000000000000")
        try write(all, to: path)
        let result = try verify(path)
        XCTAssertFalse(result.ok)
        XCTAssertEqual(result.checksums, 1)
        XCTAssertTrue(result.lines[0].contains("the data differs: checksum 0000000000000000-0000000000000000 when recorded, \(checksum) now"), result.lines[0])
    }

    func testARecordedDivergedTrainCellVerifies() throws {
        let (path, status) = try record("data mnist train=200 test=50\nmodel linear latent=2\ntrain epochs=20 optimizer=sgd lr=10 live=no\n")
        XCTAssertEqual(status, 2, "the diverged cell fails the run")
        let contents = try Session.read(path)
        let train = try XCTUnwrap(SessionPlayer(contents: contents).cells.last)
        XCTAssertFalse(train.ok)
        XCTAssertNotNil(train.metrics["epochs"], "a failing cell keeps the figures it reported")
        let result = try verify(path)
        XCTAssertTrue(result.ok, result.lines.joined(separator: "\n"))
        XCTAssertTrue(result.lines[2].contains(": same ("), result.lines[2])
    }

    func testARecordingStartedMidSessionRebuildsItsStartingState() throws {
        // What `record FILE` after `data` and `model` in the TUI writes: the cells run so far, then the recording.
        let kernel = Kernel()
        let before = ["data mnist train=200 test=50", "model ae hidden=16 latent=2", "bogus"]
        for command in before { _ = try? kernel.execute(command) }
        let path = dir + "/mid.aesession"
        let recorder = try SessionRecorder(path: path, source: "notebook",
                                           startingCells: [.init(command: before[0], ok: true), .init(command: before[1], ok: true), .init(command: before[2], ok: false)])
        _ = try kernel.execute("train epochs=1 live=no") { recorder.record($0) }
        XCTAssertNil(recorder.close())
        let contents = try Session.read(path)
        XCTAssertEqual(contents.startingCells.map(\.command), before)
        let result = SessionPlayer(contents: contents).verify()
        XCTAssertTrue(result.ok, result.lines.joined(separator: "\n") + result.summary)
        XCTAssertEqual(result.summary, "verified: 1 cell, 3 figures match the recording (after rebuilding the starting state from 3 earlier cells)")

        // Without its starting state the same recording could not run.
        var all = try lines(path)
        all.remove(at: 1)
        try write(all, to: path)
        XCTAssertFalse(try verify(path).ok)
    }
}
