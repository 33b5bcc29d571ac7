import Foundation
import XCTest
@testable import Rendering

/// Histograms of several groups, 3-d scatters and text lists: drawn in the terminal and to PNG.
final class NewFigureTests: XCTestCase {
    // MARK: Histograms

    func testValuesAreBinnedOverTheRangeOfAllGroups() {
        // Range 0…4 in 4 bins of width 1; the top edge falls in the last bin.
        let h = HistogramData(title: "t", values: [("a", [0, 0.5, 1.5, 4]), ("b", [2, 3.9, .nan])], bins: 4)
        XCTAssertEqual(h.lo, 0)
        XCTAssertEqual(h.hi, 4)
        XCTAssertEqual(h.groups.map(\.counts), [[2, 1, 0, 1], [0, 0, 1, 1]])
    }

    func testSeveralGroupsGetABandEachOverOneAxis() {
        let h = HistogramData(title: "error per class", lo: 0, hi: 1, groups: [.init(name: "0", counts: [4, 2]), .init(name: "1", counts: [1, 3])],
                              xLabel: "mse")
        // 20 × 7: title, 2 bands of 2 rows, the axis, the range. Names take 2 columns, the axis
        // 1, the label "mse" and a space 4: the bars are 13 columns, bins 0 and 1 at 0…6 and 7…12.
        let canvas = Figure.histogram(h).render(width: 20, height: 7)
        XCTAssertEqual(canvas.line(0), "   error per class  ")
        // Each band is scaled to its own largest bin: group 0 has 4 and 2 (two rows, then one),
        // group 1 has 1 and 3 (a third of 16 eighths is 5: ▅, then two full rows).
        XCTAssertEqual(canvas.line(1), "  │███████          ")
        XCTAssertEqual(canvas.line(2), "0 │█████████████    ")
        XCTAssertEqual(canvas.line(3), "  │       ██████    ")
        XCTAssertEqual(canvas.line(4), "1 │▅▅▅▅▅▅▅██████    ")
        XCTAssertEqual(canvas.line(5), "  └─────────────    ")
        XCTAssertEqual(canvas.line(6), "   0           1 mse")
        XCTAssertEqual(canvas[2, 3].fg, Palette.terminalClasses[0])
        XCTAssertEqual(canvas[4, 3].fg, Palette.terminalClasses[1])
        XCTAssertEqual(canvas[2, 0].fg, Palette.terminalClasses[0], "names in their group's colour")
        // Too many groups for the rows: the last row says how many are left out.
        let many = HistogramData(title: "", lo: 0, hi: 1, groups: (0..<10).map { .init(name: "\($0)", counts: [1]) })
        let small = Figure.histogram(many).render(width: 20, height: 6)  // 4 rows: 3 groups and "+7 more"
        XCTAssertEqual(small.line(3).trimmingCharacters(in: .whitespaces), "+7 more")
        XCTAssertEqual(histogramPNG(many.histogram, width: 300, height: 200).width, 300)
    }

    func testHistogramPNGs() {
        let one = HistogramData(title: "lengths", lo: 0, hi: 10, groups: [.init(name: "q", counts: [1, 5, 2])], xLabel: "tokens")
        let picture = Figure.histogram(one).png()
        XCTAssertEqual([picture.width, picture.height], [960, 540])
        // The tallest bar (5 of 5) is filled in tab10 blue somewhere in the middle third.
        XCTAssertTrue((320..<640).contains { x in (0..<540).contains { picture.color(x: x, y: $0) == Palette.tab10[0] } })
        let groups = HistogramData(title: "", lo: 0, hi: 1, groups: (0..<3).map { .init(name: "\($0)", counts: [1, 2]) })
        XCTAssertEqual(Figure.histogram(groups).png().height, 160 + 90 * 3)
        XCTAssertEqual(histogramPNG(Histogram(groups: [], lo: 0, hi: 1), width: 40, height: 20).width, 40, "no data")
    }

    // MARK: 3-d scatters

    func testTheViewTurnsAboutTheVerticalAxisAndTilts() throws {
        let d = Scatter3DData(title: "", xs: [-1, 1], ys: [0, 0], zs: [0, 0], azimuth: 0, elevation: 0)
        let front = try XCTUnwrap(Projection3D(d))
        // Centred on 0 with the farthest point at distance 1: x = 1 lands at the right edge.
        XCTAssertEqual(front.project(1, 0, 0).u, 1, accuracy: 1e-12)
        XCTAssertEqual(front.rotate(0, 1, 0).depth, 1, accuracy: 1e-12, "y points away at azimuth 0")
        XCTAssertEqual(front.rotate(0, 0, 1).v, 1, accuracy: 1e-12, "z points up")
        // Turned 90°: x points away; from straight above (90°) y points up and z at the viewer.
        let turned = try XCTUnwrap(Projection3D(d.turned(by: 90)))
        XCTAssertEqual(turned.rotate(1, 0, 0).depth, 1, accuracy: 1e-12)
        XCTAssertEqual(turned.rotate(1, 0, 0).u, 0, accuracy: 1e-12)
        let above = try XCTUnwrap(Projection3D(d.tilted(by: 90)))
        XCTAssertEqual(above.rotate(0, 1, 0).v, 1, accuracy: 1e-12)
        XCTAssertEqual(above.rotate(0, 0, 1).depth, -1, accuracy: 1e-12)
        XCTAssertEqual(d.turned(by: -30).azimuth, 330)
        XCTAssertEqual(d.turned(by: 725).azimuth, 5)
        XCTAssertEqual(d.tilted(by: 200).elevation, 90)
        XCTAssertEqual(Figure.scatter3D(d).turned(azimuth: 10), .scatter3D(d.turned(by: 10)))
        let chart = Figure.chart(ChartData(title: "", xLabel: "", series: []))
        XCTAssertEqual(chart.turned(azimuth: 10), chart, "only 3-d scatters turn")
    }

    func testTheNearerPointIsDrawnOverTheFarther() {
        // Seen from the front, (0, −1, 0) and (0, 1, 0) fall on the same spot; y = −1 is nearer.
        let d = Scatter3DData(title: "", xs: [0, 0], ys: [1, -1], zs: [0, 0], classes: [0, 1], classNames: ["far", "near"],
                              axisLabels: ["a", "b", "c"], azimuth: 0, elevation: 0)
        let canvas = Figure.scatter3D(d).render(width: 40, height: 16)
        let dots = canvas.cells.filter { ("\u{2801}"..."\u{28FF}").contains($0.glyph) && !Scatter3DData.axisColors.contains($0.fg!) }
        XCTAssertEqual(dots.count, 1)
        XCTAssertEqual(dots[0].fg, Palette.terminalClasses[1], "the nearer point at full colour")
        XCTAssertTrue(canvas.line(15).contains("■ far  ■ near"))
        XCTAssertTrue(canvas.line(14).hasSuffix("az 0° el 0°"))
        for label in ["a", "b", "c"] { XCTAssertTrue((0..<15).contains { canvas.line($0).contains(label) }, label) }
        XCTAssertTrue(Figure.scatter3D(Scatter3DData(title: "", xs: [.nan], ys: [0], zs: [0])).render(width: 20, height: 5)
                        .line(2).contains("no points"))
    }

    func testContinuousValuesShowTheirRangeAndThePNGHasEverything() throws {
        let d = Scatter3DData(title: "by value", xs: [0, 1, 2], ys: [0, 1, 0], zs: [1, 0, 0], values: [0, 0.5, 1])
        let canvas = Figure.scatter3D(d).render(width: 40, height: 12)
        XCTAssertTrue(canvas.line(11).hasPrefix(" 0 █"), canvas.line(11))
        XCTAssertEqual(canvas[11, 3].fg, ColorMap.viridis.color(0))
        let picture = Figure.scatter3D(d).png()
        XCTAssertEqual([picture.width, picture.height], [900, 900])
        // The three axis colours are drawn (the tripod).
        for color in Scatter3DData.axisColors {
            XCTAssertTrue((0..<900).contains { y in (0..<300).contains { picture.color(x: $0, y: y) == color } })
        }
        // JSON: coordinates and values packed, the view kept.
        let back = try JSONDecoder().decode(Scatter3DData.self, from: JSONEncoder().encode(d.turned(by: 15)))
        XCTAssertEqual(back, d.turned(by: 15))
        let text = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
        XCTAssertFalse(text.contains("[0,1,2]"), text)
    }

    // MARK: Text lists

    private let list = TextListData(title: "nearest", lines: [
        .init([.init("0.04  ", .dim), .init("[a] ", label: 2), .init("how do I reset my password today")], indent: 6),
        .init([.init("how do I "), .init("change", .highlight), .init(" it")]),
    ])

    func testLinesWrapWithTheirIndentAndKeepTheirEmphasis() {
        let canvas = Figure.textList(list).render(width: 20, height: 10)
        XCTAssertEqual(canvas.height, 4)
        XCTAssertEqual(canvas.line(0), "0.04  [a] how do I  ")
        XCTAssertEqual(canvas.line(1), "      reset my      ")
        XCTAssertEqual(canvas.line(2), "      password today")
        XCTAssertEqual(canvas.line(3), "how do I change it  ")
        XCTAssertEqual(canvas[0, 0].fg, noteColor)
        XCTAssertEqual(canvas[0, 6].fg, Palette.terminalClasses[2])
        XCTAssertEqual(canvas[3, 9].bg, TextListData.highlightBackground)
        XCTAssertNil(canvas[3, 15].bg, "the highlight stops with its word")
        // Three rows of room: two rows and how many more.
        XCTAssertEqual(Figure.textList(list).render(width: 20, height: 3).line(2).trimmingCharacters(in: .whitespaces), "… 2 more rows")
        XCTAssertEqual(Figure.textList(list).inline(width: 20).height, 4)
        // A word longer than the row is cut.
        let long = TextListData(title: "", lines: [.init([.init("abcdefghijkl")])])
        XCTAssertEqual(long.rows(width: 5).map { String($0.map(\.character)) }, ["abcde", "fghij", "kl"])
    }

    func testTextListJSONAndPNG() throws {
        let json = String(decoding: try JSONEncoder().encode(Figure.textList(list)), as: UTF8.self)
        XCTAssertFalse(json.contains("plain"), "plain spans leave their emphasis out")
        XCTAssertEqual(try JSONDecoder().decode(Figure.self, from: Data(json.utf8)), .textList(list))
        let picture = Figure.textList(list).png()
        // 960 wide at scale 2: (960 − 32 + 2) / 12 = 77 columns, so each line is one row; the
        // title line and 4 pixels, two rows 22 apart, a 16-pixel margin.
        XCTAssertEqual(picture.width, 960)
        XCTAssertEqual(picture.height, 16 + 22 + 8 + 2 * 22 + 16)
        XCTAssertTrue((0..<960).contains { x in (0..<picture.height).contains { picture.color(x: x, y: $0) == TextListData.highlightBackground } })
    }

    func testEveryKindTravelsAsItsNameInJSON() throws {
        let figures: [Figure] = [
            .histogram(HistogramData(title: "h", lo: 0, hi: 1, groups: [.init(name: "a", counts: [1])])),
            .scatter3D(Scatter3DData(title: "s", xs: [1], ys: [2], zs: [3])),
            .textList(list),
        ]
        for figure in figures {
            let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(figure)) as! [String: Any]
            XCTAssertEqual(Array(object.keys), [["histogram", "scatter3D", "textList"][figures.firstIndex(of: figure)!]])
            XCTAssertEqual(try JSONDecoder().decode(Figure.self, from: JSONEncoder().encode(figure)), figure)
        }
    }
}
