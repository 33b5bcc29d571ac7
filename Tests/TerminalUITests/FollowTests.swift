import Networks
import Notebook
import XCTest
@testable import TerminalUI

/// The view follows the work: running cells stay on the screen wherever they are, End goes to
/// the latest output, and a finished training panel gives its rows back on Esc.
final class FollowTests: XCTestCase {
    /// Lets the worker run the next queued cell, printing `lines` lines of output.
    private func runNext(_ m: ScreenModel, lines: Int) {
        guard let job = m.nextJob() else { return XCTFail("nothing queued") }
        for i in 1...lines { m.apply(.kernel(job: job.id, .text("output line \(i) of job \(job.id)"))) }
        m.apply(.kernel(job: job.id, .cellFinished(summary(command: job.line, ok: true, seconds: 0.1))))
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
    }

    private func screen(_ m: ScreenModel) -> String { m.render(width: 120, height: 40).canvas.plainText }

    func testEnterRunsAnOpenedNotebookCellByCellWithEachOneInView() {
        let m = ScreenModel(history: History(path: nil))
        m.open(commands: (1...45).map { "eval samples=\($0)" })
        _ = screen(m)
        for k in 1...12 {
            _ = m.handle(.enter)
            runNext(m, lines: 3)
            let text = screen(m)
            XCTAssertTrue(text.contains("[\(k)] eval samples=\(k) "), "cell \(k) ran off-screen:\n" + text)
            XCTAssertTrue(text.contains("output line 3 of job \(k)"), "its output shows too:\n" + text)
        }
        XCTAssertFalse(screen(m).contains("[45] eval"), "the view is with the work, not at the bottom")
    }

    func testRunAllKeepsTheRunningCellInView() {
        let m = ScreenModel(history: History(path: nil))
        m.open(commands: (1...45).map { "eval samples=\($0)" })
        _ = screen(m)
        _ = m.submit("run all")
        for _ in 1...20 { runNext(m, lines: 2) }
        guard let job = m.nextJob() else { return XCTFail("cell 21 is not queued") }
        m.apply(.kernel(job: job.id, .text("half way")))
        let text = screen(m)
        XCTAssertTrue(text.contains("[21] eval samples=21") && text.contains("running…") && text.contains("half way"), text)
    }

    func testAnEditedCellRunsAgainInPlaceWithoutJumpingToTheBottom() {
        let m = ScreenModel(history: History(path: nil))
        for k in 1...12 {
            _ = m.submit("eval samples=\(k)")
            runNext(m, lines: 5)
        }
        XCTAssertTrue(screen(m).contains("[12] eval samples=12"))
        XCTAssertFalse(screen(m).contains("↓"), "the latest cell is shown to its end, with nothing more below:\n" + screen(m))
        for _ in 1...11 { _ = m.handle(.up) }
        XCTAssertEqual(m.pane.selectedCell?.number, 2)
        _ = m.handle(.enter)
        XCTAssertEqual(m.input.text, "eval samples=2")
        _ = m.handle(.enter)
        guard let job = m.nextJob() else { return XCTFail("the edited cell is not queued") }
        XCTAssertEqual(job.line, "eval samples=2")
        for i in 1...4 { m.apply(.kernel(job: job.id, .text("again \(i)"))) }
        var text = screen(m)
        XCTAssertTrue(text.contains("[2] eval samples=2") && text.contains("again 4"), "the re-run cell is in view:\n" + text)
        XCTAssertFalse(text.contains("[12] eval samples=12"), text)
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        text = screen(m)
        XCTAssertTrue(text.contains("[2] eval samples=2"), "and stays in view when it finishes:\n" + text)

        // End on an empty line goes to the latest output; a new command does too.
        _ = m.handle(.end)
        text = screen(m)
        XCTAssertTrue(text.contains("[12] eval samples=12") && text.contains("output line 5 of job 12"), text)
        XCTAssertFalse(text.contains("[2] eval samples=2"), text)
        _ = m.handle(.character("x"))
        _ = m.handle(.home)
        _ = m.handle(.end)
        XCTAssertEqual(m.input.cursor, 1, "End on a typed line still moves to its end")
    }

    func testEscClosesAFinishedTrainingPanelAndGivesItsRowsBack() {
        let m = ScreenModel(history: History(path: nil))
        _ = m.submit("train epochs=1")
        let job = m.nextJob()!
        m.apply(.kernel(job: job.id, .training(.started(plan(epochs: 1, batchSize: 10, batchesPerEpoch: 2)))))
        _ = m.handle(.escape)
        XCTAssertNotNil(m.panel, "Esc does not close the panel of a run in progress")
        m.apply(.kernel(job: job.id, .training(.finished(.completed(epochs: 1)))))
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        var text = screen(m)
        XCTAssertTrue(text.contains("── training: trained 1 epoch — Esc closes this panel"), text)
        _ = m.handle(.up)
        _ = m.handle(.escape)
        XCTAssertNotNil(m.panel, "the first Esc clears the selection")
        _ = m.handle(.escape)
        XCTAssertNil(m.panel)
        text = screen(m)
        XCTAssertFalse(text.contains("── training"), text)
        XCTAssertEqual(Layout(width: 120, height: 40, showPanel: m.panel != nil)?.notebook.height, 37, "the notebook has the rows back")
    }
}
