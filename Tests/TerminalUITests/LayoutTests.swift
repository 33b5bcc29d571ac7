import XCTest
@testable import TerminalUI

final class LayoutTests: XCTestCase {
    func testLayoutAt120x40GivesTheNotebookEverythingAboveTheThreeBottomLines() throws {
        let layout = try XCTUnwrap(Layout(width: 120, height: 40, showPanel: false))
        XCTAssertEqual(layout.notebook, Rect(row: 0, col: 0, width: 120, height: 37))
        XCTAssertNil(layout.panel)
        XCTAssertEqual(layout.hint.row, 37)
        XCTAssertEqual(layout.input.row, 38)
        XCTAssertEqual(layout.status.row, 39)
    }

    func testTrainingPanelTakesAboutHalfAt120x40AndTenRowsAt80x24() throws {
        let big = try XCTUnwrap(Layout(width: 120, height: 40, showPanel: true))
        XCTAssertEqual(big.panel, Rect(row: 19, col: 0, width: 120, height: 18))
        XCTAssertEqual(big.notebook.height, 19)
        let small = try XCTUnwrap(Layout(width: 80, height: 24, showPanel: true))
        XCTAssertEqual(small.panel?.height, 10)
        XCTAssertEqual(small.notebook.height, 11)
        XCTAssertEqual(Layout(width: 120, height: 40, showPanel: true, tallPanel: true)?.panel?.height, 27, "the notebook keeps 10 rows")
    }

    func testBelow80x24ThereIsNoLayoutButAClearMessage() {
        XCTAssertNil(Layout(width: 79, height: 24, showPanel: false))
        XCTAssertNil(Layout(width: 80, height: 23, showPanel: false))
        let frame = ScreenModel(history: History(path: nil)).render(width: 60, height: 20)
        XCTAssertTrue(frame.canvas.plainText.contains("aelab needs at least 80×24; this terminal is 60×20"), frame.canvas.plainText)
        XCTAssertNil(frame.cursor)
        let busy = ScreenModel(history: History(path: nil))
        _ = busy.submit("data mnist")
        _ = busy.nextJob()
        XCTAssertEqual(busy.handle(.character("q")), [])
        XCTAssertTrue(busy.render(width: 60, height: 20).canvas.plainText.contains("Quit anyway? (y/n)"), "the question shows even when the terminal is too small")
        XCTAssertEqual(busy.handle(.character("y")), [.cancel, .quit])
    }

    func testTooSmallMessageWrapsOnVeryNarrowTerminals() {
        let text = ScreenModel.tooSmall(width: 30, height: 10).canvas.plainText
        XCTAssertTrue(text.contains("aelab needs at least"))
        XCTAssertTrue(text.contains("30×10"))
    }

    func testScreenAt120x40And80x24ShowsPromptHintAndStatus() {
        let model = ScreenModel(history: History(path: nil))
        for (w, h) in [(120, 40), (80, 24)] {
            let frame = model.render(width: w, height: h)
            XCTAssertEqual(frame.canvas.width, w)
            XCTAssertTrue(frame.canvas.line(h - 2).hasPrefix("[1]> "))
            XCTAssertTrue(frame.canvas.line(h - 1).contains("aelab │ no data │ no model"))
            XCTAssertTrue(frame.canvas.line(h - 1).contains("? help  q quit"))
            XCTAssertEqual(frame.cursor?.row, h - 2)
            XCTAssertEqual(frame.cursor?.col, 5)
        }
    }
}
