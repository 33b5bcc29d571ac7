import Files
import Foundation
@testable import Notebook
import Rendering
import XCTest

/// Bounded time and clear words for what `run` and `replay` are handed: an endless file, any
/// line ending, control characters, and export folders that cannot be made.
final class PlainWordsTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "aelab-words-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func run(_ path: String) -> (status: Int32, out: [String], err: [String]) {
        var out: [String] = [], err: [String] = []
        var runner = NotebookRunner(path: path, format: .text, colorDepth: ColorDepth.none)
        runner.write = { out.append($0) }
        runner.writeError = { err.append($0) }
        return (runner.run(), out, err)
    }

    func testAnEndlessFileStopsAtTheNotebookLimitWithOneLine() {
        let start = Date()
        let r = run("/dev/zero")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err, ["aelab: /dev/zero: is larger than 4 MB, too large for a notebook"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "4 MB are read, not 4 GB")
    }

    func testCRLFAndCROnlyNotebooksAreOneCellALine() throws {
        for ending in ["\r\n", "\r"] {
            let path = dir + "/n.ae"
            try ("# comment" + ending + "help data" + ending + "help train" + ending).write(toFile: path, atomically: true, encoding: .utf8)
            let r = run(path)
            XCTAssertEqual(r.status, 0, r.err.joined())
            XCTAssertEqual(r.out.filter { $0.hasPrefix("[") }, ["[1] help data", "[2] help train"], ending.debugDescription)
        }
    }

    func testControlCharactersInCommandsAndRecordedTextAreShownEscaped() throws {
        let path = dir + "/esc.ae"
        try "help \u{1B}[2J\u{1B}]0;owned\u{07}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = run(path)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.out, [#"[1] help \u{1B}[2J\u{1B}]0;owned\u{7}"#])
        XCTAssertTrue(r.err.allSatisfy { !$0.contains("\u{1B}") && !$0.contains("\u{07}") }, r.err.joined())

        let events: [KernelEvent] = [.cellStarted(cell: 1, command: "help\u{1B}c"), .text("\u{1B}[31mred\u{9B}2J"),
                                     .cellFinished(CellSummary(cell: 1, command: "help\u{1B}c", ok: false, seconds: 0, metrics: [:], error: "bad\u{1B}c"))]
        let printed = events.flatMap { SessionPlayer.lines(for: $0, width: 100, depth: .none) }
        XCTAssertEqual(printed, [#"[1] help\u{1B}c"#, #"    \u{1B}[31mred\u{9B}2J"#, #"    error: bad\u{1B}c"#])
    }

    func testExportingPicturesOntoAFileOrUnderOneSaysSoInWords() throws {
        let file = dir + "/afile"
        FileManager.default.createFile(atPath: file, contents: Data())
        let player = SessionPlayer(contents: Session.Contents(header: Session.Header(format: Session.format, version: 2, aelab: "0.1.0", started: "", columns: 0, rows: 0, source: "x"), entries: []))
        for target in [file, file + "/sub"] {
            XCTAssertThrowsError(try player.exportPNGs(to: target)) {
                XCTAssertEqual("\($0)", "export-png: \(file): is a file, not a folder")
            }
        }
        XCTAssertEqual(try player.exportPNGs(to: dir + "/new/pictures"), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/new/pictures"))
    }
}
