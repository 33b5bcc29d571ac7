import Files
import Foundation
import Networks
import Notebook
import Rendering

/// A replay written as an asciicast v2 recording (asciinema's format), made without a terminal:
/// the screen model is driven through the session and each frame is painted with ANSI text.
public enum Asciicast {
    /// Frames a second of replay time, at most.
    static let framesPerSecond = 10.0
    /// The smallest screen the notebook draws on, and the largest a cast may have (a frame of
    /// 1000×500 cells is already 500,000 cells to paint).
    public static let minSize = (width: 80, height: 24)
    public static let maxSize = (width: 1000, height: 500)

    /// The screen size `COLUMNSxROWS` names, checked against `minSize` and `maxSize`.
    public static func size(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
            throw NotebookError.failed("--size: expected COLUMNSxROWS, such as 120x40; got '\(text.escapingControlCharacters)'")
        }
        guard (minSize.width...maxSize.width).contains(width), (minSize.height...maxSize.height).contains(height) else {
            throw NotebookError.failed("--size: \(width)x\(height) is outside \(minSize.width)x\(minSize.height) to \(maxSize.width)x\(maxSize.height)")
        }
        return (width, height)
    }

    /// Writes the cast of `contents` to `path` (through a temporary file, so a half-written cast
    /// never replaces a good one). Returns the number of frames.
    @discardableResult
    public static func write(_ contents: Session.Contents, name: String, to path: String,
                             width: Int = 120, height: Int = 40, idleLimit: Double = 2) throws -> Int {
        _ = try size("\(width)x\(height)")
        let (text, frames) = cast(contents, name: name, width: width, height: height, idleLimit: idleLimit)
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw NotebookError.failed("asciicast: \(error)")
        }
        return frames
    }

    /// The cast's text (header line, then one `[time, "o", text]` line a frame) and its frame count.
    static func cast(_ contents: Session.Contents, name: String, width: Int, height: Int, idleLimit: Double) -> (String, Int) {
        let session = ReplaySession(contents: contents, name: name, idleLimit: idleLimit)
        session.showsKeys = false
        let timestamp = ISO8601DateFormatter().date(from: contents.header.started).map { Int($0.timeIntervalSince1970) } ?? 0
        var out = "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"timestamp\": \(timestamp), \"title\": \(jsonString("aelab replay " + name)), \"env\": {\"TERM\": \"xterm-256color\"}}\n"
        var painter = FramePainter()
        var frames = 0
        var lastTime = -1.0
        func paint(at time: Double) {
            // Times printed to the millisecond, each later than the one before.
            let time = max((time * 1000).rounded() / 1000, lastTime + 0.001)
            lastTime = time
            let frame = session.render(width: width, height: height)
            out += "[\(String(format: "%.3f", time)), \"o\", \(jsonString(painter.paint(frame.canvas)))]\n"
            frames += 1
        }
        paint(at: 0)
        // One frame for each tenth of a second of replay time in which events arrive, painted
        // after the last of them.
        let times = session.timeline.times
        var i = 0
        while i < times.count {
            let slot = (times[i] * framesPerSecond).rounded(.down)
            var end = i + 1
            while end < times.count, (times[end] * framesPerSecond).rounded(.down) == slot { end += 1 }
            session.advance(to: times[end - 1])
            paint(at: times[end - 1])
            i = end
        }
        return (out, frames)
    }
}

/// Turns frames into the ANSI text that paints them over the previous one: the first clears
/// the screen, later ones rewrite only the rows that changed.
struct FramePainter {
    private var previous: [Substring] = []

    mutating func paint(_ canvas: Canvas) -> String {
        // Every row from `ansi` starts from the default colours and ends with a reset, so rows
        // can be written on their own.
        let rows = ansi(canvas, depth: .palette256).split(separator: "\n", omittingEmptySubsequences: false)
        var out = previous.count == rows.count ? "" : "\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J"
        for (i, row) in rows.enumerated() where previous.count != rows.count || previous[i] != row {
            out += "\u{1B}[\(i + 1);1H" + row
        }
        previous = rows
        return out
    }
}
