import Foundation
import Notebook
import XCTest
@testable import TerminalUI

/// `write` and `record` in the interactive notebook lose nothing: the opened notebook keeps its
/// comments and failing lines, what actually ran is written, other files are not replaced
/// unasked, a recording begun late carries the state it starts from, and a failing one says so.
final class WriteTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "aelab-write-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Finishes the next queued cell as the worker would, ok or with `error`.
    private func finishNext(_ m: ScreenModel, files: FileWork? = nil, error: String? = nil, ranAs: String? = nil, note: String? = nil) {
        let job = m.nextJob()!
        var finished: [String: Any] = ["cell": 1, "command": job.line, "ok": error == nil, "seconds": 0.1, "metrics": [String: Double]()]
        if let ranAs { finished["ranAs"] = ranAs }
        if let note { finished["ranAsNote"] = note }
        let events: [KernelEvent] = [.cellStarted(cell: 1, command: job.line), .cellFinished(decoded(CellSummary.self, finished))]
        for event in events {
            files?.record(event, on: m)
            m.apply(.kernel(job: job.id, event))
        }
        m.apply(.finished(job: job.id, error: error, status: KernelStatus()))
    }

    private func lastCell(_ m: ScreenModel) -> String {
        m.pane.cells.last!.blocks.map { block -> String in
            switch block {
            case .text(let t): return t
            case .error(let e): return "error: " + e
            case .figure: return "figure"
            }
        }.joined(separator: "\n")
    }

    private let notebookText = """
        # my experiment
        data mnist train=100 test=20   # small

          model ae hidden=8 latent=2
        train epochs=5  # the long run
        bogus line
        """ + "\n"

    func testWriteOverTheOpenedNotebookKeepsItsLinesAndWritesWhatRan() throws {
        let path = dir + "/exp.ae"
        try notebookText.write(toFile: path, atomically: true, encoding: .utf8)
        let m = ScreenModel(history: History(path: nil))
        let files = FileWork()
        m.open(try OpenedNotebook.read(path).get())
        _ = m.submit("run all")
        finishNext(m)
        finishNext(m)
        finishNext(m, ranAs: "train epochs=2", note: "cancelled after 2 of 5 epochs")
        finishNext(m, error: "unknown command 'bogus'")
        _ = m.submit("eval")
        finishNext(m)
        _ = files.perform(m.submit("write " + path), on: m)
        let expected = """
            # my experiment
            data mnist train=100 test=20   # small

              model ae hidden=8 latent=2
            train epochs=2  # the long run  # cancelled after 2 of 5 epochs; typed: train epochs=5
            bogus line
            # added in aelab
            eval
            """ + "\n"
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), expected)
        XCTAssertEqual(lastCell(m), "wrote 5 cells to \(path), keeping its comments and the lines that failed")

        // Writing again changes nothing, and is not taken for a change made elsewhere.
        _ = files.perform(m.submit("write " + path), on: m)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), expected)
        XCTAssertFalse(lastCell(m).hasPrefix("error"), lastCell(m))

        // Changed in an editor meanwhile: refused, unless asked.
        try (expected + "# edited elsewhere\n").write(toFile: path, atomically: true, encoding: .utf8)
        _ = files.perform(m.submit("write " + path), on: m)
        XCTAssertEqual(lastCell(m), "error: \(path) changed since aelab opened it; 'write \(path) replace=yes' replaces it anyway, or write to another file")
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("# edited elsewhere\n"))
    }

    func testAnotherExistingFileIsReplacedOnlyWhenAsked() throws {
        let m = ScreenModel(history: History(path: nil))
        let files = FileWork()
        _ = m.submit("data mnist")
        finishNext(m)
        let other = dir + "/other.ae"
        try "# someone's notebook\nhelp\n".write(toFile: other, atomically: true, encoding: .utf8)
        _ = files.perform(m.submit("write " + other), on: m)
        XCTAssertEqual(lastCell(m), "error: \(other) exists and is not the notebook this session opened; 'write \(other) replace=yes' replaces it")
        XCTAssertEqual(try String(contentsOfFile: other, encoding: .utf8), "# someone's notebook\nhelp\n")
        _ = files.perform(m.submit("write \(other) replace=yes"), on: m)
        XCTAssertEqual(try String(contentsOfFile: other, encoding: .utf8), "# aelab notebook\ndata mnist\n")
        // A file this session wrote may be written again.
        let mine = dir + "/mine.ae"
        _ = files.perform(m.submit("write " + mine), on: m)
        _ = files.perform(m.submit("write " + mine), on: m)
        XCTAssertEqual(lastCell(m), "wrote 1 cell to \(mine)")
    }

    func testATrainCancelledBeforeItsFirstEpochIsWrittenCommentedOut() {
        let line = NotebookDraft.Line(id: 1, command: "train epochs=5", state: .done(seconds: 1), sourceLine: nil,
                                      ranAs: "", ranAsNote: "cancelled after 0 of 5 epochs")
        XCTAssertEqual(NotebookDraft.rewrite("train epochs=5", as: line), "# train epochs=5  # cancelled after 0 of 5 epochs; typed: train epochs=5")
        XCTAssertEqual(NotebookDraft.parts(of: #"  export "a # b.png"   # the grid"#).comment, "   # the grid", "a # inside quotes is not a comment")
    }

    func testRunningACellAgainMarksTheCellsBelowItStale() {
        let m = ScreenModel(history: History(path: nil))
        for line in ["data mnist", "model ae latent=2", "train epochs=1"] {
            _ = m.submit(line)
            finishNext(m)
        }
        m.pane.select(m.pane.cells[1].id)
        _ = m.handle(.enter)
        XCTAssertEqual(m.editing, m.pane.cells[1].id)
        _ = m.submit("model ae latent=3")
        XCTAssertEqual(m.pane.cells.map(\.stale), [false, false, true])
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("stale"))
    }

    func testARecordingStartedAfterCellsRanStartsWithThem() throws {
        let m = ScreenModel(history: History(path: nil))
        let files = FileWork()
        _ = m.submit("data mnist train=100")
        finishNext(m)
        _ = m.submit("bogus")
        finishNext(m, error: "unknown command")
        let path = dir + "/late.aesession"
        _ = files.perform(m.submit("record " + path), on: m)
        XCTAssertTrue(lastCell(m).contains("it starts with the 2 cells run so far"), lastCell(m))
        files.stopRecording()
        XCTAssertEqual(try Session.read(path).startingCells, [.init(command: "data mnist train=100", ok: true), .init(command: "bogus", ok: false)])
    }

    func testRecordingOverTheOpenedNotebookIsRefused() throws {
        let path = dir + "/exp.ae"
        try notebookText.write(toFile: path, atomically: true, encoding: .utf8)
        let m = ScreenModel(history: History(path: nil))
        m.open(try OpenedNotebook.read(path).get())
        _ = FileWork().perform(m.submit("record " + path), on: m)
        XCTAssertTrue(lastCell(m).hasPrefix("error: record: \(path) is the notebook being run"), lastCell(m))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), notebookText)
    }

    func testAFailingRecordingStopsAndSaysSo() throws {
        let m = ScreenModel(history: History(path: nil))
        let files = FileWork()
        let path = dir + "/full.aesession"
        _ = files.perform(m.submit("record " + path), on: m)
        XCTAssertEqual(m.recording, path)
        // Point the recording's descriptor at /dev/full, as a disk that has just filled up.
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap(Int32.init)
        let fd = try XCTUnwrap(fds.first { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path })
        let full = open("/dev/full", O_WRONLY)
        XCTAssertEqual(dup2(full, fd), fd)
        close(full)
        _ = m.submit("data mnist")
        finishNext(m, files: files)
        XCTAssertNil(m.recording, "the status bar no longer says ● rec")
        XCTAssertNil(files.recorder)
        XCTAssertEqual(m.message, "recording stopped: \(path): the disk is full; the session file ends before this")
        XCTAssertEqual(files.recordingFailure?.reason, "the disk is full")
        _ = files.perform(m.submit("record stop"), on: m)
        XCTAssertEqual(lastCell(m), "error: not recording: it stopped when \(path): the disk is full")
    }
}
