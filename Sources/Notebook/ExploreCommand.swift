import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// A point of the latent map as an option value: `at=0.5,-1.2`.
struct MapPoint: OptionValue {
    var x: Float
    var y: Float

    static func parse(_ text: String) -> Result<MapPoint, OptionProblem> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let x = Float(parts[0]), let y = Float(parts[1]), x.isFinite, y.isFinite else {
            return .failure(OptionProblem("must be two numbers X,Y such as 0.5,-1.2, not '\(text)'"))
        }
        return .success(MapPoint(x: x, y: y))
    }

    var optionText: String { "\(x.optionText),\(y.optionText)" }
    static var placeholder: String { "X,Y" }
}

/// What the coordinates off the plane are fixed at: the codes' mean or one example's code.
enum PlaneAnchor: OptionValue {
    case mean
    case example(Int)

    static func parse(_ text: String) -> Result<PlaneAnchor, OptionProblem> {
        if text.lowercased() == "mean" { return .success(.mean) }
        guard let n = Int(text), n >= 0 else { return .failure(OptionProblem("must be mean or a test example's index N, not '\(text)'")) }
        return .success(.example(n))
    }

    var optionText: String {
        switch self {
        case .mean: return "mean"
        case .example(let n): return String(n)
        }
    }

    static var placeholder: String { "mean|N" }
}

/// `explore`: the latent space under a crosshair. In the notebook it opens full screen and the
/// cell stays open while the person moves (see `ExploreEvent`); without the notebook (`aelab
/// run`, a replay's `--verify`) and with `to=` it decodes where it is told and finishes.
struct ExploreCommand: NotebookCommand {
    static let name = "explore"
    static let summary = "move through the latent space: test codes on a map, and what the decoder makes under a crosshair (full screen in the notebook; at=X,Y decodes one point, to=X,Y a path)"

    @Option(help: "the map point to decode (in the notebook the crosshair starts there); default: the middle of the codes") var at: MapPoint?
    @Option(help: "decode the straight path from 'at' to this map point as a row of images, without opening the explorer") var to: MapPoint?
    @Option(help: "images along the path from at to to", in: 2...32) var steps = 8
    @Option(help: "two code dimensions to move in, I,J, counted from 1 as the axes are labelled (z₁ first); default: codes of two values as they are, wider codes on the plane of their first two principal components through their mean", each: 1...65536, maxCount: 2)
    var dims: [Int] = []
    @Option(help: "with dims: the other coordinates fixed at the codes' mean, or at test example N's code") var fixed: PlaneAnchor?
    @Option(help: "test examples on the map", in: 2...10_000) var n = 1000

    /// The largest number of images in a path row.
    static let pathImages = 16

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        let decode = try decoder(model, data)
        let set = data.test.prefix(min(n, data.test.count))
        guard set.count >= 2 else { throw NotebookError.needs(command: Self.name, what: "the test set has \(set.count) example; the map needs two") }
        let codes = model.encode(set)
        let (plane, planeText, axes) = try self.plane(codes, model: model, data: data)
        var xs = [Float](), ys = [Float]()
        for i in 0..<set.count {
            let p = plane.project(codes.data + i * codes.shape[1])
            xs.append(p.x)
            ys.append(p.y)
        }
        // However narrow the points lie on the plane (a code value that is always zero), the
        // crosshair may range as far as the codes' own scale.
        let scale = Float((0..<codes.count).reduce(0.0) { $0 + Double(codes.data[$1] * codes.data[$1]) } / Double(max(1, codes.count))).squareRoot()
        var map = Self.map(xs: xs, ys: ys, plane: plane, variational: model.isVariational, set: set, planeText: planeText, axes: axes,
                           minimumSpan: 2 * scale)
        cell.print("the map: \(set.count) test examples, \(planeText)")
        // Points are held to the map's region, as the live crosshair is: far outside it a
        // decoder's activations overflow and the picture says nothing.
        func onMap(_ p: MapPoint, _ option: String) -> ScatterOverlay.Point {
            let point = map.clamped(x: p.x, y: p.y)
            if point.x != p.x || point.y != p.y {
                cell.print("\(option)=\(p.optionText) lies outside the map; taken at its edge, (\(coordinate(point)))")
            }
            return point
        }
        if let at {
            let start = onMap(at, "at")
            map.start = start
        }
        let end = to.map { onMap($0, "to") }
        cell.metrics["code_width"] = Double(model.codeWidth)
        cell.metrics["map_points"] = Double(set.count)
        let labels = set.labels.map { l in l.map { set.classNames.indices.contains($0) ? set.classNames[$0] : String($0) } }

        if let input = kernel.exploreInput, to == nil {
            let originals = (0..<set.count).map { i in Self.original(set, i) }
            map.live = ExploreLive(decoder: decode.snapshot, originals: originals, labels: (0..<set.count).map { labels?[$0] },
                                   imageWidth: set.imageSize?.width, imageHeight: set.imageSize?.height)
            try interact(input, map: map, decode: decode.run, originals: originals, labels: labels, cell: cell)
            return
        }
        let start = map.start
        if let to = end {
            let points = (0..<steps).map { k -> ScatterOverlay.Point in
                let t = Float(k) / Float(steps - 1)
                return ScatterOverlay.Point(start.x + t * (to.x - start.x), start.y + t * (to.y - start.y))
            }
            cell.show(.scatter(Self.picture(map, path: points, crosshair: points.last)), name: "map")
            cell.show(try Self.row(points.map { ($0, decode.run(plane.code(x: $0.x, y: $0.y))) },
                                   title: "decoded along the path from (\(coordinate(start))) to (\(coordinate(points.last!)))"), name: "path")
            cell.print("decoded \(steps) points from (\(coordinate(start))) to (\(coordinate(points.last!)))")
        } else {
            let decoding = decode.run(plane.code(x: start.x, y: start.y))
            cell.show(.scatter(Self.picture(map, path: [], crosshair: start)), name: "map")
            cell.show(try Self.row([(start, decoding)], title: "decoded at (\(coordinate(start)))"), name: "pin")
            cell.print("decoded at (\(coordinate(start))): " + codeText(plane.code(x: start.x, y: start.y)))
        }
    }

    /// The live explorer: steps for the moves the interface asks for, pins, and at the end
    /// the map with the path and the path as a row of images.
    func interact(_ input: ExploreInput, map: ExploreMap, decode: ([Float]) -> ExploreDecoding, originals: [ExploreDecoding],
                  labels: [String]?, cell: Cell) throws {
        let plane = map.plane
        cell.emit(.explore(.opened(map)))
        var path: [ExploreStep] = []
        func step(_ x: Float, _ y: Float, example: Int?) -> ExploreStep {
            let point = map.clamped(x: x, y: y)
            var step = ExploreStep(x: point.x, y: point.y, decoding: decode(plane.code(x: point.x, y: point.y)))
            if let example, originals.indices.contains(example) {
                step.example = example
                step.original = originals[example]
                step.label = labels?[example]
            }
            return step
        }
        var current = step(map.start.x, map.start.y, example: nil)
        cell.emit(.explore(.moved(current)))
        path.append(current)
        var pins = 0
        while let request = input.next() {
            switch request {
            case let .move(x, y, example):
                current = step(x, y, example: example)
                cell.emit(.explore(.moved(current)))
                path.append(current)
            case .pin:
                pins += 1
                var images = [(ScatterOverlay.Point(current.x, current.y), current.decoding)]
                var title = "pinned at (\(coordinate(ScatterOverlay.Point(current.x, current.y))))"
                if let original = current.original, let example = current.example {
                    images.append((ScatterOverlay.Point(current.x, current.y), original))
                    title += " beside test example \(example)" + (current.label.map { ", a \($0)" } ?? "")
                }
                cell.show(try Self.row(images, title: title, captions: images.count == 2 ? ["decoded", "example"] : nil), name: "pin")
            case .close:
                break
            }
        }
        cell.emit(.explore(.closed))
        let points = path.map { ScatterOverlay.Point($0.x, $0.y) }
        cell.show(.scatter(Self.picture(map, path: points, crosshair: points.last)), name: "map")
        let picked = Self.spaced(path)
        if picked.count > 1 {
            cell.show(try Self.row(picked.map { (ScatterOverlay.Point($0.x, $0.y), $0.decoding) },
                                   title: "the crosshair's path: \(path.count - 1) move\(path.count == 2 ? "" : "s"), \(picked.count) points along it"), name: "path")
        }
        cell.print("explored: \(path.count - 1) move\(path.count == 2 ? "" : "s"), \(pins) decoding\(pins == 1 ? "" : "s") pinned; the crosshair ended at (\(coordinate(points.last!)))")
    }

    /// Up to `pathImages` steps evenly spaced along the path by its length, first and last kept.
    static func spaced(_ path: [ExploreStep]) -> [ExploreStep] {
        var distinct: [ExploreStep] = []
        for step in path where distinct.last.map({ $0.x != step.x || $0.y != step.y }) ?? true { distinct.append(step) }
        guard distinct.count > pathImages else { return distinct }
        var lengths = [Float(0)]
        for (a, b) in zip(distinct, distinct.dropFirst()) { lengths.append(lengths.last! + ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()) }
        let total = lengths.last!
        return (0..<pathImages).map { k in
            let target = total * Float(k) / Float(pathImages - 1)
            return distinct[lengths.firstIndex { $0 >= target - 1e-6 } ?? distinct.count - 1]
        }
    }

    /// How a code becomes a picture: the decoder run in the kernel, and a copy for the
    /// interface. Images for image data; questions for text models (decoded in the kernel only).
    func decoder(_ model: Autoencoder, _ data: DataSplit) throws -> (run: ([Float]) -> ExploreDecoding, snapshot: DecoderSnapshot?) {
        if let text = data.test.text {
            guard model.takesTokens else {
                throw NotebookError.needs(command: Self.name, what: "on text data it shows the question a code decodes to, which needs a text model (lstm or seq2seq); this one is \(model.kindName)")
            }
            // Greedy decoding runs in the kernel: the interface has no copy of a text decoder and
            // shows each question when the kernel's step arrives.
            let width = model.codeWidth, words = text.vocabulary.words
            return ({ code in .text(decodedQuestion(model.decodeTokens(Tensor(code, shape: [1, width])).first ?? [], words: words)) }, nil)
        }
        guard let size = data.test.imageSize, model.outputWidth == size.height * size.width else {
            throw NotebookError.needs(command: Self.name, what: "\(data.test.name) holds rows of \(data.test.features) values; the explorer shows images (and questions, with text models)")
        }
        let width = model.codeWidth
        let snapshot: DecoderSnapshot?
        do { snapshot = try DecoderSnapshot(copying: model.decoder) } catch { throw NotebookError.failed("explore: \(error)") }
        return ({ code in .image(model.decode(Tensor(code, shape: [1, width])).scalars, width: size.width, height: size.height) }, snapshot)
    }

    /// The plane the options ask for, how to say it, and the axes' names.
    func plane(_ codes: Tensor, model: Autoencoder, data: DataSplit) throws -> (ExplorePlane, String, (String, String)) {
        let k = codes.shape[1], rows = codes.shape[0]
        func unit(_ i: Int) -> [Float] { (0..<k).map { $0 == i ? 1 : 0 } }
        var mean = [Float](repeating: 0, count: k)
        for i in 0..<rows { for j in 0..<k { mean[j] += codes.data[i * k + j] / Float(rows) } }
        if !dims.isEmpty {
            guard dims.count == 2 else { throw NotebookError.badOption(command: Self.name, option: "dims", reason: "takes two dimensions I,J, not \(dims.count)") }
            guard dims[0] != dims[1] else { throw NotebookError.badOption(command: Self.name, option: "dims", reason: "takes two different dimensions, not \(dims[0]) twice") }
            if let wide = dims.first(where: { $0 > k }) {
                throw NotebookError.badOption(command: Self.name, option: "dims", reason: "asks for z\(subscripted(wide)) but the codes have \(k) value\(k == 1 ? "" : "s")")
            }
            let (i, j) = (dims[0] - 1, dims[1] - 1)
            var origin = mean
            var anchorText = "the other coordinates at the codes' mean"
            if case .example(let index) = fixed ?? .mean {
                guard index < data.test.count else {
                    throw NotebookError.badOption(command: Self.name, option: "fixed", reason: "is past the \(data.test.count) test examples")
                }
                origin = model.encode(data.test.subset([index])).scalars
                anchorText = "the other coordinates at test example \(index)'s code"
            }
            origin[i] = 0
            origin[j] = 0
            return (ExplorePlane(origin: origin, u: unit(i), v: unit(j)), "z\(subscripted(dims[0])) and z\(subscripted(dims[1])) of \(k), \(anchorText)",
                    ("z\(subscripted(dims[0]))", "z\(subscripted(dims[1]))"))
        }
        if fixed != nil {
            throw NotebookError.badOption(command: Self.name, option: "fixed", reason: "applies with dims=I,J; the principal plane goes through the codes' mean")
        }
        if k <= 2 {
            let v = k == 2 ? unit(1) : [Float](repeating: 0, count: k)
            return (ExplorePlane(origin: [Float](repeating: 0, count: k), u: unit(0), v: v), "codes of \(k) value\(k == 1 ? "" : "s") as they are", ("z₁", k == 2 ? "z₂" : ""))
        }
        let pca: PCA
        do { pca = try PCA(fitting: codes, components: 2) } catch { throw NotebookError.failed("explore: \(error)") }
        let explained = 100 * Double(pca.explainedRatio.reduce(0, +))
        return (ExplorePlane(origin: pca.mean, u: pca.components[0], v: pca.components[1]),
                String(format: "codes of %d values on the plane of their first two principal components through their mean (%.0f%% of their variance), the other coordinates at the mean", k, explained),
                ("PC 1 of z", "PC 2 of z"))
    }

    /// The map: the points coloured by class, the prior's circles for a VAE, and the region
    /// the crosshair moves in (the points and circles with a margin).
    static func map(xs: [Float], ys: [Float], plane: ExplorePlane, variational: Bool, set: Dataset, planeText: String,
                    axes: (String, String), minimumSpan: Float = 0) -> ExploreMap {
        var overlay = ScatterOverlay()
        if variational {
            // N(0, I) seen on an orthonormal plane is N(0, I) in two dimensions, centred where 0 lands.
            let zero = [Float](repeating: 0, count: plane.origin.count)
            let center = zero.withUnsafeBufferPointer { plane.project($0.baseAddress!) }
            overlay.circles = (1...3).map { ScatterOverlay.Circle(center: ScatterOverlay.Point(center.x, center.y), radius: Float($0), label: "\($0)σ") }
        }
        let extent = overlay.extent
        let allX = xs.filter(\.isFinite) + extent.map(\.x), allY = ys.filter(\.isFinite) + extent.map(\.y)
        var lo = ScatterOverlay.Point(allX.min() ?? -1, allY.min() ?? -1), hi = ScatterOverlay.Point(allX.max() ?? 1, allY.max() ?? 1)
        for axis in [\ScatterOverlay.Point.x, \ScatterOverlay.Point.y] where hi[keyPath: axis] - lo[keyPath: axis] < minimumSpan {
            let middle = (hi[keyPath: axis] + lo[keyPath: axis]) / 2
            lo[keyPath: axis] = middle - minimumSpan / 2
            hi[keyPath: axis] = middle + minimumSpan / 2
        }
        let margin = 0.05 * max(hi.x - lo.x, hi.y - lo.y, 1e-3)
        lo = ScatterOverlay.Point(lo.x - margin, lo.y - margin)
        hi = ScatterOverlay.Point(hi.x + margin, hi.y + margin)
        overlay.bounds = [lo, hi]
        var scatter = ScatterData(title: "latent map of \(xs.count) \(set.name) test examples", xs: xs, ys: ys, classes: set.labels,
                                  classNames: set.classNames, overlay: overlay)
        (scatter.xLabel, scatter.yLabel) = axes
        let count = Float(max(1, xs.count))
        let start = ScatterOverlay.Point(xs.reduce(0, +) / count, ys.reduce(0, +) / count)
        return ExploreMap(scatter: scatter, plane: plane, start: start, step: max(hi.x - lo.x, hi.y - lo.y) / 64, region: [lo, hi], planeText: planeText)
    }

    /// The map as a picture with a path and a crosshair on it.
    static func picture(_ map: ExploreMap, path: [ScatterOverlay.Point], crosshair: ScatterOverlay.Point?) -> ScatterData {
        var scatter = map.scatter
        scatter.overlay?.path = path
        scatter.overlay?.crosshair = crosshair
        return scatter
    }

    /// Decodings in a row, each captioned with where it was decoded.
    static func row(_ images: [(point: ScatterOverlay.Point, decoding: ExploreDecoding)], title: String, captions: [String]? = nil) throws -> Figure {
        let rasters = images.compactMap { $0.decoding.raster }
        guard let first = rasters.first, rasters.count == images.count else {
            let lines = images.map { "(\(coordinate($0.point))): " + (decodedText($0.decoding) ?? "") }
            return .textList(TextListData(title: title, lines: lines.map { TextListData.Line([TextListData.Span($0)]) }))
        }
        var pixels = Data()
        for raster in rasters { pixels.append(contentsOf: raster.bytes) }
        return .images(ImageGridData(title: title, columns: rasters.count, imageWidth: first.width, imageHeight: first.height, pixels: pixels,
                                     columnCaptions: captions))
    }

    /// Test example `i` as the explorer shows it beside a decoding.
    static func original(_ set: Dataset, _ i: Int) -> ExploreDecoding {
        if let text = set.text, text.texts.indices.contains(i) { return .text(text.texts[i]) }
        guard let size = set.imageSize else { return .text("") }
        return .image(set.batch(i..<(i + 1)).scalars, width: size.width, height: size.height)
    }
}

/// "0.52, −1.13"; a value that rounds to zero is "0.00", whichever side it lies.
func coordinate(_ p: ScatterOverlay.Point) -> String {
    func shown(_ v: Float) -> String {
        let text = String(format: "%.2f", v)
        return text == "-0.00" ? "0.00" : text.replacingOccurrences(of: "-", with: "−")
    }
    return shown(p.x) + ", " + shown(p.y)
}

/// The text of a text decoding.
func decodedText(_ decoding: ExploreDecoding) -> String? {
    if case .text(let text) = decoding { return text }
    return nil
}

/// A code in a line: every value when there are few, the first eight otherwise.
func codeText(_ code: [Float]) -> String {
    let shown = code.prefix(8).map { String(format: "%.3f", $0) }.joined(separator: ", ")
    return "z = (" + shown + (code.count > 8 ? ", … \(code.count) values)" : ")")
}

/// 12 → "₁₂"
func subscripted(_ n: Int) -> String {
    let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
}
