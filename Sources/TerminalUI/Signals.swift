import CNcurses
import Foundation

/// Gives the terminal back on every way out: termination signals and crashes (a trap in the
/// kernel's thread included) call `endwin` before the process dies as the signal says. SIGINT
/// only arrives from outside, since raw mode turns Ctrl-C into a key.
enum Signals {
    /// Whether curses mode is on, so the terminal is restored exactly once.
    nonisolated(unsafe) static var cursesActive = false

    static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(sig, terminated) }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] { signal(sig, crashed) }
        atexit { Signals.restore() }
    }

    static func restore() {
        guard cursesActive else { return }
        cursesActive = false
        endwin()
    }
}

private func terminated(_ sig: Int32) {
    Signals.restore()
    signal(sig, SIG_DFL)
    raise(sig)
}

private func crashed(_ sig: Int32) {
    Signals.restore()
    let message = "\naelab crashed; the terminal was restored.\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    signal(sig, SIG_DFL)
    raise(sig)
}
