import Foundation
import Rendering

/// Plays a recorded session back without a terminal UI: prints it, checks it, or exports it.
public struct SessionPlayer {
    public let contents: Session.Contents
    public var write: (String) -> Void = printLine
    public var pictureWidth = 100
    public var colorDepth = ColorDepth.detect(environment: ProcessInfo.processInfo.environment)

    public init(contents: Session.Contents) { self.contents = contents }

    /// The cells and their output, as `aelab run` printed them.
    public func printAll() {
        var training = false
        for entry in contents.entries {
            if case .training(let t) = entry.event {
                if case .started = t { training = true }
                if case .finished = t { training = false }
            }
            // Live pictures sent during training are not part of the printed cell, as in `aelab run`.
            if training, entry.event.figure != nil { continue }
            for line in SessionPlayer.lines(for: entry.event, width: pictureWidth, depth: colorDepth) { write(line) }
        }
    }

    /// How a headless viewer shows one event (no lines for progress events).
    public static func lines(for event: KernelEvent, width: Int, depth: ColorDepth) -> [String] {
        switch event {
        case let .cellStarted(cell, command): return ["[\(cell)] \(command)"]
        case .text(let line): return ["    " + line]
        case .cellFinished(let summary): return summary.error.map { ["    error: \($0)"] } ?? []
        case .training, .dataLoaded, .explore: return []
        case .images, .chart, .scatter, .figure:
            guard let canvas = event.figure?.inline(width: width - 4) else { return [] }
            return ansi(canvas, depth: depth).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
    }

    /// The commands of the recorded cells, in order, with the metrics each reported.
    public var cells: [CellSummary] {
        contents.entries.compactMap { if case .cellFinished(let s) = $0.event { return s } else { return nil } }
    }

    /// Writes every picture as DIR/NNN-cellC-what.png; returns the paths.
    public func exportPNGs(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var cell = 0, count = 0
        var paths: [String] = []
        for entry in contents.entries {
            if case .cellStarted(let c, _) = entry.event { cell = c }
            guard let figure = entry.event.figure else { continue }
            count += 1
            let path = String(format: "%@/%03d-cell%d-%@.png", directory, count, cell, figure.kind)
            do {
                try PNGFile.write(figure.png(), to: path, text: [("Software", "aelab"), ("Title", figure.title)])
            } catch {
                throw NotebookError.failed("export-png: \(error)")
            }
            paths.append(path)
        }
        return paths
    }

    /// Figures whose value depends on the machine's speed, not on the computation.
    static func isTiming(_ name: String) -> Bool { name.contains("seconds") || name.contains("per_second") }

    /// Runs the recorded commands again and compares every figure with the recording.
    /// Returns one line a cell and whether all matched within `tolerance` (relative, with an
    /// absolute floor of 1e-6).
    public func verify(tolerance: Double = 1e-4, kernel: Kernel = Kernel()) -> (lines: [String], ok: Bool) {
        var lines: [String] = []
        var ok = true
        for recorded in cells {
            let replayed: CellSummary
            do {
                let result = try kernel.execute(recorded.command)
                replayed = CellSummary(cell: recorded.cell, command: recorded.command, ok: true, seconds: 0, metrics: result?.metrics ?? [:], error: nil)
            } catch {
                replayed = CellSummary(cell: recorded.cell, command: recorded.command, ok: false, seconds: 0, metrics: [:], error: "\(error)")
            }
            var differences: [String] = []
            if replayed.ok != recorded.ok {
                differences.append(recorded.ok ? "failed now: \(replayed.error ?? "")" : "succeeded now but failed when recorded")
            }
            for (name, value) in recorded.metrics.sorted(by: { $0.key < $1.key }) where !SessionPlayer.isTiming(name) {
                guard let now = replayed.metrics[name] else { differences.append("\(name) missing"); continue }
                if abs(now - value) > max(1e-6, tolerance * abs(value)) {
                    differences.append("\(name) \(value) → \(now)")
                }
            }
            ok = ok && differences.isEmpty
            let figures = recorded.metrics.keys.filter { !SessionPlayer.isTiming($0) }.count
            lines.append("[\(recorded.cell)] \(recorded.command): " + (differences.isEmpty ? "same (\(figures) figures)" : "DIFFERENT: " + differences.joined(separator: "; ")))
        }
        return (lines, ok)
    }
}
