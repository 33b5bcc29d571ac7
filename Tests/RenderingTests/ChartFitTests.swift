import XCTest
@testable import Rendering

/// What a chart's axes show: which values set the y range, where x starts, the axis labels,
/// and a colour that stays with each series' name.
final class ChartFitTests: XCTestCase {
    private func dotCells(_ canvas: Canvas) -> [Cell] {
        canvas.cells.filter { ("\u{2801}"..."\u{28FF}").contains($0.glyph) }
    }

    func testARightAxisSeriesWithNoFiniteValuesBesideALeftOneDoesNotTrap() {
        // "acc…" names go on the right axis; here it has no finite value, so there is no right axis.
        let chart = LineChart(series: [.init(name: "loss", values: [3, 2, 1]),
                                       .init(name: "acc", values: [.nan, .nan, .infinity], axis: .right)])
        XCTAssertNil(chart.yRange(.right))
        let canvas = chart.render(width: 40, height: 10)
        XCTAssertFalse(dotCells(canvas).isEmpty, "the loss is drawn")
        XCTAssertFalse(canvas.cells.contains { $0.glyph == "┘" }, "no right axis")
        XCTAssertTrue(canvas.line(9).contains("acc (right)"))
        XCTAssertEqual(chartPNG(chart, width: 200, height: 120).width, 200)
        // And the other way round: only the right axis has data, it is drawn against the left.
        let onlyRight = LineChart(series: [.init(name: "loss", values: [.nan]), .init(name: "acc", values: [0.5, 0.7], axis: .right)])
        XCTAssertFalse(dotCells(onlyRight.render(width: 40, height: 10)).isEmpty)
        XCTAssertEqual(chartPNG(onlyRight, width: 200, height: 120).height, 120)
    }

    func testTheWarmUpIsLeftOutOfTheYAxisWhenItWouldFlattenTheCurve() {
        // A VAE-like loss: 550 at the first of 100 batches, then 200 falling by 0.5 a batch.
        let values = [550.0, 400] + (2..<100).map { 200 - 0.5 * Double($0) }
        let chart = LineChart(series: [.init(name: "loss", values: values)])
        // x runs 0…99; the first 5% (x < 4.95) is the warm-up. Later values span 150.5…197.5:
        // 47, and with the warm-up the span would be 399.5 > 3 × 47, so it is left out.
        let (lo, hi) = chart.yRange(.left)!
        XCTAssertEqual(lo, 150.5)
        XCTAssertEqual(hi, 197.5)
        // Three values per epoch: leaving out the first would not stretch the range threefold.
        let short = LineChart(series: [.init(name: "loss", values: [3, 2, 1])])
        XCTAssertEqual(short.yRange(.left)!.0, 1)
        XCTAssertEqual(short.yRange(.left)!.1, 3)
        // The line still starts at the top edge rather than vanishing: the first column has dots.
        let canvas = chart.render(width: 40, height: 12)
        let firstPlotColumn = (0..<canvas.height).map { canvas[$0, 6].glyph }
        XCTAssertTrue(firstPlotColumn.contains { ("\u{2801}"..."\u{28FF}").contains($0) }, "\(firstPlotColumn)")
    }

    func testSmallLossTermsMoveToTheRightAxisSoTheLossFillsTheLeft() {
        // Loss 160…150 and reconstruction 155…145 overlap; KL 4…6 stays below a quarter of 145.
        let n = 50
        let loss = (0..<n).map { 160 - 10 * Double($0) / 49 }
        let chart = LineChart(series: [.init(name: "loss", values: loss), .init(name: "reconstruction", values: loss.map { $0 - 5 }),
                                       .init(name: "kl", values: (0..<n).map { 4 + 2 * Double($0) / 49 })])
        XCTAssertEqual(chart.axes, [.left, .left, .right])
        XCTAssertEqual(chart.yRange(.left)!.0, 145)
        XCTAssertEqual(chart.yRange(.left)!.1, 160)
        XCTAssertEqual(chart.yRange(.right)!.0, 4)
        XCTAssertEqual(chart.legend.map(\.0), ["loss", "reconstruction", "kl (right)"])
        // Curves within a factor of four of each other share the left axis; a series the caller
        // put on the right keeps the others where they are; a log axis needs no second axis.
        let close = LineChart(series: [.init(name: "loss", values: [100, 90]), .init(name: "l1", values: [30, 26])])
        XCTAssertEqual(close.axes, [.left, .left])
        let asked = LineChart(series: [.init(name: "loss", values: [100, 90]), .init(name: "kl", values: [1, 2]),
                                       .init(name: "acc", values: [0.5, 0.6], axis: .right)])
        XCTAssertEqual(asked.axes, [.left, .left, .right])
        XCTAssertEqual(LineChart(series: chart.series, logY: true).axes, [.left, .left, .left])
    }

    func testFromStartsTheXAxisAndFitsYToWhatIsShown() {
        let values = (0..<10).map { 100.0 / Double($0 + 1) }  // 100, 50, 33.3, … 10 at epochs 1…10
        let chart = LineChart(series: [.init(name: "loss", values: values, firstX: 1)], from: 6)
        XCTAssertEqual(chart.xRange!.0, 6)
        XCTAssertEqual(chart.xRange!.1, 10)
        // Epochs 6…10 hold 100/6 … 100/10.
        XCTAssertEqual(chart.yRange(.left)!.0, 10, accuracy: 1e-12)
        XCTAssertEqual(chart.yRange(.left)!.1, 100.0 / 6, accuracy: 1e-12)
        XCTAssertNil(LineChart(series: [.init(name: "loss", values: values, firstX: 1)], from: 11).xRange, "nothing from 11 on")
    }

    func testSeriesWithoutXsStartAtTheirFirstX() {
        let chart = LineChart(series: [.init(name: "loss", values: [3, 2, 1, 0.5], firstX: 1)], xLabel: "epoch")
        XCTAssertEqual(chart.xRange!.0, 1)
        XCTAssertEqual(chart.xRange!.1, 4)
        let canvas = chart.render(width: 40, height: 10)
        let ticks = canvas.line(8)  // under the axis (row 7), above the legend (row 9)
        XCTAssertTrue(ticks.trimmingCharacters(in: .whitespaces).hasPrefix("1 "), ticks)
        XCTAssertFalse(ticks.contains("0 "), ticks)
    }

    func testAxisLabelsInTheTerminal() {
        let chart = LineChart(series: [.init(name: "loss", values: [3, 2, 1], firstX: 1)], title: "training loss",
                              xLabel: "epoch", yLabel: "loss")
        let canvas = chart.render(width: 40, height: 10)
        XCTAssertTrue(canvas.line(0).hasPrefix("loss "), canvas.line(0))
        XCTAssertTrue(canvas.line(0).contains("training loss"))
        XCTAssertTrue(canvas.line(8).hasSuffix("epoch"), canvas.line(8))
        let scatter = ScatterPlot(points: [(0, 0), (1, 1)], title: "codes", xLabel: "z₁", yLabel: "z₂").render(width: 30, height: 10)
        XCTAssertTrue(scatter.line(0).hasPrefix("z₂"))
        XCTAssertTrue(scatter.line(9).hasSuffix("z₁"), scatter.line(9))
    }

    /// Pixels darker than the light grid, in a rectangle.
    private func inkCount(_ r: Raster, x: Range<Int>, y: Range<Int>) -> Int {
        var n = 0
        for yy in y { for xx in x where r.color(x: xx, y: yy).luminance < 0.5 { n += 1 } }
        return n
    }

    func testAxisLabelsAndLongTitlesInPNG() {
        let values = (0..<20).map { 1 / Double($0 + 1) }
        let labelled = chartPNG(LineChart(series: [.init(name: "loss", values: values)], xLabel: "epoch", yLabel: "loss"),
                                width: 320, height: 240)
        // At scale 1 the y label is a column 9 pixels wide after the 8-pixel margin, and the
        // plot moves right by it and 2 pixels more; the x label takes a line (11 pixels) below.
        XCTAssertGreaterThan(inkCount(labelled, x: 8..<17, y: 0..<240), 20)
        var a = Raster(width: 320, height: 240, channels: 3), b = a
        let plainFrame = PixelChartFrame(raster: &a, title: "", xRange: (0, 1), leftRange: (0, 1), leftLog: false,
                                         rightRange: nil, legend: [], niceX: false)!
        let labelledFrame = PixelChartFrame(raster: &b, title: "", xLabel: "epoch", yLabel: "loss", xRange: (0, 1), leftRange: (0, 1),
                                            leftLog: false, rightRange: nil, legend: [], niceX: false)!
        XCTAssertEqual(labelledFrame.plotX - plainFrame.plotX, 11)
        XCTAssertEqual(plainFrame.plotHeight - labelledFrame.plotHeight, 11)
        // A title of 80 characters is 479 pixels at scale 1: in 320 pixels it wraps to two lines
        // of at most (320 − 16 + 1) / 6 = 50 characters, and nothing is drawn in the side margins.
        let title = String(repeating: "abcdefghi ", count: 8).trimmingCharacters(in: .whitespaces)
        let long = chartPNG(LineChart(series: [.init(name: "loss", values: values)], title: title), width: 320, height: 240)
        XCTAssertEqual(inkCount(long, x: 0..<8, y: 0..<30), 0)
        XCTAssertEqual(inkCount(long, x: 312..<320, y: 0..<30), 0)
        XCTAssertGreaterThan(inkCount(long, x: 8..<312, y: 17..<24), 10, "a second title line")
    }

    func testSeriesKeepTheirColourByName() {
        let live = LineChart(series: [.init(name: "loss", values: [1]), .init(name: "reconstruction", values: [1]),
                                      .init(name: "kl", values: [1]), .init(name: "val_loss", values: [1])])
        let plot = LineChart(series: [.init(name: "val_loss", values: [1]), .init(name: "kl", values: [1]),
                                      .init(name: "loss", values: [1])])
        XCTAssertEqual(live.colors, [Palette.tab10[0], Palette.tab10[2], Palette.tab10[3], Palette.tab10[1]])
        XCTAssertEqual(plot.colors, [Palette.tab10[1], Palette.tab10[3], Palette.tab10[0]])
        // Other names hash (FNV-1a) to a fixed colour; a second series on a taken colour moves on.
        XCTAssertEqual(Palette.fnv1a("a"), 0xE40C292C)
        let other = Palette.seriesColor(named: "perplexity")
        XCTAssertEqual(Palette.seriesColor(named: "perplexity"), other)
        XCTAssertNotEqual(Palette.seriesColor(named: "perplexity", avoiding: [other]), other)
        let clash = LineChart(series: [.init(name: "l1", values: [1]), .init(name: "contractive", values: [1])])
        XCTAssertEqual(clash.colors, [Palette.tab10[4], Palette.tab10[5]])
    }
}
