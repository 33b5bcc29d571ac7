import ArgumentParser
import Foundation
import Notebook
import Rendering
import TerminalUI

/// The `aelab` command: the notebook in the terminal, and its headless siblings.
@main
struct Aelab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aelab",
        abstract: "An interactive terminal lab for autoencoders.",
        version: Session.aelabVersion,
        subcommands: [Interactive.self, Run.self, Replay.self, Bench.self],
        defaultSubcommand: Interactive.self)
}

/// The colour depth a `--color` value names, nil when it was not given. A bad name is a usage
/// error (exit status 64, as every other bad option).
func colorDepth(_ name: String?) throws -> ColorDepth? {
    guard let name else { return nil }
    guard let depth = ColorDepth(name: name) else { throw ValidationError("--color: expected truecolor, 256, 16 or none; got '\(name)'") }
    return depth
}

/// Prints one line to standard error and exits with status 2: aelab's answer to input it cannot
/// use (a file that is missing or malformed). Bad options are usage errors instead (status 64).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("aelab: " + message + "\n").utf8))
    Foundation.exit(2)
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a notebook file (.ae) without the terminal UI.")

    @Argument(help: "The notebook file: one command a line, # for comments.", completion: .file(extensions: ["ae"]))
    var file: String

    @Flag(help: "Print one JSON object a cell instead of the cells' text.")
    var json = false

    @Option(help: "Record the run's events to this session file (.aesession).", completion: .file(extensions: ["aesession"]))
    var record: String?

    @Option(help: "Colours for pictures: truecolor, 256, 16 or none (default: none into a pipe or a file, with TERM=dumb or NO_COLOR set; else from COLORTERM and TERM).")
    var color: String?

    func validate() throws { _ = try colorDepth(color) }

    func run() throws {
        var runner = NotebookRunner(path: file, format: json ? .json : .text, colorDepth: try colorDepth(color))
        if let record {
            do { runner.recorder = try SessionRecorder(path: record, source: file, inputs: [file]) } catch { fail("\(error)") }
        }
        var status = runner.run()
        if let failure = runner.recorder?.close() {
            FileHandle.standardError.write(Data("aelab: the recording is incomplete: \(failure)\n".utf8))
            status = max(status, 2)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure BLAS and training speed (use a release build).")

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    @Option(help: "Timed epochs per configuration (the median is reported; text rows time at most 2).")
    var epochs = 5

    @Option(help: "Only these rows, comma-separated (dense-ae, seq2seq, lstm-ae…).")
    var rows: String?

    func run() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        do {
            let only = rows.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
            var report = try Benchmark.run(epochs: epochs, only: only) { line in if !json { printLine(line) } }
            let ui = InterfaceBenchmark.run()
            report.interface = Benchmark.InterfaceRow(frame_ms: ui.frameMilliseconds, key_ms: ui.keyMilliseconds,
                                                      draw_share_at_10fps: ui.drawShareAtTenFPS, grid_ansi_ms: ui.gridANSIMilliseconds,
                                                      explore_key_ms: ui.exploreKeyMilliseconds)
            if !json {
                print(String(format: "interface 120×40 while training: %.2f ms a frame (%.1f%% of a core at 10 frames/s), key to frame %.2f ms",
                             ui.frameMilliseconds, 100 * ui.drawShareAtTenFPS, ui.keyMilliseconds))
                print(String(format: "10×10 grid of 28×28 digits to ANSI: %.2f ms", ui.gridANSIMilliseconds))
                print(String(format: "explore: an arrow key to the 120×40 frame with the new decoding (2 → 512 → 784): %.2f ms", ui.exploreKeyMilliseconds))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            }
        } catch {
            fail("bench: \(error)")
        }
    }
}

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play back a recorded session (.aesession).",
        discussion: """
            In a terminal the session plays in the notebook as it happened. Keys: Space pause/resume, \
            + and - speed (0.25× to 64×), → next cell, ← previous cell (pausing there), g and G start and end, \
            z full screen, q quit. Without a terminal (or with --headless) the cells are printed.
            """)

    @Argument(help: "The session file.", completion: .file(extensions: ["aesession"]))
    var file: String

    @Flag(help: "Print the cells and their output at once, as 'aelab run' would.")
    var headless = false

    @Flag(help: "Run the recorded commands again and check that every figure matches the recording.")
    var verify = false

    @Option(help: "Relative tolerance for --verify.")
    var tolerance = 1e-4

    @Option(name: .customLong("export-png"), help: "Write every image and chart of the session as PNG files into this folder.", completion: .directory)
    var exportPNG: String?

    @Option(help: "Write the replayed screen as an asciicast v2 file (.cast) instead of playing it.", completion: .file(extensions: ["cast"]))
    var asciicast: String?

    @Option(help: "The asciicast's screen size, COLUMNSxROWS.")
    var size = "120x40"

    @Option(help: "Colours for pictures: truecolor, 256, 16 or none (default: none into a pipe or a file, with TERM=dumb or NO_COLOR set; else from COLORTERM and TERM).")
    var color: String?

    @Option(name: .customLong("idle-limit"), help: "Shorten pauses longer than this many seconds to it.")
    var idleLimit = 2.0

    func validate() throws {
        guard idleLimit > 0 else { throw ValidationError("--idle-limit must be more than 0 seconds") }
        guard tolerance >= 0 else { throw ValidationError("--tolerance must be 0 or more") }
        do { _ = try Asciicast.size(size) } catch { throw ValidationError("\(error)") }
        _ = try colorDepth(color)
    }

    func run() throws {
        let contents: Session.Contents
        do { contents = try Session.read(file) } catch { fail("\(error)") }
        var player = SessionPlayer(contents: contents)
        if let depth = try colorDepth(color) { player.colorDepth = depth }
        // --verify says it in its verdict; the other ways of replaying play what was read, then say it.
        defer { if let problem = contents.problem, !verify { FileHandle.standardError.write(Data(("aelab: " + problem.escapingControlCharacters + "\n").utf8)) } }
        if let exportPNG {
            do {
                let paths = try player.exportPNGs(to: exportPNG)
                print("wrote \(paths.count) PNG file\(paths.count == 1 ? "" : "s") to \(exportPNG)")
            } catch { fail("\(error)") }
        }
        if let asciicast {
            let dimensions: (width: Int, height: Int)
            do { dimensions = try Asciicast.size(size) } catch { fail("\(error)") }
            do {
                let frames = try Asciicast.write(contents, name: file, to: asciicast, width: dimensions.width, height: dimensions.height,
                                                idleLimit: idleLimit, depth: try colorDepth(color) ?? .palette256)
                print("wrote \(frames) frames to \(asciicast)")
            } catch { fail("\(error)") }
            return
        }
        if verify {
            let result = player.verify(tolerance: tolerance)
            result.lines.forEach { printLine($0) }
            if result.ok { printLine(result.summary) } else { FileHandle.standardError.write(Data(("aelab: " + result.summary + "\n").utf8)) }
            if !result.ok { throw ExitCode(1) }
            return
        }
        guard headless || exportPNG == nil else { return }
        if headless || !TerminalReplay.hasTerminal || TerminalCheck.problem() != nil {
            player.printAll()
        } else {
            let status = TerminalReplay.run(contents, name: file, idleLimit: idleLimit)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
