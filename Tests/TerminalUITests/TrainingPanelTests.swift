import Networks
@testable import Notebook
@testable import Rendering
import XCTest
@testable import TerminalUI

final class TrainingPanelTests: XCTestCase {
    private let plan = TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)

    private func batch(_ epoch: Int, _ b: Int, loss: Double) -> TrainingEvent {
        .batchEnded(batchReport(epoch: epoch, batch: b, batchesPerEpoch: 10, loss: loss, terms: ["reconstruction": loss]))
    }

    private func epoch(_ e: Int, val: Double) -> TrainingEvent {
        .epochEnded(epochReport(epoch: e, epochs: 2, loss: 0.3, metrics: ["val_loss": val]))
    }

    func testProgressLineShowsEpochBatchSpeedAndETA() {
        var panel = TrainingPanel()
        let t0 = Date(timeIntervalSince1970: 0)
        panel.apply(.started(plan), at: t0)
        for b in 1...5 { panel.apply(batch(1, b, loss: 0.5 - Double(b) * 0.01), at: t0.addingTimeInterval(Double(b) * 0.1)) }
        let line = panel.progressLine(width: 120)
        XCTAssertTrue(line.hasPrefix("epoch 1/2 ▕"), line)
        XCTAssertTrue(line.contains(" 25%  batch 5/10"), line)
        XCTAssertTrue(line.contains("1,000 samples/s"), line)
        XCTAssertTrue(line.contains("ETA 2s"), "15 batches of 100 left at 1,000 samples/s: " + line)
        XCTAssertTrue(line.contains("█"), line)
        let narrow = panel.progressLine(width: 60)
        XCTAssertLessThanOrEqual(narrow.count, 60, narrow)
        XCTAssertTrue(narrow.contains("ETA 2s"), "the speed gives way before the ETA: " + narrow)
    }

    func testTimeSpentPausedCountsForNeitherSpeedNorETA() {
        var panel = TrainingPanel()
        let t0 = Date(timeIntervalSince1970: 0)
        // 100 examples a batch every 0.125 s: 800 a second.
        for b in 0...5 {
            if b == 0 { panel.apply(.started(plan), at: t0) } else { panel.apply(batch(1, b, loss: 0.5), at: t0.addingTimeInterval(Double(b) * 0.125)) }
        }
        panel.setPaused(true, at: t0.addingTimeInterval(0.625))
        panel.setPaused(false, at: t0.addingTimeInterval(2.625))
        panel.apply(batch(1, 6, loss: 0.5), at: t0.addingTimeInterval(2.75))
        XCTAssertEqual(panel.samplesPerSecond ?? 0, 800, accuracy: 1e-6, "the 2 s pause is not training time (else 218/s)")
        let line = panel.progressLine(width: 120)
        XCTAssertTrue(line.contains("800 samples/s"), line)
        XCTAssertTrue(line.contains("ETA 2s"), "14 batches of 100 left at 800/s is 1.75 s: " + line)
    }

    func testASecondTrainCellGoesOnCountingEpochs() {
        // The notebook trained 10 epochs before: this run is epochs 11–20, as the log says.
        var panel = TrainingPanel()
        let t0 = Date(timeIntervalSince1970: 0)
        var second = TerminalUITests.plan(epochs: 10, batchSize: 100, batchesPerEpoch: 10)
        second.firstEpoch = 11
        panel.apply(.started(second), at: t0)
        for b in 1...5 { panel.apply(batch(11, b, loss: 0.3), at: t0.addingTimeInterval(Double(b) * 0.1)) }
        panel.apply(batch(11, 10, loss: 0.3), at: t0.addingTimeInterval(1))
        panel.apply(epoch(11, val: 0.2), at: t0.addingTimeInterval(1))
        let line = panel.progressLine(width: 120)
        XCTAssertTrue(line.hasPrefix("epoch 11/20 ▕"), line)
        XCTAssertTrue(line.contains(" 10%  batch 10/10"), "one epoch of ten done: " + line)
        let chart = panel.chart
        XCTAssertEqual(chart.series[0].xs?.first ?? 0, 10.1, accuracy: 1e-9, "batch 1 of epoch 11 sits at x = 10.1")
        XCTAssertEqual(chart.series.first { $0.name == "val_loss" }?.xs, [11])
    }

    /// A VAE-like run: per-batch loss from 392 down to about 193 within the first epoch, then
    /// slowly to 180, with kl and reconstruction terms and a validation loss per epoch.
    private func vaeLikePanel(epochs: Int) -> TrainingPanel {
        var panel = TrainingPanel()
        let t0 = Date(timeIntervalSince1970: 0)
        panel.apply(.started(TerminalUITests.plan(epochs: epochs, batchSize: 32, batchesPerEpoch: 20)), at: t0)
        for e in 1...epochs {
            for b in 1...20 {
                let x = Double(e - 1) + Double(b) / 20
                let loss = 180 + 20 * (1 - x / Double(epochs)) + 350 * Foundation.exp(-12 * x)
                panel.apply(.batchEnded(batchReport(epoch: e, batch: b, batchesPerEpoch: 20, loss: loss,
                                                    terms: ["kl": 6 + 10 * Foundation.exp(-3 * x), "reconstruction": loss - 6])), at: t0)
            }
            panel.apply(.epochEnded(epochReport(epoch: e, epochs: epochs, loss: 195, metrics: ["val_loss": 190 - Double(e)])), at: t0)
        }
        return panel
    }

    func testTheLiveChartFitsItsAxesToTheLearningNotTheFirstBatches() {
        let panel = vaeLikePanel(epochs: 3)
        let chart = panel.chart
        let left = try! XCTUnwrap(chart.yRange(.left))
        XCTAssertLessThan(left.1, 230, "the axis fits the curves after the first batches, not their 392")
        XCTAssertGreaterThan(left.1, 190, "loss is about 193 at the end of epoch 1")
        XCTAssertLessThanOrEqual(left.0, 180)
        var unfitted = chart
        unfitted.warmUp = 0
        XCTAssertGreaterThan(try! XCTUnwrap(unfitted.yRange(.left)).1, 390, "the data does start at 392")
        let text = chart.render(width: 80, height: 16).plainText
        XCTAssertFalse(text.contains("300┤") || text.contains("400┤"), text)
        XCTAssertTrue(text.contains("kl (right)"), "kl, 30 times smaller, gets the right axis: " + text)
    }

    func testAMetricHasTheSameColourInTheLivePanelAndInPlot() {
        let panel = vaeLikePanel(epochs: 3)
        let history = (1...3).map { e in
            decoded(EpochReport.self, ["epoch": e, "epochs": 3, "loss": 195.0, "terms": ["kl": 7.0, "reconstruction": 188.0],
                                       "metrics": ["val_loss": 190.0], "samplesPerSecond": 1000, "epochSeconds": 1, "elapsedSeconds": Double(e), "etaSeconds": 0])
        }
        let plot = trainingChart(history, logY: false, smoothing: 0).lineChart
        let live = panel.chart
        let liveColours = Dictionary(uniqueKeysWithValues: zip(live.series.map(\.name), live.colors))
        let plotColours = Dictionary(uniqueKeysWithValues: zip(plot.series.map(\.name), plot.colors))
        XCTAssertEqual(Set(liveColours.keys), ["loss", "kl", "reconstruction", "val_loss"])
        XCTAssertEqual(Set(plotColours.keys), Set(liveColours.keys), "the same metrics in both")
        for (name, colour) in liveColours { XCTAssertEqual(plotColours[name], colour, name) }
        XCTAssertEqual(Set(liveColours.values).count, 4, "four metrics, four colours")
    }

    /// The widest run of `glyph` on one line, and the number of lines holding it: how large a
    /// drawn image box is.
    private func imageBox(_ text: String, glyph: Character = "▀") -> (width: Int, lines: Int) {
        var widest = 0, lines = 0
        for line in text.split(separator: "\n") {
            var run = 0
            for ch in line { run = ch == glyph ? run + 1 : 0; widest = max(widest, run) }
            if line.contains(glyph) { lines += 1 }
        }
        return (widest, lines)
    }

    private func digits(_ n: Int, rows: Int, captions: [String], labels: Bool) -> ImageGridData {
        ImageGridData(title: "digits", columns: n, imageWidth: 28, imageHeight: 28, pixels: Data(repeating: 128, count: n * rows * 784),
                      rowCaptions: captions, columnCaptions: labels ? (0..<n).map(String.init) : nil)
    }

    func testLiveReconstructionsAreAtLeastAsLargeAsShowDrawsThem() {
        // `show` at 120 columns: ten digits over their reconstructions in a cell 114 wide.
        let show = imageBox(Figure.images(digits(10, rows: 2, captions: ["original", "reconstructed"], labels: true)).inline(width: 114).plainText)
        XCTAssertEqual(show.width, 9)
        for (width, height, shown) in [(120, 40, 8), (80, 40, 6)] {
            let m = ScreenModel(history: History(path: nil))
            _ = m.submit("train epochs=2")
            let job = m.nextJob()!
            m.apply(.kernel(job: job.id, .training(.started(TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)))))
            for b in 1...10 { m.apply(.kernel(job: job.id, .training(batch(1, b, loss: 1 / Double(b))))) }
            m.apply(.kernel(job: job.id, .images(digits(8, rows: 2, captions: ["original", "decoded"], labels: false))))
            let text = m.render(width: width, height: height).canvas.plainText
            let panel = imageBox(text)
            XCTAssertGreaterThanOrEqual(panel.width, show.width, "at \(width)×\(height) a digit is \(panel.width) columns wide:\n" + text)
            XCTAssertEqual(panel.lines, 10, "two rows of digits, 5 rows each (show's size): \(panel)")
            let boxes = text.split(separator: "\n").first { $0.contains("original") }!.split(separator: " ").filter { $0.first == "▀" }.count
            XCTAssertEqual(boxes, shown, "fewer digits rather than smaller ones at \(width) columns")
            XCTAssertTrue(text.contains("epoch 1/2"), "the progress line stays")
            XCTAssertTrue(text.contains("loss by epoch"), "the chart keeps its room:\n" + text)
        }
    }

    func testThePanelCutsNoTitleOrNoteMidSentence() {
        var scatter = ScatterData(title: "latent space after epoch 3", xs: [0, 1, 2, 3], ys: [1, 0, 2, 1], classes: [0, 1, 2, 3], classNames: ["0", "1", "2", "3"],
                                  note: "codes of 32 dimensions projected on their first two principal components (85% of their variance)")
        (scatter.xLabel, scatter.yLabel) = ("PC 1 of z", "PC 2 of z")
        for (width, height) in [(120, 40), (100, 40), (80, 24)] {
            let m = ScreenModel(history: History(path: nil))
            _ = m.submit("train epochs=2")
            let job = m.nextJob()!
            m.apply(.kernel(job: job.id, .training(.started(TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)))))
            for b in 1...10 { m.apply(.kernel(job: job.id, .training(batch(1, b, loss: 1 / Double(b))))) }
            m.apply(.kernel(job: job.id, .scatter(scatter)))
            m.apply(.kernel(job: job.id, .images(digits(8, rows: 2, captions: ["original", "decoded"], labels: false))))
            let text = m.render(width: width, height: height).canvas.plainText
            XCTAssertTrue(text.contains("latent space after epoch 3"), "the whole title at \(width)×\(height):\n" + text)
            let words = text.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            if height >= 40 {
                XCTAssertTrue(words.contains("codes of 32 dimensions projected on their first two principal components (85% of their variance)"),
                              "the whole note at \(width)×\(height):\n" + text)
            } else {
                XCTAssertFalse(text.contains("codes of 32"), "no room for the note: the axis labels say it:\n" + text)
            }
            XCTAssertFalse(text.components(separatedBy: "── training").last!.contains("…"), text)
        }
    }

    func testPanelDrawsTheLossChartWithValidationAndItsState() {
        var panel = TrainingPanel()
        let t0 = Date()
        panel.apply(.started(plan), at: t0)
        for e in 1...2 {
            for b in 1...10 { panel.apply(batch(e, b, loss: 1 / Double(e * 10 + b)), at: t0) }
            panel.apply(epoch(e, val: 0.2 / Double(e)), at: t0)
        }
        var text = panel.render(width: 100, height: 16).plainText
        XCTAssertTrue(text.contains("running"), text)
        XCTAssertTrue(text.contains("loss by epoch"), text)
        XCTAssertTrue(text.contains("val_loss"), text)
        XCTAssertTrue(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille curve")
        panel.setPaused(true, at: t0)
        XCTAssertTrue(panel.render(width: 100, height: 16).plainText.contains("paused"))
        panel.apply(.finished(.cancelled(afterEpochs: 2)), at: t0)
        text = panel.render(width: 100, height: 16).plainText
        XCTAssertTrue(text.contains("cancelled after 2 complete epochs"), text)
    }

    func testLongRunsKeepABoundedNumberOfPoints() {
        var buffer = SeriesBuffer(capacity: 100)
        for i in 0..<10_000 { buffer.append(x: Double(i), y: 1) }
        XCTAssertLessThan(buffer.xs.count, 100)
        XCTAssertGreaterThan(buffer.xs.count, 40)
        XCTAssertEqual(buffer.ys.first, 1)
    }

    func testScreenShowsThePanelWhileTrainingAndSpaceAndCtrlCControlIt() {
        let m = ScreenModel(history: History(path: nil))
        _ = m.submit("train epochs=2")
        let job = m.nextJob()!
        m.apply(.kernel(job: job.id, .cellStarted(cell: 1, command: "train epochs=2")))
        m.apply(.kernel(job: job.id, .training(.started(TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)))))
        m.apply(.kernel(job: job.id, .training(batch(1, 3, loss: 0.4))))
        m.apply(.kernel(job: job.id, .scatter(ScatterData(title: "latent space", xs: [0, 1, 2], ys: [1, 0, 2], classes: [0, 1, 2], classNames: ["0", "1", "2"]))))
        XCTAssertTrue(m.isTraining)
        var text = m.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("── training: running"), text)
        XCTAssertTrue(text.contains("epoch 1/2"))
        XCTAssertTrue(text.contains("latent space"))
        XCTAssertTrue(m.render(width: 80, height: 24).canvas.plainText.contains("epoch 1/2"))
        XCTAssertEqual(m.handle(.character(" ")), [.pause])
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("paused"))
        XCTAssertEqual(m.handle(.character(" ")), [.resume])
        XCTAssertEqual(m.handle(.control("c")), [.cancel])
        XCTAssertEqual(m.handle(.character("q")), [])
        XCTAssertEqual(m.mode, .confirmQuit)
        XCTAssertTrue(m.render(width: 120, height: 40).canvas.plainText.contains("Training is running. Quit anyway? (y/n)"))
        XCTAssertEqual(m.handle(.character("n")), [])
        m.apply(.kernel(job: job.id, .training(.finished(.cancelled(afterEpochs: 0)))))
        m.apply(.kernel(job: job.id, .text("cancelled after 0 complete epochs")))
        m.apply(.finished(job: job.id, error: nil, status: KernelStatus()))
        text = m.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("cancelled after 0 complete epochs"))
        XCTAssertFalse(m.isTraining)
        XCTAssertEqual(m.handle(.character("q")), [.quit])
    }
}

final class TrainingPanelPicturesTests: XCTestCase {
    func testScatterSitsBesideTheChartAndReconstructionsBelowIt() {
        var panel = TrainingPanel()
        panel.apply(.started(plan(epochs: 3, batchSize: 10, batchesPerEpoch: 5)), at: Date())
        for b in 1...5 { panel.apply(.batchEnded(batchReport(epoch: 1, batch: b, batchesPerEpoch: 5, loss: 1 / Double(b), terms: [:])), at: Date()) }
        let n = 200
        panel.show(scatter: ScatterData(title: "latent space", xs: (0..<n).map { Float($0 % 20) }, ys: (0..<n).map { Float($0 / 20) },
                                        classes: (0..<n).map { $0 % 10 }, classNames: (0..<10).map(String.init)))
        let pixels = Data((0..<(20 * 28 * 28)).map { UInt8(($0 * 7) % 256) })
        panel.show(images: ImageGridData(title: "test digits and reconstructions", columns: 10, imageWidth: 28, imageHeight: 28, pixels: pixels,
                                         rowCaptions: ["test", "recon"]))
        let canvas = panel.render(width: 120, height: 24)
        if let path = ProcessInfo.processInfo.environment["AELAB_SHOW_PANEL"] { try? canvas.plainText.write(toFile: path, atomically: true, encoding: .utf8) }
        let top = (2..<14).map { canvas.line($0) }.joined(separator: "\n")
        XCTAssertTrue(top.contains("loss by epoch"))
        XCTAssertTrue(top.contains("latent space"))
        let bottom = (14..<24).map { canvas.line($0) }.joined(separator: "\n")
        XCTAssertTrue(bottom.contains("▀"), "reconstructions under the charts")
        XCTAssertTrue(bottom.contains("recon"))
    }

    func testPanelShowsTheLearningRateAndMarksTheBestEpoch() {
        var panel = TrainingPanel()
        let t0 = Date()
        panel.apply(.started(TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)), at: t0)
        var first = batchReport(epoch: 1, batch: 10, batchesPerEpoch: 10, loss: 0.5, terms: [:])
        first.learningRate = 0.001
        panel.apply(.batchEnded(first), at: t0)
        var report = epochReport(epoch: 1, epochs: 2, loss: 0.4, metrics: ["val_loss": 0.35])
        report.bestEpoch = 1
        report.learningRate = 0.001
        panel.apply(.epochEnded(report), at: t0)
        report = epochReport(epoch: 2, epochs: 2, loss: 0.3, metrics: ["val_loss": 0.36])
        report.bestEpoch = 1
        report.learningRate = 0.0005
        panel.apply(.epochEnded(report), at: t0)
        XCTAssertEqual(panel.chartNote, " · best epoch 1 (val_loss 0.3500) · lr 0.0005")
        let text = panel.render(width: 120, height: 20).plainText
        XCTAssertTrue(text.contains("loss by epoch · best epoch 1 (val_loss 0.3500) · lr 0.0005"), text)
    }

    /// A text model's live questions take the image strip's place under the charts.
    func testLiveQuestionsShowUnderTheCharts() {
        let m = ScreenModel(history: History(path: nil))
        _ = m.submit("train epochs=2")
        let job = m.nextJob()!
        m.apply(.kernel(job: job.id, .cellStarted(cell: 1, command: "train epochs=2")))
        m.apply(.kernel(job: job.id, .training(.started(TerminalUITests.plan(epochs: 2, batchSize: 100, batchesPerEpoch: 10)))))
        let list = TextListData(title: "questions after epoch 1: 3 of 5 words right", lines: [
            .init([.init("   0  ", .dim), .init("who wrote hamlet ?")]),
            .init([.init("   →  ", .dim), .init("who", .good), .init(" wrote", .good), .init(" the", .bad), .init(" ?", .good)]),
        ])
        m.apply(.kernel(job: job.id, .figure(.textList(list))))
        let text = m.render(width: 120, height: 40).canvas.plainText
        XCTAssertTrue(text.contains("questions after epoch 1: 3 of 5 words right"), text)
        XCTAssertTrue(text.contains("who wrote hamlet ?"), text)
        XCTAssertTrue(text.contains("→  who wrote the ?"), text)
        XCTAssertTrue(m.pane.cells[0].blocks.isEmpty, "the panel shows them; the cell does not keep every epoch's list")
    }
}
