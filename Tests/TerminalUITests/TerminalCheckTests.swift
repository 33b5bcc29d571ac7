import XCTest
@testable import Rendering
@testable import TerminalUI

/// What the environment says before curses opens: a terminal that cannot draw the screen, and
/// the screen without colour when NO_COLOR asks for it.
final class TerminalCheckTests: XCTestCase {
    func testADumbOrUnsetTerminalIsRefusedWithAPointerToAelabRun() {
        XCTAssertNil(TerminalCheck.problem(environment: ["TERM": "xterm-256color"]))
        XCTAssertNil(TerminalCheck.problem(environment: ["TERM": "screen"]))
        for environment in [["TERM": "dumb"], ["TERM": ""], [:]] {
            let problem = TerminalCheck.problem(environment: environment)
            XCTAssertNotNil(problem, "\(environment)")
            XCTAssertTrue(problem?.contains("use 'aelab run FILE.ae'") == true, problem ?? "")
        }
    }

    func testNoColorTurnsTheScreensColourOffOnlyWhenNotEmpty() {
        XCTAssertTrue(TerminalCheck.colorAllowed(environment: [:]))
        XCTAssertTrue(TerminalCheck.colorAllowed(environment: ["NO_COLOR": ""]))
        XCTAssertFalse(TerminalCheck.colorAllowed(environment: ["NO_COLOR": "1"]))
    }

    func testWithoutColourPixelsBecomeShadesAndTheBarAndSelectionReverse() {
        let white = RGB(255, 255, 255), black = RGB(0, 0, 0)
        XCTAssertEqual(TerminalCheck.colorless(Cell("▀", fg: white, bg: white)).glyph, "█")
        XCTAssertEqual(TerminalCheck.colorless(Cell("▀", fg: black, bg: black)).glyph, " ")
        XCTAssertEqual(TerminalCheck.colorless(Cell("▀", fg: white, bg: black)).glyph, "▒", "half lit: the middle shade")
        XCTAssertEqual(TerminalCheck.colorless(Cell("a", fg: Theme.command)).glyph, "a")
        XCTAssertFalse(TerminalCheck.colorless(Cell("a", fg: Theme.command)).reverse)
        XCTAssertTrue(TerminalCheck.colorless(Cell(" ", bg: Theme.barBackground)).reverse)
        XCTAssertTrue(TerminalCheck.colorless(Cell("x", bg: Theme.selection)).reverse)
    }
}
