import XCTest
@testable import TerminalUI

final class InputTests: XCTestCase {
    func testEditingKeysMoveAndDelete() {
        var line = InputLine()
        line.insert("train epochs=3")
        line.left(); line.left()
        line.backspace()
        XCTAssertEqual(line.text, "train epoch=3")
        line.home(); line.deleteForward()
        XCTAssertEqual(line.text, "rain epoch=3")
        line.end(); line.deleteWordBackward()
        XCTAssertEqual(line.text, "rain ")
        line.home(); line.killToEnd()
        XCTAssertTrue(line.isEmpty)
        line.insert("abc"); line.left(); line.killToStart()
        XCTAssertEqual(line.text, "c")
        XCTAssertEqual(line.cursor, 0)
    }

    func testLongLinesScrollSoTheCursorShows() {
        var line = InputLine()
        line.insert(String(repeating: "x", count: 30) + "END")
        let shown = line.visible(width: 10)
        XCTAssertTrue(shown.text.hasSuffix("END"))
        XCTAssertEqual(shown.cursor, 9)
    }

    func testHistoryBrowsesBackAndForthAndGivesTheDraftBack() {
        var history = History(path: nil)
        history.add("data mnist")
        history.add("eval")
        history.add("eval")
        XCTAssertEqual(history.entries, ["data mnist", "eval"])
        XCTAssertEqual(history.previous(current: "tra"), "eval")
        XCTAssertEqual(history.previous(current: "eval"), "data mnist")
        XCTAssertNil(history.previous(current: "data mnist"))
        XCTAssertEqual(history.next(), "eval")
        XCTAssertEqual(history.next(), "tra")
        XCTAssertFalse(history.isBrowsing)
    }

    func testHistoryPersistsAcrossRuns() throws {
        let dir = NSTemporaryDirectory() + "aelab-history-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try XCTUnwrap(History.defaultPath(environment: ["XDG_STATE_HOME": dir, "HOME": "/nowhere"]))
        XCTAssertEqual(path, dir + "/aelab/history")
        XCTAssertEqual(History.defaultPath(environment: ["HOME": "/home/a"]), "/home/a/.aelab_history")
        var first = History(path: path)
        first.add("data mnist")
        first.add("model ae latent=2")
        XCTAssertEqual(History(path: path).entries, ["data mnist", "model ae latent=2"])
    }

    func testUpOnATypedLineRecallsHistoryAndOnAnEmptyLineSelectsCells() {
        var history = History(path: nil)
        history.add("summary")
        let m = ScreenModel(history: history)
        _ = m.handle(.character("e"))
        _ = m.handle(.up)
        XCTAssertEqual(m.input.text, "summary")
        _ = m.handle(.down)
        XCTAssertEqual(m.input.text, "e")
        _ = m.handle(.control("p"))
        XCTAssertEqual(m.input.text, "summary")
    }

    func testSpaceQAndQuestionMarkAreKeysOnlyOnAnEmptyLine() {
        let m = ScreenModel(history: History(path: nil))
        XCTAssertEqual(m.handle(.character("q")), [.quit])
        _ = m.handle(.character("a"))
        XCTAssertEqual(m.handle(.character("q")), [])
        _ = m.handle(.character(" "))
        _ = m.handle(.character("?"))
        XCTAssertEqual(m.input.text, "aq ?")
        XCTAssertEqual(m.handle(.control("c")), [])
        XCTAssertTrue(m.input.isEmpty, "Ctrl-C clears the line and does not quit")
        XCTAssertEqual(m.handle(.control("d")), [.quit])
    }
}
