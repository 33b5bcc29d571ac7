import Foundation
import Notebook
import Rendering

/// The explorer's state without a terminal: the latent map, the crosshair and what the decoder
/// makes under it. Live, it decodes itself with the decoder the kernel handed over (so a key
/// is answered in the frame it was pressed in) and tells the kernel every move, which records
/// it; in a replay it shows the recorded steps.
struct Explorer {
    let map: ExploreMap
    /// The notebook cell the explorer belongs to.
    let cell: Int
    /// The cell's number, for the title.
    let number: Int
    private(set) var crosshair: ScatterOverlay.Point
    private(set) var decoding: ExploreDecoding?
    /// The test example the crosshair jumped to, with its original and class.
    private(set) var example: Int?
    private(set) var original: ExploreDecoding?
    private(set) var label: String?
    /// Where the crosshair has been, oldest first (the last `trailLength` positions).
    private(set) var trail: [ScatterOverlay.Point] = []
    /// Decodings pinned into the cell so far.
    var pins = 0
    /// Milliseconds the last decoding under the crosshair took here.
    private(set) var decodeMilliseconds: Double?
    /// The test examples by distance from where `n` was first pressed, and which one is shown.
    private var ranking: (order: [Int], position: Int)?
    private var mapCache: (width: Int, height: Int, canvas: Canvas, mapping: ScatterMapping?)?
    /// The size last drawn at, for mouse clicks.
    private var screen: (width: Int, height: Int)?

    static let trailLength = 400
    /// Shift and the capital letters move this many steps.
    static let bigStep: Float = 5

    init(map: ExploreMap, cell: Int, number: Int) {
        self.map = map
        self.cell = cell
        self.number = number
        crosshair = map.start
        trail = [map.start]
        if let live = map.live { decodeHere(live) }
    }

    var isLive: Bool { map.live != nil }

    /// The code under the crosshair.
    var code: [Float] { map.plane.code(x: crosshair.x, y: crosshair.y) }

    // MARK: Moving

    /// Moves the crosshair by whole steps; the request that tells the kernel.
    mutating func move(dx: Float, dy: Float) -> ExploreRequest {
        moveTo(x: crosshair.x + dx * map.step, y: crosshair.y + dy * map.step, example: nil)
    }

    /// Moves the crosshair to a map point (kept in the map's region).
    mutating func moveTo(x: Float, y: Float, example: Int?) -> ExploreRequest {
        if example == nil { ranking = nil }
        crosshair = map.clamped(x: x, y: y)
        self.example = example
        if let example, let live = map.live, live.originals.indices.contains(example) {
            original = live.originals[example]
            label = live.labels[example]
        } else {
            original = nil
            label = nil
        }
        remember(crosshair)
        if let live = map.live { decodeHere(live) }
        return .move(x: crosshair.x, y: crosshair.y, example: example)
    }

    /// `n` (1) and `p` (−1): to the next or previous test example by distance from where the
    /// first `n` was pressed; nil when the map has no points.
    mutating func nearest(_ direction: Int) -> ExploreRequest? {
        let xs = map.scatter.xs, ys = map.scatter.ys
        guard !xs.isEmpty else { return nil }
        if ranking == nil {
            let (cx, cy) = (crosshair.x, crosshair.y)
            let order = xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite }
                .sorted { (xs[$0] - cx) * (xs[$0] - cx) + (ys[$0] - cy) * (ys[$0] - cy) < (xs[$1] - cx) * (xs[$1] - cx) + (ys[$1] - cy) * (ys[$1] - cy) }
            guard !order.isEmpty else { return nil }
            ranking = (order, direction > 0 ? 0 : order.count - 1)
        } else {
            let count = ranking!.order.count
            ranking!.position = (ranking!.position + direction + count) % count
        }
        let index = ranking!.order[ranking!.position]
        let keep = ranking
        let request = moveTo(x: xs[index], y: ys[index], example: index)
        ranking = keep
        return request
    }

    /// A step the kernel sent: in a replay, or live without a decoder of its own.
    mutating func show(_ step: ExploreStep) {
        if isLive {
            // Live, the interface moved first; the kernel's answer fills in what it could not decode.
            guard decoding == nil || map.live?.decoder == nil, step.x == crosshair.x, step.y == crosshair.y else { return }
            decoding = step.decoding
            return
        }
        crosshair = ScatterOverlay.Point(step.x, step.y)
        decoding = step.decoding
        example = step.example
        original = step.original
        label = step.label
        remember(crosshair)
    }

    private mutating func remember(_ point: ScatterOverlay.Point) {
        if trail.last != point { trail.append(point) }
        if trail.count > Explorer.trailLength { trail.removeFirst(trail.count - Explorer.trailLength) }
    }

    private mutating func decodeHere(_ live: ExploreLive) {
        let start = DispatchTime.now().uptimeNanoseconds
        if let decoded = live.decode(code) {
            decoding = decoded
            decodeMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        } else {
            decoding = nil
        }
    }

    // MARK: Drawing

    /// Where the map goes on a `width × height` screen: under the title row, over the status row.
    static func mapRect(width: Int, height: Int) -> Rect {
        Rect(row: 1, col: 0, width: min(width * 3 / 5, (height - 2) * 3), height: height - 2)
    }

    /// The map point under a screen cell, nil outside the map's plot.
    func point(row: Int, col: Int) -> ScatterOverlay.Point? {
        guard let mapping = mapCache?.mapping, let screen else { return nil }
        let rect = Explorer.mapRect(width: screen.width, height: screen.height)
        guard let p = mapping.point(row: row - rect.row, col: col - rect.col) else { return nil }
        return ScatterOverlay.Point(Float(p.x), Float(p.y))
    }

    /// The explorer on a `width × height` screen, its last row left for the status line: the
    /// title, the map on the left and the decoding on the right.
    mutating func render(width: Int, height: Int) -> Canvas {
        screen = (width, height)
        var canvas = Canvas(width: width, height: height)
        let title = "[\(number)] explore — \(map.planeText)"
        canvas.text(String(title.prefix(width - 2)), row: 0, col: 1, fg: Theme.accent)
        let rect = Explorer.mapRect(width: width, height: height)
        canvas.blit(mapCanvas(width: rect.width, height: rect.height), atRow: rect.row, col: rect.col)
        let detailCol = rect.width + 2
        canvas.blit(detail(width: width - detailCol - 1, height: rect.height), atRow: rect.row + 1, col: detailCol)
        return canvas
    }

    /// The map with the trail and the crosshair, `width × height` (the points are drawn once a size).
    mutating func mapCanvas(width: Int, height: Int) -> Canvas {
        if mapCache?.width != width || mapCache?.height != height {
            let drawn = map.scatter.plot.rendered(width: width, height: height)
            mapCache = (width, height, drawn.canvas, drawn.mapping)
        }
        var canvas = mapCache!.canvas
        if let mapping = mapCache!.mapping {
            mapping.drawPath(trail, into: &canvas, color: ScatterOverlay.pathColor)
            ScatterPlot.drawCrosshair(into: &canvas, at: crosshair, mapping: mapping)
        }
        return canvas
    }

    /// The right-hand side: the decoding (beside the original after `n`/`p`), where it is, and
    /// the code.
    func detail(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        var row = 0
        canvas.text("decoded at (\(Explorer.coordinate(crosshair)))", row: row, col: 0, fg: Theme.accent)
        row += 1
        // The decoding as large as leaves room for the code and the facts under it.
        let imageRows = max(4, min((height - 8) * 2 / 3, width / 2))
        switch (decoding, original) {
        case let (.image?, original?) where original.raster != nil:
            let half = (width - 1) / 2
            let caption = "test #\(example ?? 0)" + (label.map { ", a \($0)" } ?? "")
            canvas.text("decoded", row: row, col: max(0, (half - 7) / 2), fg: Theme.dim)
            canvas.text(String(caption.prefix(half)), row: row, col: half + 1 + max(0, (half - caption.count) / 2), fg: Theme.dim)
            row += 1
            let left = Canvas(image: decoding!.raster!, columns: half, rows: imageRows)
            let right = Canvas(image: original.raster!, columns: half, rows: imageRows)
            canvas.blit(left, atRow: row, col: (half - left.width) / 2)
            canvas.blit(right, atRow: row, col: half + 1 + (half - right.width) / 2)
            row += max(left.height, right.height) + 1
        case let (.image?, _):
            let picture = Canvas(image: decoding!.raster!, columns: width, rows: imageRows)
            canvas.blit(picture, atRow: row, col: (width - picture.width) / 2)
            row += picture.height + 1
        case let (.text(question)?, _):
            for line in wrap("“" + question + "”", width: width) { canvas.text(line, row: row, col: 0, fg: Theme.command); row += 1 }
            if case .text(let asked)? = original {
                row += 1
                canvas.text("test #\(example ?? 0)" + (label.map { ", \($0)" } ?? "") + ":", row: row, col: 0, fg: Theme.dim)
                row += 1
                for line in wrap(asked, width: width) { canvas.text(line, row: row, col: 0); row += 1 }
            }
            row += 1
        case (nil, _):
            canvas.text("decoding…", row: row, col: 0, fg: Theme.dim)
            row += 2
        }
        let code = self.code
        for line in wrap(Explorer.codeLine(code), width: width) where row < height {
            canvas.text(line, row: row, col: 0, fg: Theme.dim)
            row += 1
        }
        var facts: [String] = []
        facts.append("\(trail.count - 1) move\(trail.count == 2 ? "" : "s")" + (pins > 0 ? ", \(pins) pinned" : ""))
        if let ms = decodeMilliseconds { facts.append(String(format: "decoded here in %.2f ms", ms)) }
        for fact in facts {
            for line in wrap(fact, width: width) where row < height {
                canvas.text(line, row: row, col: 0, fg: Theme.dim)
                row += 1
            }
        }
        return canvas
    }

    /// "0.52, −1.13"
    static func coordinate(_ p: ScatterOverlay.Point) -> String {
        String(format: "%.2f, %.2f", p.x, p.y).replacingOccurrences(of: "-", with: "−")
    }

    /// The code in a line: every value when there are few, the first eight otherwise.
    static func codeLine(_ code: [Float]) -> String {
        let shown = code.prefix(8).map { String(format: "%.2f", $0).replacingOccurrences(of: "-", with: "−") }.joined(separator: ", ")
        return "z = (" + shown + (code.count > 8 ? ", … of \(code.count))" : ")")
    }
}
