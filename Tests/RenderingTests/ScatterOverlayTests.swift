import Foundation
@testable import Rendering
import XCTest

/// A latent map's overlay (circles, path, crosshair, region), the cell mapping the explorer
/// uses for its crosshair and clicks, and dashed chart lines.
final class ScatterOverlayTests: XCTestCase {
    private let points: [(x: Float, y: Float)] = [(-1, -1), (1, 1), (0.5, -0.5)]

    func testTheAxesTakeInTheCirclesAndTheRegion() throws {
        let circles = (1...3).map { ScatterOverlay.Circle(center: .init(0, 0), radius: Float($0), label: "\($0)σ") }
        let plot = ScatterPlot(points: points, overlay: ScatterOverlay(circles: circles, bounds: [.init(-5, 0), .init(0, 4)]))
        let ranges = try XCTUnwrap(plot.ranges)
        XCTAssertEqual(ranges.x.0, -5)
        XCTAssertEqual(ranges.x.1, 3)
        XCTAssertEqual(ranges.y.0, -3)
        XCTAssertEqual(ranges.y.1, 4)
    }

    func testMappingTurnsCellsIntoPointsAndBack() throws {
        let plot = ScatterPlot(points: points, overlay: ScatterOverlay(bounds: [.init(-2, -2), .init(2, 2)]))
        let mapping = try XCTUnwrap(plot.rendered(width: 60, height: 24).mapping)
        for row in mapping.plotRow..<(mapping.plotRow + mapping.plotHeight) {
            for col in stride(from: mapping.plotCol, to: mapping.plotCol + mapping.plotWidth, by: 7) {
                let p = try XCTUnwrap(mapping.point(row: row, col: col))
                let back = try XCTUnwrap(mapping.cell(x: p.x, y: p.y))
                XCTAssertEqual(back.row, row)
                XCTAssertEqual(back.col, col)
            }
        }
        XCTAssertNil(mapping.point(row: mapping.plotRow - 1, col: mapping.plotCol))
        XCTAssertNil(mapping.cell(x: 1000, y: 0))
        // The lower left corner of the axes is the first column's bottom row.
        let corner = try XCTUnwrap(mapping.cell(x: mapping.x.lowerBound, y: mapping.y.lowerBound))
        XCTAssertEqual(corner.row, mapping.plotRow + mapping.plotHeight - 1)
        XCTAssertEqual(corner.col, mapping.plotCol)
    }

    func testTheCrosshairAndCircleLabelsAreDrawnWhereTheMappingSays() throws {
        let overlay = ScatterOverlay(circles: [.init(center: .init(0, 0), radius: 1, label: "1σ")], crosshair: .init(0.5, -0.5))
        let (canvas, mapping) = ScatterPlot(points: points, overlay: overlay).rendered(width: 60, height: 24)
        let at = try XCTUnwrap(mapping?.cell(x: 0.5, y: -0.5))
        XCTAssertEqual(canvas[at.row, at.col].glyph, "┼")
        XCTAssertEqual(canvas[at.row, at.col].fg, ScatterOverlay.crosshairColor)
        XCTAssertEqual(canvas[at.row, at.col + 1].glyph, "─")
        XCTAssertTrue(String(canvas.cells.map(\.glyph)).contains("1σ"))
    }

    func testAPathAddsDotsToBlankAndBrailleCellsOnly() throws {
        let plot = ScatterPlot(points: [(0, 0)], overlay: ScatterOverlay(bounds: [.init(-1, -1), .init(1, 1)]))
        let (plain, mapping) = plot.rendered(width: 40, height: 20)
        var canvas = plain
        let m = try XCTUnwrap(mapping)
        m.drawPath([.init(-1, 0.5), .init(1, 0.5)], into: &canvas, color: ScatterOverlay.pathColor)
        let row = try XCTUnwrap(m.cell(x: 0, y: 0.5)).row
        let dotted = (m.plotCol..<(m.plotCol + m.plotWidth)).filter { (0x2800...0x28FF).contains(canvas[row, $0].glyph.unicodeScalars.first!.value) }
        XCTAssertEqual(dotted.count, m.plotWidth, "a horizontal line touches every column")
        XCTAssertEqual(canvas[row, m.plotCol].fg, ScatterOverlay.pathColor)
        // Outside the plot nothing changes (the axis and its labels stay).
        XCTAssertEqual(canvas[row, m.plotCol - 1], plain[row, m.plotCol - 1])
    }

    func testOverlaysTravelInTheScatterJSON() throws {
        var data = ScatterData(title: "map", xs: [0, 1], ys: [1, 0], classes: [0, 1], classNames: ["a", "b"])
        data.overlay = ScatterOverlay(circles: [.init(center: .init(0.5, -0.25), radius: 2, label: "2σ")], path: [.init(0, 0), .init(0.5, 0.5)],
                                      crosshair: .init(0.5, 0.5), bounds: [.init(-3, -3), .init(3, 3)])
        let decoded = try JSONDecoder().decode(ScatterData.self, from: JSONEncoder().encode(data))
        XCTAssertEqual(decoded, data)
        let old = try JSONDecoder().decode(ScatterData.self, from: Data(#"{"title": "t", "xs": [0], "ys": [0], "classNames": []}"#.utf8))
        XCTAssertNil(old.overlay, "scatters recorded before overlays still read")
    }

    func testADashedSeriesDrawsAboutHalfTheDotsOfASolidOne() {
        func dots(_ dashed: Bool) -> Int {
            let chart = LineChart(series: [LineChart.Series(name: "val", values: (0..<50).map { Double($0) }, dashed: dashed)])
            return chart.render(width: 60, height: 16).cells.reduce(0) { total, cell in
                let v = cell.glyph.unicodeScalars.first!.value
                return total + ((0x2801...0x28FF).contains(v) ? (v - 0x2800).nonzeroBitCount : 0)
            }
        }
        let solid = dots(false), dashed = dots(true)
        XCTAssertGreaterThan(dashed, solid / 3)
        XCTAssertLessThan(dashed, solid * 2 / 3)
    }

    func testTheOverlayIsDrawnIntoThePNG() {
        let plain = scatterPNG(ScatterPlot(points: points), width: 300, height: 300)
        let marked = scatterPNG(ScatterPlot(points: points, overlay: ScatterOverlay(crosshair: .init(0, 0))), width: 300, height: 300)
        XCTAssertEqual(plain.width, marked.width)
        // The red cross: pixels with much more red than green that the plain picture lacks.
        func reds(_ r: Raster) -> Int {
            let rgb = r.rgb()
            return (0..<(rgb.width * rgb.height)).filter { i in rgb.pixels[3 * i] > 0.7 && rgb.pixels[3 * i + 1] < 0.3 }.count
        }
        XCTAssertGreaterThan(reds(marked), reds(plain) + 20)
    }
}
