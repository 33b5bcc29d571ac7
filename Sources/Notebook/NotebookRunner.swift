import Foundation
import Networks
import Rendering

/// Runs a notebook file without a terminal UI: each cell's output as it comes, or one JSON
/// object a cell, stopping at the first cell that fails.
public struct NotebookRunner {
    public enum Format { case text, json }

    public let path: String
    public let format: Format
    public var write: (String) -> Void = printLine
    public var writeError: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    /// Columns available for pictures ($COLUMNS, else 100).
    public var pictureWidth: Int
    /// Colours for pictures: from the environment (COLORTERM, TERM, NO_COLOR) unless forced.
    public var colorDepth: ColorDepth

    public init(path: String, format: Format, colorDepth: ColorDepth? = nil) {
        self.path = path
        self.format = format
        let environment = ProcessInfo.processInfo.environment
        pictureWidth = environment["COLUMNS"].flatMap(Int.init).map { max(40, $0) } ?? 100
        self.colorDepth = colorDepth ?? ColorDepth.detect(environment: environment)
    }

    /// Receives every kernel event as well (a session recorder).
    public var recorder: SessionRecorder?

    /// Runs every cell; returns the exit status (0, or 2 for the first failing cell).
    public func run(kernel: Kernel = Kernel()) -> Int32 {
        // The printer skips pictures sent during training; only a recording keeps them.
        kernel.livePictures = recorder != nil
        let text: String
        switch notebookText(at: path) {
        case .success(let contents): text = contents
        case .failure(let error):
            writeError("aelab: \(error)")
            return 2
        }
        var cellNumber = 0
        for (index, line) in text.lines.enumerated() {
            let command: Command
            do {
                guard let parsed = try Command.parse(String(line)) else { continue }
                command = parsed
            } catch {
                writeError("\(path):\(index + 1): \(error)".escapingControlCharacters)
                return 2
            }
            cellNumber += 1
            // What the notebook and the cells say is shown with control characters escaped: an
            // ESC in a command must not clear the screen or retitle the window.
            if format == .text { write("[\(cellNumber)] \(command.text.escapingControlCharacters)") }
            let start = Date()
            do {
                var training = false
                let result = try kernel.execute(command) { event in
                    recorder?.record(event)
                    guard format == .text else { return }
                    // Pictures sent while training are for live viewers; the printer shows results.
                    if case .training(let t) = event {
                        if case .started = t { training = true }
                        if case .finished = t { training = false }
                    }
                    if case .text(let line) = event { write("    " + line.escapingControlCharacters) }
                    if training { return }
                    if let canvas = event.figure?.inline(width: pictureWidth - 4) {
                        for line in ansi(canvas, depth: colorDepth).split(separator: "\n", omittingEmptySubsequences: false) { write("    " + line) }
                    }
                }
                if format == .json {
                    write(NotebookRunner.json(cell: cellNumber, command: command.text, ok: true, seconds: Date().timeIntervalSince(start), metrics: result.metrics, error: nil))
                }
            } catch {
                if format == .json {
                    write(NotebookRunner.json(cell: cellNumber, command: command.text, ok: false, seconds: Date().timeIntervalSince(start), metrics: [:], error: "\(error)"))
                }
                writeError("\(path):\(index + 1): \(error)".escapingControlCharacters)
                return 2
            }
            if let failure = recorder?.failure {
                // The run was asked for with its recording; one cut short is not what was asked.
                writeError("aelab: recording stopped at cell \(cellNumber): \(failure); the rest of the notebook was not run")
                return 2
            }
        }
        return 0
    }

    /// One cell as a JSON line, keys in a fixed order so the output diffs cleanly.
    static func json(cell: Int, command: String, ok: Bool, seconds: Double, metrics: [String: Double], error: String?) -> String {
        let metricText = metrics.keys.sorted().map { "\(jsonString($0)): \(jsonNumber(metrics[$0]!))" }.joined(separator: ", ")
        var parts = ["\"cell\": \(cell)", "\"command\": \(jsonString(command))", "\"ok\": \(ok)",
                     "\"seconds\": \(String(format: "%.3f", seconds))", "\"metrics\": {\(metricText)}"]
        if let error { parts.append("\"error\": \(jsonString(error))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// A JSON number; NaN and infinities, which JSON lacks, become null.
func jsonNumber(_ v: Double) -> String {
    guard v.isFinite else { return "null" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: "%.6g", v)
}
