import Foundation
import Notebook

/// Where a replay is in a recorded session and how fast it goes, without a screen: the clock,
/// the speed, pausing, and jumps between cells. The replay clock runs on the recorded times
/// with every gap longer than the idle limit shortened to it, as asciinema does.
struct ReplayTimeline {
    /// What a jump asks of the screen.
    enum Jump: Equatable {
        /// Show these entries on top of what is shown.
        case forward(Range<Int>)
        /// Start from an empty screen and show the first `n` entries.
        case rebuild(Int)
    }

    static let slowest = 0.25
    static let fastest = 64.0

    let entries: [Session.Entry]
    /// Each entry's time on the replay clock.
    let times: [Double]
    /// The indices of the cellStarted entries.
    let cellStarts: [Int]
    /// Entries before this index are on the screen.
    private(set) var shown = 0
    /// Seconds on the replay clock.
    private(set) var clock = 0.0
    private(set) var speed = 1.0
    var paused = false

    init(entries: [Session.Entry], idleLimit: Double) {
        self.entries = entries
        var times: [Double] = []
        var previous = 0.0, now = 0.0
        for entry in entries {
            now += min(max(0, entry.t - previous), idleLimit)
            previous = max(previous, entry.t)
            times.append(now)
        }
        self.times = times
        cellStarts = entries.indices.filter {
            if case .cellStarted = entries[$0].event { return true } else { return false }
        }
    }

    var duration: Double { times.last ?? 0 }
    var isAtEnd: Bool { shown == entries.count }
    var cellCount: Int { cellStarts.count }
    /// The cell on the screen, counted from 1; 0 before the first.
    var currentCell: Int { cellStarts.prefix { $0 < shown }.count }

    /// Moves the clock on by `seconds` of real time (unless paused); the entries now due.
    mutating func advance(by seconds: Double) -> Range<Int> {
        advance(to: paused ? clock : clock + seconds * speed)
    }

    /// Sets the clock to `time` (not past the end); the entries now due.
    mutating func advance(to time: Double) -> Range<Int> {
        clock = min(duration, max(clock, time))
        var end = shown
        while end < entries.count, times[end] <= clock { end += 1 }
        defer { shown = end }
        return shown..<end
    }

    mutating func faster() { speed = min(ReplayTimeline.fastest, speed * 2) }
    mutating func slower() { speed = max(ReplayTimeline.slowest, speed / 2) }

    /// To the start of the next cell; nil when no cell starts after what is shown.
    mutating func nextCell() -> Jump? {
        guard let start = cellStarts.first(where: { $0 >= shown }) else { return nil }
        return seek(to: start + 1)
    }

    /// To the start of the cell before the one on the screen, or to the beginning.
    ///
    /// The replay pauses there: cells recorded back to back (a notebook run with `aelab run`)
    /// start within milliseconds of each other, so playing on would be back in the cell it
    /// left before a person saw the one it went to. Space plays on.
    mutating func previousCell() -> Jump {
        paused = true
        let current = currentCell
        return seek(to: current >= 2 ? cellStarts[current - 2] + 1 : 0)
    }

    mutating func toStart() -> Jump { seek(to: 0) }
    mutating func toEnd() -> Jump { seek(to: entries.count) }

    /// Shows the first `count` entries, with the clock at the last of them.
    mutating func seek(to count: Int) -> Jump {
        let count = min(max(count, 0), entries.count)
        clock = count == 0 ? 0 : times[count - 1]
        defer { shown = count }
        return count >= shown ? .forward(shown..<count) : .rebuild(count)
    }
}

/// "1:05" for 65 seconds; with `tenths`, "1:05.3".
func clockText(_ seconds: Double, tenths: Bool = false) -> String {
    let tenthsTotal = Int((max(0, seconds) * 10 + 1e-6).rounded(.down))
    let s = tenthsTotal / 10
    let whole = s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    return tenths ? whole + ".\(tenthsTotal % 10)" : whole
}
