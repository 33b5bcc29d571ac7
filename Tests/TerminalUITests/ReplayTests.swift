import Foundation
import Networks
import Notebook
import Rendering
import XCTest
@testable import TerminalUI

/// Writes a session file by hand (header, one line an event, then `tail` as written) and reads it.
func sessionContents(_ events: [(Double, KernelEvent)], tail: String = "") throws -> Session.Contents {
    let encoder = JSONEncoder()
    var text = #"{"aelab":"0.1.0","columns":120,"format":"aelab-session","rows":40,"source":"notebook","started":"2026-11-25T13:00:00Z","version":1}"# + "\n"
    for (t, event) in events {
        let json = String(decoding: try encoder.encode(event), as: UTF8.self)
        text += #"{"t":\#(t),"event":\#(json)}"# + "\n"
    }
    text += tail
    let path = NSTemporaryDirectory() + "aelab-replay-test-\(UUID().uuidString).aesession"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try Session.read(path)
}

/// Two cells, then a third after a long pause: cellStarted at entries 0, 3 and 6.
func threeCells() throws -> Session.Contents {
    try sessionContents([
        (0.1, .cellStarted(cell: 1, command: "data mnist")),
        (0.5, .text("mnist: 60000 training images")),
        (1.0, .cellFinished(summary(command: "data mnist", ok: true, seconds: 0.9))),
        (1.5, .cellStarted(cell: 2, command: "model ae hidden=32 latent=2")),
        (1.6, .text("model ae: 784→32→2→32→784")),
        (2.0, .cellFinished(summary(command: "model ae hidden=32 latent=2", ok: true, seconds: 0.5))),
        (30.0, .cellStarted(cell: 3, command: "summary")),
        (30.5, .cellFinished(summary(command: "summary", ok: true, seconds: 0.5))),
    ])
}

final class ReplayTimelineTests: XCTestCase {
    func testGapsLongerThanTheIdleLimitAreShortenedToIt() throws {
        let timeline = ReplayTimeline(entries: try threeCells().entries, idleLimit: 2)
        let expected = [0.1, 0.5, 1.0, 1.5, 1.6, 2.0, 4.0, 4.5]
        for (time, want) in zip(timeline.times, expected) { XCTAssertEqual(time, want, accuracy: 1e-9) }
        XCTAssertEqual(timeline.duration, 4.5, accuracy: 1e-9)
        XCTAssertEqual(timeline.cellStarts, [0, 3, 6])
    }

    func testTheClockRunsAtTheChosenSpeedAndStandsStillWhilePaused() throws {
        var timeline = ReplayTimeline(entries: try threeCells().entries, idleLimit: 2)
        XCTAssertEqual(timeline.advance(by: 0.2), 0..<1)
        timeline.faster()
        XCTAssertEqual(timeline.speed, 2)
        XCTAssertEqual(timeline.advance(by: 0.25), 1..<2, "0.25 s at 2× takes the clock from 0.2 to 0.7")
        XCTAssertEqual(timeline.clock, 0.7, accuracy: 1e-9)
        timeline.paused = true
        XCTAssertEqual(timeline.advance(by: 10), 2..<2)
        XCTAssertEqual(timeline.clock, 0.7, accuracy: 1e-9)
        timeline.paused = false
        XCTAssertEqual(timeline.advance(by: 100), 2..<8, "the clock stops at the end")
        XCTAssertTrue(timeline.isAtEnd)
        XCTAssertEqual(timeline.clock, 4.5, accuracy: 1e-9)
    }

    func testSpeedDoublesAndHalvesBetweenAQuarterAnd64() throws {
        var timeline = ReplayTimeline(entries: [], idleLimit: 2)
        for _ in 0..<10 { timeline.faster() }
        XCTAssertEqual(timeline.speed, 64)
        for _ in 0..<20 { timeline.slower() }
        XCTAssertEqual(timeline.speed, 0.25)
        XCTAssertEqual(speedText(0.25), "0.25×")
        XCTAssertEqual(speedText(2), "2×")
    }

    func testNextCellGoesForwardAndPreviousCellRebuildsFromTheStart() throws {
        var timeline = ReplayTimeline(entries: try threeCells().entries, idleLimit: 2)
        XCTAssertEqual(timeline.currentCell, 0)
        XCTAssertEqual(timeline.nextCell(), .forward(0..<1))
        XCTAssertEqual(timeline.currentCell, 1)
        XCTAssertEqual(timeline.nextCell(), .forward(1..<4))
        XCTAssertEqual(timeline.currentCell, 2)
        XCTAssertEqual(timeline.clock, 1.5, accuracy: 1e-9, "the clock moves to the cell's start")
        XCTAssertEqual(timeline.nextCell(), .forward(4..<7))
        XCTAssertEqual(timeline.currentCell, 3)
        XCTAssertNil(timeline.nextCell(), "no cell after the last")
        XCTAssertEqual(timeline.previousCell(), .rebuild(4), "back to the start of cell 2")
        XCTAssertEqual(timeline.currentCell, 2)
        XCTAssertEqual(timeline.previousCell(), .rebuild(1))
        XCTAssertEqual(timeline.previousCell(), .rebuild(0), "before cell 1 is the beginning")
        XCTAssertEqual(timeline.clock, 0)
        XCTAssertEqual(timeline.toEnd(), .forward(0..<8))
        XCTAssertTrue(timeline.isAtEnd)
        XCTAssertEqual(timeline.toStart(), .rebuild(0))
    }

    func testClockTextIsMinutesAndSeconds() {
        XCTAssertEqual(clockText(0), "0:00")
        XCTAssertEqual(clockText(65.7), "1:05")
        XCTAssertEqual(clockText(3725), "1:02:05")
        XCTAssertEqual(clockText(4.56, tenths: true), "0:04.5")
    }
}

final class ReplaySessionTests: XCTestCase {
    func testReplayShowsTheCellsAsTheyArriveWithTheStatus() throws {
        let session = ReplaySession(contents: try threeCells(), name: "x.aesession", idleLimit: 2)
        session.advance(by: 0.6)
        var text = session.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("[1] data mnist"), text)
        XCTAssertTrue(text.contains("mnist: 60000 training images"))
        XCTAssertFalse(text.contains("model ae"))
        XCTAssertTrue(text.contains("replay ▶ 1× — cell 1/3 — 0:00.6/0:04.5"), text)
        XCTAssertTrue(text.contains("x.aesession — recorded 2026-11-25 13:00 at 120×40"))
        _ = session.handle(.character(" "))
        _ = session.handle(.character("+"))
        text = session.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("replay ⏸ 2× — cell 1/3"), text)
        _ = session.handle(.character("G"))
        text = session.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("[3] summary"))
        XCTAssertTrue(text.contains("replay ■ 2× — cell 3/3 — 0:04.5/0:04.5"), text)
        XCTAssertTrue(text.contains("ae"), "the status bar names the model")
        _ = session.handle(.left)
        text = session.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("[2] model ae hidden=32 latent=2"))
        XCTAssertFalse(text.contains("[3] summary"), "going back rebuilds the screen without the later cells")
        XCTAssertFalse(session.handle(.character("q")), "q quits")
    }

    func testLeftWhilePlayingGoesBackOneCellAndStaysThere() throws {
        // Cells 1–3 recorded within 30 ms of each other, then a cell that runs for 10 s.
        let session = ReplaySession(contents: try sessionContents([
            (0.00, .cellStarted(cell: 1, command: "data mnist")),
            (0.01, .cellStarted(cell: 2, command: "model ae hidden=32 latent=2")),
            (0.02, .cellStarted(cell: 3, command: "summary")),
            (0.03, .cellStarted(cell: 4, command: "train epochs=3")),
            (10.0, .text("trained")),
        ]), name: "x.aesession", idleLimit: 20)
        session.advance(by: 5)
        XCTAssertTrue(session.statusText.contains("▶ 1× — cell 4/4"), session.statusText)
        _ = session.handle(.left)
        session.advance(by: 1)
        XCTAssertTrue(session.statusText.contains("⏸ 1× — cell 3/4"), "back one cell, not the start of cell 4: " + session.statusText)
        _ = session.handle(.left)
        XCTAssertTrue(session.statusText.contains("cell 2/4"), session.statusText)
        _ = session.handle(.character(" "))
        session.advance(by: 1)
        XCTAssertTrue(session.statusText.contains("▶ 1× — cell 4/4"), "Space plays on: " + session.statusText)
    }

    func testTrainingPanelOpensDuringReplayedTraining() throws {
        let plan = TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)
        var events: [(Double, KernelEvent)] = [(0, .cellStarted(cell: 1, command: "train epochs=2")), (0.1, .training(.started(plan)))]
        for b in 1...10 {
            let report = batchReport(epoch: 1, batch: b, batchesPerEpoch: 10, loss: 1 / Double(b), terms: ["reconstruction": 1 / Double(b)])
            events.append((0.1 + Double(b) * 0.1, .training(.batchEnded(report))))
        }
        let session = ReplaySession(contents: try sessionContents(events), name: "t", idleLimit: 2)
        session.advance(by: 0.65)
        let text = session.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("── training: running"), text)
        XCTAssertTrue(text.contains("batch 5/10"), text)
    }

    func testACutShortFileReplaysWhatWasReadAndShowsTheProblem() throws {
        let contents = try sessionContents([(0.1, .cellStarted(cell: 1, command: "data mnist"))], tail: #"{"t":0.2,"event":{"te"#)
        XCTAssertEqual(contents.entries.count, 1)
        let session = ReplaySession(contents: contents, name: "cut.aesession", idleLimit: 2)
        session.advance(by: 1)
        let text = session.render(width: 160, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("[1] data mnist"))
        XCTAssertTrue(text.contains("⚠"), text)
        XCTAssertTrue(text.contains("cut short"), text)
    }

    func testZShowsTheLastFigureFullScreenWhileTheReplayGoesOn() throws {
        let chart = ChartData(title: "loss by epoch", xLabel: "epoch", series: [.init(name: "loss", values: [3, 2, 1])])
        let session = ReplaySession(contents: try sessionContents([(0.1, .cellStarted(cell: 1, command: "history")), (0.2, .chart(chart))]), name: "z", idleLimit: 2)
        session.advance(by: 1)
        XCTAssertTrue(session.handle(.character("z")))
        XCTAssertEqual(session.model.mode, .fullScreen(cell: 1, figure: 0))
        XCTAssertTrue(session.handle(.escape))
        XCTAssertEqual(session.model.mode, .normal)
    }

    func testAFailedCellShowsItsError() throws {
        var failed = summary(command: "train", ok: false, seconds: 0.1)
        failed.error = "train: no model yet"
        let session = ReplaySession(contents: try sessionContents([(0.1, .cellStarted(cell: 1, command: "train")), (0.2, .cellFinished(failed))]), name: "f", idleLimit: 2)
        session.advance(by: 1)
        XCTAssertTrue(session.render(width: 120, height: 40).canvas.plainText.contains("train: no model yet"))
    }

    func testEventsRecordedWithoutTheirCellStartGetACell() throws {
        let session = ReplaySession(contents: try sessionContents([(0.1, .text("half way"))]), name: "m", idleLimit: 2)
        session.advance(by: 1)
        XCTAssertTrue(session.render(width: 120, height: 40).canvas.plainText.contains("half way"))
    }
}

final class AsciicastTests: XCTestCase {
    func testCastHasAHeaderAndFramesWithIncreasingTimesAtMostTenASecond() throws {
        var events: [(Double, KernelEvent)] = [(0.0, .cellStarted(cell: 1, command: "data mnist"))]
        for i in 1...19 { events.append((0.01 * Double(i), .text("line \(i)"))) }
        events.append((9.0, .cellFinished(summary(command: "data mnist", ok: true, seconds: 9))))
        let (text, frames) = Asciicast.cast(try sessionContents(events), name: "s", width: 100, height: 30, idleLimit: 2)
        let lines = text.split(separator: "\n").map { Data($0.utf8) }
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: lines[0]) as? [String: Any])
        XCTAssertEqual(header["version"] as? Int, 2)
        XCTAssertEqual(header["width"] as? Int, 100)
        XCTAssertEqual(header["height"] as? Int, 30)
        XCTAssertNotNil(header["timestamp"] as? Int)
        XCTAssertEqual(header["title"] as? String, "aelab replay s")
        XCTAssertEqual(lines.count - 1, frames)
        XCTAssertEqual(frames, 4, "an empty screen, the events of 0.0–0.1 s, those of 0.1–0.2 s, and the end 2 s later")
        var last = -1.0
        var output = ""
        for line in lines.dropFirst() {
            let event = try XCTUnwrap(JSONSerialization.jsonObject(with: line) as? [Any])
            XCTAssertEqual(event.count, 3)
            let time = try XCTUnwrap(event[0] as? Double)
            XCTAssertGreaterThan(time, last)
            last = time
            XCTAssertEqual(event[1] as? String, "o")
            output += try XCTUnwrap(event[2] as? String)
        }
        XCTAssertEqual(last, 2.19, accuracy: 1e-9, "the 8.81 s pause is cut to 2 s")
        XCTAssertTrue(output.hasPrefix("\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J"), "the first frame clears the screen")
        XCTAssertTrue(output.contains("line 19"))
        XCTAssertTrue(output.contains("\u{1B}[38;5;"), "colours as the 256-colour palette")
    }

    func testEveryCellOfABackToBackRecordingGetsItsOwnFrameAndTheCursorComesBack() throws {
        // Three cells recorded within 30 ms: each finished cell is held 1 s before the next.
        let contents = try sessionContents([
            (0.00, .cellStarted(cell: 1, command: "data mnist")),
            (0.005, .text("first cell's output")),
            (0.01, .cellFinished(summary(command: "data mnist", ok: true, seconds: 0.01))),
            (0.01, .cellStarted(cell: 2, command: "model ae hidden=32 latent=2")),
            (0.02, .cellFinished(summary(command: "model ae hidden=32 latent=2", ok: true, seconds: 0.01))),
            (0.02, .cellStarted(cell: 3, command: "summary")),
            (0.03, .cellFinished(summary(command: "summary", ok: true, seconds: 0.01))),
        ])
        let (text, frames) = Asciicast.cast(contents, name: "s", width: 100, height: 30, idleLimit: 2, depth: .none)
        XCTAssertEqual(frames, 4, "the empty screen, then one frame a cell")
        let events = try text.split(separator: "\n").dropFirst().map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
        let times = events.map { $0[0] as? Double ?? -1 }
        XCTAssertEqual(times, [0, 0.01, 1.02, 2.03], "0.01 s, then 0.01 s plus the 1 s hold, twice")
        let output = events.map { $0[2] as? String ?? "" }.joined()
        XCTAssertTrue(output.hasSuffix("\u{1B}[?25h"), "the cast ends with the cursor shown again")
        XCTAssertFalse(output.contains("\u{1B}[38;"), "--color none: no colour escapes")
        XCTAssertTrue(text.hasPrefix("{") && text.split(separator: "\n")[0].contains("\"TERM\": \"xterm\""))
        XCTAssertEqual(Asciicast.castTimes([0, 0.01, 5], entries: Array(contents.entries.prefix(3)), hold: 2), [0, 0.01, 5],
                       "a pause already longer than the hold is kept")
    }

    func testLaterFramesRewriteOnlyTheRowsThatChanged() {
        var painter = FramePainter()
        var canvas = Canvas(width: 10, height: 3)
        canvas.text("one", row: 0, col: 0)
        _ = painter.paint(canvas)
        canvas.text("two", row: 2, col: 0)
        XCTAssertEqual(painter.paint(canvas), "\u{1B}[3;1Htwo       \u{1B}[0m")
        XCTAssertEqual(painter.paint(canvas), "", "nothing changed")
    }

    func testWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws {
        let directory = NSTemporaryDirectory() + "aelab-cast-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/x.cast"
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        let frames = try Asciicast.write(try threeCells(), name: "x", to: path, width: 80, height: 24)
        XCTAssertGreaterThan(frames, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["x.cast"])
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(#"{"version": 2, "width": 80, "height": 24"#))
    }
}

final class RecordCommandTests: XCTestCase {
    private func lastCellText(_ m: ScreenModel) -> String {
        m.render(width: 120, height: 40).canvas.plainText
    }

    func testRecordStartsAndStopsARecordingOfEveryKernelEvent() throws {
        let path = NSTemporaryDirectory() + "aelab-record-\(UUID().uuidString).aesession"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let m = ScreenModel(history: History(path: nil))
        let files = FileWork()
        _ = m.render(width: 100, height: 30)
        XCTAssertEqual(files.perform(m.submit("record " + path), on: m), [])
        XCTAssertEqual(files.recorder?.path, path)
        XCTAssertTrue(lastCellText(m).contains("recording to"))
        XCTAssertTrue(lastCellText(m).contains("● rec"), "the status bar says a recording is on")
        XCTAssertNil(m.nextJob(), "record is the interface's, not a kernel cell")
        // The event loop records every kernel event it drains while a recording is on.
        files.record(.cellStarted(cell: 1, command: "data mnist"))
        files.record(.text("hello"))
        _ = files.perform(m.submit("record other.aesession"), on: m)
        XCTAssertTrue(lastCellText(m).contains("already recording to"))
        _ = files.perform(m.submit("record stop"), on: m)
        XCTAssertNil(files.recorder)
        XCTAssertTrue(lastCellText(m).contains("stopped recording to"))
        files.record(.text("not recorded"))

        let contents = try Session.read(path)
        XCTAssertEqual(contents.header.columns, 100)
        XCTAssertEqual(contents.header.rows, 30)
        XCTAssertEqual(contents.entries.count, 2)
        guard case .text("hello") = contents.entries[1].event else { return XCTFail("\(contents.entries[1].event)") }
        XCTAssertNil(contents.problem)
    }

    func testRecordStopWithoutARecordingAndABadPathAreErrors() {
        let m = ScreenModel(history: History(path: nil))
        let files = FileWork()
        _ = files.perform(m.submit("record stop"), on: m)
        XCTAssertTrue(lastCellText(m).contains("not recording"))
        _ = files.perform(m.submit("record /dev/null/x.aesession"), on: m)
        XCTAssertNil(files.recorder)
        XCTAssertTrue(lastCellText(m).contains("/dev/null/x.aesession"), lastCellText(m))
        _ = m.submit("record")
        XCTAssertTrue(lastCellText(m).contains("not recording; 'record FILE.aesession' starts"))
    }

    func testRecordIsCompletedAndItsStopWordOffered() {
        let completion = Completion()
        XCTAssertEqual(completion.complete("recor", cursor: 5)?.text, "record ")  // "reco" is also reconstruct
        XCTAssertEqual(completion.complete("record st", cursor: 9)?.text, "record stop ")
        XCTAssertTrue(completion.hint(for: "record ", cursor: 7)?.hasPrefix("record FILE.aesession|stop") == true)
    }
}
