import Notebook
import Rendering
import XCTest
@testable import TerminalUI

final class NotebookPaneTests: XCTestCase {
    private func model() -> ScreenModel { ScreenModel(history: History(path: nil)) }

    /// Runs `line` through the model as the worker would, with `output` as the kernel's text.
    private func run(_ model: ScreenModel, _ line: String, output: [String], error: String? = nil) {
        _ = model.submit(line)
        let job = model.nextJob()!
        model.apply(.kernel(job: job.id, .cellStarted(cell: 1, command: line)))
        for text in output { model.apply(.kernel(job: job.id, .text(text))) }
        if error == nil {
            model.apply(.kernel(job: job.id, .cellFinished(summary(command: line, ok: true, seconds: 0.25))))
        }
        model.apply(.finished(job: job.id, error: error, status: KernelStatus()))
    }

    func testCellsShowNumberCommandOutputAndTime() {
        let m = model()
        run(m, "data mnist", output: ["mnist: 60000 training and 10000 test examples"])
        run(m, "bogus", output: [], error: "unknown command 'bogus'")
        let text = m.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("[1] data mnist"), text)
        XCTAssertTrue(text.contains("✓ 250ms"))
        XCTAssertTrue(text.contains("      mnist: 60000 training and 10000 test examples"))
        XCTAssertTrue(text.contains("[2] bogus"))
        XCTAssertTrue(text.contains("error: unknown command 'bogus'"))
        XCTAssertTrue(text.contains("✗ failed"))
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.line(38).hasPrefix("[3]> "))
    }

    func testLongTableRowsWrapUnderTheirLastColumn() {
        let row = "train [epochs=10]  train the model on the training set, reporting each epoch"
        XCTAssertEqual(wrap(row, width: 50, indent: columnIndent(row)),
                       ["train [epochs=10]  train the model on the training", "                   set, reporting each epoch"])
        XCTAssertEqual(wrap("abcdef", width: 4), ["abcd", "ef"])
        XCTAssertEqual(columnIndent("no table here"), 0)
    }

    func testPaneFollowsTheBottomAndScrollsWithPageKeys() {
        let m = model()
        run(m, "help", output: (1...60).map { "line \($0)" })
        var text = m.render(width: 80, height: 24).canvas.plainText
        XCTAssertTrue(text.contains("line 60"))
        let shown = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        XCTAssertFalse(shown.contains("line 5"), text)
        // The cell's first row stays pinned at the top, its status in sight, while its output
        // scrolls under it; the marker for more above moves into the gutter.
        let top = m.render(width: 80, height: 24).canvas.line(0)
        XCTAssertTrue(top.contains("[1] help") && top.contains("✓ 250ms") && top.hasPrefix(" ↑"), top)
        for _ in 0..<5 { _ = m.handle(.pageUp) }
        text = m.render(width: 80, height: 24).canvas.plainText
        XCTAssertTrue(text.contains("[1] help"))
        XCTAssertFalse(text.contains("line 60"))
        XCTAssertTrue(text.contains("↓ more"))
        _ = m.handle(.wheelDown)
        for _ in 0..<10 { _ = m.handle(.pageDown) }
        text = m.render(width: 80, height: 24).canvas.plainText
        XCTAssertTrue(text.contains("line 60"))
    }

    func testArrowsOnAnEmptyLineSelectACellAndEnterEditsItToRunInPlace() {
        let m = model()
        run(m, "data mnist", output: ["loaded"])
        run(m, "eval", output: ["test set"])
        _ = m.render(width: 120, height: 40)
        _ = m.handle(.up)
        _ = m.handle(.up)
        XCTAssertEqual(m.pane.selectedCell?.command, "data mnist")
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("cell [1] selected"))
        _ = m.handle(.enter)
        XCTAssertEqual(m.input.text, "data mnist")
        _ = m.handle(.character(" "))
        for c in "test=100" { _ = m.handle(.character(c)) }
        _ = m.handle(.enter)
        XCTAssertEqual(m.pane.cells.count, 2, "the edited cell runs again in place")
        XCTAssertEqual(m.pane.cells[0].command, "data mnist test=100")
        XCTAssertEqual(m.pane.cells[0].state, .queued)
        XCTAssertEqual(m.nextJob()?.line, "data mnist test=100")
    }

    func testOpenedNotebookRunsOneCellPerEnterOrAllWithRunAll() {
        let m = model()
        m.open(commands: ["data mnist", "model ae hidden=64 latent=2", "train epochs=1"])
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("pending"))
        _ = m.handle(.enter)
        let first = m.nextJob()
        XCTAssertEqual(first?.line, "data mnist")
        XCTAssertNil(m.nextJob(), "one job at a time")
        m.apply(.finished(job: first!.id, error: nil, status: KernelStatus(dataset: "mnist", model: nil, parameters: nil)))
        _ = m.submit("run all")
        XCTAssertEqual(m.nextJob()?.line, "model ae hidden=64 latent=2")
        XCTAssertEqual(m.queue.count, 1)
    }

    func testAFailingCellStopsRunAll() {
        let m = model()
        m.open(commands: ["data nope", "eval"])
        _ = m.submit("run all")
        let job = m.nextJob()!
        m.apply(.finished(job: job.id, error: "data: no such file", status: KernelStatus()))
        XCTAssertNil(m.nextJob())
        XCTAssertEqual(m.pane.cells[1].state, .pending)
    }

    func testWriteSavesTheSessionAsANotebookFile() throws {
        let m = model()
        run(m, "data mnist", output: [])
        run(m, "bogus", output: [], error: "unknown command")
        let path = NSTemporaryDirectory() + "aelab-write-\(getpid()).ae"
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileWork().perform(m.submit("write " + path), on: m)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "# aelab notebook\ndata mnist\n# failed: bogus\n", "a failed line is kept, as a comment")
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("wrote 1 cell to"))
        let reopened = TerminalApp.readNotebook(path)
        XCTAssertEqual(try reopened.get(), ["data mnist"])
    }

    func testImagesAndChartsAreDrawnIntoTheCellAndFullScreenWithZ() {
        let m = model()
        _ = m.submit("show")
        let job = m.nextJob()!
        let pixels = Data((0..<(4 * 16)).map { UInt8($0 * 4) })
        m.apply(.kernel(job: job.id, .images(ImageGridData(title: "reconstructions", columns: 2, imageWidth: 4, imageHeight: 4, pixels: pixels))))
        m.apply(.kernel(job: job.id, .chart(ChartData(title: "loss", xLabel: "epoch", series: [.init(name: "loss", values: [3, 2, 1])]))))
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        let text = m.render(width: 120, height: 60).canvas.plainText
        XCTAssertTrue(text.contains("reconstructions"))
        XCTAssertTrue(text.contains("▀"))
        XCTAssertTrue(text.contains("epoch"), "the chart's axis label")
        _ = m.handle(.character("z"))
        XCTAssertEqual(m.mode, .fullScreen(cell: m.pane.cells[0].id, figure: 0))
        let full = m.render(width: 120, height: 40).canvas
        XCTAssertTrue(full.line(0).contains("reconstructions"))
        XCTAssertTrue(full.line(39).contains("figure 1/2"))
        _ = m.handle(.right)
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.line(0).contains("loss"))
        _ = m.handle(.escape)
        XCTAssertEqual(m.mode, .normal)
    }

    func testA3DScatterFullScreenTurnsByItselfAndWithTheArrows() {
        let m = model()
        _ = m.submit("reduce")
        let job = m.nextJob()!
        let cloud = Scatter3DData(title: "cloud", xs: [0, 1, 0], ys: [0, 0, 1], zs: [1, 0, 0])
        m.apply(.kernel(job: job.id, .figure(.scatter3D(cloud))))
        m.apply(.kernel(job: job.id, .chart(ChartData(title: "loss", xLabel: "epoch", series: [.init(name: "loss", values: [3, 2, 1])]))))
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        XCTAssertFalse(m.advanceAnimation(), "nothing turns outside full screen")
        _ = m.handle(.character("z"))
        // The view starts from the figure's own angles (az 30°) and turns a step each frame.
        XCTAssertTrue(m.render(width: 100, height: 30).canvas.plainText.contains("az 30°"))
        XCTAssertTrue(m.render(width: 100, height: 30).canvas.line(29).contains("← → turn"))
        for _ in 0..<25 { XCTAssertTrue(m.advanceAnimation()) }
        XCTAssertEqual(m.view3D.azimuth, 25 * View3D.spinStep, accuracy: 1e-9)
        XCTAssertTrue(m.render(width: 100, height: 30).canvas.plainText.contains("az 60°"))
        // An arrow turns it by 15° and stops the spin; Space starts it again.
        _ = m.handle(.left)
        XCTAssertFalse(m.view3D.spinning)
        XCTAssertFalse(m.advanceAnimation())
        XCTAssertTrue(m.render(width: 100, height: 30).canvas.plainText.contains("az 45°"))
        _ = m.handle(.up)
        XCTAssertTrue(m.render(width: 100, height: 30).canvas.plainText.contains("el 30°"))
        _ = m.handle(.character(" "))
        XCTAssertTrue(m.view3D.spinning)
        // Tab goes on to the chart, which does not turn: there ← → go through the figures again.
        _ = m.handle(.tab)
        XCTAssertEqual(m.mode, .fullScreen(cell: m.pane.cells[0].id, figure: 1))
        XCTAssertFalse(m.advanceAnimation())
        _ = m.handle(.left)
        XCTAssertEqual(m.mode, .fullScreen(cell: m.pane.cells[0].id, figure: 0))
        XCTAssertEqual(m.view3D, View3D(), "each figure starts from its own view")
    }

    func testScatterAndPlotCellsShowTheirTitleOnceAndImagesGetTheirs() {
        let m = model()
        _ = m.submit("scatter")
        let job = m.nextJob()!
        m.apply(.kernel(job: job.id, .scatter(ScatterData(title: "latent space of 3 mnist examples", xs: [0, 1, 2], ys: [1, 0, 2], classes: [0, 1, 2], classNames: ["0", "1", "2"]))))
        m.apply(.kernel(job: job.id, .chart(ChartData(title: "training loss", xLabel: "epoch", series: [.init(name: "loss", values: [3, 2, 1], firstX: 1)]))))
        m.apply(.kernel(job: job.id, .images(ImageGridData(title: "4 draws from the prior", columns: 2, imageWidth: 4, imageHeight: 4, pixels: Data(count: 64)))))
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        let text = m.render(width: 120, height: 80).canvas.plainText
        XCTAssertEqual(text.components(separatedBy: "latent space of 3 mnist examples").count - 1, 1, text)
        XCTAssertEqual(text.components(separatedBy: "training loss").count - 1, 1, text)
        XCTAssertEqual(text.components(separatedBy: "4 draws from the prior").count - 1, 1, "an image grid's title comes from the cell: " + text)
    }

    func testScrollMarkersNeverCoverWhatTheyMark() {
        let m = model()
        // Output that reaches the right edge of the notebook (74 columns inside a cell at 80) on every line.
        let full = { (word: String) in (1...80).map { n -> String in let head = "\(word) \(n) "; return head + String(repeating: "y", count: 74 - head.count) } }
        run(m, "help", output: full("line"))
        run(m, "eval", output: full("row"))
        _ = m.render(width: 80, height: 24)
        for _ in 0..<3 { _ = m.handle(.pageUp) }
        let canvas = m.render(width: 80, height: 24).canvas
        let text = canvas.plainText
        XCTAssertFalse(text.contains("more"), "no \"more\" drawn over output:\n" + text)
        XCTAssertEqual(canvas[0, 1].glyph, "↑", canvas.line(0))
        XCTAssertEqual(canvas[20, 1].glyph, "↓", canvas.line(20))
        XCTAssertTrue(canvas.line(0).hasSuffix("ms") || canvas.line(0).hasSuffix("y"), "the top row keeps its last column: " + canvas.line(0))
        XCTAssertTrue(canvas.line(20).hasSuffix("y"), "so does the bottom one: " + canvas.line(20))
        // Where the end of the row is blank, the marker has words.
        let m2 = model()
        run(m2, "help", output: (1...60).map { "line \($0)" })
        _ = m2.render(width: 80, height: 24)
        _ = m2.handle(.pageUp)
        XCTAssertTrue(m2.render(width: 80, height: 24).canvas.line(20).hasSuffix("↓ more"))
    }
}
