import Foundation
@testable import Rendering
import XCTest

/// Figures read from a file are checked before they are drawn: sizes that are negative,
/// inconsistent or huge are named, not multiplied (imageWidth 2⁶² trapped in `count`).
final class FigureCheckTests: XCTestCase {
    private func grid(width: Int, height: Int, bytes: Int, columns: Int = 2) -> Figure {
        .images(ImageGridData(title: "t", columns: columns, imageWidth: width, imageHeight: height, pixels: Data(count: bytes)))
    }

    func testImageGridSizesAreChecked() {
        XCTAssertNil(grid(width: 28, height: 28, bytes: 2 * 784).problem)
        XCTAssertEqual(grid(width: -28, height: 28, bytes: 784).problem, "images of -28×28 pixels: each size must be at least 1")
        XCTAssertEqual(grid(width: 1 << 62, height: 28, bytes: 784).problem, "images of 4611686018427387904×28 pixels are too large")
        XCTAssertEqual(grid(width: 28, height: 28, bytes: 785).problem, "785 pixel bytes are not whole images of 28×28")
        XCTAssertEqual(grid(width: 28, height: 28, bytes: 784, columns: 0).problem, "0 columns: expected 1 to 4096")
        // 5,351 digits of 784 bytes are 4,195,184 bytes, over the 4,194,304 (2²²) a grid may hold.
        XCTAssertEqual(grid(width: 28, height: 28, bytes: 5351 * 784).problem, "4195184 pixels are more than an image grid may hold (4194304)")
    }

    func testScattersChartsHistogramsAndTextListsAreChecked() {
        let scatter = ScatterData(title: "s", xs: [0, 1], ys: [0], classes: nil, classNames: [])
        XCTAssertEqual(Figure.scatter(scatter).problem, "2 x values but 1 y values")
        let classes = ScatterData(title: "s", xs: [0, 1], ys: [0, 1], classes: [0, -3], classNames: ["a"])
        XCTAssertEqual(Figure.scatter(classes).problem, "a class is outside 0…4095")
        XCTAssertEqual(Figure.scatter(ScatterData(title: "s", xs: [0], ys: [0], classes: [0, 1], classNames: [])).problem, "2 classes for 1 points")
        XCTAssertNil(Figure.scatter(ScatterData(title: "s", xs: [0, 1], ys: [0, 1], classes: [0, 1], classNames: ["a", "b"])).problem)
        XCTAssertEqual(Figure.chart(ChartData(title: "c", xLabel: "epoch", series: [], smoothing: 1)).problem, "smoothing 1.0: expected 0 up to 1")
        XCTAssertEqual(Figure.chart(ChartData(title: "c", xLabel: "epoch", series: [.init(name: "loss", values: [1], firstX: .nan)])).problem,
                       "an x position is not a finite number")
        let bins = HistogramData(title: "h", lo: 0, hi: 1, groups: [.init(name: "a", counts: [1, 2]), .init(name: "b", counts: [1])])
        XCTAssertEqual(Figure.histogram(bins).problem, "every group needs the same number of bins and counts of 0 or more")
        XCTAssertEqual(Figure.histogram(HistogramData(title: "h", lo: 1, hi: .infinity, groups: [])).problem, "the range 1.0…inf is not a finite interval")
        let points = Scatter3DData(title: "p", xs: [0], ys: [0], zs: [0, 1])
        XCTAssertEqual(Figure.scatter3D(points).problem, "1, 1 and 2 coordinates do not make points")
        let text = TextListData(title: "t", lines: [.init([.init("x")], indent: -1)])
        XCTAssertEqual(Figure.textList(text).problem, "an indent is outside 0…200")
    }
}
