import XCTest
@testable import Rendering

/// Canvas cells, colour depth, quantisation and ANSI text, checked against values worked by hand.
final class CanvasTests: XCTestCase {
    func testHalfBlocksPutTopPixelInForegroundAndBottomInBackground() {
        // 2×2 RGB: red, green / blue, white.
        let raster = Raster(width: 2, height: 2, channels: 3, bytes: [
            255, 0, 0, 0, 255, 0,
            0, 0, 255, 255, 255, 255,
        ])!
        let canvas = Canvas(halfBlocks: raster)
        XCTAssertEqual(canvas.width, 2)
        XCTAssertEqual(canvas.height, 1)
        XCTAssertEqual(canvas[0, 0], Cell("▀", fg: RGB(255, 0, 0), bg: RGB(0, 0, 255)))
        XCTAssertEqual(canvas[0, 1], Cell("▀", fg: RGB(0, 255, 0), bg: RGB(255, 255, 255)))
    }

    func testHalfBlocksLeaveBackgroundEmptyBelowAnOddLastRow() {
        let raster = Raster(width: 1, height: 3, channels: 1, pixels: [0, 1, 0.5])!
        let canvas = Canvas(halfBlocks: raster)
        XCTAssertEqual(canvas.height, 2)
        XCTAssertEqual(canvas[0, 0].fg, RGB(0, 0, 0))
        XCTAssertEqual(canvas[0, 0].bg, RGB(255, 255, 255))
        XCTAssertEqual(canvas[1, 0].fg, RGB(128, 128, 128))
        XCTAssertNil(canvas[1, 0].bg)
    }

    func testXterm256IndexOfPureColoursAndGreys() {
        XCTAssertEqual(xterm256Index(RGB(255, 0, 0)), 196)      // 16 + 36·5
        XCTAssertEqual(xterm256Index(RGB(0, 255, 0)), 46)       // 16 + 6·5
        XCTAssertEqual(xterm256Index(RGB(0, 0, 255)), 21)       // 16 + 5
        XCTAssertEqual(xterm256Index(RGB(0, 0, 0)), 16)
        XCTAssertEqual(xterm256Index(RGB(255, 255, 255)), 231)
        XCTAssertEqual(xterm256Index(RGB(128, 128, 128)), 244)  // grey 8 + 10·12 = 128 exactly
        XCTAssertEqual(xterm256Index(RGB(95, 135, 175)), 67)    // cube levels 1, 2, 3: 16 + 36 + 12 + 3
        XCTAssertEqual(xterm256Index(RGB(8, 8, 8)), 232)
        XCTAssertEqual(xterm256Index(RGB(240, 240, 240)), 255)  // grey 238 beats cube 255 (4·3 vs 15²·3)
    }

    func testAnsi16IndexPicksNearestStandardColour() {
        XCTAssertEqual(ansi16Index(RGB(0, 0, 0)), 0)
        XCTAssertEqual(ansi16Index(RGB(200, 10, 10)), 1)
        XCTAssertEqual(ansi16Index(RGB(255, 0, 0)), 9)
        XCTAssertEqual(ansi16Index(RGB(250, 250, 250)), 15)
    }

    func testColorDepthDetectionOrder() {
        XCTAssertEqual(ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]), ColorDepth.none)
        XCTAssertEqual(ColorDepth.detect(environment: ["COLORTERM": "24bit", "TERM": "xterm"]), .trueColor)
        XCTAssertEqual(ColorDepth.detect(environment: ["TERM": "xterm-256color"]), .palette256)
        XCTAssertEqual(ColorDepth.detect(environment: ["TERM": "vt100"]), .palette16)
    }

    func testNoColourIntoAPipeADumbTerminalOrWhenNoColorIsSetAndNotEmpty() {
        let xterm = ["TERM": "xterm-256color", "COLORTERM": "truecolor"]
        XCTAssertEqual(ColorDepth.detect(environment: xterm, isTerminal: true), .trueColor)
        XCTAssertEqual(ColorDepth.detect(environment: xterm, isTerminal: false), ColorDepth.none, "output into a pipe or a file")
        XCTAssertEqual(ColorDepth.detect(environment: ["TERM": "dumb"]), ColorDepth.none)
        XCTAssertEqual(ColorDepth.detect(environment: [:]), ColorDepth.none, "TERM unset")
        XCTAssertEqual(ColorDepth.detect(environment: ["TERM": ""]), ColorDepth.none)
        XCTAssertEqual(ColorDepth.detect(environment: xterm.merging(["NO_COLOR": ""]) { $1 }), .trueColor, "an empty NO_COLOR asks for nothing")
        XCTAssertEqual(ColorDepth.detect(environment: xterm.merging(["NO_COLOR": "0"]) { $1 }), ColorDepth.none, "any other value does")
        XCTAssertFalse(ColorDepth.colorRefused(environment: ["NO_COLOR": ""]))
        XCTAssertTrue(ColorDepth.colorRefused(environment: ["NO_COLOR": "yes"]))
        XCTAssertEqual(ColorDepth(name: "256"), .palette256)
        XCTAssertEqual(ColorDepth(name: "none"), ColorDepth.none)
        XCTAssertNil(ColorDepth(name: "lots"))
    }

    func testAnsiEmitsSGROnlyWhenColourChanges() {
        var canvas = Canvas(width: 3, height: 2)
        canvas.text("abc", row: 0, col: 0, fg: RGB(255, 0, 0))
        canvas.text("d", row: 1, col: 0)
        XCTAssertEqual(ansi(canvas, depth: .trueColor),
                       "\u{1B}[38;2;255;0;0mabc\u{1B}[0m\nd  \u{1B}[0m")
        XCTAssertEqual(ansi(canvas, depth: .palette256), "\u{1B}[38;5;196mabc\u{1B}[0m\nd  \u{1B}[0m")
        XCTAssertEqual(ansi(canvas, depth: .palette16), "\u{1B}[91mabc\u{1B}[0m\nd  \u{1B}[0m")
    }

    func testNoColorDepthShowsImagesAsShades() {
        let raster = Raster(width: 3, height: 2, channels: 1, pixels: [0, 1, 0.5, 0, 1, 0.5])!
        XCTAssertEqual(ansi(Canvas(halfBlocks: raster), depth: .none), " █▒")
    }

    func testCanvasClipsTextAndBlit() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.text("hello", row: 0, col: 1)
        canvas.text("x", row: 5, col: 0)
        var small = Canvas(width: 2, height: 2, fill: Cell("#"))
        small[0, 0] = Cell("@")
        canvas.blit(small, atRow: 1, col: 3)
        XCTAssertEqual(canvas.line(0), " hel")
        XCTAssertEqual(canvas.line(1), "   @")
        XCTAssertEqual(canvas[9, 9], .blank)
    }

    func testProgressBarUsesEighthBlocks() {
        XCTAssertEqual(progressBar(fraction: 0.5, width: 4), "██  ")
        XCTAssertEqual(progressBar(fraction: 0.5 + 1.0 / 32, width: 4), "██▏ ")
        XCTAssertEqual(progressBar(fraction: 3.0 / 16, width: 2), "▍ ")
        XCTAssertEqual(progressBar(fraction: 2, width: 3), "███")
        XCTAssertEqual(progressBar(fraction: .nan, width: 2), "  ")
    }

    func testGnuplot2Endpoints() {
        XCTAssertEqual(ColorMap.gnuplot2.color(0), RGB(0, 0, 0))
        XCTAssertEqual(ColorMap.gnuplot2.color(1), RGB(255, 255, 255))
        // x = 0.25: r = clip(0.78125 − 0.78125) = 0, g = clip(−0.34) = 0, b = 1.
        XCTAssertEqual(ColorMap.gnuplot2.color(0.25), RGB(0, 0, 255))
        XCTAssertEqual(ColorMap.viridis.color(0), RGB(0x44, 0x01, 0x54))
        XCTAssertEqual(ColorMap.viridis.color(1), RGB(0xFD, 0xE7, 0x25))
        XCTAssertEqual(ColorMap.gray.color(.nan), RGB(0, 0, 0))
    }
}
