import Autoencoders
import Datasets
import Foundation
import Networks
@testable import Notebook
import Options
import Rendering
import Tensors
import XCTest

/// `explore`: the map, the planes, headless decodings and the live cell's request path.
final class ExploreTests: XCTestCase {
    /// A kernel with 300 training and 200 test digits and a small model, trained a little.
    private func kernel(_ model: String) throws -> Kernel {
        let kernel = Kernel()
        _ = try kernel.execute("data mnist train=300 test=200")
        _ = try kernel.execute(model)
        _ = try kernel.execute("train epochs=1 batch=50 live=no")
        return kernel
    }

    private func decoded(_ kernel: Kernel, _ code: [Float]) -> Data {
        let values = kernel.model!.decode(Tensor(code, shape: [1, code.count])).scalars
        guard case let .image(_, _, pixels) = ExploreDecoding.image(values, width: 28, height: 28) else { return Data() }
        return pixels
    }

    func testHeadlessExploreDecodesWhereItIsToldAndMarksTheMap() throws {
        let kernel = try kernel("model vae hidden=32 latent=2")
        var figures: [Figure] = []
        let cell = try XCTUnwrap(kernel.execute("explore at=0.5,-1 n=150") { if let f = $0.figure { figures.append(f) } })
        XCTAssertEqual(cell.metrics["code_width"], 2)
        XCTAssertEqual(cell.metrics["map_points"], 150)
        guard case .scatter(let map) = figures.first, case .images(let image) = figures.last else { return XCTFail("\(figures.map(\.kind))") }
        // Codes of two values are the map's coordinates as they are.
        let codes = kernel.model!.encode(kernel.data!.test.prefix(150))
        XCTAssertEqual(map.xs[7], codes.data[14])
        XCTAssertEqual(map.ys[7], codes.data[15])
        XCTAssertEqual(map.overlay?.crosshair, ScatterOverlay.Point(0.5, -1))
        // A VAE's map carries the prior's 1σ, 2σ and 3σ circles around the origin.
        XCTAssertEqual(map.overlay?.circles.map(\.radius), [1, 2, 3])
        XCTAssertEqual(map.overlay?.circles.map(\.center), Array(repeating: ScatterOverlay.Point(0, 0), count: 3))
        XCTAssertEqual(image.pixels, decoded(kernel, [0.5, -1]))
        XCTAssertEqual(kernel.pictures["map"].map(\.kind), "scatter")
        XCTAssertEqual(kernel.pictures["pin"].map(\.kind), "images")
    }

    func testAPathIsDecodedEvenlyFromAtToTo() throws {
        let kernel = try kernel("model vae hidden=32 latent=2")
        var figures: [Figure] = []
        _ = try kernel.execute("explore at=-2,1 to=2,-1 steps=5 n=50") { if let f = $0.figure { figures.append(f) } }
        guard case .images(let row) = figures.last else { return XCTFail("no path row") }
        XCTAssertEqual(row.count, 5)
        XCTAssertEqual(row.columns, 5)
        // The third of five points is halfway: (0, 0).
        XCTAssertEqual(row.pixels[(2 * 784)..<(3 * 784)], decoded(kernel, [0, 0])[0..<784])
        XCTAssertEqual(row.pixels[(4 * 784)..<(5 * 784)], decoded(kernel, [2, -1])[0..<784])
        guard case .scatter(let map) = figures.first else { return XCTFail("no map") }
        XCTAssertEqual(map.overlay?.path.count, 5)
        XCTAssertEqual(map.overlay?.path[2], ScatterOverlay.Point(0, 0))
    }

    func testWideCodesMoveOnTheirPrincipalPlaneThroughTheMean() throws {
        let kernel = try kernel("model ae hidden=32 latent=6 code=linear")
        let codes = kernel.model!.encode(kernel.data!.test.prefix(100))
        let command = try ExploreCommand.parse(options: [("n", "100")], command: "explore")
        let (plane, text, axes) = try command.plane(codes, model: kernel.model!, data: kernel.data!)
        XCTAssertTrue(text.hasPrefix("codes of 6 values on the plane of their first two principal components through their mean"), text)
        XCTAssertEqual(axes.0, "PC 1 of z")
        func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        XCTAssertEqual(dot(plane.u, plane.u), 1, accuracy: 1e-4)
        XCTAssertEqual(dot(plane.v, plane.v), 1, accuracy: 1e-4)
        XCTAssertEqual(dot(plane.u, plane.v), 0, accuracy: 1e-4)
        for j in 0..<6 {
            let mean = (0..<100).reduce(Float(0)) { $0 + codes.data[$1 * 6 + j] } / 100
            XCTAssertEqual(plane.origin[j], mean, accuracy: 1e-4)
        }
        // (0, 0) is the mean, and a point's code projects back onto it.
        XCTAssertEqual(plane.code(x: 0, y: 0), plane.origin)
        let code = plane.code(x: 1.5, y: -0.5)
        let back = code.withUnsafeBufferPointer { plane.project($0.baseAddress!) }
        XCTAssertEqual(back.x, 1.5, accuracy: 1e-4)
        XCTAssertEqual(back.y, -0.5, accuracy: 1e-4)
    }

    func testTwoChosenDimensionsMoveWithTheOthersFixedAtAnExample() throws {
        let kernel = try kernel("model ae hidden=32 latent=8 code=linear")
        let codes = kernel.model!.encode(kernel.data!.test.prefix(100))
        let command = try ExploreCommand.parse(options: [("dims", "3,7"), ("fixed", "4")], command: "explore")
        let (plane, text, axes) = try command.plane(codes, model: kernel.model!, data: kernel.data!)
        XCTAssertEqual(text, "z₃ and z₇ of 8, the other coordinates at test example 4's code")
        XCTAssertEqual(axes.0, "z₃")
        let example = kernel.model!.encode(kernel.data!.test.subset([4])).scalars
        let code = plane.code(x: 0.25, y: -2)
        for j in 0..<8 where j != 2 && j != 6 { XCTAssertEqual(code[j], example[j]) }
        XCTAssertEqual(code[2], 0.25)
        XCTAssertEqual(code[6], -2)
    }

    func testBadExploreOptionsAreRefusedInOneLine() throws {
        let kernel = try kernel("model ae hidden=16 latent=8")
        let refusals = [
            ("explore dims=3", "explore: option 'dims' takes two dimensions I,J, not 1"),
            ("explore dims=3,3", "explore: option 'dims' takes two different dimensions, not 3 twice"),
            ("explore dims=9,1", "explore: option 'dims' asks for z₉ but the codes have 8 values"),
            ("explore dims=1,2,3", "explore: option 'dims' takes at most 2 values, not 3"),
            ("explore fixed=3", "explore: option 'fixed' applies with dims=I,J; the principal plane goes through the codes' mean"),
            ("explore dims=1,2 fixed=200", "explore: option 'fixed' is past the 200 test examples"),
            ("explore dims=1,2 fixed=middle", "explore: option 'fixed' must be mean or a test example's index N, not 'middle'"),
            ("explore at=1", "explore: option 'at' must be two numbers X,Y such as 0.5,-1.2, not '1'"),
            ("explore to=1,x", "explore: option 'to' must be two numbers X,Y such as 0.5,-1.2, not '1,x'"),
        ]
        for (line, message) in refusals {
            XCTAssertThrowsError(try kernel.execute(line), line) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testALiveCellServesMovesPinsAndClosesWithItsPath() throws {
        let kernel = try kernel("model vae hidden=32 latent=2")
        let input = ExploreInput()
        kernel.exploreInput = input
        // The interface's requests, queued before the cell runs: it takes them in order.
        input.send(.move(x: 1, y: 0, example: nil))
        input.send(.move(x: 0.5, y: 0.5, example: 3))
        input.send(.pin)
        input.send(.close)
        var events: [ExploreEvent] = []
        var figures: [Figure] = []
        let cell = try XCTUnwrap(kernel.execute("explore at=0,0 n=60") { event in
            if case .explore(let e) = event { events.append(e) }
            if let f = event.figure { figures.append(f) }
        })
        guard case .opened(let map)? = events.first, case .closed? = events.last else { return XCTFail("\(events)") }
        let steps = events.compactMap { if case .moved(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(steps.map(\.x), [0, 1, 0.5])
        XCTAssertEqual(steps.map(\.example), [nil, nil, 3])
        XCTAssertEqual(steps[1].decoding, .image(width: 28, height: 28, pixels: decoded(kernel, [1, 0])))
        // The interface's copy of the decoder decodes exactly as the kernel does.
        XCTAssertEqual(map.live?.decode([1, 0]), steps[1].decoding)
        // The jump to example 3 carries its original and class.
        let three = kernel.data!.test.batch(3..<4).scalars
        XCTAssertEqual(steps[2].original, ExploreDecoding.image(three, width: 28, height: 28))
        XCTAssertEqual(steps[2].label, kernel.data!.test.classNames[kernel.data!.test.labels![3]])
        // The pin, then the map with the path and the path's row.
        XCTAssertEqual(figures.map(\.kind), ["images", "scatter", "images"])
        guard case .images(let pin) = figures[0], case .scatter(let walked) = figures[1], case .images(let row) = figures[2] else { return XCTFail() }
        XCTAssertEqual(pin.count, 2, "the decoding beside the example's original")
        XCTAssertTrue(pin.title.contains("beside test example 3"), pin.title)
        XCTAssertEqual(walked.overlay?.path, [ScatterOverlay.Point(0, 0), ScatterOverlay.Point(1, 0), ScatterOverlay.Point(0.5, 0.5)])
        XCTAssertEqual(row.count, 3)
        XCTAssertEqual(kernel.pictures["path"].map(\.kind), "images")
        XCTAssertTrue(cell.output.last!.hasPrefix("explored: 2 moves, 1 decoding pinned"), "\(cell.output)")
        // The same metrics as the headless cell, so a replay's --verify matches.
        XCTAssertEqual(Set(cell.metrics.keys), ["code_width", "map_points"])
    }

    func testMovesStayInsideTheMapsRegion() throws {
        let kernel = try kernel("model vae hidden=32 latent=2")
        let input = ExploreInput()
        kernel.exploreInput = input
        input.send(.move(x: 1000, y: -1000, example: nil))
        input.send(.close)
        var steps: [ExploreStep] = []
        var region: [ScatterOverlay.Point] = []
        _ = try kernel.execute("explore n=60") { event in
            if case .explore(.moved(let s)) = event { steps.append(s) }
            if case .explore(.opened(let map)) = event { region = map.region }
        }
        XCTAssertEqual(steps.last?.x, region[1].x)
        XCTAssertEqual(steps.last?.y, region[0].y)
        // The region holds the prior's 3σ circle with a margin.
        XCTAssertGreaterThan(region[1].x, 3)
        XCTAssertLessThan(region[0].y, -3)
    }

    func testPointsOffTheMapAreTakenAtItsEdgeAndSaidSo() throws {
        let kernel = try kernel("model vae hidden=32 latent=2")
        var figures: [Figure] = []
        let cell = try XCTUnwrap(kernel.execute("explore at=1e30,0 n=60") { if let f = $0.figure { figures.append(f) } })
        guard case .scatter(let map) = figures.first, case .images(let image) = figures.last else { return XCTFail("\(figures.map(\.kind))") }
        let edge = try XCTUnwrap(map.overlay?.bounds.last?.x)
        XCTAssertEqual(map.overlay?.crosshair?.x, edge)
        XCTAssertEqual(image.pixels, decoded(kernel, [edge, 0]))
        XCTAssertTrue(cell.output.joined().contains("at=1e+30,0 lies outside the map; taken at its edge"), "\(cell.output)")
        // A point on the map is decoded where it is, without a word about edges.
        let inside = try XCTUnwrap(kernel.execute("explore at=0.5,-1 to=-0.004,0 steps=2 n=60"))
        XCTAssertFalse(inside.output.joined().contains("outside the map"), "\(inside.output)")
        XCTAssertTrue(inside.output.joined().contains("to (0.00, 0.00)"), "\(inside.output)")
    }

    func testSpacedPathKeepsTheEndsAndAtMostSixteenPoints() {
        let path = (0...40).map { ExploreStep(x: Float($0), y: 0, decoding: .text("")) }
        let picked = ExploreCommand.spaced(path)
        XCTAssertEqual(picked.count, 16)
        XCTAssertEqual(picked.first?.x, 0)
        XCTAssertEqual(picked.last?.x, 40)
        // Equal lengths along a straight line: 40/15 apart, each at the first step reaching it.
        XCTAssertEqual(picked[1].x, 3)
        XCTAssertEqual(ExploreCommand.spaced(Array(path.prefix(3)) + [path[2]]).count, 3, "standing still adds nothing")
    }
}
