import Foundation
import XCTest
@testable import Rendering

/// Writes sample pictures for a person to look at when `AELAB_RENDER_PREVIEW` names a folder;
/// does nothing otherwise.
final class PreviewTests: XCTestCase {
    func testWritePreviewPictures() throws {
        guard let dir = ProcessInfo.processInfo.environment["AELAB_RENDER_PREVIEW"] else { return }
        var rng = SystemRandomNumberGenerator()
        // Training-like curves with noise.
        let loss = (0..<2000).map { 0.05 + 2 * exp(-Double($0) / 300) + Double.random(in: 0...0.15, using: &rng) }
        let val = (0..<2000).map { 0.08 + 2 * exp(-Double($0) / 350) + Double.random(in: 0...0.05, using: &rng) }
        let acc = (0..<2000).map { min(1, 0.1 + 0.85 * (1 - exp(-Double($0) / 250)) + Double.random(in: -0.03...0.03, using: &rng)) }
        let chart = LineChart(series: [.init(name: "loss", values: loss), .init(name: "val_loss", values: val),
                                       .init(name: "accuracy", values: acc, axis: .right)],
                              logY: false, smoothing: 0.9, title: "Training of dense autoencoder (784-32-784)")
        try PNGFile.write(chartPNG(chart, width: 800, height: 480), to: dir + "/render-chart.png",
                          text: [("Software", "aelab"), ("Title", "chart")])
        let logChart = LineChart(series: [.init(name: "loss", values: loss)], logY: true, smoothing: 0.6, title: "log loss")
        try PNGFile.write(chartPNG(logChart, width: 400, height: 260), to: dir + "/render-chart-small.png")
        print(ansi(chart.render(width: 80, height: 20), depth: .trueColor))
        print(ansi(logChart.render(width: 60, height: 12), depth: .palette256))

        // Ten Gaussian clusters.
        var points: [(x: Float, y: Float)] = [], classes: [Int] = []
        for i in 0..<5000 {
            let c = i % 10, angle = Float(c) * 0.628
            points.append((x: 4 * cos(angle) + Float.random(in: -1...1) + Float.random(in: -1...1),
                           y: 3 * sin(angle) + Float.random(in: -1...1) + Float.random(in: -1...1)))
            classes.append(c)
        }
        let scatter = ScatterPlot(points: points, classes: classes,
                                  classNames: (0..<10).map { "digit \($0)" }, title: "Codes (2-D latent)")
        try PNGFile.write(scatterPNG(scatter, width: 800, height: 600), to: dir + "/render-scatter.png")
        print(ansi(scatter.render(width: 80, height: 24), depth: .trueColor))

        // Blobs standing in for digits.
        let images: [Raster] = (0..<20).map { k in
            var r = Raster(width: 28, height: 28, channels: 1)
            for y in 0..<28 {
                for x in 0..<28 {
                    let dx = Float(x) - 14 - Float(k % 5), dy = Float(y) - 14 + Float(k / 5)
                    r.pixels[y * 28 + x] = max(0, 1 - (dx * dx + dy * dy) / Float(30 + 8 * k))
                }
            }
            return r
        }
        let grid = gridPNG(images, columns: 10, scale: 3, gutter: 6, rowCaptions: ["original", "reconstr."],
                           columnCaptions: (0..<10).map { "#\($0)" }, title: "Originals over reconstructions")
        try PNGFile.write(grid, to: dir + "/render-grid.png")
        try PNGFile.write(gridPNG(images, columns: 5, scale: 2, colorMap: .viridis), to: dir + "/render-grid-viridis.png")
        print(ansi(imageGrid(Array(images.prefix(8)), columns: 4, cellWidth: 14, gutter: 1,
                             rowCaptions: ["orig", "recon"], columnCaptions: ["a", "b", "c", "d"],
                             colorMap: .gnuplot2), depth: .trueColor))
        print(ansi(Histogram(values: loss, bins: 30, title: "loss histogram").render(width: 50, height: 10), depth: .trueColor))
        print(progressBar(fraction: 0.37, width: 30) + "|")

        // A VAE's per-batch losses: the first batches near 550 must not flatten the rest.
        let batches = 10 * 157
        let xs = (0..<batches).map { Double($0 + 1) / 157 }
        let recon = xs.map { 140 + 400 * exp(-$0 * 12) + 25 * exp(-$0 / 3) + Double.random(in: -6...6, using: &rng) }
        let kl = xs.map { 5 + 3 * (1 - exp(-$0 * 4)) + Double.random(in: -0.5...0.5, using: &rng) }
        let vae = LineChart(series: [.init(name: "loss", values: zip(recon, kl).map(+), xs: xs),
                                     .init(name: "reconstruction", values: recon, xs: xs), .init(name: "kl", values: kl, xs: xs),
                                     .init(name: "val_loss", values: (1...10).map { 150 + 30 * exp(-Double($0) / 3) }, xs: (1...10).map(Double.init))],
                            smoothing: 0.7, title: "VAE 784→512→2, loss = reconstruction + KL(μ, log σ²) — batch 32, Adam ε ≥ 1e-7",
                            xLabel: "epoch", yLabel: "loss")
        try PNGFile.write(chartPNG(vae, width: 960, height: 540), to: dir + "/render-vae-loss.png")
        try PNGFile.write(chartPNG(vae, width: 480, height: 300), to: dir + "/render-vae-loss-small.png")
        print(ansi(vae.render(width: 100, height: 14), depth: .trueColor))
        try ansi(vae.render(width: 100, height: 14), depth: .none).write(toFile: dir + "/vae.txt", atomically: true, encoding: .utf8)
        let labelled = ScatterPlot(points: points, classes: classes, classNames: (0..<10).map(String.init),
                                   title: "latent space", xLabel: "z₁", yLabel: "z₂")
        print(ansi(labelled.render(width: 80, height: 24), depth: .trueColor))
        print(ansi(labelled.render(width: 32, height: 12), depth: .trueColor))
        try PNGFile.write(scatterPNG(labelled, width: 600, height: 600), to: dir + "/render-scatter-labelled.png")

        // The new figure kinds, in the terminal (as text files) and as PNG.
        var text = ""
        func show(_ name: String, _ figure: Figure, width: Int, height: Int) throws {
            text += "== \(name) \(width)×\(height)\n" + ansi(figure.render(width: width, height: height), depth: .none) + "\n"
            print(ansi(figure.render(width: width, height: height), depth: .trueColor))
            try PNGFile.write(figure.png(), to: dir + "/render-\(name).png")
        }
        let errors = (0..<10).map { digit in (name: "digit \(digit)", values: (0..<300).map { _ in
            0.02 + Double(digit % 4) * 0.01 + abs(Double.random(in: -1...1, using: &rng) * Double.random(in: 0...1, using: &rng)) * 0.05 }) }
        try show("histogram-classes", .histogram(HistogramData(title: "reconstruction error per class", values: errors, bins: 40,
                                                               xLabel: "mean squared error")), width: 80, height: 24)
        try show("histogram-one", .histogram(HistogramData(title: "question lengths", values: [("questions", (0..<2000).map { _ in
            Double(Int.random(in: 3...12, using: &rng) + Int.random(in: 0...15, using: &rng)) })], bins: 25, xLabel: "tokens")),
                 width: 60, height: 12)
        var px: [Float] = [], py: [Float] = [], pz: [Float] = [], labels: [Int] = []
        for i in 0..<1500 {
            let c = i % 3, t = Float.random(in: 0...(2 * .pi), using: &rng)
            px.append(Float(c) * 3 + cos(t) + Float.random(in: -0.3...0.3, using: &rng))
            py.append(sin(t) * 2 + Float.random(in: -0.3...0.3, using: &rng))
            pz.append(Float(c) - 1 + t / 3)
            labels.append(c)
        }
        let cloud = Scatter3DData(title: "latent space in 3-d", xs: px, ys: py, zs: pz, classes: labels, classNames: ["a", "b", "c"],
                                  axisLabels: ["z₁", "z₂", "z₃"])
        try show("scatter3d", .scatter3D(cloud), width: 72, height: 24)
        try show("scatter3d-top", .scatter3D(cloud.tilted(by: 70)), width: 72, height: 24)
        try show("scatter3d-values", .scatter3D(Scatter3DData(title: "coloured by z", xs: px, ys: py, zs: pz, values: pz,
                                                              azimuth: 120, elevation: 10)), width: 60, height: 20)
        let list = TextListData(title: "nearest questions to 'how do I reset my password'", lines: [
            .init([.init("query  ", .dim), .init("how do I reset my password", .strong)]),
            .init([.init("decoded", .dim), .init("  how do I "), .init("change", .highlight), .init(" my password")]),
            .init([.init("0.041  ", .dim), .init("[account] ", label: 0), .init("how can I reset the password of my account when the email link has expired")], indent: 7),
            .init([.init("0.087  ", .dim), .init("[billing] ", label: 1), .init("why was I charged twice")], indent: 7),
            .init([.init("0.132  ", .dim), .init("[account] ", label: 0), .init("forgot password"), .init(" ✓", .good)], indent: 7),
            .init([.init("0.310  ", .dim), .init("[other] ", label: 3), .init("is there a dark mode"), .init(" ✗", .bad)], indent: 7),
        ])
        try show("textlist", .textList(list), width: 60, height: 12)
        try text.write(toFile: dir + "/figures.txt", atomically: true, encoding: .utf8)
    }
}
