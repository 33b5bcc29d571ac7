import Foundation
import XCTest
@testable import Rendering

/// The one figure type: its JSON (as recorded sessions hold it) and how it draws.
final class FigureTests: XCTestCase {
    private var sessions: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../sessions").standardized
    }

    /// Every picture in the shipped recordings (format 2: a `figure` line holding
    /// `{"kind": …, its fields in snake_case}`) decodes as its figure's data and encodes back to
    /// the same JSON value (base64 pixels, Float16-packed scatters, colour-map names).
    func testRecordedPicturesDecodeAndEncodeToTheSameJSON() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".aesession") }
        XCTAssertFalse(files.isEmpty, "no recordings in \(sessions.path)")
        let decoder = JSONDecoder(), encoder = JSONEncoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        func again<T: Codable>(_ type: T.Type, _ json: Data) throws -> NSDictionary {
            try JSONSerialization.jsonObject(with: encoder.encode(decoder.decode(type, from: json))) as! NSDictionary
        }
        var counts: [String: Int] = [:]
        for file in files {
            let text = try String(contentsOf: sessions.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      entry["type"] as? String == "figure", var fields = entry["figure"] as? [String: Any],
                      let kind = fields.removeValue(forKey: "kind") as? String else { continue }
                let json = try JSONSerialization.data(withJSONObject: fields)
                let decoded: NSDictionary
                switch kind {
                case "images": decoded = try again(ImageGridData.self, json)
                case "chart": decoded = try again(ChartData.self, json)
                case "scatter": decoded = try again(ScatterData.self, json)
                default: continue
                }
                XCTAssertEqual(decoded, fields as NSDictionary, "\(file): a \(kind) figure")
                counts[kind, default: 0] += 1
            }
        }
        XCTAssertGreaterThan(counts["images"] ?? 0, 0)
        XCTAssertGreaterThan(counts["chart"] ?? 0, 0)
        XCTAssertGreaterThan(counts["scatter"] ?? 0, 0)
    }

    func testColorMapNamesReadInAnyCaseAndUnknownNamesSaySo() throws {
        func grid(_ name: String) throws -> ImageGridData {
            let json = #"{"title":"t","columns":1,"imageWidth":1,"imageHeight":1,"pixels":"gA==","colorMap":"\#(name)"}"#
            return try JSONDecoder().decode(ImageGridData.self, from: Data(json.utf8))
        }
        XCTAssertEqual(try grid("gnuplot2").colorMap, .gnuplot2)
        XCTAssertEqual(try grid("Viridis").colorMap, .viridis)
        XCTAssertEqual(try grid("GRAY").colorMap, .gray)
        XCTAssertEqual(try grid("gray").pixels, Data([128]))
        XCTAssertThrowsError(try grid("jet")) { error in
            XCTAssertTrue("\(error)".contains("unknown colour map 'jet'; expected one of gray, viridis, gnuplot2"), "\(error)")
        }
        let encoded = String(decoding: try JSONEncoder().encode(ColorMap.gnuplot2), as: UTF8.self)
        XCTAssertEqual(encoded, #""gnuplot2""#)
    }

    func testScatterPointsTravelAsHalfPrecisionAndClassesAsBytes() throws {
        let scatter = ScatterData(title: "t", xs: [0.5, -2, 1000.25], ys: [1, 2, 3], classes: [0, 9, 255], classNames: ["a"], note: "n")
        let json = try JSONEncoder().encode(scatter)
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertFalse(text.contains("1000.25"), "coordinates are packed: \(text)")
        let back = try JSONDecoder().decode(ScatterData.self, from: json)
        XCTAssertEqual(back.xs, [0.5, -2, 1000], "Float16 keeps about three significant digits")
        XCTAssertEqual(back.ys, [1, 2, 3])
        XCTAssertEqual(back.classes, [0, 9, 255])
        XCTAssertEqual(back.note, "n")
        // Sessions written with plain arrays still read.
        let plain = #"{"title":"t","xs":[1.5],"ys":[2],"classes":[300],"classNames":[]}"#
        let old = try JSONDecoder().decode(ScatterData.self, from: Data(plain.utf8))
        XCTAssertEqual(old.xs, [1.5])
        XCTAssertEqual(old.classes, [300])
    }

    private let note = "codes of 32 dimensions projected on their first two principal components (87% of their variance)"

    private var scatter: Figure {
        .scatter(ScatterData(title: "latent space", xs: (0..<100).map { Float($0 % 10) }, ys: (0..<100).map { Float($0 / 10) },
                             classes: (0..<100).map { $0 % 3 }, classNames: ["a", "b", "c"], note: note))
    }

    func testTheScatterNoteIsOnItsOwnLinesUnderThePlot() {
        let canvas = scatter.render(width: 60, height: 20)
        XCTAssertEqual(canvas.height, 20)
        XCTAssertEqual(canvas.line(0).trimmingCharacters(in: .whitespaces), "latent space", "the note is not in the title")
        // Wrapped at 60 columns: "codes … first two" (57) and "principal components (87% of their variance)".
        XCTAssertEqual(canvas.line(18).trimmingCharacters(in: .whitespaces), "codes of 32 dimensions projected on their first two")
        XCTAssertEqual(canvas.line(19).trimmingCharacters(in: .whitespaces), "principal components (87% of their variance)")
        XCTAssertEqual(canvas[19, 0].fg, noteColor)
        // With room for one line only (a quarter of 6 rows), the note is cut with an ellipsis.
        let small = scatter.render(width: 60, height: 6)
        XCTAssertEqual(small.line(5).trimmingCharacters(in: .whitespaces), "codes of 32 dimensions projected on their first two…")
    }

    func testTheScatterNoteIsUnderThePNGToo() {
        let picture = scatter.png()
        // 900 pixels of plot, then at text scale 2 (margin 16, 12 pixels a character) the note
        // fits (900 − 32 + 2) / 12 = 72 characters a line: a 4-pixel gap, two lines 22 pixels
        // apart and a 12-pixel margin.
        XCTAssertEqual(picture.width, 900)
        XCTAssertEqual(picture.height, 900 + 4 + 2 * 22 + 12)
        let noteInk = (900..<picture.height).contains { y in
            (0..<picture.width).contains { picture.color(x: $0, y: y) == noteColor }
        }
        XCTAssertTrue(noteInk)
    }

    func testInlineSizesInANotebookCell() {
        let chart = Figure.chart(ChartData(title: "training loss", xLabel: "epoch", series: [.init(name: "loss", values: [3, 2, 1])]))
        XCTAssertEqual(chart.title, "training loss (by epoch)")
        let wide = chart.inline(width: 140)
        XCTAssertEqual([wide.width, wide.height], [100, 14])
        let narrow = scatter.inline(width: 50)
        XCTAssertEqual([narrow.width, narrow.height], [50, 24])
        // Two rows of two 4×4 images: six rows an image row, boxes as wide as fit.
        let grid = Figure.images(ImageGridData(title: "g", columns: 2, imageWidth: 4, imageHeight: 4, pixels: Data(count: 64)))
        XCTAssertLessThanOrEqual(grid.inline(width: 80).height, 12)
        XCTAssertEqual(grid.render(width: 0, height: 5).cells.count, 0)
    }
}
