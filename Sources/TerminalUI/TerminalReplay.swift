import Foundation
import Notebook

/// `aelab replay FILE` in the terminal: the recorded session as it happened, steerable.
public enum TerminalReplay {
    /// Whether standard input and output are a terminal to play in.
    public static var hasTerminal: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Plays `contents` until the person quits; gaps longer than `idleLimit` seconds are
    /// shortened to it. Returns the exit status.
    public static func run(_ contents: Session.Contents, name: String, idleLimit: Double) -> Int32 {
        Signals.install()
        guard let backend = CursesBackend() else {
            FileHandle.standardError.write(Data("aelab: cannot open the terminal (is TERM set?)\n".utf8))
            return 2
        }
        let session = ReplaySession(contents: contents, name: name, idleLimit: idleLimit)
        var last = Date(), lastDraw = Date.distantPast
        var keyPressed = true, dirty = true
        loop: while true {
            var wait: Int32 = 20
            while let key = backend.readKey(milliseconds: wait) {
                wait = 0
                keyPressed = true
                if key == .resize || key == .control("l") { backend.invalidate() }
                if !session.handle(key) { break loop }
            }
            let now = Date()
            if session.advance(by: now.timeIntervalSince(last)) { dirty = true }
            last = now
            // The clock in the status line moves even between events: ten frames a second while playing.
            if !session.timeline.paused && !session.timeline.isAtEnd { dirty = true }
            if now.timeIntervalSince(lastDraw) >= EventLoop.frameInterval, session.model.advanceAnimation() { dirty = true }
            if keyPressed || (dirty && now.timeIntervalSince(lastDraw) >= EventLoop.frameInterval) {
                let size = backend.size
                backend.draw(session.render(width: size.width, height: size.height))
                lastDraw = now
                keyPressed = false
                dirty = false
            }
        }
        backend.end()
        return 0
    }
}
