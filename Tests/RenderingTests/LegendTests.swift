import XCTest
@testable import Rendering

/// Legends keep every entry: spread evenly over lines, then compact, then with shorter names.
final class LegendTests: XCTestCase {
    private let tenClasses: ScatterPlot = {
        let points = (0..<100).map { (x: Float($0 % 10), y: Float($0 / 10)) }
        return ScatterPlot(points: points, classes: (0..<100).map { $0 % 10 }, classNames: (0...9).map(String.init))
    }()

    func testEntriesAreSpreadEvenlyAndNeverLeaveOneAlone() {
        // 47 columns: the legend is 45 wide and "■ k" entries 3 wide, 2 apart, so nine fit a
        // line; greedy filling left "■ 9" alone on the second. Two lines of five instead.
        let canvas = tenClasses.render(width: 47, height: 12)
        XCTAssertEqual(canvas.line(10).trimmingCharacters(in: .whitespaces), "■ 0  ■ 1  ■ 2  ■ 3  ■ 4")
        XCTAssertEqual(canvas.line(11).trimmingCharacters(in: .whitespaces), "■ 5  ■ 6  ■ 7  ■ 8  ■ 9")
    }

    func testASmallPlotShowsEveryClassAsColouredNames() {
        // The training panel's scatter at 80×24 is about 32×8: one legend line (8 / 6), where
        // only classes 0–5 used to fit. Coloured names alone take 19 columns.
        let canvas = tenClasses.render(width: 32, height: 8)
        let last = canvas.line(7)
        XCTAssertEqual(last.trimmingCharacters(in: .whitespaces), "0 1 2 3 4 5 6 7 8 9")
        let start = last.firstIndex(of: "0")!.utf16Offset(in: last)
        for k in 0..<10 {
            XCTAssertEqual(canvas[7, start + 2 * k].fg, Palette.terminalClasses[k], "class \(k) in its colour")
        }
    }

    func testLongNamesAreCutWhenNothingElseFits() {
        let layout = LegendLayout([("reconstruction", .white), ("contractive", .black)], width: 12, maxLines: 1,
                                  measure: { $0.count + 2 }, compactMeasure: { $0.count }, gap: 1)
        // Whole names need 2 + 14 + 1 + 2 + 11 columns, compact 14 + 1 + 11: cut to five letters, 5 + 1 + 5.
        XCTAssertTrue(layout.compact)
        XCTAssertEqual(layout.lines.map { $0.map(\.entry.0) }, [["recon", "contr"]])
        XCTAssertEqual(layout.lines[0].map(\.offset), [0, 6])
    }

    func testColumnsLineUpAcrossLines() {
        let entries: [(String, RGB)] = [("a", .white), ("bbbb", .white), ("cc", .white), ("d", .white)]
        let layout = LegendLayout(entries, width: 12, maxLines: 2, measure: { $0.count + 2 }, gap: 2)
        // Two a line; the first column is as wide as "■ cc" (4), so the second starts at 6.
        XCTAssertEqual(layout.lines.map { $0.map(\.offset) }, [[0, 6], [0, 6]])
    }
}
