import Foundation
import Networks
@testable import Notebook
import Rendering
import XCTest

/// Session files of format 2: every line an object with a "type" and snake_case fields, one
/// "figure" line for every kind of picture, non-finite numbers as strings; read back as the
/// events that were recorded.
final class SessionFormatTests: XCTestCase {
    private func keys(_ value: Any) -> [String] {
        switch value {
        case let object as [String: Any]: return object.keys + object.values.flatMap(keys)
        case let array as [Any]: return array.flatMap(keys)
        default: return []
        }
    }

    func testEveryLineHasATypeAndSnakeCaseFields() throws {
        let path = NSTemporaryDirectory() + "aelab-format-\(UUID().uuidString).aesession"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let kernel = Kernel()
        let recorder = try SessionRecorder(path: path, source: "test", startingCells: [.init(command: "help", ok: true)])
        for command in ["data mnist train=100 test=50", "model ae hidden=8 latent=2", "train epochs=1 live=yes", "plot", "bogus"] {
            _ = try? kernel.execute(command) { recorder.record($0) }
        }
        XCTAssertNil(recorder.close())
        var types: [String: Int] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let type = try XCTUnwrap(object["type"] as? String, String(line.prefix(80)))
            types[type, default: 0] += 1
            // Metric and loss-term names are keys too, and snake_case as well; gradient norms are
            // keyed by parameter paths ("decoder/dense/kernel").
            for key in keys(object) { XCTAssertNotNil(key.range(of: "^[a-z0-9_/]+$", options: .regularExpression), "\(type): \(key)") }
            XCTAssertFalse(line.contains("\"_0\""))
        }
        XCTAssertEqual(types["header"], 1)
        XCTAssertEqual(types["state"], 1)
        XCTAssertEqual(types["end"], 1)
        XCTAssertEqual(types["cell_started"], 5)
        XCTAssertEqual(types["cell_finished"], 5)
        XCTAssertEqual(types["training_started"], 1)
        XCTAssertEqual(types["epoch_ended"], 1)
        XCTAssertEqual(types["training_finished"], 1)
        // The live scatter and reconstructions of the epoch, and plot's chart.
        XCTAssertEqual(types["figure"], 3)
        XCTAssertEqual(types["batch_ended"], 4, "100 examples are 4 batches of 32 an epoch, all kept (about 20 an epoch are)")

        let contents = try Session.read(path)
        XCTAssertNil(contents.problem)
        XCTAssertEqual(contents.closed, true)
        XCTAssertEqual(contents.startingCells, [.init(command: "help", ok: true)])
        let figures = contents.entries.compactMap(\.event.figure).map(\.kind)
        XCTAssertEqual(figures, ["scatter", "images", "chart"])
    }

    func testEveryFigureKindTravelsAsOneFigureLine() throws {
        let figures: [Figure] = [
            .images(ImageGridData(title: "grid", columns: 2, imageWidth: 2, imageHeight: 1, pixels: Data([0, 64, 128, 255]), rowCaptions: ["a"])),
            .chart(ChartData(title: "loss", xLabel: "epoch", series: [.init(name: "loss", values: [2, .nan, 1], firstX: 1)], logY: true)),
            .scatter(ScatterData(title: "z", xs: [0.5, -1], ys: [2, 0], classes: [0, 1], classNames: ["a", "b"], xLabel: "z₁")),
            .histogram(HistogramData(title: "h", lo: 0, hi: 1, groups: [.init(name: "g", counts: [1, 2])], xLabel: "error")),
            .scatter3D(Scatter3DData(title: "p", xs: [0], ys: [1], zs: [2], axisLabels: ["a", "b", "c"])),
            .textList(TextListData(title: "t", lines: [.init([.init("word", .strong, label: 3)], indent: 2)])),
            .panels(PanelsData(title: "side by side", panels: [.histogram(HistogramData(title: "h", lo: 0, hi: 1, groups: [.init(name: "g", counts: [1])]))], note: "n")),
        ]
        for figure in figures {
            let line = try SessionLine.event(Session.Entry(t: 1.5, event: KernelEvent(figure))).encoded()
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            XCTAssertEqual(object["type"] as? String, "figure")
            XCTAssertEqual((object["figure"] as? [String: Any])?["kind"] as? String, figure.kind)
            for key in keys(object) { XCTAssertNotNil(key.range(of: "^[a-z0-9_]+$", options: .regularExpression), "\(figure.kind): \(key)") }
            guard case .event(let entry) = try SessionLine.decode(line) else { return XCTFail("not an event") }
            XCTAssertEqual(entry.t, 1.5)
            // NaN is never equal to itself: compare the JSON the figure encodes to instead.
            let again = try SessionLine.event(entry).encoded()
            XCTAssertEqual(String(decoding: again, as: UTF8.self), String(decoding: line, as: UTF8.self))
        }
        let chart = String(decoding: try SessionLine.event(Session.Entry(t: 0, event: KernelEvent(figures[1]))).encoded(), as: UTF8.self)
        XCTAssertTrue(chart.contains(#""values":[2,"NaN",1]"#), chart)
        XCTAssertTrue(chart.contains(#""log_y":true"#) && chart.contains(#""first_x":1"#), chart)
        let grid = String(decoding: try SessionLine.event(Session.Entry(t: 0, event: KernelEvent(figures[0]))).encoded(), as: UTF8.self)
        XCTAssertTrue(grid.contains(#""pixels":"AECA/w==""#), "pixels are base64 bytes: \(grid)")
        XCTAssertTrue(grid.contains(#""image_width":2"#) && grid.contains(#""row_captions":["a"]"#), grid)
    }

    func testTrainingOutcomesAndNonFiniteLossesRoundTrip() throws {
        let events: [KernelEvent] = [
            .training(.batchEnded(BatchReport(epoch: 1, batch: 3, batchesPerEpoch: 4, loss: .infinity, terms: ["kl": -.infinity]))),
            .training(.finished(.diverged(epoch: 2, batch: 7, restoredEpoch: 1))),
            .training(.finished(.cancelled(afterEpochs: 2))),
            .cellFinished(CellSummary(cell: 3, command: "train epochs=5", ok: true, seconds: 1, metrics: ["epochs": 2], error: nil,
                                      ranAs: "train epochs=2", ranAsNote: "cancelled after 2 of 5 epochs")),
        ]
        for event in events {
            let line = try SessionLine.event(Session.Entry(t: 0, event: event)).encoded()
            guard case .event(let entry) = try SessionLine.decode(line) else { return XCTFail() }
            XCTAssertEqual(try SessionLine.event(entry).encoded(), line, String(decoding: line, as: UTF8.self))
        }
        let text = String(decoding: try SessionLine.event(Session.Entry(t: 0, event: events[1])).encoded(), as: UTF8.self)
        XCTAssertEqual(text, #"{"batch":7,"epoch":2,"outcome":"diverged","restored_epoch":1,"t":0,"type":"training_finished"}"#)
    }

    /// A picture whose sizes make no sense stops the reading there, in words, instead of
    /// trapping when it is drawn (imageWidth -28 or 2⁶² did).
    func testPicturesWithImpossibleSizesStopTheReading() throws {
        let header = #"{"aelab":"0.1.0","columns":0,"format":"aelab-session","rows":0,"source":"x","started":"2026-11-25T13:36:55Z","version":1}"#
        for width in ["-28", "4611686018427387904"] {
            let path = NSTemporaryDirectory() + "aelab-picture-\(UUID().uuidString).aesession"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let lines = [header,
                         #"{"event":{"cellStarted":{"cell":1,"command":"show"}},"t":0.1}"#,
                         #"{"event":{"images":{"_0":{"title":"x","columns":2,"imageWidth":"# + width + #","imageHeight":28,"pixels":"AAAA","colorMap":"gray"}}},"t":0.2}"#,
                         #"{"event":{"text":{"_0":"after"}},"t":0.3}"#]
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let contents = try Session.read(path)
            XCTAssertEqual(contents.entries.count, 1)
            XCTAssertTrue(contents.problem?.contains(":3: an event that cannot be shown: images of \(width)×28 pixels") == true, contents.problem ?? "")
            var player = SessionPlayer(contents: contents)
            player.write = { _ in }
            player.printAll()
        }
    }

    /// Counts and times from a file are checked too: 2⁶² epochs overflowed the training panel's
    /// batch total (found by Tests/Fuzz/fuzz.py), and a NaN time cannot become whole seconds.
    func testTrainingNumbersOutOfRangeStopTheReading() throws {
        let header = #"{"type":"header","aelab":"0.1.0","columns":0,"format":"aelab-session","rows":0,"source":"x","started":"2026-11-25T13:36:55Z","version":2}"#
        let cases = [
            (#"{"type":"training_started","t":0.1,"epochs":4611686018427387904,"batch_size":32,"batches_per_epoch":4,"examples":100,"optimizer":"Adam"}"#,
             "epochs 4611686018427387904 is outside 0…2147483647"),
            (#"{"type":"epoch_ended","t":0.1,"epoch":1,"epochs":1,"loss":1,"terms":{},"metrics":{},"samples_per_second":1,"epoch_seconds":"NaN","elapsed_seconds":1,"eta_seconds":0}"#,
             "epoch_seconds nan is not a time from 0 to 1e9 seconds"),
            (#"{"type":"text","t":-5,"text":"x"}"#, "its time -5.0 is not from 0 to 1e9 seconds"),
            (#"{"type":"cell_started","t":0.1,"cell":-1,"command":"x"}"#, "cell -1 is outside 0…2147483647"),
        ]
        for (line, reason) in cases {
            let path = NSTemporaryDirectory() + "aelab-numbers-\(UUID().uuidString).aesession"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try (header + "\n" + line + "\n" + #"{"type":"text","t":0.2,"text":"after"}"# + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let contents = try Session.read(path)
            XCTAssertEqual(contents.entries.count, 0)
            XCTAssertTrue(contents.problem?.hasSuffix(":2: an event that cannot be shown: \(reason); replayed the 0 events before it") == true, contents.problem ?? "")
        }
    }
    /// Early stopping, the rate and best epoch of a report, and an explorer's map, steps and
    /// close are lines of their own that read back as they were written.
    func testEarlyStopsRatesAndExplorerLinesRoundTrip() throws {
        let scatter = ScatterData(title: "map", xs: [0, 1], ys: [1, 0], classes: [0, 1], classNames: ["a", "b"],
                                  overlay: ScatterOverlay(bounds: [.init(-2, -2), .init(2, 2)]))
        let map = ExploreMap(scatter: scatter, plane: ExplorePlane(origin: [0, 0], u: [1, 0], v: [0, 1]), start: .init(0.5, 0.5), step: 0.25,
                             region: [.init(-2, -2), .init(2, 2)], planeText: "codes of 2 values as they are")
        let step = ExploreStep(x: 1, y: 0, decoding: .image(width: 2, height: 2, pixels: Data([0, 64, 128, 255])), example: 1,
                               original: .image(width: 2, height: 2, pixels: Data([1, 2, 3, 4])), label: "b")
        let events: [KernelEvent] = [
            .training(.finished(.stoppedEarly(epochs: 18, bestEpoch: 15, monitor: "val_loss", patience: 3))),
            .training(.epochEnded(EpochReport(epoch: 2, epochs: 5, loss: 1.5, terms: [:], metrics: ["val_loss": 1.25], samplesPerSecond: 100,
                                              epochSeconds: 1, elapsedSeconds: 2, etaSeconds: 3, learningRate: 0.0005, bestEpoch: 2,
                                              gradientNorms: ["decoder/dense/kernel": 4.5]))),
            .training(.batchEnded(BatchReport(epoch: 1, batch: 2, batchesPerEpoch: 4, loss: 1, terms: [:], learningRate: 0.001))),
            .explore(.opened(map)), .explore(.moved(step)), .explore(.closed),
        ]
        for event in events {
            let line = try SessionLine.event(Session.Entry(t: 0, event: event)).encoded()
            guard case .event(let entry) = try SessionLine.decode(line) else { return XCTFail() }
            XCTAssertEqual(try SessionLine.event(entry).encoded(), line, String(decoding: line, as: UTF8.self))
            XCTAssertNil(entry.event.problem)
        }
        let text = String(decoding: try SessionLine.event(Session.Entry(t: 0, event: events[0])).encoded(), as: UTF8.self)
        XCTAssertEqual(text, #"{"best_epoch":15,"epochs":18,"monitor":"val_loss","outcome":"stopped_early","patience":3,"t":0,"type":"training_finished"}"#)
        guard case .event(let moved) = try SessionLine.decode(try SessionLine.event(Session.Entry(t: 0, event: events[4])).encoded()),
              case .explore(.moved(let back)) = moved.event else { return XCTFail() }
        XCTAssertEqual(back, step)
        // A step whose pixels are not one image of its size is refused before it is drawn.
        var bad = step
        bad.decoding = .image(width: 3, height: 2, pixels: Data([0, 1]))
        XCTAssertEqual(KernelEvent.explore(.moved(bad)).problem, "explore step: 2 pixel bytes are not one image of 3×2")
    }
}
