import Foundation
import Networks
import Notebook
import Rendering
import Tensors
import XCTest
@testable import TerminalUI

/// The explorer in the screen model: keys move the crosshair and the interface decodes under
/// it itself, n/p jump to examples, Enter pins, Esc closes, a replay shows recorded steps.
final class ExplorerTests: XCTestCase {
    /// A decoder of 2-value codes into 4×4 images whose every pixel is sigmoid(x): kernel rows
    /// (1, …, 1) for x and zeros for y, no bias.
    private func snapshot() throws -> DecoderSnapshot {
        var random = Random(seed: 1)
        let decoder = try Sequential(name: "decoder", inputShape: [2], specs: [.dense(units: 16, activation: .sigmoid)], random: &random)
        let kernel = decoder.parameters[0], bias = decoder.parameters[1]
        for i in 0..<16 { kernel.data[i] = 1; kernel.data[16 + i] = 0; bias.data[i] = 0 }
        return try DecoderSnapshot(copying: decoder)
    }

    /// A map of three points, (0, 0), (1, 0) and (0, 1), in the region (−2, −2)…(2, 2), a key a quarter.
    private func map(live: Bool) throws -> ExploreMap {
        let scatter = ScatterData(title: "latent map of 3 test examples", xs: [0, 1, 0], ys: [0, 0, 1], classes: [0, 1, 2], classNames: ["a", "b", "c"],
                                  overlay: ScatterOverlay(bounds: [ScatterOverlay.Point(-2, -2), ScatterOverlay.Point(2, 2)]))
        let originals = (0..<3).map { ExploreDecoding.image(width: 4, height: 4, pixels: Data(repeating: UInt8(10 * $0), count: 16)) }
        return ExploreMap(scatter: scatter, plane: ExplorePlane(origin: [0, 0], u: [1, 0], v: [0, 1]), start: ScatterOverlay.Point(0, 0), step: 0.25,
                          region: [ScatterOverlay.Point(-2, -2), ScatterOverlay.Point(2, 2)], planeText: "codes of 2 values as they are",
                          live: live ? ExploreLive(decoder: try snapshot(), originals: originals, labels: ["a", "b", "c"], imageWidth: 4, imageHeight: 4) : nil)
    }

    /// A screen model whose `explore` cell is running and has sent its map.
    private func opened(live: Bool = true) throws -> ScreenModel {
        let m = ScreenModel(history: History(path: nil))
        _ = m.submit("explore")
        let job = m.nextJob()!
        m.apply(.kernel(job: job.id, .cellStarted(cell: 1, command: "explore")))
        m.apply(.kernel(job: job.id, .explore(.opened(try map(live: live)))))
        return m
    }

    /// Every pixel of a decoding at x: sigmoid(x) as a byte.
    private func pixels(_ x: Double) -> ExploreDecoding {
        .image(width: 4, height: 4, pixels: Data(repeating: UInt8((255 / (1 + exp(-x))).rounded()), count: 16))
    }

    /// Where the crosshair's centre is on the screen.
    private func crosshair(_ frame: Frame) -> (row: Int, col: Int)? {
        for r in 0..<frame.canvas.height { for c in 0..<frame.canvas.width where frame.canvas[r, c].glyph == "┼" { return (r, c) } }
        return nil
    }

    func testTheMapOpensTheExplorerDecodedAtTheStart() throws {
        let m = try opened()
        XCTAssertEqual(m.mode, .explore)
        XCTAssertEqual(m.explorer?.decoding, pixels(0), "sigmoid(0) = 0.5 → 128")
        let frame = m.render(width: 120, height: 40)
        XCTAssertTrue(frame.clicks, "a live explorer takes mouse clicks")
        let text = frame.canvas.plainText
        XCTAssertTrue(text.contains("[1] explore — codes of 2 values as they are"), text)
        XCTAssertTrue(text.contains("decoded at (0.00, 0.00)"), text)
        XCTAssertTrue(text.contains("z = (0.00, 0.00)"), text)
        XCTAssertNotNil(crosshair(frame))
    }

    func testArrowsAndLettersMoveTheCrosshairAndTheDecodingFollowsInTheSameFrame() throws {
        let m = try opened()
        let before = crosshair(m.render(width: 120, height: 40))!
        XCTAssertEqual(m.handle(.right), [.explore(.move(x: 0.25, y: 0, example: nil))])
        XCTAssertEqual(m.explorer?.decoding, pixels(0.25))
        let after = crosshair(m.render(width: 120, height: 40))!
        XCTAssertEqual(after.row, before.row)
        XCTAssertGreaterThan(after.col, before.col)
        XCTAssertEqual(m.handle(.character("k")), [.explore(.move(x: 0.25, y: 0.25, example: nil))])
        XCTAssertEqual(m.handle(.character("H")), [.explore(.move(x: -1, y: 0.25, example: nil))], "capitals move five steps")
        XCTAssertEqual(m.handle(.shiftDown), [.explore(.move(x: -1, y: -1, example: nil))])
        XCTAssertEqual(m.explorer?.decoding, pixels(-1))
        for _ in 0..<5 { _ = m.handle(.shiftLeft) }
        XCTAssertEqual(m.explorer?.crosshair, ScatterOverlay.Point(-2, -1), "the crosshair stays in the region")
        XCTAssertEqual(m.explorer?.trail.count, 6, "the start and five places")
    }

    func testNAndPJumpToTheNearestExamplesWithTheirOriginals() throws {
        let m = try opened()
        _ = m.handle(.right)
        _ = m.handle(.right)
        _ = m.handle(.right)  // (0.75, 0): nearest (1, 0), then (0, 0), then (0, 1)
        XCTAssertEqual(m.handle(.character("n")), [.explore(.move(x: 1, y: 0, example: 1))])
        XCTAssertEqual(m.explorer?.original, .image(width: 4, height: 4, pixels: Data(repeating: 10, count: 16)))
        XCTAssertEqual(m.explorer?.label, "b")
        XCTAssertEqual(m.handle(.character("n")), [.explore(.move(x: 0, y: 0, example: 0))])
        XCTAssertEqual(m.handle(.character("n")), [.explore(.move(x: 0, y: 1, example: 2))])
        XCTAssertEqual(m.handle(.character("p")), [.explore(.move(x: 0, y: 0, example: 0))])
        let text = m.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("test #0, a a"), text)
        _ = m.handle(.left)
        XCTAssertNil(m.explorer?.original, "moving on leaves the example")
    }

    func testEnterPinsAClickMovesAndEscapeCloses() throws {
        let m = try opened()
        XCTAssertEqual(m.handle(.enter), [.explore(.pin)])
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("pinned the decoding at (0.00, 0.00) into cell [1]"))
        let at = crosshair(m.render(width: 120, height: 40))!
        guard case .explore(.move(let x, let y, nil))? = m.handle(.click(row: at.row, col: at.col + 6)).first else { return XCTFail("a click did not move") }
        XCTAssertGreaterThan(x, 0.2)
        XCTAssertEqual(y, 0, accuracy: 0.15)
        XCTAssertEqual(m.handle(.click(row: 0, col: 0)), [], "outside the map a click does nothing")
        XCTAssertEqual(m.handle(.escape), [.explore(.close)])
        XCTAssertEqual(m.mode, .normal)
        XCTAssertNil(m.explorer)
    }

    func testAReplayShowsTheRecordedStepsAndClosesWithTheCell() throws {
        let m = ScreenModel(history: History(path: nil))
        let t = Date()
        m.replay(.cellStarted(cell: 4, command: "explore"), at: t)
        m.replay(.explore(.opened(try map(live: false))), at: t)
        XCTAssertEqual(m.mode, .explore)
        XCTAssertNil(m.explorer?.decoding, "a recording carries no decoder; the steps bring the decodings")
        m.replay(.explore(.moved(ExploreStep(x: 1, y: 0, decoding: pixels(1), example: 1, original: pixels(3), label: "b"))), at: t)
        XCTAssertEqual(m.explorer?.crosshair, ScatterOverlay.Point(1, 0))
        XCTAssertEqual(m.explorer?.decoding, pixels(1))
        let frame = m.render(width: 120, height: 40)
        XCTAssertFalse(frame.clicks)
        XCTAssertTrue(frame.canvas.plainText.contains("test #1, a b"))
        XCTAssertEqual(m.handle(.right), [], "keys steer the replay, not the crosshair")
        m.replay(.explore(.closed), at: t)
        XCTAssertEqual(m.mode, .normal)
    }

    func testWithoutADecoderTheKernelsDecodingFillsIn() throws {
        let m = try opened()
        var map = try self.map(live: false)
        map.live = ExploreLive(decoder: nil, originals: [], labels: [])
        m.explorer = Explorer(map: map, cell: m.explorer!.cell, number: 1)
        XCTAssertEqual(m.handle(.right), [.explore(.move(x: 0.25, y: 0, example: nil))])
        XCTAssertNil(m.explorer?.decoding)
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("decoding…"))
        // An answer for where the crosshair was before is not shown; the one for here is.
        m.explorer!.show(ExploreStep(x: 0, y: 0, decoding: pixels(5)))
        XCTAssertNil(m.explorer?.decoding)
        m.explorer!.show(ExploreStep(x: 0.25, y: 0, decoding: pixels(0.25)))
        XCTAssertEqual(m.explorer?.decoding, pixels(0.25))
    }

    func testTextDecodingsShowTheQuestion() throws {
        let m = try opened(live: false)
        m.explorer!.show(ExploreStep(x: 0, y: 0, decoding: .text("what is the capital of peru ?"), example: 2, original: .text("who wrote hamlet ?"), label: "HUM"))
        let text = m.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("“what is the capital of peru ?”"), text)
        XCTAssertTrue(text.contains("who wrote hamlet ?"), text)
    }
}
