import XCTest
@testable import Rendering

/// Resampling and image grids.
final class RasterTests: XCTestCase {
    func testShrinkingAveragesAreas() {
        let r = Raster(width: 4, height: 2, channels: 1, pixels: [0, 1, 0.5, 0.5, 1, 0, 0.25, 0.75])!
        let half = r.resized(width: 2, height: 1)
        XCTAssertEqual(half.pixels, [0.5, 0.5])
        // Three columns from four: each covers 4/3 source pixels.
        let row = Raster(width: 4, height: 1, channels: 1, pixels: [0, 0.75, 0.75, 0])!
        let thirds = row.resized(width: 3, height: 1).pixels
        XCTAssertEqual(thirds[0], 0.1875, accuracy: 1e-6)  // (0·1 + 0.75·⅓) / (4/3)
        XCTAssertEqual(thirds[1], 0.75, accuracy: 1e-6)
        XCTAssertEqual(thirds[2], 0.1875, accuracy: 1e-6)
    }

    func testGrowingRepeatsNearestPixel() {
        let r = Raster(width: 2, height: 1, channels: 1, pixels: [0.2, 0.8])!
        XCTAssertEqual(r.resized(width: 4, height: 2).pixels, [0.2, 0.2, 0.8, 0.8, 0.2, 0.2, 0.8, 0.8])
    }

    func testFittingKeepsAspectRatio() {
        let r = Raster(width: 28, height: 28, channels: 1)
        XCTAssertTrue(r.fittedSize(maxWidth: 20, maxHeight: 10) == (10, 10))
        let image = Canvas(image: r, columns: 20, rows: 5)
        XCTAssertEqual(image.width, 10)
        XCTAssertEqual(image.height, 5)
        XCTAssertEqual(Canvas(image: r, columns: 0, rows: 5).width, 0)
    }

    func testImageGridPlacesCaptionsAndImages() {
        let white = Raster(width: 4, height: 4, channels: 1, fill: 1)
        let grid = imageGrid([white, white, white], columns: 2, cellWidth: 4, gutter: 1,
                             rowCaptions: ["a", "bb"], columnCaptions: ["x", "y"])
        // Caption column 3 wide ("bb" + space), then 4 + 1 + 4 image columns.
        XCTAssertEqual(grid.width, 3 + 4 + 1 + 4)
        XCTAssertEqual(grid.line(0).trimmingCharacters(in: .whitespaces), "x    y")
        XCTAssertEqual(grid[1, 3], Cell("▀", fg: .white, bg: .white))
        XCTAssertEqual(grid[1, 0].glyph, "a")
        XCTAssertEqual(grid[1, 7], .blank)  // gutter
    }

    func testMosaicTilesAtNativeResolution() {
        let a = Raster(width: 2, height: 2, channels: 1, fill: 0)
        let m = imageMosaic([a, a, a], columns: 2, gutter: 1, scale: 2, background: 1)
        XCTAssertEqual(m.width, 2 * 4 + 1)
        XCTAssertEqual(m.height, 2 * 4 + 1)
        XCTAssertEqual(m.pixels[0], 0)
        XCTAssertEqual(m.pixels[4], 1)                  // gutter column
        XCTAssertEqual(m.pixels[5 * m.width + 3], 0)    // third image, second row
        XCTAssertEqual(m.pixels[5 * m.width + 5], 1)    // empty fourth slot
        XCTAssertEqual(m.pixels[5 * m.width + 0], 0)
        XCTAssertEqual(m.pixels[8 * m.width + 8], 1)    // empty fourth slot
    }
}
