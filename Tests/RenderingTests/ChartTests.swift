import XCTest
@testable import Rendering

/// Smoothing, ticks, labels, braille dots and the charts built from them.
final class ChartTests: XCTestCase {
    func testSmoothingIsDebiasedExponentialAverage() {
        // w = 0.5: 0.5·1 / 0.5 = 1; (0.25 + 1) / 0.75 = 5/3; (0.625 + 1.5) / 0.875 = 17/7.
        let s = LineChart.smoothed([1, 2, 3], weight: 0.5)
        XCTAssertEqual(s[0], 1, accuracy: 1e-12)
        XCTAssertEqual(s[1], 5.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(s[2], 17.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(LineChart.smoothed([4, 4, 4], weight: 0.9), [4, 4, 4].map { _ in 4.0 }, "constant stays constant")
        XCTAssertEqual(LineChart.smoothed([1, 2], weight: 0), [1, 2])
        let withNaN = LineChart.smoothed([1, .nan, 1], weight: 0.5)
        XCTAssertTrue(withNaN[1].isNaN)
        XCTAssertEqual(withNaN[2], 1, accuracy: 1e-12)
    }

    func testNiceTicksUseOneTwoFiveSteps() {
        XCTAssertEqual(NiceNumbers.ticks(lo: 0, hi: 1, count: 6), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(NiceNumbers.ticks(lo: 3, hi: 97, count: 5), [0, 20, 40, 60, 80, 100])
        XCTAssertEqual(NiceNumbers.ticks(lo: 0.13, hi: 0.52, count: 5), [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001])
        XCTAssertEqual(NiceNumbers.step(3), 2)
        XCTAssertEqual(NiceNumbers.step(0.04), 0.05)
        XCTAssertEqual(NiceNumbers.logTicks(lo: -3.2, hi: 0.1, count: 6), [-4, -3, -2, -1, 0, 1])
        XCTAssertEqual(NiceNumbers.logTicks(lo: -3.2, hi: 0.1, count: 4), [-4, -2, 0, 2])
    }

    func testCompactLabels() {
        XCTAssertEqual(NiceNumbers.format(0), "0")
        XCTAssertEqual(NiceNumbers.format(0.12), "0.12")
        XCTAssertEqual(NiceNumbers.format(0.6000000000000001), "0.6")
        XCTAssertEqual(NiceNumbers.format(15), "15")
        XCTAssertEqual(NiceNumbers.format(1200), "1.2k")
        XCTAssertEqual(NiceNumbers.format(-2_500_000), "-2.5M")
        XCTAssertEqual(NiceNumbers.format(0.0003), "3e-4")
        XCTAssertEqual(NiceNumbers.format(0.00025), "2.5e-4")
    }

    func testBrailleDotBits() {
        // Dots 1,2,3 down the left column, 4,5,6 down the right, 7 and 8 along the bottom.
        XCTAssertEqual(Braille.bit(dx: 0, dy: 0), 0x01)
        XCTAssertEqual(Braille.bit(dx: 0, dy: 2), 0x04)
        XCTAssertEqual(Braille.bit(dx: 1, dy: 0), 0x08)
        XCTAssertEqual(Braille.bit(dx: 1, dy: 2), 0x20)
        XCTAssertEqual(Braille.bit(dx: 0, dy: 3), 0x40)
        XCTAssertEqual(Braille.bit(dx: 1, dy: 3), 0x80)
        var b = Braille(columns: 2, rows: 1)
        b.set(x: 0, y: 0); b.set(x: 1, y: 3); b.set(x: 3, y: 1); b.set(x: 9, y: 9)
        var canvas = Canvas(width: 2, height: 1)
        b.draw(into: &canvas, row: 0, col: 0)
        XCTAssertEqual(canvas.line(0), "\u{2881}\u{2810}")
    }

    func testPolylineDecimatesToOneSpanPerColumn() {
        var b = Braille(columns: 1, rows: 1)  // 2×4 dots
        // Many points alternating top and bottom in column 0, then one point in column 1.
        let ys: [Double] = (0..<1000).map { $0 % 2 == 0 ? 0 : 3 } + [1]
        b.polyline(count: ys.count, columns: 2, x: { $0 < 1000 ? 0 : 1 }, y: { ys[$0] })
        // Full left column; the join from the last point (0, 3) to (1, 1) passes (1, 2).
        XCTAssertEqual(b.bits[0], 0x01 | 0x02 | 0x04 | 0x40 | 0x20 | 0x10)
    }

    func testLineChartDrawsAxesLegendAndLine() {
        let chart = LineChart(series: [.init(name: "loss", values: (0..<100).map { 1 / Double($0 + 1) }),
                                       .init(name: "acc", values: (0..<100).map { Double($0) / 100 }, axis: .right)],
                              smoothing: 0.6, title: "training")
        let canvas = chart.render(width: 60, height: 15)
        XCTAssertTrue(canvas.line(0).contains("training"))
        XCTAssertTrue(canvas.line(14).contains("loss"))
        XCTAssertTrue(canvas.line(14).contains("acc (right)"))
        XCTAssertTrue(canvas.cells.contains { $0.glyph == "└" })
        XCTAssertTrue(canvas.cells.contains { $0.glyph == "┘" })
        let dots = canvas.cells.filter { ("\u{2801}"..."\u{28FF}").contains($0.glyph) }
        XCTAssertGreaterThan(dots.count, 40)
        XCTAssertTrue(dots.contains { $0.fg == Palette.tab10[0] }, "loss is blue")
        XCTAssertTrue(dots.contains { $0.fg == Palette.tab10[6] }, "acc has the accuracy colour")
    }

    func testChartsSurviveBadInput() {
        let empty = LineChart(series: [])
        XCTAssertTrue(empty.render(width: 20, height: 5).line(2).contains("no data"))
        let nan = LineChart(series: [.init(name: "x", values: [.nan, .infinity])])
        XCTAssertTrue(nan.render(width: 20, height: 5).line(2).contains("no data"))
        XCTAssertEqual(nan.render(width: 0, height: 0).cells.count, 0)
        let one = LineChart(series: [.init(name: "x", values: [3])], logY: true)
        XCTAssertEqual(one.render(width: 30, height: 8).height, 8)
        _ = LineChart(series: [.init(name: "x", values: [1, 2])]).render(width: 3, height: 3)
        XCTAssertEqual(ScatterPlot(points: []).render(width: 10, height: 3).height, 3)
        _ = Histogram(values: [], bins: 0).render(width: 1, height: 1)
        XCTAssertEqual(chartPNG(empty, width: 0, height: 10).pixels.count, 0)
        XCTAssertEqual(chartPNG(nan, width: 50, height: 20).width, 50)
        XCTAssertEqual(imageGrid([], columns: 3, cellWidth: 4).width, 0)
    }

    func testScatterCellTakesMajorityClassColour() {
        // Three points in the same spot, two of class 1: the cell shows class 1 at full brightness.
        let points: [(x: Float, y: Float)] = [(0, 0), (0, 0), (0, 0), (10, 10), (.nan, 1)]
        let plot = ScatterPlot(points: points, classes: [0, 1, 1, 2, 0], classNames: ["a", "b", "c"])
        let canvas = plot.render(width: 40, height: 12)
        let dots = canvas.cells.filter { ("\u{2801}"..."\u{28FF}").contains($0.glyph) }
        XCTAssertEqual(dots.count, 2)
        XCTAssertTrue(dots.contains { $0.fg == Palette.terminalClasses[1] })
        // The lone point is dimmest: 0.35 + 0.65·log 2 / log 4 = 0.675 of its colour.
        XCTAssertTrue(dots.contains { $0.fg == RGB.black.mixed(with: Palette.terminalClasses[2], 0.675) })
        XCTAssertTrue(canvas.line(11).contains("a"))
        XCTAssertTrue(canvas.line(11).contains("c"))
    }

    func testHistogramBarsUseEighths() {
        let h = Histogram(counts: [8, 4, 1], lo: 0, hi: 3)
        let canvas = h.render(width: 5, height: 3)  // 1 plot row, label width 1
        XCTAssertEqual(canvas.line(0), "8│█▄▁")
        XCTAssertTrue(ansi(canvas, depth: .none).hasPrefix("8│█▄▁"), "a half-height bar is not an image's pixel pair")
        XCTAssertTrue(canvas.line(2).hasPrefix("  0"))
        let binned = Histogram(values: [0, 0.1, 0.9, 1], bins: 2)
        XCTAssertEqual(binned.counts, [2, 2])
    }

    func testRedrawingManyPointsStaysCheap() {
        // Smoke test for the decimated path; timing belongs to `aelab bench`.
        let values = (0..<10_000).map { sin(Double($0) / 300) + Double($0 % 7) * 0.01 }
        let canvas = LineChart(series: [.init(name: "v", values: values)], smoothing: 0.9).render(width: 80, height: 20)
        XCTAssertEqual(canvas.width, 80)
    }

    func testAChartTitleTooLongForItsRowEndsAtAWordNotMidWord() {
        let values = (0..<20).map { 1 / Double($0 + 1) }
        let title = "loss of the variational autoencoder 784→64→2 on MNIST"
        // 60 columns: the title fits beside the y label and is shown whole with it.
        let wide = LineChart(series: [.init(name: "loss", values: values)], title: title, yLabel: "loss").render(width: 60, height: 12)
        XCTAssertTrue(wide.line(0).contains(title), wide.line(0))
        XCTAssertTrue(wide.line(0).hasPrefix("loss"), "the y label keeps its place: " + wide.line(0))
        // 50 columns: the title needs the whole row (53 characters do not fit): it ends at a word.
        let narrow = LineChart(series: [.init(name: "loss", values: values)], title: title, yLabel: "loss").render(width: 50, height: 12)
        let top = narrow.line(0).trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(top, "loss of the variational autoencoder 784→64→2 on…")
        XCTAssertEqual(clipped("one two three", width: 9), "one two…")
        XCTAssertEqual(clipped("abcdefghij", width: 5), "abcd…", "a single word is cut where it must be")
        XCTAssertEqual(clipped("short", width: 9), "short")
    }
}
