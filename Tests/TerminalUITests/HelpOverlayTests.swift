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
        let text = m.render(width: 120, height: 160).canvas.plainText
        XCTAssertTrue(text.contains("aelab help"))
        for command in Commands.all { XCTAssertTrue(text.contains(command.usage), command.name) }
        XCTAssertTrue(text.contains("Ctrl-C"))
        _ = m.handle(.escape)
        XCTAssertEqual(m.mode, .normal)
        _ = m.handle(.f1)
        XCTAssertEqual(m.mode, .help)
    }

    func testTheOverlayLeavesNothingOfTheNotebookAtItsEdges() {
        let m = ScreenModel(history: History(path: nil))
        for k in 1...6 {
            _ = m.submit("eval samples=\(k)")
            let job = m.nextJob()!
            for i in 1...8 { m.apply(.kernel(job: job.id, .text(String(repeating: "wide output \(i) ", count: 12)))) }
            m.apply(.kernel(job: job.id, .cellFinished(summary(command: job.line, ok: true, seconds: 0.25))))
            m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        }
        let under = m.render(width: 120, height: 40).canvas
        XCTAssertTrue((0..<37).contains { under[$0, 119].glyph != " " }, "the notebook does reach the last column")
        _ = m.handle(.character("?"))
        let canvas = m.render(width: 120, height: 40).canvas
        for row in 0..<39 {
            XCTAssertEqual(canvas[row, 0].glyph, " ", "column 0 of row \(row): " + canvas.line(row))
            XCTAssertEqual(canvas[row, 119].glyph, " ", "column 119 of row \(row): " + canvas.line(row))
        }
        XCTAssertTrue(canvas.line(0).hasPrefix(" ╭─ aelab help"), canvas.line(0))
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
