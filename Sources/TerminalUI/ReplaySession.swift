import Foundation
import Notebook

/// A recorded session played into the screen model the live notebook uses: the timeline says
/// which events are due, the model shows them. Keys steer it; no terminal is needed.
final class ReplaySession {
    let contents: Session.Contents
    /// Named in the caption line.
    let name: String
    private(set) var timeline: ReplayTimeline
    private(set) var model: ScreenModel
    /// Whether the key hints are shown (an asciicast has no keys).
    var showsKeys = true

    init(contents: Session.Contents, name: String, idleLimit: Double) {
        self.contents = contents
        self.name = name
        timeline = ReplayTimeline(entries: contents.entries, idleLimit: idleLimit)
        model = ReplaySession.emptyModel(contents)
    }

    private static func emptyModel(_ contents: Session.Contents) -> ScreenModel {
        let model = ScreenModel(history: History(path: nil), completion: Completion(commands: []))
        model.placeholder = contents.entries.isEmpty ? "The recording holds no events." : "The recording has not reached its first cell yet."
        return model
    }

    /// What a key does: false when it quits.
    func handle(_ key: Key) -> Bool {
        if case .fullScreen = model.mode, key != .character("q") {
            // ← → go through the figures there, any other key comes back.
            _ = model.handle(key)
            return true
        }
        switch key {
        case .character("q"), .character("Q"), .control("c"), .control("d"): return false
        case .character("z"): _ = model.handle(key)
        case .character(" "): timeline.paused.toggle()
        case .character("+"), .character("="): timeline.faster()
        case .character("-"), .character("_"): timeline.slower()
        case .right: if let jump = timeline.nextCell() { show(jump) }
        case .left: show(timeline.previousCell())
        case .character("g"), .home: show(timeline.toStart())
        case .character("G"), .end: show(timeline.toEnd())
        case .pageUp, .pageDown, .wheelUp, .wheelDown: _ = model.handle(key)
        default: break
        }
        return true
    }

    /// Moves the replay clock on by `seconds` of real time; whether events were shown.
    @discardableResult
    func advance(by seconds: Double) -> Bool {
        let due = timeline.advance(by: seconds)
        show(.forward(due))
        return !due.isEmpty
    }

    /// Sets the replay clock to `time` whether paused or not, showing the events due by then.
    func advance(to time: Double) {
        show(.forward(timeline.advance(to: time)))
    }

    private func show(_ jump: ReplayTimeline.Jump) {
        let range: Range<Int>
        switch jump {
        case .forward(let r): range = r
        case .rebuild(let count):
            model = ReplaySession.emptyModel(contents)
            range = 0..<count
        }
        for i in range {
            let entry = contents.entries[i]
            // The recorded times keep the training panel's speeds as they were measured.
            model.replay(entry.event, at: Date(timeIntervalSinceReferenceDate: entry.t))
        }
    }

    /// "replay ▶ 2× — cell 3/8 — 0:12/1:05"
    var statusText: String {
        // Tenths of a second while they matter: short sessions would otherwise read 0:00/0:00.
        let tenths = timeline.duration < 60
        let clock = clockText(timeline.clock, tenths: tenths) + "/" + clockText(timeline.duration, tenths: tenths)
        let state = timeline.isAtEnd ? "■" : timeline.paused ? "⏸" : "▶"
        return "replay \(state) \(speedText(timeline.speed)) — cell \(timeline.currentCell)/\(timeline.cellCount) — \(clock)"
    }

    func render(width: Int, height: Int) -> Frame {
        model.status.replay = statusText
        let header = contents.header
        var caption = "\(name) — recorded \(header.started.replacingOccurrences(of: "T", with: " ").prefix(16))"
        if header.columns > 0 { caption += " at \(header.columns)×\(header.rows)" }
        let hint: String
        if let problem = contents.problem {
            hint = "⚠ " + problem
        } else if !showsKeys {
            hint = ""
        } else if timeline.isAtEnd {
            hint = "end of the recording · g from the start · ← previous cell · q quit"
        } else {
            hint = "Space pause · + − speed · → next cell · ← previous cell · g G start/end · z full screen · PgUp PgDn scroll · q quit"
        }
        model.replayChrome = ReplayChrome(hint: hint, warning: contents.problem != nil, caption: caption, keys: showsKeys ? "q quit" : "")
        return model.render(width: width, height: height)
    }
}

/// "2×", "0.5×", "0.25×"
func speedText(_ speed: Double) -> String {
    speed == speed.rounded() ? "\(Int(speed))×" : "\(speed)×"
}
