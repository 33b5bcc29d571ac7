import Networks
import Notebook
import Rendering
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
        panel.paused = true
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
        m.apply(.kernel(job: job.id, .training(.started(plan))))
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
}
