import XCTest
@testable import Rendering

/// Painting for terminals that show only ASCII (the C locale drops every other character).
final class ASCIITests: XCTestCase {
    func testEachKindOfGlyphHasAnASCIIStandIn() {
        var canvas = Canvas(width: 12, height: 1)
        let glyphs: [Character] = ["\u{2801}", "\u{2807}", "\u{28FF}", "┤", "─", "│", "└", "→", "μ", "²", "é", "☃"]
        for (i, g) in glyphs.enumerated() { canvas[0, i] = Cell(g, fg: .white) }
        // 1 dot ".", 3 dots ".", 8 dots ":", tee "+", "-", "|", corner "+", then spelled alike.
        XCTAssertEqual(canvas.ascii().line(0), "..:+-|+>u2e?")
        XCTAssertEqual(canvas.ascii()[0, 7].fg, .white, "colours are kept")
    }

    func testHalfBlockPixelsBecomeShadesOfTheirMeanColour() {
        var canvas = Canvas(width: 4, height: 1)
        canvas[0, 0] = Cell("▀", fg: .black, bg: .black)
        canvas[0, 1] = Cell("▀", fg: RGB(255, 255, 255), bg: RGB(0, 0, 0))          // mean 128: luminance 0.5 → ":"
        canvas[0, 2] = Cell("▀", fg: RGB(90, 90, 90), bg: RGB(90, 90, 90))           // 0.35 → "."
        canvas[0, 3] = Cell("▀", fg: .white, bg: .white)
        let ascii = canvas.ascii()
        XCTAssertEqual(ascii.line(0), " :.#")
        XCTAssertEqual(ascii[0, 1].fg, RGB(128, 128, 128))
        XCTAssertNil(ascii[0, 1].bg, "the mean colour is the glyph's; the background is the terminal's")
    }

    func testChartsImagesAndHistogramsPaintInASCIIOnly() {
        let chart = LineChart(series: [.init(name: "loss", values: (0..<40).map { 1 / Double($0 + 1) }),
                                       .init(name: "acc", values: (0..<40).map { Double($0) / 40 }, axis: .right)],
                              title: "μ and σ² → loss", xLabel: "epoch", yLabel: "loss")
        let ramp = Raster(width: 8, height: 8, channels: 1, pixels: (0..<64).map { Float($0) / 63 })!
        let pictures = [chart.render(width: 60, height: 14), Canvas(halfBlocks: ramp),
                        Histogram(values: (0..<100).map { Double($0 % 17) }, bins: 10).render(width: 30, height: 8)]
        for picture in pictures {
            for depth in [ColorDepth.trueColor, .palette256, .palette16, .none] {
                let text = ansi(picture, depth: depth, glyphs: .ascii)
                XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "\(depth): \(text.unicodeScalars.filter { !$0.isASCII }.prefix(5))")
            }
        }
        let plain = ansi(pictures[0], depth: .none, glyphs: .ascii).split(separator: "\n")
        XCTAssertTrue(plain[0].contains("u and s2 > loss"), String(plain[0]))
        XCTAssertEqual(ansi(pictures[0], depth: .none, glyphs: .unicode), ansi(pictures[0], depth: .none))
    }
}
