import Foundation
import XCTest
@testable import Rendering

/// The ANSI text of fixed rasters and charts at each colour depth, compared with files in
/// Golden/. Run with AELAB_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and look
/// at the diff before committing it.
final class GoldenTests: XCTestCase {
    private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    private let depths: [(String, ColorDepth)] = [("truecolor", .trueColor), ("256", .palette256), ("16", .palette16), ("none", .none)]

    private func check(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) throws {
        for (label, depth) in depths {
            let url = folder.appendingPathComponent("\(name)-\(label).ansi")
            let text = ansi(canvas, depth: depth)
            if ProcessInfo.processInfo.environment["AELAB_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            XCTAssertEqual(text, expected, "\(url.lastPathComponent) changed", file: file, line: line)
        }
    }

    /// A 12×12 ramp with a bright diagonal, in grey and through gnuplot2.
    private var ramp: Raster {
        var pixels = [Float](repeating: 0, count: 144)
        for y in 0..<12 { for x in 0..<12 { pixels[y * 12 + x] = x == y ? 1 : Float(x + y) / 30 } }
        return Raster(width: 12, height: 12, channels: 1, pixels: pixels)!
    }

    func testImagesAtEveryDepth() throws {
        try check("ramp-gray", Canvas(halfBlocks: ramp))
        try check("ramp-gnuplot2", Canvas(halfBlocks: ramp, colorMap: .gnuplot2))
        try check("grid", imageGrid([ramp, ramp, ramp, ramp], columns: 2, cellWidth: 8, gutter: 1,
                                    rowCaptions: ["a", "b"], columnCaptions: ["x", "y"]))
    }

    func testChartsAtEveryDepth() throws {
        let losses = (0..<50).map { 1 / (1 + Double($0) * 0.2) }
        let chart = LineChart(series: [.init(name: "loss", values: losses), .init(name: "val_loss", values: losses.map { $0 * 1.1 })],
                              title: "loss by epoch")
        try check("chart", chart.render(width: 60, height: 14))
        var points: [(x: Float, y: Float)] = []
        for i in 0..<200 {
            let y: Float = Float(i / 20) + Float(i % 3) * 0.1
            points.append((x: Float(i % 20), y: y))
        }
        try check("scatter", ScatterPlot(points: points, classes: (0..<200).map { $0 % 4 }, classNames: ["a", "b", "c", "d"]).render(width: 40, height: 12))
    }
}
