import Files
import Foundation
import Rendering

/// Plays a recorded session back without a terminal UI: prints it, checks it, or exports it.
public struct SessionPlayer {
    public let contents: Session.Contents
    public var write: (String) -> Void = printLine
    public var pictureWidth = 100
    public var colorDepth = ColorDepth.detect(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(1) == 1)

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
        // Recorded text is shown with its control characters escaped: a session file must not
        // be able to clear the screen or retitle the window.
        case let .cellStarted(cell, command): return ["[\(cell)] \(command.escapingControlCharacters)"]
        case .text(let line): return ["    " + line.escapingControlCharacters]
        case .cellFinished(let summary): return summary.error.map { ["    error: \($0.escapingControlCharacters)"] } ?? []
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
        do { try FilePath.createFolder(directory) } catch { throw NotebookError.failed("export-png: \(error)") }
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

    /// What `verify` found: a line a cell, what was compared, and whether all of it matched.
    public struct Verification: Sendable {
        public var lines: [String]
        public var ok: Bool
        public var cells = 0
        public var figures = 0
        public var checksums = 0
        /// The last line to print: what was compared and the verdict, or why nothing could be.
        public var summary: String
    }

    /// Why the recording cannot be verified at all (damaged, cut off, empty), or nil.
    public var unverifiableReason: String? {
        if let problem = contents.problem { return "cannot verify a damaged recording: \(problem)" }
        if contents.closed == false { return "cannot verify: the recording has no end line, so aelab stopped while recording (killed, or the disk filled) and cells may be missing" }
        var open: (cell: Int, command: String)?
        for entry in contents.entries {
            if case let .cellStarted(cell, command) = entry.event { open = (cell, command) }
            if case .cellFinished = entry.event { open = nil }
        }
        if let open { return "cannot verify: the recording stops inside cell \(open.cell) (\(open.command.escapingControlCharacters)), so aelab stopped while recording" }
        if cells.isEmpty { return "cannot verify: the recording holds no finished cells, so there is nothing to compare" }
        return nil
    }

    /// Runs the recorded commands again (after the cells that made the starting state) and
    /// compares every figure and data checksum with the recording, within `tolerance`
    /// (relative, with an absolute floor of 1e-6). Timings are not compared.
    public func verify(tolerance: Double = 1e-4, kernel: Kernel = Kernel()) -> Verification {
        if let reason = unverifiableReason { return Verification(lines: [], ok: false, summary: reason) }
        kernel.livePictures = false
        var result = Verification(lines: [], ok: true, summary: "")
        for starting in contents.startingCells {
            let (summary, _) = run(starting.command, on: kernel)
            guard summary.ok == starting.ok else {
                let why = starting.ok ? "failed now: \(summary.error ?? "")" : "succeeded now but failed before the recording"
                return Verification(lines: [], ok: false, summary: "cannot rebuild the state the recording started from: '\(starting.command.escapingControlCharacters)' \(why)")
            }
        }
        let checksums = recordedChecksums
        for recorded in cells {
            let (replayed, checksum) = run(recorded.command, on: kernel)
            var differences: [String] = []
            if replayed.ok != recorded.ok {
                differences.append(recorded.ok ? "failed now: \(replayed.error ?? "")" : "succeeded now but failed when recorded")
            }
            var compared = 0
            for (name, value) in recorded.metrics.sorted(by: { $0.key < $1.key }) where !SessionPlayer.isTiming(name) {
                compared += 1
                guard let now = replayed.metrics[name] else { differences.append("\(name) missing"); continue }
                let same = value.isNaN ? now.isNaN : abs(now - value) <= max(1e-6, tolerance * abs(value)) || now == value
                if !same { differences.append("\(name) \(value) → \(now)") }
            }
            if let expected = checksums[recorded.cell] {
                result.checksums += 1
                if checksum != expected { differences.append("the data differs: checksum \(expected) when recorded, \(checksum ?? "none") now") }
            }
            result.cells += 1
            result.figures += compared
            result.ok = result.ok && differences.isEmpty
            let what = "\(compared) figure\(compared == 1 ? "" : "s")" + (checksums[recorded.cell] == nil ? "" : " and the data checksum")
            result.lines.append("[\(recorded.cell)] \(recorded.command.escapingControlCharacters): " + (differences.isEmpty ? "same (\(what))" : "DIFFERENT: " + differences.joined(separator: "; ")))
        }
        let compared = "\(result.cells) cell\(result.cells == 1 ? "" : "s"), \(result.figures) figure\(result.figures == 1 ? "" : "s")"
            + (result.checksums > 0 ? " and \(result.checksums) data checksum\(result.checksums == 1 ? "" : "s")" : "")
        let rebuilt = contents.startingCells.isEmpty ? ""
            : " (after rebuilding the starting state from \(contents.startingCells.count) earlier cell\(contents.startingCells.count == 1 ? "" : "s"))"
        let differing = result.lines.filter { $0.contains(": DIFFERENT: ") }.count
        result.summary = result.ok ? "verified: \(compared) match the recording\(rebuilt)"
            : "the replay differs from the recording in \(differing) of \(result.cells) cells (compared \(compared))\(rebuilt)"
        return result
    }

    /// The data checksum each recorded cell reported, by cell number.
    private var recordedChecksums: [Int: String] {
        var cell = 0
        var out: [Int: String] = [:]
        for entry in contents.entries {
            if case .cellStarted(let c, _) = entry.event { cell = c }
            if case .dataLoaded(_, _, _, let checksum) = entry.event { out[cell] = checksum }
        }
        return out
    }

    /// Runs `command` and gives its summary (with the figures of a failing cell too) and the
    /// data checksum it reported.
    private func run(_ command: String, on kernel: Kernel) -> (CellSummary, String?) {
        var summary: CellSummary?
        var checksum: String?
        do {
            _ = try kernel.execute(command) { event in
                if case .cellFinished(let s) = event { summary = s }
                if case .dataLoaded(_, _, _, let c) = event { checksum = c }
            }
        } catch {
            if summary == nil { summary = CellSummary(cell: 0, command: command, ok: false, seconds: 0, metrics: [:], error: "\(error)") }
        }
        return (summary ?? CellSummary(cell: 0, command: command, ok: true, seconds: 0, metrics: [:], error: nil), checksum)
    }
}
