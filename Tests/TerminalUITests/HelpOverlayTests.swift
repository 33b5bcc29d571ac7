import Notebook
import XCTest
@testable import TerminalUI

final class HelpOverlayTests: XCTestCase {
    func testHelpListsEveryCommandAndKey() {
        let lines = HelpOverlay.lines(commands: CommandHelp.all).joined(separator: "\n")
        for command in Commands.all { XCTAssertTrue(lines.contains("  " + command.usage), command.name) }
        for command in ["run [all]", "write FILE.ae", "quit"] { XCTAssertTrue(lines.contains(command)) }
        for (key, _) in HelpOverlay.keys { XCTAssertTrue(lines.contains(key)) }
    }

    func testQuestionMarkOpensTheOverlayOnScreenAndAnyKeyClosesIt() {
        let m = ScreenModel(history: History(path: nil))
        _ = m.handle(.character("?"))
        XCTAssertEqual(m.mode, .help)
        let text = m.render(width: 120, height: 90).canvas.plainText
        XCTAssertTrue(text.contains("aelab help"))
        for command in Commands.all { XCTAssertTrue(text.contains(command.usage), command.name) }
        XCTAssertTrue(text.contains("Ctrl-C"))
        _ = m.handle(.escape)
        XCTAssertEqual(m.mode, .normal)
        _ = m.handle(.f1)
        XCTAssertEqual(m.mode, .help)
    }

    func testStatusLineShowsDataModelParametersAndDevice() {
        var status = StatusLine()
        status.kernel = KernelStatus(dataset: "mnist 60000/10000 28×28", model: "ae 784→64→2→64→784", parameters: 101_000)
        status.device = "OpenBLAS Haswell ×2"
        let line = status.render(width: 120, keys: "? help  q quit").line(0)
        XCTAssertTrue(line.contains("mnist 60000/10000 28×28 │ ae 784→64→2→64→784 │ 101,000 params │ OpenBLAS Haswell ×2"), line)
        XCTAssertTrue(line.hasSuffix("? help  q quit "))
    }
}
