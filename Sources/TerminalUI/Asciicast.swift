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
    /// Seconds a finished cell stays on the screen at least (less when the idle limit is
    /// shorter): cells recorded back to back would otherwise pass within one frame.
    static let cellHold = 1.0
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
    /// never replaces a good one), its colours encoded for `depth`. Returns the number of frames.
    @discardableResult
    public static func write(_ contents: Session.Contents, name: String, to path: String,
                             width: Int = 120, height: Int = 40, idleLimit: Double = 2, depth: ColorDepth = .palette256) throws -> Int {
        _ = try size("\(width)x\(height)")
        let (text, frames) = cast(contents, name: name, width: width, height: height, idleLimit: idleLimit, depth: depth)
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw NotebookError.failed("asciicast: \(error)")
        }
        return frames
    }

    /// The cast's text (header line, then one `[time, "o", text]` line a frame) and its frame count.
    /// Pauses longer than `idleLimit` are cut to it, as asciinema does, and every finished cell
    /// is held on the screen for `cellHold` seconds (or the idle limit, if shorter) before the
    /// next event; the last frame shows the cursor again.
    static func cast(_ contents: Session.Contents, name: String, width: Int, height: Int, idleLimit: Double,
                     depth: ColorDepth = .palette256) -> (String, Int) {
        let session = ReplaySession(contents: contents, name: name, idleLimit: idleLimit)
        session.showsKeys = false
        let timestamp = ISO8601DateFormatter().date(from: contents.header.started).map { Int($0.timeIntervalSince1970) } ?? 0
        let term = depth == .none ? "xterm" : "xterm-256color"
        let colorterm = depth == .trueColor ? ", \"COLORTERM\": \"truecolor\"" : ""
        var out = "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"timestamp\": \(timestamp), \"title\": \(jsonString("aelab replay " + name)), \"env\": {\"TERM\": \"\(term)\"\(colorterm)}}\n"
        var painter = FramePainter(depth: depth)
        var frames = 0
        var lastTime = -1.0
        func paint(at time: Double, last: Bool = false) {
            // Times printed to the millisecond, each later than the one before.
            let time = max((time * 1000).rounded() / 1000, lastTime + 0.001)
            lastTime = time
            let frame = session.render(width: width, height: height)
            // `asciinema play` leaves the terminal as the cast does: the cursor comes back at the end.
            let text = painter.paint(frame.canvas) + (last ? "\u{1B}[0m\u{1B}[\(height);1H\u{1B}[?25h" : "")
            out += "[\(String(format: "%.3f", time)), \"o\", \(jsonString(text))]\n"
            frames += 1
        }
        let times = session.timeline.times
        let castTimes = Asciicast.castTimes(times, entries: contents.entries, hold: min(cellHold, idleLimit))
        paint(at: 0, last: times.isEmpty)
        // One frame for each tenth of a second of the cast in which events arrive, painted
        // after the last of them.
        var i = 0
        while i < times.count {
            let slot = (castTimes[i] * framesPerSecond).rounded(.down)
            var end = i + 1
            while end < times.count, (castTimes[end] * framesPerSecond).rounded(.down) == slot { end += 1 }
            session.advance(to: times[end - 1])
            paint(at: castTimes[end - 1], last: end == times.count)
            i = end
        }
        return (out, frames)
    }

    /// The replay clock's `times` with the gap after each finished cell made at least `hold`.
    static func castTimes(_ times: [Double], entries: [Session.Entry], hold: Double) -> [Double] {
        var shift = 0.0
        var result: [Double] = []
        result.reserveCapacity(times.count)
        for i in times.indices {
            if i > 0, case .cellFinished = entries[i - 1].event { shift += max(0, hold - (times[i] - times[i - 1])) }
            result.append(times[i] + shift)
        }
        return result
    }
}

/// Turns frames into the ANSI text that paints them over the previous one: the first clears
/// the screen, later ones rewrite only the rows that changed.
struct FramePainter {
    private var previous: [Substring] = []
    /// How colours are encoded (`--color`); 256 colours unless asked otherwise.
    var depth = ColorDepth.palette256

    init(depth: ColorDepth = .palette256) { self.depth = depth }

    mutating func paint(_ canvas: Canvas) -> String {
        // Every row from `ansi` starts from the default colours and ends with a reset, so rows
        // can be written on their own.
        let rows = ansi(canvas, depth: depth).split(separator: "\n", omittingEmptySubsequences: false)
        var out = previous.count == rows.count ? "" : "\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J"
        for (i, row) in rows.enumerated() where previous.count != rows.count || previous[i] != row {
            out += "\u{1B}[\(i + 1);1H" + row
        }
        previous = rows
        return out
    }
}
