import XCTest
@testable import Rendering

/// The PNG font: the characters aelab's titles use, and what it does with the others.
final class FontTests: XCTestCase {
    /// The pixels of `text` drawn at scale 1, as rows of "#" and ".".
    private func picture(_ text: String, width: Int = 5) -> [String] {
        var r = Raster(width: width, height: 9, channels: 3, fill: 1)
        BitmapFont.standard.draw(text, into: &r, x: 0, y: 0, color: .black)
        return (0..<9).map { y in String((0..<width).map { r.color(x: $0, y: y) == .black ? "#" : "." }) }
    }

    func testTheSymbolsInAelabsTitlesHaveGlyphs() {
        // Collected from the project's strings and recorded sessions (grep for non-ASCII).
        for ch in "→×·…—–−²³₁₂₃μµσεληβΣΦ∂‖≥≤≈√±°↑↓←✓✗●■".unicodeScalars {
            XCTAssertTrue(BitmapFont.standard.hasGlyph(ch), "no glyph for \(ch)")
        }
        XCTAssertEqual(picture("₁"), [".....", ".....", "..#..", ".##..", "..#..", "..#..", ".###.", ".....", "....."])
    }

    func testAnUnknownCharacterIsABoxNotNothing() {
        XCTAssertFalse(BitmapFont.standard.hasGlyph("☃"))
        XCTAssertEqual(picture("☃"), ["#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####", ".....", "....."])
        XCTAssertEqual(BitmapFont.standard.width(of: "a☃b"), 17, "an unknown character still takes its place")
    }

    func testUpwardTextIsTheGlyphTurnedAQuarterLeft() {
        // "L" is a column down the left and a bar along the bottom; turned left, the column
        // becomes the bottom row (read left to right) and the bar the right-hand column.
        var r = Raster(width: 9, height: 5, channels: 3, fill: 1)
        BitmapFont.standard.drawUpwards("L", into: &r, x: 0, y: 5, color: .black)
        let rows = (0..<5).map { y in String((0..<9).map { r.color(x: $0, y: y) == .black ? "#" : "." }) }
        XCTAssertEqual(rows, ["......#..", "......#..", "......#..", "......#..", "#######.."])
    }

    func testGridTitlesWrapInsteadOfWideningThePictureWithoutEnd() {
        let images = [Raster(width: 4, height: 4, channels: 1, fill: 0.5), Raster(width: 4, height: 4, channels: 1, fill: 0)]
        let title = String(repeating: "variations of test image 7 ", count: 10)
        let picture = gridPNG(images, columns: 2, scale: 1, title: title)
        // 269 characters would be 1613 pixels; the picture stops at 640 and wraps at
        // (640 − 16 + 1) / 6 = 104 characters a line: three lines of 9 pixels.
        XCTAssertEqual(picture.width, 640)
        XCTAssertEqual(picture.height, 8 + 3 * 9 + 4 + 4 + 8)
        let short = gridPNG(images, columns: 2, scale: 1, title: "t")
        XCTAssertEqual(short.width, 8 + 12 + 8, "two 4-pixel images with a 4-pixel gutter between 8-pixel margins")
    }
}
