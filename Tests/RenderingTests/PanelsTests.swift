import Foundation
import XCTest
@testable import Rendering

/// Scatters coloured by a value per point, and figures side by side.
final class PanelsTests: XCTestCase {
    private func roll(_ title: String) -> ScatterData {
        var d = ScatterData(title: title, xs: [0, 10], ys: [0, 10], classes: nil, classNames: [])
        d.values = [4, 14]
        return d
    }

    func testScatterPointsTakeTheirValuesColourAndTheLegendShowsTheRange() {
        let plot = roll("t").plot
        XCTAssertEqual(plot.legend(for: .terminal).map(\.0), ["4", "9", "14"])
        XCTAssertEqual(plot.legend(for: .terminal).map(\.1), [ColorMap.viridis.color(0), ColorMap.viridis.color(0.5), ColorMap.viridis.color(1)])
        // One point a cell is the densest there is: each cell is drawn in its value's full colour.
        let canvas = Figure.scatter(roll("t")).render(width: 40, height: 16)
        var colours = Set<String>()
        for r in 0..<canvas.height {
            for c in 0..<canvas.width where (0x2801...0x28FF).contains(canvas[r, c].glyph.unicodeScalars.first!.value) {
                if let fg = canvas[r, c].fg { colours.insert("\(fg)") }
            }
        }
        XCTAssertEqual(colours, ["\(ColorMap.viridis.color(0))", "\(ColorMap.viridis.color(1))"])
        // Classes win over values.
        var classed = roll("t")
        classed.classes = [0, 1]
        XCTAssertNil(classed.plot.valueRange)
    }

    func testValuesTravelInJSONOnlyWhenGiven() throws {
        let data = try JSONEncoder().encode(roll("t"))
        XCTAssertEqual(try JSONDecoder().decode(ScatterData.self, from: data), roll("t"))
        let plain = ScatterData(title: "c", xs: [1], ys: [2], classes: [0], classNames: ["a"])
        let text = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        XCTAssertFalse(text.contains("values"))
        XCTAssertFalse(text.contains("colorMap"))
    }

    func testPanelsSplitTheWidthAndKeepEachTitle() throws {
        let panels = Figure.panels(PanelsData(title: "maps", panels: [.scatter(roll("PCA")), .scatter(roll("AE"))], note: "two maps"))
        // 62 columns: two panels of 30 with a gap of 2; the note below.
        let canvas = panels.render(width: 62, height: 20)
        XCTAssertEqual(canvas.height, 20)
        XCTAssertTrue(canvas.line(0).prefix(30).contains("PCA"))
        XCTAssertTrue(canvas.line(0).dropFirst(32).contains("AE"))
        XCTAssertTrue(canvas.line(19).contains("two maps"))
        XCTAssertEqual(panels.inline(width: 100).height, 24, "a scatter's inline height, its note included")
        let picture = panels.png()
        XCTAssertEqual(picture.width, 900 + 24 + 900)
        XCTAssertGreaterThan(picture.height, 900)
        let json = try JSONEncoder().encode(panels)
        XCTAssertEqual(try JSONDecoder().decode(Figure.self, from: json), panels)
        XCTAssertEqual(panels.kind, "panels")
        XCTAssertEqual(Figure.panels(PanelsData(title: "none", panels: [])).render(width: 20, height: 3).line(0).trimmingCharacters(in: .whitespaces), "no panels")
    }
}
